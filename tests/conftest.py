"""Shared fixtures: a migrated database per test, on SQLite or on the server named by DESK_APP_TEST_DB."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Qt aborts the interpreter without a display unless told to draw offscreen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite reads English texts whatever the machine's locale or saved choice (ui.common.translations).
os.environ["DESK_APP_LANGUAGE"] = "en"

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from tests.support.databases import Databases
from tests.support.private_postgres import postgres_for_tests

# One audit key for the whole run, in this process and in every desk-app it starts (desk_app.audit.key),
# so databases made here and read by a subprocess, or the other way round, carry seals both accept.
_KEY_FOLDER = tempfile.mkdtemp(prefix="desk-audit-key-")
atexit.register(shutil.rmtree, _KEY_FOLDER, ignore_errors=True)
TEST_AUDIT_KEY = os.path.join(_KEY_FOLDER, "audit.key")
with open(
    os.open(TEST_AUDIT_KEY, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="ascii"
) as _key:
    _key.write("5e" * 32 + "\n")
os.environ["DESK_APP_AUDIT_KEY"] = TEST_AUDIT_KEY


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[Databases]:
    """A maker of empty databases, all removed after the test."""
    maker = Databases(tmp_path)
    yield maker
    maker.drop_all()


@pytest.fixture(scope="module")
def module_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """The same, for module-scoped fixtures that build one large database for many tests."""
    maker = Databases(tmp_path_factory.mktemp("databases"))
    yield maker
    maker.drop_all()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server in every run, for what only works there (the gateway, NOTIFY and LISTEN)."""
    with postgres_for_tests() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str, tmp_path: Path) -> Iterator[str]:
    """A migrated PostgreSQL database (a schema) of this test's own, whatever DESK_APP_TEST_DB says."""
    maker = Databases(tmp_path, server_url=postgres_server)
    url = maker.new("gateway")
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    maker.drop_all()


@pytest.fixture
def database_url(databases: Databases) -> str:
    """A URL to an empty database of this test's own."""
    return databases.new()


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

        from desk_app.domain.enums import CustomerState, PhoneKind
        from desk_app.domain.phones import normalise
        from desk_app.storage.models import Customer, Phone

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
