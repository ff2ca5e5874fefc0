"""The canonical form of a chained row and its hash: one definition for writers, migration and `verify`.

A row's canonical form is one line of JSON, an array: the chain's name, then the row's columns in the order
of `COLUMNS` below, with

- ids and other integers as JSON numbers, an empty reference as `null`;
- times in UTC as `"YYYY-MM-DDTHH:MM:SS.ffffffZ"` (always six digits of fraction);
- enumerations as their stored value (`"view"`);
- JSON details as JSON, object keys sorted;
- no spaces (`separators=(",", ":")`) and text as UTF-8, not `\\u` escapes (`ensure_ascii=False`).

`row_hash = sha256(prev_hash + canonical)`, in lower-case hex, where `prev_hash` is the previous row's
`row_hash` (in id order) or, for a chain's first row, `GENESIS` (64 zeros).

The access log's `call_id` is left out on purpose: `desk-app calls purge` deletes calls past retention and
must empty the references to them; who saw whose data, when, in which case and why stay covered.
Changing this form changes every hash: it would need a migration that re-chains every row.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from typing import Any

GENESIS = "0" * 64

CASE_EVENTS = "case_events"
ACCESS_LOG = "access_log"
CHAINS = (CASE_EVENTS, ACCESS_LOG)

# Every column but the hashes (and the access log's call_id, see above), in canonical order.
COLUMNS: dict[str, tuple[str, ...]] = {
    CASE_EVENTS: ("id", "case_id", "at", "agent_id", "kind", "detail"),
    ACCESS_LOG: ("id", "at", "agent_id", "customer_id", "case_id", "action", "detail"),
}


def utc_text(moment: dt.datetime | str) -> str:
    """A time as the canonical form writes it; naive times and SQLite's stored text are taken as UTC."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def json_value(value: Any) -> Any:
    """A JSON detail (a Python value) as the database gives it back: tuples as lists, keys as text."""
    return json.loads(json.dumps(value))


def canonical(chain: str, values: dict[str, Any]) -> str:
    """The canonical form of a row of `chain`: times as datetimes or stored text, details as Python values."""
    parts: list[Any] = [chain]
    for column in COLUMNS[chain]:
        value = values[column]
        if column == "at":
            value = utc_text(value)
        elif column == "detail" and chain == CASE_EVENTS:
            value = json_value(value)
        elif isinstance(value, enum.Enum):
            value = value.value
        parts.append(value)
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(prev_hash: str, canonical_form: str) -> str:
    return hashlib.sha256((prev_hash + canonical_form).encode("utf-8")).hexdigest()


def chain_rows(chain: str, rows: list[dict[str, Any]], *, last_id: int, last_hash: str) -> tuple[int, str]:
    """Number `rows` after `last_id` and set their hashes in place; returns the new (last id, last hash)."""
    for row in rows:
        last_id += 1
        row["id"] = last_id
        row["prev_hash"] = last_hash
        last_hash = row["row_hash"] = row_hash(last_hash, canonical(chain, row))
    return last_id, last_hash
