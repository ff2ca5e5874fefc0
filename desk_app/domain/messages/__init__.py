"""What the core tells people, as a code with parameters, rendered in English or Japanese from data.

An outcome a person reads — a refused step, a timeline entry, an answer that cannot be accepted, an
import line's problem, an audit or doctor finding, a dashboard bucket — is a `Message(code, params)`.
`texts.py` holds the English and the Japanese of every code and `labels.py` the words for the core's
enumerations, so the window and the command line render either language from one table.

The English texts are the core's historical wording: `str(exc)` of a `MessageError` is the English
rendering, which the command line prints and the tests read. In an English text `{state:code}` puts an
enumeration's code word (``fee_pending``) where the wording always had it; Japanese always has the label.
"""

from __future__ import annotations

import enum
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desk_app.domain.messages.language import ENGLISH as ENGLISH
from desk_app.domain.messages.language import JAPANESE as JAPANESE
from desk_app.domain.messages.language import Language as Language

# The same variable the window reads: "ja" makes the command line's error lines Japanese too.
LANGUAGE_ENV = "DESK_APP_LANGUAGE"
# A text the core has not given a code (or a person typed): shown as it is, in every language.
VERBATIM = "verbatim"


@dataclass(frozen=True)
class FieldName:
    """A record's field (``postal_code``) as a parameter: the code word in English, its label in Japanese."""

    name: str


@dataclass(frozen=True)
class Message:
    """One thing the core says: a code from `texts.TEXTS` and the values its placeholders name."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self, ENGLISH)


def message(code: str, **params: Any) -> Message:
    """`Message(code, params)` spelt as a call: ``message("case.not_found", case_id=7)``."""
    return Message(code, params)


def verbatim(text: str) -> Message:
    return Message(VERBATIM, {"text": text})


def as_message(value: Message | str) -> Message:
    return value if isinstance(value, Message) else verbatim(value)


class MessageError(Exception):
    """An exception a person reads: `str(exc)` is the English, `exc.explanation` the `Message` to render."""

    explanation: Message

    def __init__(self, explanation: Message | str) -> None:
        said = as_message(explanation)
        super().__init__(render(said, ENGLISH))
        self.explanation = said


class InvalidRequest(MessageError, ValueError):
    """A request the core cannot act on as given (a value missing or out of range), said in words."""


def message_of(error: BaseException) -> Message:
    """What `error` says as a `Message`: its own, or its English text shown as it is."""
    said = getattr(error, "explanation", None)
    return said if isinstance(said, Message) else verbatim(str(error))


def command_line_words(error: BaseException) -> str:
    """What `error` says on the command line: English, or Japanese with `DESK_APP_LANGUAGE=ja`."""
    return render(message_of(error), language_from_environment())


def language_from_environment(environ: Mapping[str, str] = os.environ) -> Language:
    """`DESK_APP_LANGUAGE=ja` for Japanese; English otherwise (the command line's default)."""
    return JAPANESE if environ.get(LANGUAGE_ENV, "").strip().lower() == JAPANESE else ENGLISH


class _Formatter(string.Formatter):
    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        from desk_app.domain.messages.labels import enum_label, field_label

        if isinstance(value, Message):
            return render(value, self.language)
        if isinstance(value, tuple | list):
            # "concat": pieces of one sentence; "items": "; " between entries; "clauses": "; " between
            # phrases that may hold lists of their own (／ in Japanese, whose 、 those lists use);
            # otherwise a list of words.
            separators = {"concat": ("", ""), "items": ("; ", "、"), "clauses": ("; ", "／")}
            english, japanese = separators.get(format_spec, (", ", "、"))
            inner = "" if format_spec in separators else format_spec
            parts = [self.format_field(item, inner) for item in value]
            return (japanese if self.language == JAPANESE else english).join(parts)
        # Only English keeps a code word; Japanese always says it in words.
        code_word = format_spec == "code" and self.language == ENGLISH
        if isinstance(value, FieldName):
            return value.name if code_word else field_label(value.name, self.language)
        if isinstance(value, enum.Enum):
            return str(value.value) if code_word else enum_label(value, self.language)
        if value is None:
            return "—"
        # A value that is no member (a state edited into something else) is shown as written.
        return format(value, "" if format_spec == "code" else format_spec)


def render(said: Message, language: Language) -> str:
    """`said` in `language`; a code without text (never shipped: a test checks) shows code and values."""
    from desk_app.domain.messages.texts import TEXTS

    if said.code == VERBATIM:
        return str(said.params.get("text", ""))
    texts = TEXTS.get(said.code)
    if texts is None:
        return f"{said.code} {dict(said.params)}"
    english, japanese = texts
    return _Formatter(language).format(japanese if language == JAPANESE else english, **said.params)
