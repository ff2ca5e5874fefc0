"""The demo database's mark: whether the demo made a database, and the demo desk's CTI token.

`desk_app.demo.generator` writes the one row of `demo_database` in the commit that writes the demo
customers (migration 0011). The passwordless sign-in of the demo desk (`accounts.passwordless_sign_in`)
and `desk-app --demo` open nothing else; `desk-app ring --demo` reads the token from here.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, inspect, select
from sqlalchemy.orm import Session

from desk_app.storage.models import DemoDatabase, table_of

_MARK = table_of(DemoDatabase)


@dataclass(frozen=True)
class DemoMark:
    created_at: dt.datetime
    cti_token: str


def new_cti_token() -> str:
    """A fresh random token for a new demo database's loopback CTI endpoint: 64 hexadecimal digits.

    Hexadecimal, because a token that began with "-" (as one in 64 of `token_urlsafe` does) would be taken
    for an option when passed as `--cti-token TOKEN`.
    """
    return secrets.token_hex(32)


def demo_mark(bind: Connection | Session) -> DemoMark | None:
    """The mark of a demo database, or None for any other: one at an older revision, without the table,
    holds none."""
    connection = bind.connection() if isinstance(bind, Session) else bind
    if not inspect(connection).has_table(_MARK.name):
        return None
    row = connection.execute(select(_MARK.c.created_at, _MARK.c.cti_token).limit(1)).first()
    return None if row is None else DemoMark(created_at=row.created_at, cti_token=row.cti_token)
