"""Empty databases for tests: SQLite files, or schemas on the PostgreSQL server named by DESK_APP_TEST_DB."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

SERVER_URL = os.environ.get("DESK_APP_TEST_DB")


class Databases:
    """Makes empty databases: SQLite files under a folder, or schemas on the server in DESK_APP_TEST_DB.

    Each PostgreSQL database is a schema of its own with `search_path` set in the URL, so the same URL
    works for a subprocess (`desk-app --db URL`) and tests never see each other's rows.
    """

    def __init__(self, folder: Path, server_url: str | None = SERVER_URL) -> None:
        self._folder = folder
        self._server_url = server_url
        self._schemas: list[str] = []
        # pool_pre_ping: the outage tests restart the server, and the schemas must still be dropped after.
        self._admin = (
            create_engine(server_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
            if server_url
            else None
        )

    def new(self, name: str = "desk") -> str:
        if self._admin is None or self._server_url is None:
            return f"sqlite:///{(self._folder / f'{name}-{uuid.uuid4().hex[:8]}.sqlite3').as_posix()}"
        schema = f"t_{uuid.uuid4().hex[:16]}"
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        self._schemas.append(schema)
        separator = "&" if "?" in self._server_url else "?"
        return f"{self._server_url}{separator}options={quote(f'-csearch_path={schema}')}"

    def drop_all(self) -> None:
        if self._admin is None:
            return
        with self._admin.connect() as connection:
            for schema in self._schemas:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        self._admin.dispose()
