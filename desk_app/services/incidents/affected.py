"""The customers a leak incident affects: attached by their customer numbers, from a CSV file read by the
customer import's rules or handed in from a customer search (the numbers of its hits), or as every customer
a saved search finds (`saved_searches`, `attach_search`). Only the link rows are written (who attached whom,
when); nothing of a customer's data is copied.

A list is all or nothing, as an import is: every line is checked, and one wrong line (a number no customer
has, a blank or malformed number) leaves the incident as it was, with each wrong line named by its line
number. A number named twice is counted once; a customer already attached is counted, not linked again.
The report counts the customers the list named by what their notice will meet — erased, reported
deceased, no postal address — and those whose notice is already made. A saved search is attached the same
way, in one savepoint, its customers counted alike; the source the report names is the search's name.

Numbers are looked up a chunk at a time: a list of 100,000 takes a few hundred statements and holds the set
of distinct numbers read, never their rows; a saved search's customers come a chunk of ids at a time and
nothing of them is held. Supervisors and administrators only; one access-log entry per list or search
attached, with the counts (and a search's id and criteria in words) and never a customer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, insert, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction
from desk_app.domain.messages import Message, message
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.columns import CUSTOMER_COLUMNS
from desk_app.imports.reading import detect, export_reader, numbered_rows, open_export, read_header
from desk_app.imports.validate import Problem, customer_no_cell
from desk_app.services.access_log import record_access
from desk_app.services.customers.notice_state import DECEASED, ERASED, NO_ADDRESS, NOTICE_STATE
from desk_app.services.customers.selections import matching_ids
from desk_app.services.erased_register import check_key, erased_among
from desk_app.services.incidents.register import require_keeper, require_open
from desk_app.services.incidents.saved_searches import runnable, words
from desk_app.storage.models import Customer, Incident, IncidentCustomer, table_of

# Distinct numbers looked up (and links written) per statement: well under every database's bound on
# parameters, and few statements for a long list.
CHUNK = 1_000
_NUMBER_COLUMN = CUSTOMER_COLUMNS[0]
assert _NUMBER_COLUMN.field == "customer_no"
NUMBER_HEADER = _NUMBER_COLUMN.header
# Where a list handed in from a search comes from, in the report.
FROM_SEARCH = "search"

# The tables themselves: a long list's lookups and links skip the ORM's machinery.
_CUSTOMERS = table_of(Customer)
_LINKS = table_of(IncidentCustomer)
_C = _CUSTOMERS.c


@dataclass(frozen=True)
class AttachReport:
    """What attaching a list did. `read` counts the list's numbers (blank lines of a file aside), wrong
    ones too; `attached` the links written (0 when refused); the states count the distinct customers the
    list named, newly attached or already, each in the first that applies: erased, deceased, no postal
    address; `noticed` those whose notice of this incident is already made."""

    incident_no: str
    source: str  # the file's name, FROM_SEARCH, or the saved search's name
    encoding: str | None
    read: int
    attached: int
    already_attached: int
    repeated: int
    erased: int
    deceased: int
    no_address: int
    noticed: int
    problems: tuple[Problem, ...]
    committed: bool
    seconds: float
    # Stopped on request before the end: nothing attached, whatever was read.
    cancelled: bool = False


class Attaching:
    """What a running attachment shares with whoever started it: `progress(read)` after each chunk (the
    numbers or customers read so far) and `cancelled()`, asked as often, to stop it with nothing kept."""

    def __init__(
        self, progress: Callable[[int], None] | None = None, cancelled: Callable[[], bool] | None = None
    ) -> None:
        self.progress = progress
        self.cancelled = cancelled


class _Stopped(Exception):
    """Raised inside the savepoint when the attachment is cancelled: its writes are rolled back."""


def attach_csv(
    session: Session,
    agent_id: int,
    incident_no: str,
    path: Path,
    *,
    now: dt.datetime,
    encoding: str | None = None,
    register_key: RegisterKey | None = None,
    attaching: Attaching | None = None,
) -> AttachReport:
    """Attach the customers a CSV file names in its 顧客番号 (customer_no) column; other columns are not
    read. The encoding is detected as the customer import detects it (a BOM, else strict UTF-8, else
    CP932) unless `encoding` names one. `register_key` lets a number only the erased-customer register
    still knows be told as erased rather than unknown. Raises `IncidentRefused` (not a keeper, an unknown
    or closed incident) and `ImportFileError` (a file that cannot be read at all)."""
    started = time.perf_counter()
    work = _Attachment(session, agent_id, incident_no, now, register_key, attaching)
    detected = detect(path, encoding)
    with work.stoppable(), work.savepoint(), open_export(path, detected.codec) as stream:
        reader = export_reader(stream)
        _headers, header_map = read_header(reader, (_NUMBER_COLUMN,))
        position = header_map.positions[_NUMBER_COLUMN.field]
        for line, raw in numbered_rows(reader):
            work.take(line, raw[position] if position < len(raw) else "")
    return work.report(path.name, detected.codec, time.perf_counter() - started)


def attach_numbers(
    session: Session,
    agent_id: int,
    incident_no: str,
    customer_numbers: Iterable[str],
    *,
    now: dt.datetime,
    register_key: RegisterKey | None = None,
    attaching: Attaching | None = None,
) -> AttachReport:
    """Attach customers by number: the hits of a customer search (`services.customers.search`), whose
    numbers the caller hands in.
    Checked and reported as a file is, each number's place in the list standing for its line. A saved
    search is attached by `attach_search`."""
    started = time.perf_counter()
    work = _Attachment(session, agent_id, incident_no, now, register_key, attaching)
    with work.stoppable(), work.savepoint():
        for place, number in enumerate(customer_numbers, start=1):
            work.take(place, number)
    return work.report(FROM_SEARCH, None, time.perf_counter() - started)


class _Attachment:
    """One list being attached: its numbers checked, looked up and linked a chunk at a time, in a savepoint
    rolled back unless every line was good."""

    def __init__(
        self,
        session: Session,
        agent_id: int,
        incident_no: str,
        now: dt.datetime,
        register_key: RegisterKey | None,
        attaching: Attaching | None = None,
    ) -> None:
        require_keeper(session, agent_id)
        self.attaching = attaching or Attaching()
        self.cancelled = False
        self.incident: Incident = require_open(session, incident_no)
        if register_key is not None:
            check_key(session, register_key)
        self.session, self.agent_id, self.now, self.register_key = session, agent_id, now, register_key
        # Numbers found and counted already: a number named again is counted once.
        self.seen: set[str] = set()
        # (line, number) not yet looked up, and the distinct numbers among them.
        self.pending: list[tuple[int, str]] = []
        self.pending_numbers: set[str] = set()
        self.problems: list[Problem] = []
        self.read = self.repeated = 0
        self.counts = dict.fromkeys(("attached", "already", ERASED, DECEASED, NO_ADDRESS, "noticed"), 0)
        self.committed = False
        # What `read` counts, in the access log: numbers of a list, or customers a saved search found.
        self.what_read = "numbers read"

    def savepoint(self) -> _Savepoint:
        return _Savepoint(self)

    @contextlib.contextmanager
    def stoppable(self) -> Iterator[None]:
        """Around the savepoint: a cancellation, once the savepoint has rolled back, ends the run quietly."""
        try:
            yield
        except _Stopped:
            self.cancelled = True

    def _tick(self) -> None:
        """After each chunk: say how far the run is, and stop it if asked to."""
        if self.attaching.progress is not None:
            self.attaching.progress(self.read)
        if self.attaching.cancelled is not None and self.attaching.cancelled():
            raise _Stopped

    def take(self, line: int, cell: str) -> None:
        self.read += 1
        number, said = customer_no_cell(cell)
        if number is None:
            self.problems.append(Problem(line, NUMBER_HEADER, said or message("import.required")))
            return
        if number in self.seen:
            self.repeated += 1
            return
        self.pending.append((line, number))
        self.pending_numbers.add(number)
        if len(self.pending_numbers) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        found = self._look_up(_C.customer_no.in_(list(self.pending_numbers)))
        unknown = [number for number in self.pending_numbers if number not in found]
        gone: set[str] = set()
        if unknown and self.register_key is not None:
            gone = erased_among(self.session, self.register_key, unknown)
        links: list[dict[str, Any]] = []
        for line, number in self.pending:
            if number in self.seen:
                self.repeated += 1
                continue
            row = found.get(number)
            if row is None:
                said = message("incident.attach_erased_gone" if number in gone else "import.no_such_customer")
                self.problems.append(Problem(line, NUMBER_HEADER, said))
                continue
            self.seen.add(number)
            self._found(row, links)
        self._link(links)
        self.pending.clear()
        self.pending_numbers.clear()
        self._tick()

    def take_customers(self, ids: list[int]) -> None:
        """Customers a search found, by id: each one there and named once, so none is wrong or repeated."""
        self.read += len(ids)
        links: list[dict[str, Any]] = []
        for row in self._look_up(_C.id.in_(ids)).values():
            self._found(row, links)
        self._link(links)
        self._tick()

    def _found(self, row: tuple[int, str, bool, bool], links: list[dict[str, Any]]) -> None:
        customer_id, state, attached, noticed = row
        self._count(state, noticed)
        if attached:
            self.counts["already"] += 1
            return
        self.counts["attached"] += 1
        links.append(
            {
                "incident_id": self.incident.id,
                "customer_id": customer_id,
                "attached_at": self.now,
                "attached_by_id": self.agent_id,
            }
        )

    def _link(self, links: list[dict[str, Any]]) -> None:
        # Once a line is wrong nothing will be kept: the rest of the list is only checked.
        if links and not self.problems:
            self.session.execute(insert(_LINKS), links)

    def _look_up(self, which: ColumnElement[bool]) -> dict[str, tuple[int, str, bool, bool]]:
        """Id, notice state ("erased", "deceased", "no_address" or ""), attached, noticed, by number, of
        the customers `which` names."""
        link = _LINKS.c
        joined = _CUSTOMERS.outerjoin(
            _LINKS, and_(link.customer_id == _C.id, link.incident_id == self.incident.id)
        )
        rows = self.session.execute(
            select(
                _C.customer_no,
                _C.id,
                NOTICE_STATE,
                link.customer_id.is_not(None),
                link.notice_letter_id.is_not(None),
            )
            .select_from(joined)
            .where(which)
        )
        return {
            number: (customer_id, said, bool(on), bool(sent)) for number, customer_id, said, on, sent in rows
        }

    def _count(self, state: str, noticed: bool) -> None:
        if state:
            self.counts[state] += 1
        if noticed:
            self.counts["noticed"] += 1

    def finish(self) -> bool:
        """Whether the list is kept: every line good. Logs it then."""
        self.flush()
        if self.problems:
            return False
        attached = self.counts["attached"]
        if attached:
            self.incident.updated_at, self.incident.updated_by_id = self.now, self.agent_id
        record_access(
            self.session,
            agent_id=self.agent_id,
            action=AccessAction.CHANGE,
            customer_ids=[None],
            detail=(
                f"incident {self.incident.incident_no}: {attached} customers attached,"
                f" {self.counts['already']} already attached ({self.read} {self.what_read})"
            ),
            now=self.now,
        )
        self.committed = True
        return True

    def report(self, source: str, encoding: str | None, seconds: float) -> AttachReport:
        counts = self.counts
        return AttachReport(
            incident_no=self.incident.incident_no,
            source=source,
            encoding=encoding,
            read=self.read,
            attached=counts["attached"] if self.committed else 0,
            already_attached=counts["already"],
            repeated=self.repeated,
            erased=counts[ERASED],
            deceased=counts[DECEASED],
            no_address=counts[NO_ADDRESS],
            noticed=counts["noticed"],
            problems=tuple(self.problems),
            committed=self.committed,
            seconds=seconds,
            cancelled=self.cancelled,
        )


class _Savepoint:
    """The attachment's writes kept only when the whole list was good; rolled back on any error."""

    def __init__(self, work: _Attachment) -> None:
        self.work = work

    def __enter__(self) -> None:
        self.nested = self.work.session.begin_nested()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self.nested.rollback()
            return
        try:
            kept = self.work.finish()
        except BaseException:
            self.nested.rollback()
            raise
        if kept:
            self.nested.commit()
        else:
            self.nested.rollback()


def attach_search(
    session: Session,
    agent_id: int,
    incident_no: str,
    search_id: int,
    *,
    now: dt.datetime,
    register_key: RegisterKey | None = None,
    row_version: int | None = None,
    attaching: Attaching | None = None,
) -> AttachReport:
    """Attach every customer saved search `search_id` finds (`saved_searches`), all or nothing as a list;
    the report's source is the search's name and `read` the customers it found. `row_version`: the version
    whose criteria the supervisor was shown, refused once another supervisor has changed them. Raises
    `IncidentRefused` (not a keeper, an unknown or closed incident) and `SavedSearchRefused` (the search
    deleted or changed meanwhile, or its criteria unreadable)."""
    started = time.perf_counter()
    work = _Attachment(session, agent_id, incident_no, now, register_key, attaching)
    name, selection = runnable(session, search_id, row_version)
    work.what_read = f"customers found by saved search {search_id}: {words(selection)}"
    with work.stoppable(), work.savepoint():
        for ids in matching_ids(session, selection):
            work.take_customers(ids)
    return work.report(name, None, time.perf_counter() - started)


def refusal(report: AttachReport) -> Message:
    """Why nothing was attached, in one line (the lines themselves are in `report.problems`)."""
    return message("incident.attach_refused", incident_no=report.incident_no, count=len(report.problems))
