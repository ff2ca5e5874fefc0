"""The register of erased customers: so an import never re-creates a customer the desk erased.

An erased customer's blank row keeps an import from reviving them only while it exists; `desk-app
retention run` deletes it once the orders the law keeps are gone, and the mail-order system may still
export that customer. The register outlives the row and holds, for each erased customer number, a keyed
hash (HMAC-SHA256) and nothing else: no date, no case, no row id. Customer numbers are a few digits, so a
plain hash would give them all back to whoever copies the database; the key lives outside it
(`desk_app/erased_register_key.py`).

Every desk on one database needs the same key, or an erasure made on one would not stop an import run on
another. The register therefore also holds the hash of a fixed text under the key it was made with: a
desk whose key does not produce it refuses to erase or import (`RegisterKeyMismatch`), rather than
quietly missing every entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import exists, select, text
from sqlalchemy.orm import Session

from desk_app.erased_register_key import SETTING, RegisterKey, RegisterKeyMismatch
from desk_app.storage.models import ErasedNumber, table_of

_REGISTER = table_of(ErasedNumber)


def _check(session: Session, key: RegisterKey, *, writing: bool) -> None:
    check = key.check_digest()
    if session.scalar(select(exists().where(_REGISTER.c.number_digest == check))):
        return
    if writing and session.get_bind().dialect.name == "postgresql":
        # Two desks with different keys must not both find the register empty and each sign it: the
        # first erasure signs it under a lock, the other desk then finds another key's entries. (SQLite's
        # one writer at a time does the same: the second's write fails as busy.)
        session.execute(text("LOCK TABLE erased_register IN SHARE ROW EXCLUSIVE MODE"))
        if session.scalar(select(exists().where(_REGISTER.c.number_digest == check))):
            return
    if session.scalar(select(exists().where(_REGISTER.c.number_digest != check))):
        raise RegisterKeyMismatch(
            "the erased-customer register was made with another key than this desk's: give every desk"
            f" the same key file ({SETTING})"
        )
    if writing:
        _insert_new(session, [check])


def _insert_new(session: Session, digests: list[str]) -> None:
    if not digests:
        return
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(
            pg_insert(_REGISTER).on_conflict_do_nothing(), [{"number_digest": d} for d in digests]
        )
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(_REGISTER).on_conflict_do_nothing()
        session.execute(statement, [{"number_digest": d} for d in digests])


def register_erased(session: Session, key: RegisterKey, customer_nos: Iterable[str]) -> None:
    """Add erased customer numbers to the register (in the caller's transaction); present ones stay."""
    _check(session, key, writing=True)
    _insert_new(session, sorted({key.digest(number) for number in customer_nos}))


def check_key(session: Session, key: RegisterKey) -> None:
    """`RegisterKeyMismatch` if the register was made with another key; reads only."""
    _check(session, key, writing=False)


def erased_among(session: Session, key: RegisterKey, customer_nos: Iterable[str]) -> set[str]:
    """Which of `customer_nos` the register names (call `check_key` once before)."""
    by_digest = {key.digest(number): number for number in customer_nos}
    if not by_digest:
        return set()
    found = session.scalars(
        select(_REGISTER.c.number_digest).where(_REGISTER.c.number_digest.in_(list(by_digest)))
    )
    return {by_digest[digest] for digest in found}
