"""Bulk loading through the driver (executemany on SQLite, COPY on PostgreSQL) and shared helpers."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Engine
from sqlalchemy.schema import CreateIndex, DropIndex

from desk_app.audit.canonical import chain_rows
from desk_app.audit.errors import ChainHeadMissing, HeadSealBroken
from desk_app.audit.key import current
from desk_app.domain.japan_time import TOKYO
from desk_app.storage.models import Base

# The row, time and number helpers live here because cases.py needs them too and cannot import
# generator.py, which imports it.
Row = tuple[Any, ...]
Digits = tuple[str, str, str]  # area or prefix, exchange, subscriber: "03", "1234", "5678"

DAYS_BACK = 11 * 365 + 3  # customers joined over the last eleven years
DAY = 86_400
COLUMNS = {
    # The demo staff have no password (hash and lockout empty): only the demo desk signs them in.
    "agents": "id login display_name role active created_at password_hash password_changed_at failed_sign_ins"
    " locked_until",
    "agent_extensions": "extension agent_id",
    "customers": "id customer_no name name_kana birth_date postal_code prefecture city street building email"
    " shopping_credit workplace_name workplace_phone catalogue_opt_in catalogue_changed_at direct_mail_opt_in"
    " direct_mail_changed_at email_magazine_opt_in email_magazine_changed_at provision_opt_in"
    " provision_changed_at death_reported_at died_on state created_at updated_at row_version name_search"
    " kana_search",
    "phones": "id customer_id kind raw e164",
    "orders": "id order_no customer_id ordered_at channel amount_yen",
    "order_lines": "id order_id line_no product_code product_name quantity amount_yen",
    "provision_records": "id customer_id provided_on recipient_name recipient_address"
    " recipient_representative items_provided purpose basis",
    "cases": "id case_no kind state customer_id opened_by_id assigned_to_id received_at due_on closed_at"
    " summary fee_yen fee_received_at script_id script_version details row_version",
    "case_events": "id case_id at agent_id kind detail row_hash prev_hash",
    # The mark that makes this a demo database (desk_app.storage.demo_mark), with its CTI token.
    "demo_database": "id created_at cti_token",
}
# In writing order, so every reference points at a row already there (agents are written first).
BULK_TABLES = ("customers", "phones", "orders", "order_lines", "provision_records", "cases", "case_events")


class _Clock:
    """Times as the ORM's UtcDateTime stores them, joined from precomputed day and time-of-day texts.

    SQLite gets naive UTC text in SQLAlchemy's DATETIME format; PostgreSQL the same text with +00, so
    COPY stores aware UTC. Times travel as integer seconds since the first day began ("keys"), because
    making and formatting millions of datetime objects would take longer than the whole load.
    """

    def __init__(self, now: dt.datetime, suffix: str) -> None:
        self.first_day = now.date() - dt.timedelta(days=DAYS_BACK)
        self.today = DAYS_BACK
        self.now_key = DAYS_BACK * DAY + now.hour * 3600 + now.minute * 60 + now.second
        self.dates = [(self.first_day + dt.timedelta(days=i)).isoformat() for i in range(DAYS_BACK + 1)]
        self.days = [date + " " for date in self.dates]
        self.times = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000{suffix}" for s in range(DAY)]

    def at(self, key: int) -> str:
        day, second = divmod(key, DAY)
        return self.days[day] + self.times[second]

    def in_japan(self, key: int) -> dt.datetime:
        start = dt.datetime.combine(self.first_day, dt.time(), dt.UTC)
        return (start + dt.timedelta(seconds=key)).astimezone(TOKYO)


def _cum(weights: Iterable[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _e164(digits: Digits) -> str:
    # Japanese numbers drop the trunk 0 after +81; phonenumbers agrees (checked in the tests).
    return "+81" + digits[0][1:] + digits[1] + digits[2]


class _Loader:
    """One transaction on the driver's own connection, the bulk tables' indexes built after loading."""

    time_suffix = ""

    def __init__(self, engine: Engine) -> None:
        self.raw = engine.raw_connection()
        self.db: Any = self.raw.driver_connection
        self.indexes = [index for table in BULK_TABLES for index in Base.metadata.tables[table].indexes]
        self.dialect = engine.dialect

    def query(self, sql: str) -> list[Row]:
        cursor = self.db.cursor()
        try:
            cursor.execute(sql)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def begin(self) -> str | None:
        """Drop the bulk tables' indexes, or return the first bulk table already holding rows."""
        for table in BULK_TABLES:
            if self.query(f"SELECT 1 FROM {table} LIMIT 1"):
                return table
        for index in self.indexes:
            self.db.execute(str(DropIndex(index).compile(dialect=self.dialect)))
        return None

    def write(self, table: str, rows: list[Row]) -> None:
        raise NotImplementedError

    def write_named(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> int:
        """Rows giving only `columns`; every other column gets its model default, or NULL where allowed.

        For loaders outside the demo (the benchmarks) that fill a few columns: a column added to the model
        later is filled from its definition instead of shifting every positional value after it.
        Returns the number of rows written.
        """
        full = complete_rows(table, columns)
        written = [full(row) for row in rows]
        self.write(table, written)
        return len(written)

    # How the driver marks a parameter, and what locks a head row until the commit (SQLite's loader holds
    # the database's write lock from its first statement on).
    mark = "?"
    lock_head = ""

    def write_chained(self, table: str, rows: list[Row]) -> None:
        """Rows of an audit chain, their ids ignored: numbered after the chain's head, hashed, the head moved.

        The same hashes and seals as `desk_app.audit.append`, computed here in bulk; the JSON details arrive
        as text and the times as the text this loader stores.
        """
        head = self.query(
            f"SELECT last_id, last_hash, seal FROM audit_chain_heads WHERE chain = '{table}'{self.lock_head}"
        )
        if not head:
            raise ChainHeadMissing(table)
        key = current()
        if not key.holds_seal(table, head[0][0], head[0][1], head[0][2]):
            raise HeadSealBroken(table)
        columns = COLUMNS[table].split()
        given = [name for name in columns if name not in ("row_hash", "prev_hash")]
        chained = [dict(zip(given, row, strict=True)) for row in rows]
        for values in chained:
            values["detail"] = json.loads(values["detail"])
        last_id, last_hash = chain_rows(table, chained, last_id=head[0][0], last_hash=head[0][1])
        self.write(
            table,
            [
                tuple(json.dumps(values[name]) if name == "detail" else values[name] for name in columns)
                for values in chained
            ],
        )
        cursor = self.db.cursor()
        try:
            cursor.execute(
                f"UPDATE audit_chain_heads SET last_id = {self.mark}, last_hash = {self.mark},"
                f" seal = {self.mark} WHERE chain = {self.mark}",
                (last_id, last_hash, key.seal(table, last_id, last_hash), table),
            )
        finally:
            cursor.close()

    def finish(self) -> None:
        for index in self.indexes:
            self.db.execute(str(CreateIndex(index).compile(dialect=self.dialect)))
        self.db.commit()

    def close(self, failed: bool) -> None:
        try:
            if failed:
                self.db.rollback()
        finally:
            self.raw.close()


class MissingColumnValue(ValueError):
    """A column that has no default and may not be NULL was not given."""


def _fill_value(column: Column[Any]) -> Any:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return getattr(default, "arg", None)
    if column.nullable:
        return None
    raise MissingColumnValue(f"{column.table.name}.{column.name} has no default and may not be NULL: give it")


def complete_rows(table: str, columns: Sequence[str]) -> Callable[[Row], Row]:
    """Turns a row of `columns` into a row of COLUMNS[table], the rest filled by `_fill_value`."""
    definition = Base.metadata.tables[table]
    unknown = [name for name in columns if name not in definition.columns]
    if unknown:
        raise MissingColumnValue(f"{table} has no column {', '.join(unknown)}")
    given = {name: position for position, name in enumerate(columns)}
    plan = [
        (True, given[name]) if name in given else (False, _fill_value(definition.columns[name]))
        for name in COLUMNS[table].split()
    ]

    def full(row: Row) -> Row:
        if len(row) != len(columns):
            raise MissingColumnValue(f"{table}: a row has {len(row)} values for {len(columns)} columns")
        return tuple(row[spot] if named else spot for named, spot in plan)

    return full


class _SqliteLoader(_Loader):
    def begin(self) -> str | None:
        names = ("foreign_keys", "synchronous", "cache_size")
        self.saved = {name: self.query(f"PRAGMA {name}")[0][0] for name in names}
        # The rows are consistent by construction, so checking each reference would only slow the load,
        # and nothing needs to be durable before the single commit. A bigger cache speeds up building
        # the indexes; beyond 64 MiB it measured no faster.
        for pragma in ("foreign_keys=OFF", "synchronous=OFF", "cache_size=-65536"):
            self.db.execute(f"PRAGMA {pragma}")
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
        return super().begin()

    def write(self, table: str, rows: list[Row]) -> None:
        columns = COLUMNS[table].split()
        marks = ", ".join("?" * len(columns))
        self.db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def close(self, failed: bool) -> None:
        try:
            if failed:
                self.db.rollback()
            for name, value in getattr(self, "saved", {}).items():
                self.db.execute(f"PRAGMA {name}={value}")
        finally:
            self.raw.close()


class _PostgresLoader(_Loader):
    time_suffix = "+00"
    mark = "%s"
    lock_head = " FOR UPDATE"

    def write(self, table: str, rows: list[Row]) -> None:
        columns = ", ".join(COLUMNS[table].split())
        with self.db.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self) -> None:
        # The ids were assigned here, so the sequences must move past them before the ORM adds rows.
        for table in ("agents", *BULK_TABLES):
            sequence = f"pg_get_serial_sequence('{table}', 'id')"
            self.db.execute(
                f"SELECT setval({sequence}, COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
            )
        super().finish()
        # Without statistics the planner guesses badly on freshly loaded tables (screen pops took
        # 600-800 ms until autovacuum caught up); ANALYZE gives it the real picture at once.
        for table in ("agents", *BULK_TABLES):
            self.db.execute(f"ANALYZE {table}")
        self.db.commit()
