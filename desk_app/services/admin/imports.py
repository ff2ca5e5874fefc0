"""`import_file`: one CSV export into the database, all or nothing, in one transaction.

The rows stream through once: each is validated, good rows are upserted a batch at a time, and the
transaction is committed only at the end. A bad row (without `skip_bad`) stops the writing, the rest of
the file is still checked so the report is complete, and everything is rolled back: nothing written.
Reading the file twice instead (validate, then write) would double the cost of checking a million phone
numbers, and keeping a million clean rows in memory would not fit a desk PC.

Upserts key on the customer number and the order number; provision records, which have no number, on
the whole record. A row equal to what is stored is counted unchanged and not written, so a re-run
changes nothing and bumps no `row_version`. An erased customer is never updated, re-inserted or given
new orders or provision records: the row is reported instead — also once retention has purged the blank
row, since the erased-customer register (`services/erased_register.py`) still names the number. A mailing
the customer stopped (at the desk, where stop requests are recorded) is never turned back on by an import:
the stop is kept and counted.

The file speaks only for its columns: a column the file does not have keeps every stored value (a blank
cell in a column it has clears an optional field). A field corrected at the desk since the mail-order
system last exported it (`desk_changes`) is the desk's until the export agrees: a different value in the
file is reported as a conflict and the desk's kept, unless `overwrite_desk_changes`; the same value
settles it.

Auditing: one access-log CHANGE entry per committed import, not one per customer — who (the agent, empty
for the command line), when, the kind, the file's name, its encoding and the counts; never personal data.
Which customers an import inserted or changed stays answerable: their `updated_at` is the entry's time.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TextIO, cast

from sqlalchemy import CursorResult, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, CustomerState, PhoneKind
from desk_app.domain.kana import kana_key, name_key
from desk_app.domain.messages import Message, MessageError, message, message_of
from desk_app.domain.safe_text import csv_writer
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.columns import CUSTOMER_COLUMNS, HeaderProblem, ImportKind, map_headers
from desk_app.imports.encoding import UTF8, UTF8_BOM, EncodingProblem, detect_encoding
from desk_app.imports.validate import Problem, RowValidator, national
from desk_app.private_files import open_new_private
from desk_app.services.access_log import record_access
from desk_app.services.erased_register import check_key, erased_among
from desk_app.storage.models import Customer, DeskChange, Order, OrderLine, Phone, ProvisionRecord, table_of

BATCH = 2_000
PROGRESS_EVERY = 2_000
# The report keeps the first problems; the rejects file has them all.
MAX_PROBLEMS = 1_000
PROBLEMS_HEADER = "問題"

Progress = Callable[[int, int], bool]
Sessions = sessionmaker[Session] | Session

_CUSTOMERS = table_of(Customer)
_PHONES = table_of(Phone)
_ORDERS = table_of(Order)
_LINES = table_of(OrderLine)
_PROVISIONS = table_of(ProvisionRecord)
_DESK_CHANGES = table_of(DeskChange)

# Compared with what is stored; a difference in any of them (or in the phones) is a change.
CUSTOMER_FIELDS = (
    "name",
    "name_kana",
    "birth_date",
    "postal_code",
    "prefecture",
    "city",
    "street",
    "building",
    "email",
    "shopping_credit",
    "workplace_name",
    "workplace_phone",
    "catalogue_opt_in",
    "direct_mail_opt_in",
    "email_magazine_opt_in",
)
MAILINGS = ("catalogue_opt_in", "direct_mail_opt_in", "email_magazine_opt_in")
# A flag left blank in the file: a new customer gets the desk's default, a known one keeps the stored value.
FLAG_DEFAULTS = {
    "shopping_credit": False,
    "catalogue_opt_in": True,
    "direct_mail_opt_in": True,
    "email_magazine_opt_in": False,
}
PHONE_FIELDS = (
    ("home_phone", PhoneKind.HOME),
    ("mobile_phone", PhoneKind.MOBILE),
    ("work_phone", PhoneKind.WORK),
)
# What the customer import reads of a stored customer, in this order.
_STORED_COLUMNS = ("id", "customer_no", "state", "row_version", *CUSTOMER_FIELDS)
# The fields a desk correction changes (`case_operations.CORRECTABLE_FIELDS`), as `desk_changes` names them.
_DESK_FIELDS = ("name", "name_kana", "postal_code", "prefecture", "city", "street", "building", "email")
_HEADERS = {column.field: column.header for column in CUSTOMER_COLUMNS}


class ImportFileError(MessageError):
    """The file cannot be imported at all: missing, unreadable, not CSV, wrong encoding, headers missing."""


def _cannot_read(path: Path, error: OSError) -> Message:
    # The system's reason ("No such file or directory") is the system's words.
    return message("import.cannot_read", name=path.name, reason=error.strerror or str(error))


class ImportConflict(MessageError):
    """A customer changed at a desk while the import ran; nothing was written, run the import again."""


@dataclass(frozen=True)
class DeskChangeConflict:
    """A field corrected at the desk that the file gives another value: which customer and column (the
    values are not reported); `kept` is True when the desk's value stayed, False when the file's replaced it
    (`overwrite_desk_changes`)."""

    customer_no: str
    field: str
    kept: bool

    def __str__(self) -> str:
        outcome = "the desk's value kept" if self.kept else "overwritten by the file"
        return f"customer {self.customer_no}: {self.field} was corrected at the desk; {outcome}"


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the command line and the window; frozen, holds no ORM objects."""

    kind: ImportKind
    file_name: str
    encoding: str
    read: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    # Customer numbers of erased customers the file named: reported, never revived.
    not_revived: tuple[str, ...]
    # Mailings a known customer had stopped that the file would have turned back on.
    stops_kept: int
    problems: tuple[Problem, ...]
    ignored_columns: tuple[str, ...]
    committed: bool
    # Fields corrected at the desk that the file gives another value (see `DeskChangeConflict`).
    conflicts: tuple[DeskChangeConflict, ...]
    cancelled: bool
    rejects_file: str | None
    seconds: float

    @property
    def erased_not_revived(self) -> int:
        return len(self.not_revived)

    @property
    def changed(self) -> int:
        return self.inserted + self.updated


@dataclass
class _Item:
    line: int
    raw: list[str]
    clean: dict[str, Any]


@dataclass
class _Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    stops_kept: int = 0
    not_revived: list[str] = field(default_factory=list)
    conflicts: list[DeskChangeConflict] = field(default_factory=list)


class _Cancelled(Exception):
    pass


class _Abort(Exception):
    """Raised inside the transaction to roll it back once the report is known."""


def import_file(
    sessions: Sessions,
    kind: ImportKind | str,
    path: Path,
    *,
    encoding: str | None = None,
    register_key: RegisterKey,
    skip_bad: Path | None = None,
    overwrite_desk_changes: bool = False,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    agent_id: int | None = None,
) -> ImportReport:
    """Import `path` as `kind`; see the module's docstring for the rules.

    `sessions` is a session factory (the import is its own transaction) or a caller's session (the import
    runs in a savepoint of it and the caller commits). `register_key` reads the erased-customer register.
    `progress(rows_done, rows_expected)` is called every few thousand rows; returning False cancels the
    import and nothing is written. `skip_bad` names the rejects file: the good rows are imported and the
    bad ones written there (the original columns and a 問題 column, in the input's encoding — UTF-8 with a
    BOM, as Excel needs — with formulas made harmless). Raises `ImportFileError` for a file that cannot be
    read at all, or a rejects file that is the input itself; `RegisterKeyMismatch` for a key the register
    was not made with.
    """
    started = time.perf_counter()
    kind = ImportKind(kind)
    at = now or dt.datetime.now(dt.UTC)
    if skip_bad is not None and _same_file(skip_bad, path):
        raise ImportFileError(message("import.rejects_is_input", name=skip_bad.name))
    try:
        detected = detect_encoding(path, encoding)
    except EncodingProblem as exc:
        raise ImportFileError(exc.explanation) from None
    except OSError as exc:
        raise ImportFileError(_cannot_read(path, exc)) from None
    state = _Run(kind, path, detected.codec, max(detected.lines - 1, 0), skip_bad, progress, at)
    state.register_key, state.overwrite = register_key, overwrite_desk_changes
    try:
        with _transaction(sessions) as session:
            check_key(session, register_key)
            state.run(session)
            if state.bad and skip_bad is None:
                raise _Abort
            if state.cancelled:
                raise _Abort
            record_access(
                session,
                agent_id=agent_id,
                action=AccessAction.CHANGE,
                customer_ids=[None],
                detail=state.audit_detail(),
                now=at,
            )
            state.committed = True
    except _Abort:
        pass
    return state.report(time.perf_counter() - started)


def _same_file(output: Path, source: Path) -> bool:
    """Whether writing `output` would overwrite `source` (another spelling or a link of the same file)."""
    try:
        return output.samefile(source)
    except OSError:
        # The output does not exist yet (or cannot be looked at): compare where the names lead.
        return output.resolve() == source.resolve()


@contextmanager
def _transaction(sessions: Sessions) -> Iterator[Session]:
    if isinstance(sessions, Session):
        savepoint = sessions.begin_nested()
        try:
            yield sessions
        except BaseException:
            savepoint.rollback()
            raise
        savepoint.commit()
        return
    with sessions() as session, session.begin():
        yield session


class _Run:
    def __init__(
        self,
        kind: ImportKind,
        path: Path,
        codec: str,
        expected: int,
        skip_bad: Path | None,
        progress: Progress | None,
        now: dt.datetime,
    ) -> None:
        self.kind, self.path, self.codec, self.expected = kind, path, codec, expected
        self.skip_bad, self.progress, self.now = skip_bad, progress, now
        self.read = self.bad = 0
        self.problems: list[Problem] = []
        self.counts = _Counts()
        self.ignored: tuple[str, ...] = ()
        self.cancelled = self.committed = False
        self.rejects: Any = None
        self.register_key: RegisterKey | None = None
        self.overwrite = False

    def run(self, session: Session) -> None:
        try:
            stream = self.path.open(encoding=self.codec, newline="")
        except OSError as exc:
            raise ImportFileError(_cannot_read(self.path, exc)) from None
        with stream:
            reader = csv.reader(stream, strict=True)
            try:
                headers = next(reader, None)
                if headers is None:
                    raise ImportFileError(message("import.file_empty"))
                header_map = map_headers(self.kind, headers)
            except (HeaderProblem, csv.Error) as exc:
                raise ImportFileError(message("import.file_line", line=1, problem=message_of(exc))) from None
            self.ignored = header_map.ignored
            rejects_stream = self._open_rejects(headers)
            try:
                assert self.register_key is not None
                validator = RowValidator(self.kind, header_map, now=self.now)
                writer = _WRITERS[self.kind](session, self.now, self.counts, self.register_key)
                writer.present, writer.overwrite = validator.present, self.overwrite
                self._rows(reader, validator, writer)
            finally:
                if rejects_stream is not None:
                    rejects_stream.close()

    def _open_rejects(self, headers: list[str]) -> TextIO | None:
        if self.skip_bad is None:
            return None
        # Excel reads a UTF-8 file without a BOM as Shift_JIS: the rejects carry one, as the case export does.
        codec = UTF8_BOM if self.codec == UTF8 else self.codec
        try:
            # Owner-only: rejected rows are customers' details as much as the rest.
            stream = open_new_private(self.skip_bad, encoding=codec, newline="", errors="replace")
        except OSError as exc:
            said = message("import.cannot_write", name=self.skip_bad.name, reason=exc.strerror or str(exc))
            raise ImportFileError(said) from None
        self.rejects = csv_writer(stream)
        self.rejects.writerow([*headers, PROBLEMS_HEADER])
        return stream

    def _rows(self, reader: Any, validator: RowValidator, writer: _Writer) -> None:
        batch: list[_Item] = []
        line_end = 1
        try:
            for raw in reader:
                line = line_end + 1
                line_end = reader.line_num
                if not raw or not any(value.strip() for value in raw):
                    continue
                self.read += 1
                clean, problems = validator.check(line, raw)
                problems += writer.check_key(line, clean) if not problems else []
                if problems:
                    writer.rejected(clean)
                    self._reject(_Item(line, raw, clean), problems)
                else:
                    batch.append(_Item(line, raw, clean))
                if len(batch) >= BATCH:
                    self._flush(writer, batch)
                    batch = []
                if self.read % PROGRESS_EVERY == 0 and not self._report_progress():
                    self.cancelled = True
                    return
        except csv.Error as exc:
            said = message("import.not_csv", line=reader.line_num, reason=str(exc))
            raise ImportFileError(said) from None
        self._flush(writer, batch, final=True)
        self._report_progress(done=True)

    def _flush(self, writer: _Writer, batch: list[_Item], *, final: bool = False) -> None:
        writing = not (self.bad and self.skip_bad is None)
        for item, problems in writer.flush(batch, write=writing, final=final):
            self._reject(item, problems)

    def _reject(self, item: _Item, problems: list[Problem]) -> None:
        self.bad += 1
        room = MAX_PROBLEMS - len(self.problems)
        if room > 0:
            self.problems.extend(problems[:room])
        if self.rejects is not None:
            self.rejects.writerow([*item.raw, "; ".join(str(problem) for problem in problems)])

    def _report_progress(self, *, done: bool = False) -> bool:
        if self.progress is None:
            return True
        total = self.read if done else max(self.expected, self.read)
        return self.progress(self.read, total) is not False

    def audit_detail(self) -> str:
        name = self.path.name if len(self.path.name) <= 60 else self.path.name[:57] + "..."
        c = self.counts
        conflicts = f", {len(c.conflicts)} desk changes in conflict" if c.conflicts else ""
        return (
            f"import {self.kind.value} {name} ({self.codec}): {self.read} read, {c.inserted} new,"
            f" {c.updated} changed, {c.unchanged} unchanged, {self.bad} rejected,"
            f" {len(c.not_revived)} erased not revived{conflicts}"
        )

    def report(self, seconds: float) -> ImportReport:
        c = self.counts
        written = self.committed
        return ImportReport(
            kind=self.kind,
            file_name=self.path.name,
            encoding=self.codec,
            read=self.read,
            inserted=c.inserted if written else 0,
            updated=c.updated if written else 0,
            unchanged=c.unchanged if written else 0,
            rejected=self.bad,
            not_revived=tuple(c.not_revived),
            stops_kept=c.stops_kept if written else 0,
            problems=tuple(self.problems),
            ignored_columns=self.ignored,
            committed=written,
            conflicts=tuple(c.conflicts) if written else (),
            cancelled=self.cancelled,
            rejects_file=str(self.skip_bad) if self.skip_bad is not None else None,
            seconds=seconds,
        )


class _Writer:
    """Upserts one kind of row a batch at a time; problems only the database can reveal come back."""

    def __init__(
        self, session: Session, now: dt.datetime, counts: _Counts, register_key: RegisterKey
    ) -> None:
        self.session, self.now, self.counts, self.register_key = session, now, counts, register_key
        self.seen: dict[str, int] = {}
        self.present: frozenset[str] = frozenset()
        self.overwrite = False

    def check_key(self, line: int, clean: dict[str, Any]) -> list[Problem]:
        return []

    def flush(self, batch: list[_Item], *, write: bool, final: bool) -> list[tuple[_Item, list[Problem]]]:
        raise NotImplementedError

    def rejected(self, clean: dict[str, Any]) -> None:
        """A row failed validation (orders reject every line of its order)."""

    def customers(self, numbers: list[str]) -> dict[str, tuple[int, str]]:
        """Id and state by customer number; a number only the erased-customer register knows is erased."""
        c = _CUSTOMERS.c
        rows = self.session.execute(select(c.customer_no, c.id, c.state).where(c.customer_no.in_(numbers)))
        found = {number: (customer_id, str(state)) for number, customer_id, state in rows}
        unknown = [number for number in numbers if number not in found]
        for number in erased_among(self.session, self.register_key, unknown):
            found[number] = (-1, str(CustomerState.ERASED))
        return found


def _repeated(seen: dict[str, int], key: str, line: int, header: str) -> list[Problem]:
    first = seen.setdefault(key, line)
    return [] if first == line else [Problem(line, header, message("import.repeated", key=key, first=first))]


@dataclass
class _PhoneChange:
    """A known customer's numbers of the kinds that change: those kinds' rows are replaced by `rows`."""

    kinds: set[str] = field(default_factory=set)
    rows: list[dict[str, Any]] = field(default_factory=list)


class _CustomerWriter(_Writer):
    def check_key(self, line: int, clean: dict[str, Any]) -> list[Problem]:
        return _repeated(self.seen, clean["customer_no"], line, "顧客番号")

    def flush(self, batch: list[_Item], *, write: bool, final: bool) -> list[tuple[_Item, list[Problem]]]:
        if not batch or not write:
            return []
        c = _CUSTOMERS.c
        numbers = [item.clean["customer_no"] for item in batch]
        stored = {
            row.customer_no: row
            for row in self.session.execute(
                select(*(c[name] for name in _STORED_COLUMNS)).where(c.customer_no.in_(numbers))
            )
        }
        erased = erased_among(self.session, self.register_key, [n for n in numbers if n not in stored])
        phones: dict[int, dict[str, set[str]]] = {}
        pending: dict[int, set[str]] = {}
        if stored:
            ids = [row.id for row in stored.values()]
            for customer_id, kind, e164 in self.session.execute(
                select(_PHONES.c.customer_id, _PHONES.c.kind, _PHONES.c.e164).where(
                    _PHONES.c.customer_id.in_(ids)
                )
            ):
                phones.setdefault(customer_id, {}).setdefault(str(kind), set()).add(e164)
            d = _DESK_CHANGES.c
            for customer_id, desk_field in self.session.execute(
                select(d.customer_id, d.field).where(d.customer_id.in_(ids))
            ):
                pending.setdefault(customer_id, set()).add(desk_field)
        new_rows: list[dict[str, Any]] = []
        new_phones: dict[str, list[dict[str, Any]]] = {}
        changed_rows: list[dict[str, Any]] = []
        changed_phones: dict[int, _PhoneChange] = {}
        settled: list[tuple[int, str]] = []
        for item in batch:
            number = item.clean["customer_no"]
            row = stored.get(number)
            if (
                row is not None
                and row.id not in pending
                and row.state != CustomerState.ERASED
                and self._same_as_stored(item.clean, row, phones.get(row.id, {}))
            ):
                # A re-run's usual row: nothing to merge, settle or report.
                self.counts.unchanged += 1
                continue
            # The rules below read each stored field a dozen times: a plain dictionary is quicker.
            existing = None if row is None else row._asdict()
            wanted = self._phones(item.clean)
            if existing is None:
                if number in erased:
                    # Erased, and the blank row since purged: the register remembers.
                    self.counts.not_revived.append(number)
                    continue
                values = self._values(item.clean)
                for flag, default in FLAG_DEFAULTS.items():
                    if values[flag] is None:
                        values[flag] = default
                new_rows.append(self._new_row(number, values))
                new_phones[number] = [row for rows in wanted.values() for row in rows]
                continue
            if existing["state"] == CustomerState.ERASED:
                self.counts.not_revived.append(existing["customer_no"])
                continue
            desk = pending.get(existing["id"], set())
            values = self._merge(existing, self._values(item.clean), desk, settled)
            change = self._phone_change(existing, phones.get(existing["id"], {}), wanted, desk, settled)
            if PhoneKind.WORK.value not in change.kinds:
                # The work number stays as stored (the same, the desk's, or no column): so does its written
                # form.
                values["workplace_phone"] = existing["workplace_phone"]
            if not change.kinds and all(values[name] == existing[name] for name in CUSTOMER_FIELDS):
                self.counts.unchanged += 1
                continue
            changed_rows.append(self._changed_row(existing, values))
            if change.kinds:
                changed_phones[existing["id"]] = change
        self._insert(new_rows, new_phones)
        self._update(changed_rows, changed_phones)
        self._settle(settled)
        return []

    @cached_property
    def _columns_compared(self) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
        """The file's customer fields with their place in a stored row (`_STORED_COLUMNS`; the workplace's
        number goes by the work phone), and its phone columns."""
        fields = [
            (name, _STORED_COLUMNS.index(name))
            for name in CUSTOMER_FIELDS
            if name in self.present and name != "workplace_phone"
        ]
        return fields, [(name, kind.value) for name, kind in PHONE_FIELDS if name in self.present]

    def _same_as_stored(self, clean: dict[str, Any], stored: Any, held: dict[str, set[str]]) -> bool:
        """Whether the row gives every field it has a column for exactly as stored, phones included.

        Such a row, for a customer without desk changes, is unchanged by the rules of `_merge` and
        `_phone_change` too (nothing to keep from the store, no stop to keep, nothing to settle), so it
        is counted without them. A False sends the row through them, as before.
        """
        compared, phone_columns = self._columns_compared
        for name, place in compared:
            # A blank flag (None) is never equal to a stored one: the full rules decide it.
            if clean[name] != stored[place]:
                return False
        for name, kind in phone_columns:
            number = clean[name]
            kept = held.get(kind)
            if number is None:
                if kept:
                    return False
            elif kept is None or len(kept) != 1 or number.e164 not in kept:
                return False
        return True

    def _phones(self, clean: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """The numbers the row gives, by kind, for the kinds whose column the file has."""
        return {
            kind.value: (
                [{"kind": kind.value, "raw": clean["raw_" + name], "e164": number.e164}]
                if (number := clean.get(name)) is not None
                else []
            )
            for name, kind in PHONE_FIELDS
            if name in self.present
        }

    def _values(self, clean: dict[str, Any]) -> dict[str, Any]:
        values = {name: clean.get(name) for name in CUSTOMER_FIELDS}
        work = clean.get("work_phone")
        values["workplace_phone"] = national(work) if work is not None else None
        return values

    def _conflict(self, existing: dict[str, Any], desk_field: str, settled: list[tuple[int, str]]) -> bool:
        """A desk change the file contradicts: reported; True when the desk's value is kept."""
        header = _HEADERS.get(desk_field) or _HEADERS[_PHONE_COLUMN[desk_field]]
        self.counts.conflicts.append(
            DeskChangeConflict(existing["customer_no"], header, kept=not self.overwrite)
        )
        if self.overwrite:
            settled.append((existing["id"], desk_field))
        return not self.overwrite

    def _merge(
        self, existing: dict[str, Any], values: dict[str, Any], desk: set[str], settled: list[tuple[int, str]]
    ) -> dict[str, Any]:
        for name in CUSTOMER_FIELDS:
            # (The workplace's number follows the work phone: decided with the phones.)
            if name not in self.present and name != "workplace_phone":
                # The file has no such column: it says nothing about this field.
                values[name] = existing[name]
        for flag in FLAG_DEFAULTS:
            if values[flag] is None:
                values[flag] = existing[flag]
        for flag in MAILINGS:
            if values[flag] and not existing[flag]:
                # The desk records stop requests; the mail-order system may not know of one yet.
                values[flag] = False
                self.counts.stops_kept += 1
        for name in _DESK_FIELDS:
            if name not in desk or name not in self.present:
                continue
            if values[name] == existing[name]:
                settled.append((existing["id"], name))  # the mail-order system has the correction now
            elif self._conflict(existing, name, settled):
                values[name] = existing[name]
        return values

    def _phone_change(
        self,
        existing: dict[str, Any],
        held: dict[str, set[str]],
        wanted: dict[str, list[dict[str, Any]]],
        desk: set[str],
        settled: list[tuple[int, str]],
    ) -> _PhoneChange:
        change = _PhoneChange()
        for kind, rows in wanted.items():
            same = held.get(kind, set()) == {row["e164"] for row in rows}
            desk_field = f"phone_{kind}"
            if desk_field in desk:
                if same:
                    settled.append((existing["id"], desk_field))
                    continue
                if self._conflict(existing, desk_field, settled):
                    continue
            if not same:
                change.kinds.add(kind)
                change.rows += rows
        return change

    def _new_row(self, customer_no: str, values: dict[str, Any]) -> dict[str, Any]:
        return {
            **values,
            "customer_no": customer_no,
            "catalogue_changed_at": None,
            "direct_mail_changed_at": None,
            "email_magazine_changed_at": None,
            "state": CustomerState.ACTIVE,
            "created_at": self.now,
            "updated_at": self.now,
            "row_version": 1,
            "name_search": name_key(values["name"]),
            "kana_search": kana_key(values["name_kana"]),
        }

    def _changed_row(self, existing: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        row = {f"v_{name}": value for name, value in values.items()}
        for flag in MAILINGS:
            row[f"v_{flag.replace('_opt_in', '_changed_at')}"] = (
                self.now if values[flag] != existing[flag] else _KEEP
            )
        row.update(
            b_id=existing["id"],
            b_version=existing["row_version"],
            v_name_search=name_key(values["name"]),
            v_kana_search=kana_key(values["name_kana"]),
        )
        return row

    def _insert(self, rows: list[dict[str, Any]], phones: dict[str, list[dict[str, Any]]]) -> None:
        if not rows:
            return
        self.session.execute(insert(_CUSTOMERS), rows)
        self.counts.inserted += len(rows)
        c = _CUSTOMERS.c
        ids = dict(
            self.session.execute(
                select(c.customer_no, c.id).where(c.customer_no.in_([row["customer_no"] for row in rows]))
            ).all()
        )
        phone_rows = [
            {**phone, "customer_id": ids[number]} for number, wanted in phones.items() for phone in wanted
        ]
        if phone_rows:
            self.session.execute(insert(_PHONES), phone_rows)

    def _update(self, rows: list[dict[str, Any]], phones: dict[int, _PhoneChange]) -> None:
        if not rows:
            return
        self._run_updates(rows)
        p = _PHONES.c
        for kind in PhoneKind:
            changing = [customer_id for customer_id, change in phones.items() if kind.value in change.kinds]
            if changing:
                self.session.execute(delete(_PHONES).where(p.customer_id.in_(changing), p.kind == kind))
        phone_rows = [
            {**phone, "customer_id": customer_id}
            for customer_id, change in phones.items()
            for phone in change.rows
        ]
        # A customer whose numbers the file all removed has none to insert (an empty insert would be
        # `INSERT INTO phones DEFAULT VALUES`).
        if phone_rows:
            self.session.execute(insert(_PHONES), phone_rows)

    def _settle(self, settled: list[tuple[int, str]]) -> None:
        d = _DESK_CHANGES.c
        for desk_field in sorted({name for _customer, name in settled}):
            ids = sorted({customer for customer, name in settled if name == desk_field})
            self.session.execute(delete(_DESK_CHANGES).where(d.field == desk_field, d.customer_id.in_(ids)))

    def _run_updates(self, rows: list[dict[str, Any]]) -> None:
        # The three change stamps are each either kept or set, so rows are grouped by which ones change.
        groups: dict[tuple[bool, ...], list[dict[str, Any]]] = {}
        for row in rows:
            key = tuple(row[f"v_{stamp}"] is not _KEEP for stamp in _STAMPS)
            groups.setdefault(key, []).append(row)
        for key, group in groups.items():
            statement = _update_statement(key, self.now)
            params = [{name: value for name, value in row.items() if value is not _KEEP} for row in group]
            result = cast(CursorResult[Any], self.session.execute(statement, params))
            if result.rowcount not in (-1, len(params)):
                raise ImportConflict(message("import.changed_meanwhile"))
        self.counts.updated += len(rows)


_PHONE_COLUMN = {f"phone_{kind.value}": name for name, kind in PHONE_FIELDS}


class _Keep:
    """Marks a change stamp that stays as stored."""


_KEEP: Any = _Keep()
_STAMPS = ("catalogue_changed_at", "direct_mail_changed_at", "email_magazine_changed_at")


def _update_statement(stamps_set: tuple[bool, ...], now: dt.datetime) -> Any:
    c = _CUSTOMERS.c
    values: dict[str, Any] = {
        name: bindparam(f"v_{name}") for name in (*CUSTOMER_FIELDS, "name_search", "kana_search")
    }
    for stamp, is_set in zip(_STAMPS, stamps_set, strict=True):
        if is_set:
            values[stamp] = bindparam(f"v_{stamp}")
    values["row_version"] = c.row_version + 1
    values["updated_at"] = now
    return (
        update(_CUSTOMERS)
        .where(c.id == bindparam("b_id"), c.row_version == bindparam("b_version"))
        .values(**values)
    )


_ORDER_HEADERS = {
    "customer_no": "顧客番号",
    "ordered_at": "注文日時",
    "channel": "経路",
    "amount_yen": "金額",
}


class _OrderWriter(_Writer):
    """Orders arrive a row per line, an order's lines together; an order is written whole or not at all."""

    def __init__(
        self, session: Session, now: dt.datetime, counts: _Counts, register_key: RegisterKey
    ) -> None:
        super().__init__(session, now, counts, register_key)
        self.current: tuple[str, dict[str, Any], int] | None = None
        self.bad_orders: set[str] = set()
        self.carry: list[_Item] = []

    def check_key(self, line: int, clean: dict[str, Any]) -> list[Problem]:
        number = clean["order_no"]
        if self.current is None or self.current[0] != number:
            problems = _repeated(self.seen, number, line, "注文番号")
            if problems:
                return [
                    Problem(line, "注文番号", message("import.order_apart", problem=problems[0].explanation))
                ]
            self.current = (number, clean, line)
            return []
        first, first_line = self.current[1], self.current[2]
        return [
            Problem(line, header, message("import.order_differs", first=first_line))
            for name, header in _ORDER_HEADERS.items()
            if clean[name] != first[name]
        ]

    def rejected(self, clean: dict[str, Any]) -> None:
        if clean.get("order_no") is not None:
            self.bad_orders.add(clean["order_no"])

    def flush(self, batch: list[_Item], *, write: bool, final: bool) -> list[tuple[_Item, list[Problem]]]:
        items = self.carry + batch
        self.carry = []
        if items and not final:
            # The last order may go on in the next rows: it waits for them.
            last = items[-1].clean["order_no"]
            while items and items[-1].clean["order_no"] == last:
                self.carry.insert(0, items.pop())
        groups: dict[str, list[_Item]] = {}
        for item in items:
            groups.setdefault(item.clean["order_no"], []).append(item)
        problems: list[tuple[_Item, list[Problem]]] = []
        for number in [number for number in groups if number in self.bad_orders]:
            for item in groups.pop(number):
                problems.append(
                    (item, [Problem(item.line, "注文番号", message("import.order_line_rejected"))])
                )
        if not groups:
            return problems
        owners = self.customers(sorted({group[0].clean["customer_no"] for group in groups.values()}))
        wanted: dict[str, tuple[dict[str, Any], list[tuple[Any, ...]]]] = {}
        for number, group in groups.items():
            head = group[0].clean
            owner = owners.get(head["customer_no"])
            if owner is None:
                for item in group:
                    problems.append(
                        (item, [Problem(item.line, "顧客番号", message("import.no_such_customer"))])
                    )
                continue
            line_nos = [item.clean["line_no"] for item in group if item.clean["product_code"] is not None]
            if len(set(line_nos)) != len(line_nos):
                for item in group:
                    problems.append(
                        (item, [Problem(item.line, "明細番号", message("import.line_number_twice"))])
                    )
                continue
            if owner[1] == CustomerState.ERASED:
                self.counts.not_revived.append(head["customer_no"])
                continue
            order = {
                "customer_id": owner[0],
                "ordered_at": head["ordered_at"],
                "channel": head["channel"],
                "amount_yen": head["amount_yen"],
            }
            lines = sorted(
                (i.line_no, i.product_code, i.product_name.strip(), i.quantity, i.line_amount_yen)
                for i in (_Line(item.clean) for item in group if item.clean["product_code"] is not None)
            )
            wanted[number] = (order, lines)
        if write and wanted:
            self._upsert(wanted)
        return problems

    def _upsert(self, wanted: dict[str, tuple[dict[str, Any], list[tuple[Any, ...]]]]) -> None:
        o, ln = _ORDERS.c, _LINES.c
        stored = {
            row.order_no: row
            for row in self.session.execute(
                select(o.id, o.order_no, o.customer_id, o.ordered_at, o.channel, o.amount_yen).where(
                    o.order_no.in_(list(wanted))
                )
            )
        }
        stored_lines: dict[int, list[tuple[Any, ...]]] = {}
        if stored:
            for row in self.session.execute(
                select(
                    ln.order_id, ln.line_no, ln.product_code, ln.product_name, ln.quantity, ln.amount_yen
                ).where(ln.order_id.in_([row.id for row in stored.values()]))
            ):
                stored_lines.setdefault(row[0], []).append(tuple(row[1:]))
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        lines_of: dict[str, list[tuple[Any, ...]]] = {}
        for number, (order, lines) in wanted.items():
            existing = stored.get(number)
            if existing is None:
                new.append({"order_no": number, **order})
                lines_of[number] = lines
                continue
            same = all(existing._mapping[name] == value for name, value in order.items())
            if same and sorted(stored_lines.get(existing.id, [])) == lines:
                self.counts.unchanged += 1
                continue
            changed.append({"b_id": existing.id, **{f"v_{name}": value for name, value in order.items()}})
            lines_of[number] = lines
        if new:
            self.session.execute(insert(_ORDERS), new)
        if changed:
            self.session.execute(_UPDATE_ORDER, changed)
            self.session.execute(delete(_LINES).where(ln.order_id.in_([row["b_id"] for row in changed])))
        self.counts.inserted += len(new)
        self.counts.updated += len(changed)
        if lines_of:
            ids = dict(
                self.session.execute(select(o.order_no, o.id).where(o.order_no.in_(list(lines_of)))).all()
            )
            rows = [
                dict(zip(_LINE_FIELDS, (ids[number], *line), strict=True))
                for number, lines in lines_of.items()
                for line in lines
            ]
            if rows:
                self.session.execute(insert(_LINES), rows)


_LINE_FIELDS = ("order_id", "line_no", "product_code", "product_name", "quantity", "amount_yen")
_UPDATE_ORDER = (
    update(_ORDERS)
    .where(_ORDERS.c.id == bindparam("b_id"))
    .values(
        customer_id=bindparam("v_customer_id"),
        ordered_at=bindparam("v_ordered_at"),
        channel=bindparam("v_channel"),
        amount_yen=bindparam("v_amount_yen"),
    )
)


class _Line:
    def __init__(self, clean: dict[str, Any]) -> None:
        self.line_no: int = clean["line_no"]
        self.product_code: str = clean["product_code"].strip()
        self.product_name: str = clean["product_name"]
        self.quantity: int = clean["quantity"]
        self.line_amount_yen: int = clean["line_amount_yen"]


_PROVISION_FIELDS = (
    "provided_on",
    "recipient_name",
    "recipient_address",
    "recipient_representative",
    "items_provided",
    "purpose",
    "basis",
)


class _ProvisionWriter(_Writer):
    """Provision records have no number: the whole record is the key, so the same row twice is one record."""

    def flush(self, batch: list[_Item], *, write: bool, final: bool) -> list[tuple[_Item, list[Problem]]]:
        if not batch:
            return []
        owners = self.customers(sorted({item.clean["customer_no"] for item in batch}))
        problems: list[tuple[_Item, list[Problem]]] = []
        wanted: list[tuple[Any, ...]] = []
        for item in batch:
            owner = owners.get(item.clean["customer_no"])
            if owner is None:
                problems.append((item, [Problem(item.line, "顧客番号", message("import.no_such_customer"))]))
            elif owner[1] == CustomerState.ERASED:
                self.counts.not_revived.append(item.clean["customer_no"])
            else:
                wanted.append((owner[0], *(item.clean[name] for name in _PROVISION_FIELDS)))
        if not write or not wanted:
            return problems
        p = _PROVISIONS.c
        stored = {
            (row[0], *row[1:-1], str(row[-1]))
            for row in self.session.execute(
                select(p.customer_id, *(p[name] for name in _PROVISION_FIELDS)).where(
                    p.customer_id.in_(sorted({record[0] for record in wanted}))
                )
            )
        }
        new: list[dict[str, Any]] = []
        for record in wanted:
            if record in stored:
                self.counts.unchanged += 1
                continue
            stored.add(record)
            new.append(dict(zip(("customer_id", *_PROVISION_FIELDS), record, strict=True)))
        if new:
            self.session.execute(insert(_PROVISIONS), new)
        self.counts.inserted += len(new)
        return problems


_WRITERS: dict[ImportKind, type[_Writer]] = {
    ImportKind.CUSTOMERS: _CustomerWriter,
    ImportKind.ORDERS: _OrderWriter,
    ImportKind.PROVISIONS: _ProvisionWriter,
}
