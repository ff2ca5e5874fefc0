"""What a caller may be asked to prove who they are, and how an answer is compared with the record."""

# One fact per question, compared exactly after normalising: the agent never sees the record's value, and
# an answer listing many dates, towns or numbers matches nothing.

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.storage.models import Customer, Order


class KnowledgeItem(enum.StrEnum):
    """What the caller may be asked: each one fact the record holds, compared exactly."""

    BIRTH_DATE = "birth_date"
    # The number part of the registered street (番地: 2-3-4, 二丁目3番4号), not the town everyone can look up.
    STREET_NUMBER = "street_number"
    RECENT_ORDER = "recent_order"


_RECENT_ORDERS = 5
_DASHES = "\\-‐‑‒–—―−ーｰ－"
_DASH = re.compile(f"[{_DASHES}]")
_BLANKS_AND_DASHES = re.compile(rf"[\s{_DASHES}]+")
_KANJI_DIGITS = dict(zip("〇一二三四五六七八九", "0123456789", strict=True))
# A number written in kanji where an address puts one: before 丁目, 番地, 番 or 号 (not 番町, a town's name).
_MARKER = r"(?:丁目|番地|番(?!町)|号)"
_KANJI_NUMBER = re.compile(rf"[〇一二三四五六七八九十]+(?={_MARKER})")
_MARKED = re.compile(rf"(?<=\d)\s*(?:{_MARKER}|の)\s*")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s-]+(?=\d)")
_STREET_NUMBER = re.compile(r"\d+(?:-\d+)*")
_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ERA_DATE = re.compile(r"(明治|大正|昭和|平成|令和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日?")
# The year before each era's first (元年): 昭和55年 is 1925 + 55.
_ERA_BEFORE = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}


def _flat(text: str) -> str:
    """`text` without blanks or dashes, in half-width, ignoring case: for order numbers."""
    return _BLANKS_AND_DASHES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _kanji_number(kanji: str) -> str:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23, 一〇五 → 105."""
    if "十" not in kanji:
        return "".join(_KANJI_DIGITS[char] for char in kanji)
    tens, _, ones = kanji.partition("十")
    value = (int(_kanji_number(tens)) if tens else 1) * 10 + (int(_kanji_number(ones)) if ones else 0)
    return str(value)


def _numbered(text: str) -> str:
    """An address with its numbers as digits joined by "-": NFKC (full-width digits), every dash form,
    kanji numbers before 丁目/番/号, and 丁目, 番地, 番, 号, の or a blank between numbers as "-"."""
    text = unicodedata.normalize("NFKC", text)
    text = _KANJI_NUMBER.sub(lambda match: _kanji_number(match[0]), text)
    text = _MARKED.sub("-", _DASH.sub("-", text))
    return _BETWEEN_DIGITS.sub("-", text)


def _canonical_number(number: str) -> str:
    return "-".join(str(int(part)) for part in number.split("-"))


def street_number_of(street: str | None) -> str | None:
    """The number part of a registered street: 千代田1-1 → 1-1, 本町二丁目3番4号 → 2-3-4; None if none."""
    match = _STREET_NUMBER.search(_numbered(street or ""))
    return _canonical_number(match[0]) if match else None


def _said_street_number(said: str) -> str | None:
    """What the caller said as a street number, if it is one number and nothing else."""
    spoken = re.sub(r"\s+", "", _numbered(said)).strip("-")
    return _canonical_number(spoken) if _STREET_NUMBER.fullmatch(spoken) else None


def said_date(said: str) -> dt.date | None:
    """One calendar date: 1975-04-01, 1975/4/1, 1975年4月1日, 19750401 or 昭和50年4月1日; None otherwise."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", said))
    try:
        if match := _ISO_DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _ERA_DATE.fullmatch(text):
            year = _ERA_BEFORE[match[1]] + (1 if match[2] == "元" else int(match[2]))
            return dt.date(year, int(match[3]), int(match[4]))
    except ValueError:
        return None
    return None


def answerable_knowledge(session: Session, customer_id: int) -> tuple[KnowledgeItem, ...]:
    """The questions the record can check an answer to (it holds a date of birth, a street number, an
    order): asking any other could never pass. Says which, never what the record holds."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return ()
    ordered = session.scalar(select(Order.id).where(Order.customer_id == customer_id).limit(1))
    held = {
        KnowledgeItem.BIRTH_DATE: customer.birth_date is not None,
        KnowledgeItem.STREET_NUMBER: street_number_of(customer.street) is not None,
        KnowledgeItem.RECENT_ORDER: ordered is not None,
    }
    return tuple(item for item in KnowledgeItem if held[item])


def knowledge_matches(session: Session, customer_id: int, item: KnowledgeItem, said: str) -> bool:
    """Whether what the caller said is exactly the record's fact, compared here so the agent never sees it.

    Each answer is one fact, equal after normalising, never looked for inside a longer text (a caller
    listing many towns, dates or numbers matches nothing). Date of birth: the same calendar date
    (`said_date`). Street number: the same numbers in order (2-3-4, ２－３－４, 2丁目3番4号, 二丁目3番4号,
    2の3の4), and nothing else. Recent order: the number of one of the customer's five latest orders.
    A record without the item never matches.
    """
    customer = session.get(Customer, customer_id)
    if customer is None or not said.strip():
        return False
    if item is KnowledgeItem.BIRTH_DATE:
        return customer.birth_date is not None and said_date(said) == customer.birth_date
    if item is KnowledgeItem.STREET_NUMBER:
        held = street_number_of(customer.street)
        return held is not None and _said_street_number(said) == held
    latest = session.scalars(
        select(Order.order_no)
        .where(Order.customer_id == customer_id)
        .order_by(Order.ordered_at.desc(), Order.id.desc())
        .limit(_RECENT_ORDERS)
    )
    return _flat(said) in {_flat(order_no) for order_no in latest}
