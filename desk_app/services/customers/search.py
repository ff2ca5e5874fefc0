"""Customer search from one box: phone, customer number, postal code, kana or name, told apart by shape."""

# Names and kana are matched by *prefix* on folded keys (desk_app.domain.kana), which an index serves: agents
# type the family name first, and 'やまだ', 'ﾔﾏﾀﾞ' and 'ヤマダ タ' all find ヤマダ タロウ. A match in the
# middle of a name ('太郎' for 山田 太郎) is not searched: it cannot use an index and would read every
# customer on each keystroke; the given name is found by typing the family name first. A name typed
# half in kanji and half in kana ('山田 たろう') matches nothing, since no stored key mixes the two.

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction, CustomerState, PhoneKind, SearchKind
from desk_app.domain.kana import fold_kana, fold_name, is_kana
from desk_app.domain.messages import message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.search_text import search_text_problem
from desk_app.services.access_log import record_access
from desk_app.services.agents import require_active
from desk_app.services.customers.lookup import matches_for, national_form
from desk_app.storage.models import Customer, Phone, table_of

# Counting stops here: "more than 1,000" is all an agent needs to know to type more.
TOTAL_CAP = 1000
MAX_LIMIT = 500


@dataclass(frozen=True)
class SearchHit:
    customer_id: int
    customer_no: str
    name: str
    name_kana: str
    postal_code: str
    prefecture: str
    city: str
    # The matched number for a phone search, otherwise the first one registered; None if none is.
    phone: str | None
    phone_kind: PhoneKind | None


@dataclass(frozen=True)
class SearchResult:
    query: str
    kind: SearchKind
    hits: tuple[SearchHit, ...]
    # How many customers match, counted up to TOTAL_CAP; `total_capped` says the count stopped there.
    total: int
    total_capped: bool
    # Why nothing was searched ("not a valid phone number", "the search text holds a control character"),
    # in English for the UI to translate; with kind PHONE the number was not valid, with EMPTY the text.
    problem: str | None = None


# Dashes agents and IMEs put between digits; the long-vowel mark is what a Japanese keyboard gives for '-'.
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ーｰ", "-"))
_POSTAL = re.compile(r"〒?\s*(\d{3})\s*-?\s*(\d{4})")
_CUSTOMER_NO = re.compile(r"\d{8}")
_PHONE_LIKE = re.compile(r"(?:tel:)?[\d\s\-+().]+", re.IGNORECASE)
_PHONE_DIGITS = 10  # the shortest Japanese number with its area code


def detect_kind(query: str) -> tuple[SearchKind, str]:
    """The kind of `query` and its search key: 7 digits (or 〒123-4567) a postal code, 8 a customer
    number, other digits a phone number, kana only kana, anything else a name."""
    text = unicodedata.normalize("NFKC", query).strip()
    if not text:
        return SearchKind.EMPTY, ""
    digits = text.translate(_DASHES)
    if postal := _POSTAL.fullmatch(digits):
        return SearchKind.POSTAL_CODE, postal.group(1) + postal.group(2)
    if _CUSTOMER_NO.fullmatch(digits):
        return SearchKind.CUSTOMER_NO, digits
    if _PHONE_LIKE.fullmatch(digits) and any(ch.isdigit() for ch in digits):
        return SearchKind.PHONE, digits
    # A whole number with a note pasted along ("03-1234-5678 自宅"): normalise finds it inside the text.
    if sum(ch.isdigit() for ch in digits) >= _PHONE_DIGITS:
        return SearchKind.PHONE, digits
    if is_kana(text):
        return SearchKind.KANA, fold_kana(text)
    name = fold_name(text)
    return (SearchKind.NAME, name) if name else (SearchKind.EMPTY, "")


def prefix_upper_bound(prefix: str) -> str | None:
    """The smallest string above every string starting with `prefix`, in code-point order.

    'ヤマダ' gives 'ヤマチ', so `key >= 'ヤマダ' AND key < 'ヤマチ'` is an index range on any btree
    (with the "C" collation the search keys have on PostgreSQL). None if there is no such string.
    """
    stem = prefix.rstrip("\U0010ffff")
    if not stem:
        return None
    following = ord(stem[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates are not characters
        following = 0xE000
    return stem[:-1] + chr(following)


_customers, _phones = table_of(Customer), table_of(Phone)
_HIT_COLUMNS = (
    _customers.c.id,
    _customers.c.customer_no,
    _customers.c.name,
    _customers.c.name_kana,
    _customers.c.postal_code,
    _customers.c.prefecture,
    _customers.c.city,
)
_LIVE = _customers.c.state != CustomerState.ERASED


def _statements(condition: ColumnElement[bool], *order: Any) -> tuple[Select[*tuple[Any, ...]], ...]:
    hits = select(*_HIT_COLUMNS).where(condition, _LIVE).order_by(*order).limit(bindparam("limit"))
    matching = select(_customers.c.id).where(condition, _LIVE).limit(bindparam("cap")).subquery()
    return hits, select(func.count()).select_from(matching)


def _prefix(column: ColumnElement[str | None]) -> ColumnElement[bool]:
    return (column >= bindparam("low")) & (column < bindparam("high"))


# Built once each; the search box runs them as the agent types.
_STATEMENTS = {
    SearchKind.KANA: _statements(
        _prefix(_customers.c.kana_search), _customers.c.kana_search, _customers.c.id
    ),
    SearchKind.NAME: _statements(
        _prefix(_customers.c.name_search), _customers.c.name_search, _customers.c.id
    ),
    SearchKind.POSTAL_CODE: _statements(_customers.c.postal_code == bindparam("key"), _customers.c.id),
    SearchKind.CUSTOMER_NO: _statements(_customers.c.customer_no == bindparam("key"), _customers.c.id),
}
_BY_IDS = select(*_HIT_COLUMNS).where(_customers.c.id.in_(bindparam("ids", expanding=True)), _LIVE)
_FIRST_PHONES = (
    select(_phones.c.customer_id, _phones.c.kind, _phones.c.e164)
    .where(_phones.c.customer_id.in_(bindparam("ids", expanding=True)))
    .order_by(_phones.c.customer_id, _phones.c.id)
)


def search_customers(session: Session, query: str, *, agent_id: int | None, limit: int = 100) -> SearchResult:
    """Customers matching `query`, whatever its kind; each customer listed is logged as a view.

    Erased customers are never found. Results come in key order (kana, name) or by customer.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    unsearchable = search_text_problem(query)
    if unsearchable is not None:
        # Nothing is searched, so nothing is shown and nothing logged; the kind stays EMPTY.
        said = str(message("search_text.search", problem=unsearchable))
        return SearchResult(query, SearchKind.EMPTY, (), 0, False, said)
    if agent_id is not None:
        require_active(session, agent_id)
    kind, key = detect_kind(query)
    if kind is SearchKind.EMPTY:
        return SearchResult(query, kind, (), 0, False)
    if kind is SearchKind.PHONE:
        hits, total, problem = _by_phone(session, key)
        result = SearchResult(query, kind, hits[:limit], total, False, problem)
    else:
        hits, total = _by_key(session, kind, key, limit)
        result = SearchResult(query, kind, hits, min(total, TOTAL_CAP), total > TOTAL_CAP)
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.VIEW,
        customer_ids=[hit.customer_id for hit in result.hits],
        detail="search result",
    )
    return result


def _by_phone(session: Session, text: str) -> tuple[tuple[SearchHit, ...], int, str | None]:
    try:
        number = normalise(text)
    except InvalidPhoneNumber:
        return (), 0, "not a valid phone number, customer number (8 digits) or postal code (7 digits)"
    matches = matches_for(session, number.e164)
    if not matches:
        return (), 0, None
    ids = [match.customer_id for match in matches]
    by_id = {row[0]: row for row in session.execute(_BY_IDS, {"ids": ids})}
    hits = tuple(
        _hit(by_id[match.customer_id], number.national, match.matched_phone_kind)
        for match in matches
        if match.customer_id in by_id
    )
    return hits, len(hits), None


def _by_key(session: Session, kind: SearchKind, key: str, limit: int) -> tuple[tuple[SearchHit, ...], int]:
    hits_statement, count_statement = _STATEMENTS[kind]
    params: dict[str, object] = {"limit": limit, "cap": TOTAL_CAP + 1}
    if kind in (SearchKind.KANA, SearchKind.NAME):
        high = prefix_upper_bound(key)
        # Only a key made of U+10FFFF alone has no bound above it; nobody is called that.
        params.update(low=key, high=high if high is not None else key)
    else:
        params["key"] = key
    rows = session.execute(hits_statement, params).all()
    if not rows:
        return (), 0
    total = len(rows) if len(rows) < limit else int(session.execute(count_statement, params).scalar_one())
    phones: dict[int, tuple[PhoneKind, str]] = {}
    for customer_id, phone_kind, e164 in session.execute(_FIRST_PHONES, {"ids": [row[0] for row in rows]}):
        phones.setdefault(customer_id, (phone_kind, e164))
    hits = []
    for row in rows:
        phone_kind, e164 = phones.get(row[0], (None, None))
        hits.append(_hit(row, national_form(e164) if e164 else None, phone_kind))
    return tuple(hits), total


def _hit(row: Any, phone: str | None, phone_kind: PhoneKind | None) -> SearchHit:
    customer_id, customer_no, name, name_kana, postal_code, prefecture, city = row
    return SearchHit(
        customer_id=customer_id,
        customer_no=customer_no,
        name=name or "",
        name_kana=name_kana or "",
        postal_code=postal_code or "",
        prefecture=prefecture or "",
        city=city or "",
        phone=phone,
        phone_kind=phone_kind,
    )
