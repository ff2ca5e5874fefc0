"""`desk-app --demo`: the passwordless demo desk opens only a database the demo made (marked when made, with
a CTI token of its own), makes one only where nothing is, and refuses any other before writing to it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, delete, func, select

from desk_app.cli import main as cli
from desk_app.domain.enums import AgentRole
from desk_app.launch import GuiLaunch
from desk_app.storage import migrate
from desk_app.storage.demo_mark import DemoMark, demo_mark
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.models import Agent, Customer, DemoDatabase
from tests.support.databases import Databases

NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _start_time_not_left_behind() -> Iterator[None]:
    """`cli.main` run in this process notes the window's start time in the environment: take it away again,
    so a later test's window does not count from now."""
    yield
    os.environ.pop("DESK_APP_T0", None)


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[GuiLaunch]:
    """What the command line hands the window, as the window has it once its database is open, instead of
    opening the window."""
    seen: list[GuiLaunch] = []

    def runner(launch: GuiLaunch) -> int:
        # As the window does before anything in it can be used; what this raises, the command line reports.
        seen.append(launch.opened())
        return 0

    monkeypatch.setattr("desk_app.launch.find_gui", lambda: runner)
    # A small demo: the rules are the same as for the 5,000 customers of a real start.
    monkeypatch.setattr(cli, "DEMO_CUSTOMERS", 30)
    return seen


def _with(url: str, check: Callable[[Engine], object]) -> object:
    engine = make_engine(url)
    try:
        return check(engine)
    finally:
        engine.dispose()


def _mark(url: str) -> DemoMark | None:
    def read(engine: Engine) -> DemoMark | None:
        with engine.connect() as connection:
            return demo_mark(connection)

    return _with(url, read)  # type: ignore[return-value]


def _count(url: str, model: type[Customer] | type[Agent]) -> int:
    def count(engine: Engine) -> int:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(model)) or 0

    return _with(url, count)  # type: ignore[return-value]


def test_the_demo_desk_makes_a_marked_database_where_nothing_is_and_reopens_it(
    databases: Databases, launches: list[GuiLaunch], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = databases.new("demo1"), databases.new("demo2")
    assert cli.main(["--demo", "--db", first]) == 0
    assert "preparing the demo database" in capsys.readouterr().err
    mark = _mark(first)
    assert mark is not None
    (launch,) = launches
    assert (launch.demo, launch.database_url, launch.agent_login) == (True, first, "demo")
    # The window listens with this database's own token, random, never a word anyone knows.
    assert launch.demo_cti_token == mark.cti_token
    assert len(mark.cti_token) >= 40
    assert cli.main(["--demo", "--db", first]) == 0
    assert "preparing" not in capsys.readouterr().err
    assert launches[1].demo_cti_token == mark.cti_token
    assert cli.main(["--demo", "--db", second]) == 0
    other = _mark(second)
    assert other is not None
    assert other.cti_token != mark.cti_token


def _real_with_an_admin_without_password(url: str) -> None:
    """A real database before its first import: migrated, an administrator not given a password yet."""

    def fill(engine: Engine) -> None:
        migrate.upgrade(engine)
        with session_factory(engine).begin() as session:
            session.add(Agent(login="admin", display_name="管理者", role=AgentRole.ADMIN, created_at=NOW))

    _with(url, fill)


def _real_at_an_older_revision(url: str) -> None:
    def fill(engine: Engine) -> None:
        command.upgrade(migrate._alembic_config(engine), "0010")
        with session_factory(engine).begin() as session:
            session.add(Agent(login="admin", display_name="管理者", role=AgentRole.ADMIN, created_at=NOW))

    _with(url, fill)


def _demo_data_without_its_mark(url: str) -> None:
    """What a demo made before marks looks like, or a real database someone filled with the demo's rows."""

    def fill(engine: Engine) -> None:
        from desk_app.demo.generator import generate_demo_data

        migrate.upgrade(engine)
        generate_demo_data(engine, customers=20, seed=1, now=NOW)
        with session_factory(engine).begin() as session:
            session.execute(delete(DemoDatabase))

    _with(url, fill)


@pytest.mark.parametrize(
    "make",
    [_real_with_an_admin_without_password, _real_at_an_older_revision, _demo_data_without_its_mark],
    ids=["admin without password", "older revision", "demo rows without mark"],
)
def test_the_demo_desk_refuses_any_database_the_demo_did_not_make(
    databases: Databases,
    launches: list[GuiLaunch],
    capsys: pytest.CaptureFixture[str],
    make: Callable[[str], None],
) -> None:
    url = databases.new()
    make(url)
    revision = _with(url, migrate.current_revision)
    customers, agents = _count(url, Customer), _count(url, Agent)
    for agent in ([], ["--agent", "admin"]):
        assert cli.main(["--demo", "--db", url, *agent]) == cli.EXIT_USAGE
        error = capsys.readouterr().err
        assert "is not a demo database" in error
        assert "Traceback" not in error
    # Nothing written: no demo customers, no demo staff, not even a migration; and no window.
    assert (_count(url, Customer), _count(url, Agent)) == (customers, agents)
    assert _with(url, migrate.current_revision) == revision
    assert _mark(url) is None
    assert launches == []


def test_the_demo_desk_never_follows_the_configured_database(
    databases: Databases, launches: list[GuiLaunch], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """DESK_APP_DB names the real database; `--demo` opens the demo's own file instead."""
    real = databases.new("real")
    _real_with_an_admin_without_password(real)
    demo_file = tmp_path / "demo.sqlite3"
    monkeypatch.setenv("DESK_APP_DB", real)
    monkeypatch.setattr(cli.paths, "demo_database_path", lambda: demo_file)
    assert cli.main(["--demo"]) == 0
    assert launches[0].database_url == cli.sqlite_url(demo_file)
    assert _count(real, Customer) == 0


def test_a_demo_token_is_never_taken_for_an_option_on_the_command_line() -> None:
    """One `token_urlsafe` in 64 begins with "-", and `--cti-token -abc…` would be refused."""
    from desk_app.storage.demo_mark import new_cti_token

    tokens = [new_cti_token() for _ in range(2000)]
    assert len(set(tokens)) == len(tokens)
    assert not [token for token in tokens if token.startswith("-")]
    parser = cli.build_parser()
    for token in tokens[:50]:
        assert parser.parse_args(["callerid", "monitor", "--cti-token", token]).cti_token == token
