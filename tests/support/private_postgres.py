"""A PostgreSQL server for the tests that need one in every run (the gateway's): the one `dev.py test
--postgres` started, else a throwaway one of this test process's own, made the way dev.py makes its."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import dev
from tests.support.postgres_control import PostgresControl


@contextlib.contextmanager
def private_server() -> Iterator[tuple[str, PostgresControl]]:
    """A new server on loopback, stopped and removed afterwards; its URL and its `pg_ctl` control."""
    environment = dict(os.environ)
    environment.setdefault("TMPDIR", tempfile.gettempdir())
    with dev.postgres_server(environment) as url:
        control = PostgresControl(
            pg_ctl=Path(environment["DESK_APP_TEST_PG_CTL"]),
            data=Path(environment["DESK_APP_TEST_PG_DATA"]),
            options=environment["DESK_APP_TEST_PG_OPTIONS"],
            run_as=environment["DESK_APP_TEST_PG_RUN_AS"],
        )
        yield url, control


@contextlib.contextmanager
def postgres_for_tests() -> Iterator[str]:
    """DESK_APP_TEST_DB when it names a PostgreSQL server, else a private server for this process."""
    shared = os.environ.get("DESK_APP_TEST_DB")
    if shared and shared.startswith("postgresql"):
        yield shared
        return
    with private_server() as (url, _control):
        yield url
