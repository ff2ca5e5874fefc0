"""The notices of a leak incident (漏えい等のお知らせ, APPI Art. 26(2)): one letter to each customer it
affects, stored as the case letters are (the PDF and its SHA-256) but filed under the incident, with the
customer's link pointing at it.

Supervisors and administrators make them, once for each customer: a second run makes only what the first
did not. A customer erased or reported deceased is counted and skipped for good; one with no postal address
is listed, by customer number only, for the public announcement the law allows instead (Art. 26(2)
proviso), and looked at again on the next run in case an address has since been recorded.

The work goes in chunks: given a session factory, each chunk is its own transaction, so 5,000 customers
never hold one transaction open, and no more than a chunk's PDFs are ever held. Cancelled, it stops after
the letter in hand; what was made stays made. Each chunk writes the access log — the customers whose data
was read, and why — and the run ends with one entry of counts; neither says anything of the incident's
words or of anyone's data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.enums import AccessAction, CustomerState, LetterKind
from desk_app.domain.japan_time import today_in_japan
from desk_app.domain.messages import message
from desk_app.letters.content import LeakNoticeLetter, Recipient
from desk_app.letters.wording import postal_code
from desk_app.services.access_log import record_access
from desk_app.services.customers.notice_state import DECEASED, ERASED, NO_ADDRESS
from desk_app.services.incidents.register import IncidentRefused, require_keeper, require_open
from desk_app.storage.models import Customer, IncidentCustomer, Letter, table_of

CHUNK = 100
# What every notice states, with the words a refusal names each by (those the register uses).
_STATED = (
    ("what_happened", "account of what happened"),
    ("items", "items of personal data"),
    ("cause", "cause"),
    ("secondary_harm", "possible secondary harm"),
    ("measures", "measures"),
)

Sessions = sessionmaker[Session] | Session
Progress = Callable[[int, int], None]

_LINKS, _CUSTOMERS, _LETTERS = table_of(IncidentCustomer), table_of(Customer), table_of(Letter)
# Customers still owed a notice: none made and none ruled out for good (no address may have become one).
_OWED = (
    _LINKS.c.notice_letter_id.is_(None),
    or_(_LINKS.c.notice_skipped.is_(None), _LINKS.c.notice_skipped == NO_ADDRESS),
)


@dataclass(frozen=True)
class NoticeBatch:
    """What a run did, and where the incident's customers stand after it."""

    incident_no: str
    made: int  # notices made by this run
    already: int  # customers whose notice was made by an earlier run
    erased: int  # customers skipped: erased
    deceased: int  # customers skipped: reported deceased
    no_address: tuple[str, ...]  # customer numbers: no postal address, for the public announcement
    remaining: int  # customers still owed a notice (a cancelled run)
    cancelled: bool

    @property
    def skipped(self) -> int:
        return self.erased + self.deceased + len(self.no_address)


@dataclass(frozen=True)
class _Run:
    incident_id: int
    incident_no: str
    agent_id: int
    now: dt.datetime
    company: CompanyProfile
    era: bool
    told: dict[str, str]  # the incident's texts every notice states


def make_notices(
    sessions: Sessions,
    agent_id: int,
    incident_no: str,
    *,
    now: dt.datetime,
    company: CompanyProfile,
    era: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> NoticeBatch:
    """Make and store the notice of every customer of the open incident `incident_no` who has none yet.

    `sessions`: a session factory (each chunk its own transaction, as the window and the command line
    run it) or the caller's session (every chunk in it, the caller commits). `progress(done, owed)` after
    each chunk; `cancelled()` is asked before each letter. `IncidentRefused` for someone not a supervisor
    or an administrator, an unknown or closed incident, or one whose notices would leave out what the
    law has every notice state.
    """
    with _transaction(sessions) as session:
        require_keeper(session, agent_id)
        incident = require_open(session, incident_no)
        told = {name: getattr(incident, name).strip() for name, _words in _STATED}
        for name, words in _STATED:
            if not told[name]:
                raise IncidentRefused(message("incident.notice_text_missing", what=words))
        told |= {"title": incident.title, "customer_guidance": incident.customer_guidance.strip()}
        run = _Run(incident.id, incident.incident_no, agent_id, now, company, era, told)
        already = _count(session, run.incident_id, _LINKS.c.notice_letter_id.is_not(None))
        owed = _count(session, run.incident_id, *_OWED)
    made = done = 0
    after = 0
    stopped = False
    while not stopped:
        with _transaction(sessions) as session:
            require_open(session, incident_no)  # closed meanwhile: nothing more is made
            rows = _owed_chunk(session, run.incident_id, after)
            if not rows:
                break
            made_now, handled, stopped = _chunk(session, run, rows, cancelled)
            made += made_now
            done += handled
            after = rows[handled - 1].id if handled else after
        if progress is not None:
            progress(done, owed)
    with _transaction(sessions) as session:
        batch = _standing(session, run, made=made, already=already, cancelled=stopped)
        record_access(
            session,
            agent_id=agent_id,
            action=AccessAction.CHANGE,
            customer_ids=[None],
            detail=f"incident {run.incident_no} notices: {made} made, {batch.skipped} skipped"
            + (", cancelled" if stopped else ""),
            now=now,
        )
    return batch


@contextmanager
def _transaction(sessions: Sessions) -> Iterator[Session]:
    if isinstance(sessions, Session):
        yield sessions
        sessions.flush()
        return
    with sessions.begin() as session:
        yield session


def _count(session: Session, incident_id: int, *where: Any) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(_LINKS).where(_LINKS.c.incident_id == incident_id, *where)
        )
        or 0
    )


def _owed_chunk(session: Session, incident_id: int, after: int) -> Sequence[Any]:
    """The next customers owed a notice, by id after `after`: what deciding and addressing it needs."""
    columns = (
        _CUSTOMERS.c.id,
        _CUSTOMERS.c.state,
        _CUSTOMERS.c.death_reported_at,
        _CUSTOMERS.c.name,
        _CUSTOMERS.c.postal_code,
        _CUSTOMERS.c.prefecture,
        _CUSTOMERS.c.city,
        _CUSTOMERS.c.street,
        _CUSTOMERS.c.building,
    )
    return session.execute(
        select(*columns)
        .join(_LINKS, _LINKS.c.customer_id == _CUSTOMERS.c.id)
        .where(_LINKS.c.incident_id == incident_id, _CUSTOMERS.c.id > after, *_OWED)
        .order_by(_CUSTOMERS.c.id)
        .limit(CHUNK)
    ).all()


def _chunk(
    session: Session, run: _Run, rows: Sequence[Any], cancelled: Callable[[], bool] | None
) -> tuple[int, int, bool]:
    """Decide and, where one goes, make each customer's notice; (made, handled, cancelled)."""
    # Here, not at the top: ReportLab and the letters package are loaded only by a run that renders.
    from desk_app.letters.render import render_letter

    made, handled, read = 0, 0, []
    stopped = False
    for row in rows:
        if cancelled is not None and cancelled():
            stopped = True
            break
        handled += 1
        if row.state == CustomerState.ERASED:
            _skip(session, run, row.id, ERASED)
            continue
        if row.death_reported_at is not None:
            _skip(session, run, row.id, DECEASED)
            continue
        read.append(row.id)
        recipient = _recipient(row)
        if recipient is None:
            _skip(session, run, row.id, NO_ADDRESS)
            continue
        letter = LeakNoticeLetter(
            recipient=recipient, incident_no=run.incident_no, dated=today_in_japan(run.now), **run.told
        )
        made += _store(session, run, row.id, render_letter(letter, run.company, era=run.era))
    if read:
        record_access(
            session,
            agent_id=run.agent_id,
            action=AccessAction.VIEW,
            customer_ids=read,
            detail=f"name and address read for incident {run.incident_no}'s notice",
            now=run.now,
        )
    return made, handled, stopped


def _store(session: Session, run: _Run, customer_id: int, pdf: bytes) -> int:
    """Store the notice and point the customer's link at it; 0 if another run got there first."""
    letter_id = session.execute(
        _LETTERS.insert()
        .values(
            incident_id=run.incident_id,
            kind=LetterKind.LEAK_NOTICE,
            created_at=run.now,
            created_by_id=run.agent_id,
            sha256=hashlib.sha256(pdf).hexdigest(),
            pdf=pdf,
        )
        .returning(_LETTERS.c.id)
    ).scalar_one()
    if _settle(session, run.incident_id, customer_id, notice_letter_id=letter_id, notice_skipped=None):
        return 1
    session.execute(_LETTERS.delete().where(_LETTERS.c.id == letter_id))
    return 0


def _skip(session: Session, run: _Run, customer_id: int, why: str) -> None:
    _settle(session, run.incident_id, customer_id, notice_letter_id=None, notice_skipped=why)


def _settle(session: Session, incident_id: int, customer_id: int, **values: Any) -> bool:
    """Write the link's outcome only while the customer is still owed one (a concurrent run may have
    settled it since it was read); whether it was written."""
    result = session.execute(
        update(_LINKS)
        .where(_LINKS.c.incident_id == incident_id, _LINKS.c.customer_id == customer_id, *_OWED)
        .values(**values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _recipient(row: Any) -> Recipient | None:
    """The customer as the notice's addressee; None without a name, a valid postal code or an address."""
    first = "".join(part for part in (row.prefecture, row.city, row.street) if part)
    lines = tuple(line for line in (first, row.building or "") if line)
    if not row.name or not row.postal_code or not lines:
        return None
    try:
        postal_code(row.postal_code)
    except ValueError:
        return None
    return Recipient(name=row.name, postal_code=row.postal_code, address_lines=lines)


def _standing(session: Session, run: _Run, *, made: int, already: int, cancelled: bool) -> NoticeBatch:
    skipped: dict[str | None, int] = dict(
        session.execute(
            select(_LINKS.c.notice_skipped, func.count())
            .where(_LINKS.c.incident_id == run.incident_id, _LINKS.c.notice_letter_id.is_(None))
            .group_by(_LINKS.c.notice_skipped)
        ).all()
    )
    no_address = session.scalars(
        select(_CUSTOMERS.c.customer_no)
        .join(_LINKS, _LINKS.c.customer_id == _CUSTOMERS.c.id)
        .where(_LINKS.c.incident_id == run.incident_id, _LINKS.c.notice_skipped == NO_ADDRESS)
        .order_by(_CUSTOMERS.c.customer_no)
    )
    return NoticeBatch(
        incident_no=run.incident_no,
        made=made,
        already=already,
        erased=skipped.get(ERASED, 0),
        deceased=skipped.get(DECEASED, 0),
        no_address=tuple(no_address),
        remaining=skipped.get(None, 0),
        cancelled=cancelled,
    )
