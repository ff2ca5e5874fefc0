"""One connection that `LISTEN`s on a channel and comes back after the connection is lost: the desks' and
the live board's way of hearing the gateway.

`follow(connection)` runs on the connection once it listens, until it returns or the connection is lost.
After a loss `lost(error)` is called and the connection made again after a pause that doubles each time,
up to `RECONNECT_LONGEST_SECONDS`: a server restarting is not hammered by every desk at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from desk_app.storage.engine import make_engine

RECONNECT_FIRST_SECONDS = 0.2
RECONNECT_LONGEST_SECONDS = 5.0
# How often a listening thread looks up from waiting, to notice that it is asked to stop.
WAKE_SECONDS = 0.25


def listen_until_stopped(
    url: str,
    channel: str,
    *,
    application_name: str,
    stopping: threading.Event,
    follow: Callable[[Connection], None],
    lost: Callable[[Exception], None],
) -> None:
    """Listen on `channel` and `follow` until `stopping` is set, reconnecting after each loss."""
    engine = make_engine(url, poolclass=NullPool, connect_args={"application_name": application_name})
    pause = RECONNECT_FIRST_SECONDS
    try:
        while not stopping.is_set():
            try:
                with engine.connect() as connection:
                    connection = connection.execution_options(isolation_level="AUTOCOMMIT")
                    connection.execute(text(f'LISTEN "{channel}"'))
                    pause = RECONNECT_FIRST_SECONDS
                    try:
                        follow(connection)
                    except psycopg.Error as exc:
                        # Lost while waiting for notifications on the driver itself, out of SQLAlchemy's
                        # sight: it must not try to roll the dead connection back.
                        connection.invalidate(exc)
                        raise
            except (DBAPIError, psycopg.Error) as exc:
                if stopping.is_set():
                    break
                lost(exc)
                stopping.wait(pause)
                pause = min(pause * 2, RECONNECT_LONGEST_SECONDS)
    finally:
        engine.dispose()


def driver_connection(connection: Connection) -> psycopg.Connection[object]:
    """The psycopg connection under `connection`, which waits for notifications."""
    raw = connection.connection.dbapi_connection
    assert isinstance(raw, psycopg.Connection)
    return raw
