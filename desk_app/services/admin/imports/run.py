"""`import_file`: one pass over the file in one transaction — read, checked, handed to a writer, reported."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction
from desk_app.domain.messages import message
from desk_app.domain.safe_text import csv_writer
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.columns import COLUMNS, ImportKind
from desk_app.imports.encoding import UTF8, UTF8_BOM
from desk_app.imports.reading import detect, export_reader, numbered_rows, open_export, read_header
from desk_app.imports.validate import Problem, RowValidator
from desk_app.private_files import open_new_private
from desk_app.services.access_log import record_access
from desk_app.services.admin.imports.customers import CustomerWriter
from desk_app.services.admin.imports.orders import OrderWriter
from desk_app.services.admin.imports.provisions import ProvisionWriter
from desk_app.services.admin.imports.report import Counts, ImportFileError, ImportReport
from desk_app.services.admin.imports.writer import Item, Writer
from desk_app.services.erased_register import check_key

BATCH = 2_000
PROGRESS_EVERY = 2_000
# The report keeps the first problems; the rejects file has them all.
MAX_PROBLEMS = 1_000
PROBLEMS_HEADER = "問題"

Progress = Callable[[int, int], bool]
Sessions = sessionmaker[Session] | Session


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
    """Import `path` as `kind`; see the package's docstring (`desk_app.services.admin.imports`) for the rules.

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
    detected = detect(path, encoding)
    state = ImportRun(kind, path, detected.codec, max(detected.lines - 1, 0), skip_bad, progress, at)
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


class ImportRun:
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
        self.counts = Counts()
        self.ignored: tuple[str, ...] = ()
        self.cancelled = self.committed = False
        self.rejects: Any = None
        self.register_key: RegisterKey | None = None
        self.overwrite = False

    def run(self, session: Session) -> None:
        with open_export(self.path, self.codec) as stream:
            reader = export_reader(stream)
            headers, header_map = read_header(reader, COLUMNS[self.kind])
            self.ignored = header_map.ignored
            rejects_stream = self._open_rejects(headers)
            try:
                assert self.register_key is not None
                validator = RowValidator(self.kind, header_map, now=self.now)
                writer = WRITERS[self.kind](session, self.now, self.counts, self.register_key)
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

    def _rows(self, reader: Any, validator: RowValidator, writer: Writer) -> None:
        batch: list[Item] = []
        for line, raw in numbered_rows(reader):
            self.read += 1
            clean, problems = validator.check(line, raw)
            problems += writer.check_key(line, clean) if not problems else []
            if problems:
                writer.rejected(clean)
                self._reject(Item(line, raw, clean), problems)
            else:
                batch.append(Item(line, raw, clean))
            if len(batch) >= BATCH:
                self._flush(writer, batch)
                batch = []
            if self.read % PROGRESS_EVERY == 0 and not self._report_progress():
                self.cancelled = True
                return
        self._flush(writer, batch, final=True)
        self._report_progress(done=True)

    def _flush(self, writer: Writer, batch: list[Item], *, final: bool = False) -> None:
        writing = not (self.bad and self.skip_bad is None)
        for item, problems in writer.flush(batch, write=writing, final=final):
            self._reject(item, problems)

    def _reject(self, item: Item, problems: list[Problem]) -> None:
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
        if c.provision_stops_kept:
            conflicts += f", {len(c.provision_stops_kept)} against a stop of provision"
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
            provision_stops_kept=tuple(c.provision_stops_kept) if written else (),
        )


WRITERS: dict[ImportKind, type[Writer]] = {
    ImportKind.CUSTOMERS: CustomerWriter,
    ImportKind.ORDERS: OrderWriter,
    ImportKind.PROVISIONS: ProvisionWriter,
}
