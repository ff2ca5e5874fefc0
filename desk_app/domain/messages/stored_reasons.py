"""Why a letter was voided or not made, read back from the English it is stored in, as the message it was."""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any

from desk_app.domain.enums import CaseKind, CaseState, LetterKind
from desk_app.domain.messages import Message, verbatim

# The reasons a letter is voided for, as `letters.void_reason` and the `letter_voided` event keep them (in
# English, the words of the time): each code with the enumeration its placeholders name, if any.
_STORED_REASONS: dict[str, dict[str, type[Any]]] = {
    "letter.awaits_decision": {},
    "letter.calls_for_another": {"state": CaseState, "wanted": LetterKind},
    "letter.case_reopened": {},
    "letter.not_by_letter": {"kind": CaseKind},
    "letter.administrative": {},
    "letter.disclosure_after_fee": {"state": CaseState},
    "letter.nothing_decided": {"state": CaseState},
    "letter.fee_notice_free": {"kind": CaseKind},
    "letter.fee_received_already": {},
    "letter.fee_waived_already": {},
    "letter.no_fee_awaited": {"state": CaseState},
    # Why a fee notice or a deletion's letter was not made (the `letter_not_generated` event keeps it).
    "letter.identity_not_verified": {},
    "letter.no_customer": {},
    "letter.customer_erased": {},
    "letter.no_address": {},
    "letter.bad_postal_code": {},
}


@cache
def _stored_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    from desk_app.domain.messages.texts import TEXTS

    patterns = []
    for code in _STORED_REASONS:
        pattern = ""
        for literal, name, _, _ in string.Formatter().parse(TEXTS[code][0]):
            pattern += re.escape(literal)
            if name is not None:
                pattern += f"(?P<{name}>[a-z_]+)" if name in _STORED_REASONS[code] else f"(?P<{name}>.+?)"
        patterns.append((code, re.compile(pattern)))
    return tuple(patterns)


def stored_reason(text: str) -> Message:
    """A void reason kept with a letter as the message it was made from; text of another wording verbatim.

    The letters table keeps the reason in English (no migration for a code): it is read back here, so the
    mail room, the timeline and a refusal to print say it in the reader's language.
    """
    for code, pattern in _stored_patterns():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        params: dict[str, Any] = dict(found.groupdict())
        try:
            for name, kind in _STORED_REASONS[code].items():
                params[name] = kind(params[name])
        except ValueError:
            continue
        return Message(code, params)
    return verbatim(text)
