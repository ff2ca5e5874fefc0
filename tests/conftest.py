"""Shared fixtures: a migrated database per test, on SQLite or on the server named by DESK_APP_TEST_DB."""

from __future__ import annotations

import os

# Qt aborts the interpreter without a display unless told to draw offscreen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade

SERVER_URL = os.environ.get("DESK_APP_TEST_DB")


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of its own: a SQLite file, or a fresh schema on the test server.

    Each PostgreSQL test gets a schema and a search_path pointing at it, so the same URL works for a
    subprocess (`desk-app --db URL`) and tests never see each other's rows.
    """
    if not SERVER_URL:
        yield f"sqlite:///{(tmp_path / 'desk.sqlite3').as_posix()}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in SERVER_URL else "?"
    try:
        yield f"{SERVER_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


class CustomerFactory:
    """Adds customers with phones through the ORM, the way an import or a correction would."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._next = 1

    def __call__(
        self,
        name: str = "山田 太郎",
        name_kana: str = "ヤマダ タロウ",
        phones: tuple[tuple[str, str], ...] = (("home", "03-1234-5678"),),
        state: str = "active",
    ) -> int:
        import datetime as dt

        from desk_app.phones import normalise
        from desk_app.storage.models import Customer, CustomerState, Phone, PhoneKind

        now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
        with self._sessions.begin() as session:
            customer = Customer(
                customer_no=f"{90000000 + self._next}",
                name=name,
                name_kana=name_kana,
                postal_code="1000001",
                prefecture="東京都",
                city="千代田区",
                street="千代田1-1",
                state=CustomerState(state),
                created_at=now,
                updated_at=now,
                phones=[
                    Phone(kind=PhoneKind(kind), raw=raw, e164=normalise(raw).e164) for kind, raw in phones
                ],
            )
            self._next += 1
            session.add(customer)
            session.flush()
            return customer.id


@pytest.fixture
def add_customer(sessions: sessionmaker[Session]) -> CustomerFactory:
    return CustomerFactory(sessions)
