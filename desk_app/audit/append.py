"""Appending rows to an audit chain inside the caller's transaction, with the chain's head locked.

The head row (`audit_chain_heads`) is what serialises writers, so that two desks never chain a row to
the same predecessor:

- PostgreSQL: `SELECT … FOR UPDATE` on the heads, held until the caller's transaction ends. Both heads are
  locked together, in the order of their names, so that a transaction writing case events and access-log
  entries in one order cannot deadlock with one writing them in the other.
- SQLite: the first statement is a write (`UPDATE … RETURNING` of the head), which takes the database's write
  lock before the head is read. Reading first and writing afterwards would let a second desk read the same
  head (a fork), or, inside a deferred transaction, fail at once with "database is locked" instead of
  waiting: SQLite cannot upgrade a read whose snapshot another writer has since made stale.

Ids are assigned here (the head's last id + 1), because a row's hash covers its id; they have no gaps.

The head carries a seal made with the audit key (`desk_app.audit.key`). An append checks the seal before it
builds on the head and seals the head it leaves: a head someone moved without the key (rows deleted from
the end, or rewritten and rehashed) is never built on, so the next append cannot make it look legitimate.
That stops the desk's writes until an administrator looks (`HeadSealBroken`), as a missing head does
(`ChainHeadMissing`; both in `desk_app.audit.errors`, re-exported here).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from desk_app.audit.canonical import ACCESS_LOG, CASE_EVENTS, RETENTION_RUNS, TOMBSTONES, chain_rows
from desk_app.audit.errors import ChainHeadMissing, HeadSealBroken
from desk_app.audit.key import current
from desk_app.storage.models import (
    AccessLogEntry,
    AuditChainHead,
    AuditTombstone,
    CaseEvent,
    RetentionRun,
    table_of,
)

_HEADS = table_of(AuditChainHead)
TABLES = {
    CASE_EVENTS: table_of(CaseEvent),
    ACCESS_LOG: table_of(AccessLogEntry),
    RETENTION_RUNS: table_of(RetentionRun),
    TOMBSTONES: table_of(AuditTombstone),
}
# Built once: the access log's append is on the screen pop's path.
_INSERT = {chain: insert(table) for chain, table in TABLES.items()}
_LOCK_SQLITE = (
    update(_HEADS)
    .where(_HEADS.c.chain == bindparam("chain_name"))
    .values(last_id=_HEADS.c.last_id)
    .returning(_HEADS.c.last_id, _HEADS.c.last_hash, _HEADS.c.seal)
)
_LOCK_POSTGRESQL = (
    select(_HEADS.c.chain, _HEADS.c.last_id, _HEADS.c.last_hash, _HEADS.c.seal)
    .order_by(_HEADS.c.chain)
    .with_for_update()
)
_MOVE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.chain == bindparam("chain_name"))
    .values(last_id=bindparam("new_id"), last_hash=bindparam("new_hash"), seal=bindparam("new_seal"))
)


def lock_head(session: Session, chain: str) -> tuple[int, str]:
    """Lock the chain's head for the rest of the caller's transaction and return (last id, last hash).

    `ChainHeadMissing` if there is no head, `HeadSealBroken` if its seal is not this desk's key's.
    """
    if session.get_bind().dialect.name == "postgresql":
        heads = {row[0]: (row[1], row[2], row[3]) for row in session.execute(_LOCK_POSTGRESQL)}
        head = heads.get(chain)
    else:
        row = session.execute(_LOCK_SQLITE, {"chain_name": chain}).first()
        head = (row[0], row[1], row[2]) if row is not None else None
    if head is None:
        raise ChainHeadMissing(chain)
    last_id, last_hash, seal = head
    if not current().holds_seal(chain, last_id, last_hash, seal):
        raise HeadSealBroken(chain)
    return last_id, last_hash


def append(session: Session, chain: str, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (column values, no id) at the end of `chain`, in the caller's transaction.

    Each row gets its id, `prev_hash` and `row_hash` set in place; every column of the canonical form
    (`desk_app.audit.canonical.COLUMNS`) must be given, with details as the Python values to be stored.
    """
    if not rows:
        return
    last_id, last_hash = lock_head(session, chain)
    last_id, last_hash = chain_rows(chain, rows, last_id=last_id, last_hash=last_hash)
    session.execute(_INSERT[chain], rows)
    seal = current().seal(chain, last_id, last_hash)
    session.execute(
        _MOVE_HEAD, {"chain_name": chain, "new_id": last_id, "new_hash": last_hash, "new_seal": seal}
    )
