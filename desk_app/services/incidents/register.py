"""The incident register: supervisors and administrators record a leak (or the fear of one), which
reportable categories apply, each report submitted to the Personal Information Protection Commission and
the public announcement (公表) once one is made; the deadlines are computed from the discovery date and
the categories every time they are read, so a category changed moves them at once.

Every change is written to the access log without the incident's words (they may describe people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction, AgentRole
from desk_app.domain.incidents import LeakCategory, ReportDeadlines, ReportKind, report_deadlines
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.messages import FieldName, MessageError, message
from desk_app.domain.safe_text import text_problem
from desk_app.services.access_log import record_access
from desk_app.services.agents import role_on_record
from desk_app.services.customers.notice_state import NO_ADDRESS, NOTICE_STATE
from desk_app.storage.models import Agent, Customer, Incident, IncidentCase, IncidentCustomer, IncidentReport

_KEEPERS = (AgentRole.SUPERVISOR, AgentRole.ADMIN)
TITLE_LONGEST = 200
TEXT_LONGEST = 4000
REFERENCE_LONGEST = 64
# How and where an incident was announced publicly: one line (当社ウェブサイトに掲載, 記者発表).
PUBLICATION_LONGEST = 400
# The texts an incident keeps besides its title; a refusal names them by their field labels
# (`desk_app.domain.messages.labels.FIELD_LABELS`), so the window says them in its own language.
_TEXTS = (
    "discovered_how",
    "what_happened",
    "items",
    "cause",
    "measures",
    "secondary_harm",
    "customer_guidance",
)


class IncidentRefused(MessageError, ValueError):
    """Not a supervisor, an unknown or closed incident, a text or a report the register cannot take."""


@dataclass(frozen=True)
class IncidentFields:
    """What a supervisor writes about an incident; the texts may be empty while not yet known."""

    title: str
    discovered_at: dt.datetime
    categories: frozenset[LeakCategory] = frozenset()
    discovered_how: str = ""
    what_happened: str = ""
    items: str = ""
    cause: str = ""
    measures: str = ""
    secondary_harm: str = ""
    customer_guidance: str = ""
    # The public announcement (公表): the day, in Japan, and how and where; both or neither. It stands in for
    # the notice to a customer who cannot be reached (APPI Art. 26(2) proviso).
    published_on: dt.date | None = None
    publication: str = ""


@dataclass(frozen=True)
class ReportOnFile:
    kind: ReportKind
    submitted_on: dt.date
    reference: str
    recorded_by: str


@dataclass(frozen=True)
class IncidentSummary:
    incident_no: str
    title: str
    discovered_on: dt.date  # in Japan
    categories: frozenset[LeakCategory]
    deadlines: ReportDeadlines | None  # None: not reportable
    reports: tuple[ReportOnFile, ...]
    overdue: tuple[ReportKind, ...]  # reports due before today and not recorded
    affected: int
    closed: bool
    # The questions about it the desk took (leak inquiries, `incident_cases`), whatever their state.
    inquiries: int = 0
    # The public announcement, as `IncidentFields` has it: None and "" while none was made.
    published_on: dt.date | None = None
    publication: str = ""

    @property
    def reportable(self) -> bool:
        return self.deadlines is not None

    def report(self, kind: ReportKind) -> ReportOnFile | None:
        return next((report for report in self.reports if report.kind is kind), None)

    def outstanding(self) -> tuple[ReportKind, ...]:
        """The reports a reportable incident still owes, in order."""
        if self.deadlines is None:
            return ()
        return tuple(kind for kind in ReportKind if self.report(kind) is None)


@dataclass(frozen=True)
class IncidentDetail:
    summary: IncidentSummary
    fields: IncidentFields


def open_incident(session: Session, agent_id: int, fields: IncidentFields, *, now: dt.datetime) -> str:
    """Record a new incident; its number (`2026-L001`: the year of discovery in Japan)."""
    _require_keeper(session, agent_id)
    _check(fields, now)
    year = fields.discovered_at.astimezone(TOKYO).year
    incident = Incident(created_at=now, created_by_id=agent_id)
    _apply(incident, fields, agent_id, now)
    for attempt in range(5):
        incident.incident_no = _next_number(session, year)
        try:
            with session.begin_nested():
                session.add(incident)
                session.flush()
            break
        except IntegrityError:
            if attempt == 4:
                raise
    announced = "; its public announcement recorded" if fields.published_on is not None else ""
    _log(session, agent_id, "incident opened" + announced, now)
    return incident.incident_no


def update_incident(
    session: Session, agent_id: int, incident_no: str, fields: IncidentFields, *, now: dt.datetime
) -> None:
    """Rewrite what is known of an open incident; its deadlines follow the discovery date and categories."""
    _require_keeper(session, agent_id)
    incident = _open(session, incident_no)
    _check(fields, now)
    announced = _publication_change(incident, fields)
    _apply(incident, fields, agent_id, now)
    session.flush()
    _log(session, agent_id, "incident changed" + announced, now)


def record_report(
    session: Session,
    agent_id: int,
    incident_no: str,
    kind: ReportKind,
    submitted_on: dt.date,
    reference: str,
    *,
    now: dt.datetime,
) -> None:
    """Record a report submitted to the Commission: once per kind, the final only after the preliminary."""
    _require_keeper(session, agent_id)
    incident = _open(session, incident_no)
    if not incident.categories:
        raise IncidentRefused(message("incident.not_reportable", incident_no=incident_no))
    reference = reference.strip()
    if not reference or len(reference) > REFERENCE_LONGEST or text_problem(reference) is not None:
        raise IncidentRefused(message("incident.reference_needed", limit=REFERENCE_LONGEST))
    discovered_on = incident.discovered_at.astimezone(TOKYO).date()
    if not discovered_on <= submitted_on <= now.astimezone(TOKYO).date():
        raise IncidentRefused(message("incident.submitted_on"))
    kinds = set(session.scalars(select(IncidentReport.kind).where(IncidentReport.incident_id == incident.id)))
    if kind in kinds:
        raise IncidentRefused(message("incident.report_twice", kind=kind, incident_no=incident_no))
    if kind is ReportKind.FINAL and ReportKind.PRELIMINARY not in kinds:
        raise IncidentRefused(message("incident.final_before_preliminary", incident_no=incident_no))
    session.add(
        IncidentReport(
            incident_id=incident.id,
            kind=kind,
            submitted_on=submitted_on,
            reference=reference,
            recorded_at=now,
            recorded_by_id=agent_id,
        )
    )
    session.flush()
    _log(session, agent_id, f"incident {kind.value} report recorded", now)


def close_incident(session: Session, agent_id: int, incident_no: str, *, now: dt.datetime) -> None:
    """Close an incident once a reportable one has both its reports on file, and its public announcement
    when a notice could not reach some of its customers."""
    _require_keeper(session, agent_id)
    incident = _open(session, incident_no)
    if incident.categories:
        kinds = set(
            session.scalars(select(IncidentReport.kind).where(IncidentReport.incident_id == incident.id))
        )
        for kind in ReportKind:
            if kind not in kinds:
                raise IncidentRefused(
                    message("incident.reports_outstanding", incident_no=incident_no, kind=kind)
                )
        # A customer no notice can reach is told by the public announcement instead: closed without one,
        # the incident could never record it. Counted whether the notices were made (and skipped them)
        # or not yet (their address is missing now).
        link = IncidentCustomer
        owed = and_(
            link.notice_letter_id.is_(None), link.notice_skipped.is_(None), NOTICE_STATE == NO_ADDRESS
        )
        unreachable = session.scalar(
            select(func.count())
            .select_from(link)
            .join(Customer, Customer.id == link.customer_id)
            .where(link.incident_id == incident.id, or_(link.notice_skipped == NO_ADDRESS, owed))
        )
        if unreachable and incident.published_on is None:
            raise IncidentRefused(
                message("incident.announcement_outstanding", incident_no=incident_no, count=unreachable)
            )
    incident.closed_at = now
    incident.updated_at, incident.updated_by_id = now, agent_id
    session.flush()
    _log(session, agent_id, "incident closed", now)


def list_incidents(
    session: Session, agent_id: int, *, today: dt.date, preliminary_days: int, open_only: bool = False
) -> list[IncidentSummary]:
    """Every incident (or the open ones), the latest discovered first, with its deadlines and reports."""
    _require_keeper(session, agent_id)
    query = select(Incident).order_by(Incident.discovered_at.desc(), Incident.id.desc())
    if open_only:
        query = query.where(Incident.closed_at.is_(None))
    incidents = list(session.scalars(query))
    return _summaries(session, incidents, today=today, preliminary_days=preliminary_days)


def incident_detail(
    session: Session, agent_id: int, incident_no: str, *, today: dt.date, preliminary_days: int
) -> IncidentDetail:
    _require_keeper(session, agent_id)
    incident = _find(session, incident_no)
    (summary,) = _summaries(session, [incident], today=today, preliminary_days=preliminary_days)
    return IncidentDetail(summary=summary, fields=_fields_of(incident))


def summaries_of(
    session: Session, incidents: Iterable[Incident], *, today: dt.date, preliminary_days: int
) -> list[IncidentSummary]:
    """The summaries of incidents already read (the dashboard, doctor), with no role check: callers check."""
    return _summaries(session, list(incidents), today=today, preliminary_days=preliminary_days)


def _summaries(
    session: Session, incidents: list[Incident], *, today: dt.date, preliminary_days: int
) -> list[IncidentSummary]:
    ids = [incident.id for incident in incidents]
    reports: dict[int, list[ReportOnFile]] = {}
    affected: dict[int, int] = {}
    inquiries: dict[int, int] = {}
    if ids:
        for row, login in session.execute(
            select(IncidentReport, Agent.login)
            .join(Agent, Agent.id == IncidentReport.recorded_by_id)
            .where(IncidentReport.incident_id.in_(ids))
            .order_by(IncidentReport.id)
        ):
            reports.setdefault(row.incident_id, []).append(
                ReportOnFile(row.kind, row.submitted_on, row.reference, login)
            )
        affected = dict(
            session.execute(
                select(IncidentCustomer.incident_id, func.count())
                .where(IncidentCustomer.incident_id.in_(ids))
                .group_by(IncidentCustomer.incident_id)
            ).all()
        )
        inquiries = dict(
            session.execute(
                select(IncidentCase.incident_id, func.count())
                .where(IncidentCase.incident_id.in_(ids))
                .group_by(IncidentCase.incident_id)
            ).all()
        )
    summaries = []
    for incident in incidents:
        categories = frozenset(LeakCategory(value) for value in incident.categories)
        discovered_on = incident.discovered_at.astimezone(TOKYO).date()
        deadlines = report_deadlines(discovered_on, categories, preliminary_days)
        on_file = tuple(reports.get(incident.id, ()))
        done = {report.kind for report in on_file}
        overdue: tuple[ReportKind, ...] = ()
        if deadlines is not None and incident.closed_at is None:
            overdue = tuple(kind for kind in ReportKind if kind not in done and today > deadlines.due(kind))
        summaries.append(
            IncidentSummary(
                incident_no=incident.incident_no,
                title=incident.title,
                discovered_on=discovered_on,
                categories=categories,
                deadlines=deadlines,
                reports=on_file,
                overdue=overdue,
                affected=affected.get(incident.id, 0),
                closed=incident.closed_at is not None,
                inquiries=inquiries.get(incident.id, 0),
                published_on=incident.published_on,
                publication=incident.publication,
            )
        )
    return summaries


def find_incident(session: Session, incident_no: str) -> Incident:
    """The incident by its number, open or closed; `IncidentRefused` when there is none."""
    return _find(session, incident_no)


def require_keeper(session: Session, agent_id: int) -> None:
    """`IncidentRefused` unless the agent is a supervisor or an administrator."""
    _require_keeper(session, agent_id)


def require_open(session: Session, incident_no: str) -> Incident:
    """The open incident by its number; `IncidentRefused` when unknown or closed."""
    return _open(session, incident_no)


def _find(session: Session, incident_no: str) -> Incident:
    incident = session.scalar(select(Incident).where(Incident.incident_no == incident_no))
    if incident is None:
        raise IncidentRefused(message("incident.unknown", incident_no=incident_no))
    return incident


def _open(session: Session, incident_no: str) -> Incident:
    incident = _find(session, incident_no)
    if incident.closed_at is not None:
        raise IncidentRefused(message("incident.closed", incident_no=incident_no))
    return incident


def _next_number(session: Session, year: int) -> str:
    prefix = f"{year}-L"
    latest = session.scalar(
        select(func.max(Incident.incident_no)).where(Incident.incident_no.startswith(prefix))
    )
    number = int(latest[len(prefix) :]) + 1 if latest else 1
    return f"{prefix}{number:03d}"


def _check(fields: IncidentFields, now: dt.datetime) -> None:
    title = fields.title.strip()
    if not title or len(title) > TITLE_LONGEST or text_problem(title) is not None:
        raise IncidentRefused(message("incident.text_needed", what=FieldName("title"), limit=TITLE_LONGEST))
    for name in _TEXTS:
        value = getattr(fields, name)
        if len(value) > TEXT_LONGEST:
            raise IncidentRefused(message("incident.text_too_long", what=FieldName(name), limit=TEXT_LONGEST))
        if text_problem(value, multiline=True) is not None:
            raise IncidentRefused(message("incident.text_needed", what=FieldName(name), limit=TEXT_LONGEST))
    if fields.discovered_at.tzinfo is None or fields.discovered_at > now:
        raise IncidentRefused(message("incident.discovered_in_future"))
    _check_publication(fields, now)


def _check_publication(fields: IncidentFields, now: dt.datetime) -> None:
    """Both the day and the words or neither; the day between the discovery and today, in Japan."""
    words = fields.publication.strip()
    if (fields.published_on is None) != (not words):
        raise IncidentRefused(message("incident.publication_incomplete"))
    if fields.published_on is None:
        return
    what = FieldName("publication")
    if len(words) > PUBLICATION_LONGEST:
        raise IncidentRefused(message("incident.text_too_long", what=what, limit=PUBLICATION_LONGEST))
    if text_problem(words) is not None:
        raise IncidentRefused(message("incident.text_needed", what=what, limit=PUBLICATION_LONGEST))
    discovered_on = fields.discovered_at.astimezone(TOKYO).date()
    if not discovered_on <= fields.published_on <= now.astimezone(TOKYO).date():
        raise IncidentRefused(message("incident.published_on"))


def _publication_change(incident: Incident, fields: IncidentFields) -> str:
    """What the access log says of the announcement's change: whether, never its words."""
    before = (incident.published_on, incident.publication)
    after = (fields.published_on, fields.publication.strip())
    if before == after:
        return ""
    if fields.published_on is None:
        return "; its public announcement cleared"
    return (
        "; its public announcement recorded"
        if incident.published_on is None
        else "; its public announcement changed"
    )


def _apply(incident: Incident, fields: IncidentFields, agent_id: int, now: dt.datetime) -> None:
    incident.title = fields.title.strip()
    incident.discovered_at = fields.discovered_at
    for name in _TEXTS:
        setattr(incident, name, getattr(fields, name).strip())
    incident.categories = sorted(category.value for category in fields.categories)
    incident.published_on = fields.published_on
    incident.publication = fields.publication.strip()
    incident.updated_at, incident.updated_by_id = now, agent_id


def _fields_of(incident: Incident) -> IncidentFields:
    return IncidentFields(
        title=incident.title,
        discovered_at=incident.discovered_at,
        categories=frozenset(LeakCategory(value) for value in incident.categories),
        **{name: getattr(incident, name) for name in _TEXTS},
        published_on=incident.published_on,
        publication=incident.publication,
    )


def _require_keeper(session: Session, agent_id: int) -> None:
    if role_on_record(session, agent_id) not in _KEEPERS:
        raise IncidentRefused(message("incident.not_supervisor"))


def _log(session: Session, agent_id: int, detail: str, now: dt.datetime) -> None:
    record_access(
        session, agent_id=agent_id, action=AccessAction.CHANGE, customer_ids=[None], detail=detail, now=now
    )
