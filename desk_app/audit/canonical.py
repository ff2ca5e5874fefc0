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
must empty the references to them. The call an entry was made in is covered by `call_ref` instead (migration
0011), which nothing empties: the call's id, or 0 for none, appended to the form when it is not NULL. Entries
written before 0011 have NULL there and keep the form they were hashed with; `verify` checks that a
`call_id` still set equals its `call_ref`, and that one emptied names a call no longer on file.

Two more chains make retention accountable (migration 0011): `retention_runs`, one row per run with its
counts, and `audit_tombstones`, one row per chained row a run deleted (the pruned row's chain, id and hashes,
and the run). Their rows are appended like any other, so a tombstone cannot be added, changed or removed
without breaking its own chain or moving its sealed head.

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
RETENTION_RUNS = "retention_runs"
TOMBSTONES = "audit_tombstones"
CHAINS = (CASE_EVENTS, ACCESS_LOG, RETENTION_RUNS, TOMBSTONES)
# The chains retention may prune, leaving a tombstone for each row it deletes.
PRUNABLE = (CASE_EVENTS, ACCESS_LOG)

# Every column but the hashes (and the access log's call_id and call_ref, see above), in canonical order.
COLUMNS: dict[str, tuple[str, ...]] = {
    CASE_EVENTS: ("id", "case_id", "at", "agent_id", "kind", "detail"),
    ACCESS_LOG: ("id", "at", "agent_id", "customer_id", "case_id", "action", "detail"),
    RETENTION_RUNS: ("id", "ran_at", "agent_id", "counts"),
    TOMBSTONES: (
        "id",
        "pruned_chain",
        "pruned_id",
        "pruned_prev_hash",
        "pruned_row_hash",
        "retention_run_id",
    ),
}
# Columns written as UTC times, and JSON columns (given as Python values, stored as JSON).
TIME_COLUMNS = frozenset({"at", "ran_at"})
JSON_COLUMNS = {CASE_EVENTS: "detail", RETENTION_RUNS: "counts"}
# `call_ref` of an access-log entry made outside any call (NULL is kept for entries from before 0011).
NO_CALL = 0


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
        if column in TIME_COLUMNS:
            value = utc_text(value)
        elif column == JSON_COLUMNS.get(chain):
            value = json_value(value)
        elif isinstance(value, enum.Enum):
            value = value.value
        parts.append(value)
    if chain == ACCESS_LOG and values.get("call_ref") is not None:
        parts.append(values["call_ref"])
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(prev_hash: str, canonical_form: str) -> str:
    return hashlib.sha256((prev_hash + canonical_form).encode("utf-8")).hexdigest()


def chain_rows(chain: str, rows: list[dict[str, Any]], *, last_id: int, last_hash: str) -> tuple[int, str]:
    """Number `rows` after `last_id` and set their hashes in place; returns the new (last id, last hash).

    An access-log entry gets its `call_ref` here from its `call_id` (`NO_CALL` for none).
    """
    for row in rows:
        if chain == ACCESS_LOG:
            call_id = row.get("call_id")
            row["call_ref"] = NO_CALL if call_id is None else call_id
        last_id += 1
        row["id"] = last_id
        row["prev_hash"] = last_hash
        last_hash = row["row_hash"] = row_hash(last_hash, canonical(chain, row))
    return last_id, last_hash
