"""The incident register's background work: made from plain values, run by the runner in a session of its
own, returning frozen values and touching no widget. The core checks each time that the viewer keeps the
register (a supervisor or an administrator) and refuses what it cannot take with `IncidentRefused`."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from desk_app.config import CompanyProfile
from desk_app.domain.incidents import ReportKind
from desk_app.domain.selections import CustomerSelection
from desk_app.erased_register_key import KeySource, RegisterKey
from desk_app.services.customers.selections import SelectionCount
from desk_app.services.database import Session, sessions_beside
from desk_app.services.incidents import affected, notices, register, saved_searches
from desk_app.services.incidents.affected import AttachReport
from desk_app.services.incidents.notices import NoticeBatch
from desk_app.services.incidents.register import IncidentDetail, IncidentFields, IncidentSummary
from desk_app.services.incidents.saved_searches import SavedSearch
from ui.common.background import Work


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _loaded(register_key: KeySource | None) -> RegisterKey | None:
    """The erased-customer register's key, when the desk has one, read here: off the GUI thread."""
    return register_key.load() if register_key is not None else None


def incidents(
    viewer_id: int, today: dt.date, preliminary_days: int, *, with_closed: bool
) -> Work[tuple[IncidentSummary, ...]]:
    """The open incidents first, then (`with_closed`) the closed ones; the latest discovered first in each."""

    def work(session: Session) -> tuple[IncidentSummary, ...]:
        found = register.list_incidents(
            session, viewer_id, today=today, preliminary_days=preliminary_days, open_only=not with_closed
        )
        # A stable sort keeps the core's order (the latest discovered first) within each group.
        return tuple(sorted(found, key=lambda summary: summary.closed))

    return work


def incident(viewer_id: int, incident_no: str, today: dt.date, preliminary_days: int) -> Work[IncidentDetail]:
    """Everything written about one incident, for the edit dialog."""

    def work(session: Session) -> IncidentDetail:
        return register.incident_detail(
            session, viewer_id, incident_no, today=today, preliminary_days=preliminary_days
        )

    return work


def open_incident(viewer_id: int, fields: IncidentFields) -> Work[str]:
    """A new incident recorded; its number."""

    def work(session: Session) -> str:
        return register.open_incident(session, viewer_id, fields, now=_now())

    return work


def update_incident(viewer_id: int, incident_no: str, fields: IncidentFields) -> Work[str]:
    """An open incident rewritten; its number again, so both saves answer alike."""

    def work(session: Session) -> str:
        register.update_incident(session, viewer_id, incident_no, fields, now=_now())
        return incident_no

    return work


def record_report(
    viewer_id: int, incident_no: str, kind: ReportKind, submitted_on: dt.date, reference: str
) -> Work[None]:
    """A report submitted to the Commission, recorded."""

    def work(session: Session) -> None:
        register.record_report(session, viewer_id, incident_no, kind, submitted_on, reference, now=_now())

    return work


def close_incident(viewer_id: int, incident_no: str) -> Work[None]:
    def work(session: Session) -> None:
        register.close_incident(session, viewer_id, incident_no, now=_now())

    return work


class NoticeRun:
    """What a running batch of notices shares with the GUI thread: customers done of those owed one, and
    whether to stop (after the letter in hand; what is made stays made)."""

    def __init__(self) -> None:
        self.done = 0
        self.owed = 0
        self.stop = threading.Event()

    def progress(self, done: int, owed: int) -> None:
        self.done, self.owed = done, owed

    def cancelled(self) -> bool:
        return self.stop.is_set()


def make_notices(
    viewer_id: int, incident_no: str, company: CompanyProfile, run: NoticeRun
) -> Work[NoticeBatch]:
    """The notice of every affected customer still owed one, a transaction per chunk of letters: a run of
    thousands never holds the database (SQLite has one writer) while the letters are drawn."""

    def work(session: Session) -> NoticeBatch:
        return notices.make_notices(
            sessions_beside(session),
            viewer_id,
            incident_no,
            now=_now(),
            company=company,
            progress=run.progress,
            cancelled=run.cancelled,
        )

    return work


class AttachRun:
    """What a running attachment shares with the GUI thread: the numbers read so far, and whether to stop
    (then nothing is attached)."""

    def __init__(self) -> None:
        self.read = 0
        self.stop = threading.Event()

    def progress(self, read: int) -> None:
        self.read = read

    def attaching(self) -> affected.Attaching:
        return affected.Attaching(progress=self.progress, cancelled=self.stop.is_set)


def attach_csv(
    viewer_id: int,
    incident_no: str,
    source: Path,
    encoding: str | None,
    register_key: KeySource | None,
    run: AttachRun | None = None,
) -> Work[AttachReport]:
    """The customers a CSV file names attached to an open incident, all or nothing (`affected.attach_csv`);
    the erased-customer register's key, when the desk has one, is read here, off the GUI thread."""

    def work(session: Session) -> AttachReport:
        return affected.attach_csv(
            session,
            viewer_id,
            incident_no,
            source,
            now=_now(),
            encoding=encoding,
            register_key=_loaded(register_key),
            attaching=run.attaching() if run is not None else None,
        )

    return work


def saved_searches_of(viewer_id: int) -> Work[tuple[SavedSearch, ...]]:
    """The saved searches, by name."""

    def work(session: Session) -> tuple[SavedSearch, ...]:
        return saved_searches.list_saved_searches(session, viewer_id)

    return work


def save_search(
    viewer_id: int,
    name: str,
    selection: CustomerSelection,
    search_id: int | None,
    row_version: int | None,
) -> Work[SavedSearch]:
    """A new search (`search_id` None), or the one named rewritten if nobody changed it since
    `row_version`; refused by `SavedSearchRefused`."""

    def work(session: Session) -> SavedSearch:
        return saved_searches.save_search(
            session, viewer_id, name, selection, now=_now(), search_id=search_id, row_version=row_version
        )

    return work


def delete_search(viewer_id: int, search_id: int, row_version: int) -> Work[None]:
    def work(session: Session) -> None:
        saved_searches.delete_search(session, viewer_id, search_id, row_version=row_version, now=_now())

    return work


def count_selection(viewer_id: int, selection: CustomerSelection) -> Work[SelectionCount]:
    """How many customers the criteria name now, and how many of them are erased, deceased or unaddressed."""

    def work(session: Session) -> SelectionCount:
        return saved_searches.count_matching(session, viewer_id, selection)

    return work


def attach_search(
    viewer_id: int, incident_no: str, search_id: int, row_version: int, register_key: KeySource | None
) -> Work[AttachReport]:
    """The customers a saved search names now attached to an open incident, all or nothing; refused when
    the search is no longer at `row_version`, the criteria the supervisor was shown."""

    def work(session: Session) -> AttachReport:
        return affected.attach_search(
            session,
            viewer_id,
            incident_no,
            search_id,
            now=_now(),
            register_key=_loaded(register_key),
            row_version=row_version,
        )

    return work
