"""Checking what the agent typed at an ask step and returning it in one normal form."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from desk_app import postal
from desk_app.domain.messages import MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import text_problem
from desk_app.scripts.model import Ask, InputType

# Hyphens, dashes and the long-vowel mark people type between postal code digits (after NFKC).
DASHES = "-‐‑‒–—―−ーｰ"
DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})\Z")
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+\Z")


class AnswerError(MessageError, ValueError):
    """An answer that cannot be accepted; the message is a plain reason to show the agent."""


def check_answer(ask: Ask, text: str) -> str:
    """The answer to `ask` in its normal form, or `AnswerError`.

    Normal forms: phone numbers in E.164, postal codes as 7 digits, dates as YYYY-MM-DD, yen as digits;
    text is kept as typed, without surrounding blanks. An optional question left blank gives "". Control
    and text-direction characters are refused (`desk_app.domain.safe_text.text_problem`); a multi-line answer
    keeps its line feeds.
    """
    cleaned = text.strip()
    if not cleaned:
        if ask.required:
            raise AnswerError(message("answer.required"))
        return ""
    if ask.max_length is not None and len(cleaned) > ask.max_length:
        raise AnswerError(message("answer.too_long", limit=ask.max_length, length=len(cleaned)))
    problem = text_problem(cleaned, multiline=ask.input is InputType.MULTILINE)
    if problem is not None:
        raise AnswerError(problem)
    if ask.input in (InputType.TEXT, InputType.MULTILINE):
        return cleaned
    # Full-width digits, ＠ and － become their ASCII forms.
    folded = unicodedata.normalize("NFKC", cleaned).strip()
    if ask.input is InputType.PHONE:
        try:
            return normalise(folded).e164
        except InvalidPhoneNumber as error:
            raise AnswerError(message("answer.not_phone", detail=str(error))) from None
    if ask.input is InputType.POSTAL_CODE:
        return _postal_code(folded)
    if ask.input is InputType.DATE:
        return _date(folded)
    if ask.input is InputType.YEN:
        return _yen(folded)
    if not EMAIL.match(folded):
        raise AnswerError(message("answer.not_email"))
    return folded


def _postal_code(text: str) -> str:
    digits = "".join(ch for ch in text.removeprefix("〒") if ch not in DASHES and not ch.isspace())
    if not (len(digits) == 7 and digits.isascii() and digits.isdigit()):
        raise AnswerError(message("answer.postal_code_digits"))
    if not postal.exists(digits):
        raise AnswerError(message("answer.no_such_postal_code"))
    return digits


def _date(text: str) -> str:
    match = DATE.match(text)
    if not match:
        raise AnswerError(message("answer.date_format"))
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise AnswerError(message("answer.no_such_date", text=text)) from None


def _yen(text: str) -> str:
    amount = text.removeprefix("¥").removesuffix("円").replace(",", "").strip()
    if amount.startswith(("-", "−")):
        raise AnswerError(message("answer.negative_yen"))
    if not (amount.isascii() and amount.isdigit()):
        raise AnswerError(message("answer.whole_yen"))
    return str(int(amount))
