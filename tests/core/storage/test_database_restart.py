"""After the PostgreSQL server restarts, the engine hands out working connections: no stale-connection
error on the first query. Stops and starts the real server of `dev.py test --postgres`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from desk_app.storage.engine import make_engine
from tests.support.postgres_control import PostgresControl

SERVER = PostgresControl.from_environment()

pytestmark = pytest.mark.skipif(
    SERVER is None,
    reason="restarts a real PostgreSQL server: runs under `python3 dev.py test --postgres` "
    "(DESK_APP_TEST_DB and DESK_APP_TEST_PG_*)",
)


@pytest.fixture
def server(database_url: str) -> Iterator[PostgresControl]:
    """The server control; running again at teardown even if the test failed while it was stopped."""
    assert SERVER is not None
    yield SERVER
    SERVER.ensure_running()


def _fill_pool(engine: Engine, count: int) -> None:
    """Open `count` connections at once and return them to the pool, where a restart finds them."""
    connections = [engine.connect() for _ in range(count)]
    for connection in connections:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
    for connection in connections:
        connection.close()


def test_the_first_queries_after_a_restart_succeed_on_new_connections(
    database_url: str, server: PostgresControl
) -> None:
    desk = make_engine(database_url)
    # The same pool without the desk's checkout check shows that the restart really kills connections.
    bare = create_engine(desk.url)
    try:
        _fill_pool(desk, 3)
        _fill_pool(bare, 1)
        server.stop()
        server.start()

        for _ in range(5):
            with desk.connect() as connection:
                assert connection.execute(text("SELECT 1")).scalar_one() == 1
        with pytest.raises(OperationalError), bare.connect() as connection:
            connection.execute(text("SELECT 1"))
    finally:
        desk.dispose()
        bare.dispose()


def test_while_the_server_is_down_the_error_says_unreachable_then_it_recovers(
    database_url: str, server: PostgresControl
) -> None:
    from desk_app.storage.errors import DatabaseProblem, classify

    desk = make_engine(database_url)
    try:
        _fill_pool(desk, 2)
        server.stop()
        with pytest.raises(OperationalError) as down, desk.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert classify(down.value) is DatabaseProblem.UNREACHABLE
        server.start()
        with desk.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        desk.dispose()
