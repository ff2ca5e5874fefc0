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
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from desk_app.audit.canonical import ACCESS_LOG, CASE_EVENTS, chain_rows
from desk_app.storage.models import AccessLogEntry, AuditChainHead, CaseEvent, table_of


class ChainHeadMissing(Exception):
    """The chain's head row is gone, so nothing can be appended until an administrator investigates."""

    def __init__(self, chain: str) -> None:
        super().__init__(f"the audit chain {chain!r} has no head row: run `desk-app audit verify`")
        self.chain = chain


_HEADS = table_of(AuditChainHead)
TABLES = {CASE_EVENTS: table_of(CaseEvent), ACCESS_LOG: table_of(AccessLogEntry)}
# Built once: the access log's append is on the screen pop's path.
_INSERT = {chain: insert(table) for chain, table in TABLES.items()}
_LOCK_SQLITE = (
    update(_HEADS)
    .where(_HEADS.c.chain == bindparam("chain_name"))
    .values(last_id=_HEADS.c.last_id)
    .returning(_HEADS.c.last_id, _HEADS.c.last_hash)
)
_LOCK_POSTGRESQL = (
    select(_HEADS.c.chain, _HEADS.c.last_id, _HEADS.c.last_hash).order_by(_HEADS.c.chain).with_for_update()
)
_MOVE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.chain == bindparam("chain_name"))
    .values(last_id=bindparam("new_id"), last_hash=bindparam("new_hash"))
)


def lock_head(session: Session, chain: str) -> tuple[int, str]:
    """Lock the chain's head for the rest of the caller's transaction and return (last id, last hash)."""
    if session.get_bind().dialect.name == "postgresql":
        heads = {name: (last_id, last_hash) for name, last_id, last_hash in session.execute(_LOCK_POSTGRESQL)}
        head = heads.get(chain)
    else:
        row = session.execute(_LOCK_SQLITE, {"chain_name": chain}).first()
        head = (row[0], row[1]) if row is not None else None
    if head is None:
        raise ChainHeadMissing(chain)
    return head


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
    session.execute(_MOVE_HEAD, {"chain_name": chain, "new_id": last_id, "new_hash": last_hash})
