"""The database's invariants, written once: `desk-app doctor`, the File menu's check and the model test.

Each check reads and never writes. A problem names the case (or letter, customer, call) and what is wrong in
plain words, never a customer's personal data. The checks:

- letters: no letter waiting to be mailed contradicts its case (only a pending decision may hold one); a void
  letter was never mailed; each letter belongs to one case or, a leak notice, to one incident and is the
  notice of a customer it affects (`doctor_notices.py`);
- identity: nothing was disclosed, changed or erased on a caller's data before their identity was verified;
- erasures: an erased customer holds no identifying data and no phone, and is erased by a completed deletion;
  a completed deletion erased its customer;
- provisions: a completed stop of third-party provision stopped something, and the customer's record keeps
  each stop a case made (a stop of all provision not required with provision on consent switched off); a
  stop kept belongs to that customer's stop request;
- refusals: a suspension, deletion or stop of provision refused (or proposed for refusal) on an exception of
  APPI Art. 35 has the alternative measure the exception needs, and was asked on a legal ground, not as the
  customer's wish (`doctor_refusals.py`);
- registers: every complaint and suspicious-contact case recorded in its register holds its entry, and every
  entry belongs to a case of its kind;
- policy: a completed answer from the published policy kept what it told with its version, and a completed
  request that charges a fee had it received or waived (`doctor_answers.py`);
- dates: nothing is dated in the future; closed cases have their closing time, open ones none;
- calls: no call is still ringing or on the line hours after it began;
- pauses: a case's clock is paused at most once at a time and resumed only while paused, each pause moves the
  due date by the days it spanned, a closed case is not left paused, and the due date is the one the case
  opened with moved by its extension and pauses (`doctor_pauses.py`);
- proxies: a proxy's case is verified by documents, with papers showing the proxy's authority, and an
  appointed agent's only once the person confirmed; a customer reported deceased gets no mailing
  (`doctor_proxies.py`);
- incidents: an open incident's reports to the Commission on file by their deadlines and none dated before
  the discovery, a notice or a reason for none for each affected customer once the final report is in, a
  public announcement recorded then for customers with no address to post one to, and each notice a leak
  notice of its own incident (`doctor_incidents.py`);
- replay: a case's state is the replay of its events, each event starting where the previous one ended, and
  its closing time, proposal, decisions, identity, erasure and open pause are the ones its events made;
- audit: the case-event and access-log chains verify.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desk_app.audit.case_rows import check_case_rows
from desk_app.audit.verify import chain_name, verify
from desk_app.domain.enums import CallState, CaseKind, CaseState, CustomerState, LetterKind
from desk_app.domain.letter_rules import held_reason
from desk_app.domain.lifecycle import FINAL_STATES, IDENTITY_KINDS
from desk_app.domain.messages import FieldName, Message, message
from desk_app.services.admin.doctor_answers import answer_findings
from desk_app.services.admin.doctor_incidents import incident_findings
from desk_app.services.admin.doctor_notices import notice_findings
from desk_app.services.admin.doctor_pauses import pause_findings
from desk_app.services.admin.doctor_proxies import proxy_findings
from desk_app.services.admin.doctor_refusals import refusal_findings
from desk_app.services.customers.calls import STALE_CALL_AFTER
from desk_app.storage.models import (
    CallRecord,
    Case,
    CaseEvent,
    Complaint,
    Customer,
    Letter,
    Phone,
    ProvisionStop,
    SuspiciousReport,
    table_of,
)

S = CaseState
# Events that disclose, change or erase a caller's own data: each needs a verified caller first.
_NEEDS_IDENTITY = frozenset(
    {
        "corrected",
        "mailings_stopped",
        "provision_stopped",
        "purposes_recorded",
        "foreign_transfer_recorded",
        "erased",
    }
)
# The customer columns that identify someone; an erased customer holds none of them.
IDENTIFYING_COLUMNS = (
    "name",
    "name_kana",
    "birth_date",
    "postal_code",
    "prefecture",
    "city",
    "street",
    "building",
    "email",
    "workplace_name",
    "workplace_phone",
)
# A little room for clocks of several desks that disagree by a few seconds.
_CLOCK_SLACK = dt.timedelta(minutes=5)


def check_name(check: str) -> Message:
    """A check's name: as the command line takes it in English, in words in Japanese."""
    return message(f"doctor.check.{check}")


def checks_named(checks: tuple[str, ...]) -> Message:
    """The checks run, as a list in words."""
    return message("doctor.checks", checks=tuple(check_name(check) for check in checks))


@dataclass(frozen=True)
class Problem:
    check: str  # one of `CHECKS`: letters, identity, … proxies, incidents, replay, audit
    about: Message  # "case 2026-000123", "letter 45", "customer 10000012", "call 7"
    said: Message

    @property
    def subject(self) -> str:
        return str(self.about)

    @property
    def message(self) -> str:
        return str(self.said)

    @property
    def line(self) -> Message:
        """The check, its subject and what is wrong, as `str()` says it in English."""
        return message("doctor.problem", check=check_name(self.check), subject=self.about, problem=self.said)

    def __str__(self) -> str:
        return str(self.line)

    def as_json(self) -> dict[str, str]:
        return {"check": self.check, "subject": self.subject, "message": self.message}


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def clean(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "clean": self.clean,
            "checks": list(self.checks),
            "problems": [problem.as_json() for problem in self.problems],
        }


def _case(case_no: str) -> Message:
    return message("subject.case", case_no=case_no)


def _letter(letter_id: int) -> Message:
    return message("subject.letter", letter_id=letter_id)


def check_letters(session: Session, now: dt.datetime) -> Iterator[Problem]:
    letters, cases = table_of(Letter), table_of(Case)
    rows = session.execute(
        select(
            letters.c.id,
            letters.c.kind,
            letters.c.mailed_at,
            letters.c.voided_at,
            cases.c.case_no,
            cases.c.kind.label("case_kind"),
            cases.c.state,
            cases.c.details,
        )
        .join(cases, cases.c.id == letters.c.case_id)
        .where(or_(letters.c.mailed_at.is_(None), letters.c.voided_at.is_not(None)))
        .order_by(letters.c.id)
    )
    for row in rows:
        if row.voided_at is not None and row.mailed_at is not None:
            said = message("doctor.void_and_mailed", case=_case(row.case_no))
            yield Problem("letters", _letter(row.id), said)
            continue
        if row.voided_at is not None:
            continue
        state = CaseState(row.state)
        why = held_reason(LetterKind(row.kind), CaseKind(row.case_kind), state, row.details, row.case_no)
        if why is not None and state is not S.AWAITING_APPROVAL:
            said = message("doctor.letter_contradicts", kind=LetterKind(row.kind), why=why)
            yield Problem("letters", _letter(row.id), said)
    for subject, said in notice_findings(session):
        yield Problem("letters", subject, said)


def check_identity(session: Session, now: dt.datetime) -> Iterator[Problem]:
    """Every disclosing, changing or erasing event on a caller's case came after the case was verified."""
    events, cases = table_of(CaseEvent), table_of(Case)
    rows = session.execute(
        select(cases.c.id, cases.c.case_no, cases.c.kind, cases.c.details, events.c.id.label("event_id"))
        .join(events, events.c.case_id == cases.c.id)
        .where(
            cases.c.kind.in_([kind.value for kind in IDENTITY_KINDS]),
            or_(
                events.c.kind.in_(_NEEDS_IDENTITY),
                and_(events.c.kind == "letter_generated", ~cases.c.state.in_([S.REFUSED.value])),
            ),
        )
        .order_by(cases.c.id, events.c.id)
    )
    verified_at: dict[int, int | None] = {}
    for row in rows:
        details = row.details or {}
        if details.get("administrative"):
            continue
        if row.id not in verified_at:
            verified_at[row.id] = _first_verification(session, row.id)
        first = verified_at[row.id]
        if "identity" not in details or first is None or first > row.event_id:
            yield Problem(
                "identity",
                _case(row.case_no),
                message("doctor.before_identity", event=row.event_id),
            )


def _first_verification(session: Session, case_id: int) -> int | None:
    for event_id, detail in session.execute(
        select(CaseEvent.id, CaseEvent.detail)
        .where(CaseEvent.case_id == case_id, CaseEvent.kind == "state_changed")
        .order_by(CaseEvent.id)
    ):
        if (detail or {}).get("to") == S.IDENTITY_VERIFIED.value:
            return int(event_id)
    return None


def check_erasures(session: Session, now: dt.datetime) -> Iterator[Problem]:
    customers = table_of(Customer)
    erased_by_case: dict[int, str] = {}
    for case_no, customer_id, state, details in session.execute(
        select(Case.case_no, Case.customer_id, Case.state, Case.details).where(Case.kind == CaseKind.DELETION)
    ):
        erasure = (details or {}).get("erasure")
        if state is S.COMPLETED and not erasure:
            yield Problem("erasures", _case(case_no), message("doctor.erased_nothing"))
        if erasure and customer_id is not None:
            erased_by_case[customer_id] = case_no
    identifying = [customers.c[name] for name in IDENTIFYING_COLUMNS]
    phones = select(func.count()).where(Phone.customer_id == customers.c.id).scalar_subquery()
    for row in session.execute(
        select(
            customers.c.id, customers.c.customer_no, customers.c.state, phones.label("phones"), *identifying
        )
    ):
        erased = CustomerState(row.state) is CustomerState.ERASED
        subject = message("subject.customer", customer_no=row.customer_no)
        if erased:
            kept = tuple(FieldName(name) for name in IDENTIFYING_COLUMNS if getattr(row, name) is not None)
            if kept:
                yield Problem("erasures", subject, message("doctor.erased_holds", fields=kept))
            if row.phones:
                yield Problem("erasures", subject, message("doctor.erased_phones", count=row.phones))
        elif row.id in erased_by_case:
            said = message(
                "doctor.erased_but", case=_case(erased_by_case[row.id]), state=CustomerState(row.state)
            )
            yield Problem("erasures", subject, said)


def check_registers(session: Session, now: dt.datetime) -> Iterator[Problem]:
    for kind, register, recorded in (
        (CaseKind.COMPLAINT, Complaint, "complaint_recorded"),
        (CaseKind.SUSPICIOUS_REPORT, SuspiciousReport, "report_recorded"),
    ):
        entry = select(register.id).where(register.case_id == Case.id).exists()
        was_recorded = (
            select(CaseEvent.id).where(CaseEvent.case_id == Case.id, CaseEvent.kind == recorded).exists()
        )
        for (case_no,) in session.execute(
            select(Case.case_no).where(Case.kind == kind, was_recorded, ~entry).order_by(Case.id)
        ):
            yield Problem("registers", _case(case_no), message("doctor.register_missing", kind=kind))
        for entry_id, case_no, case_kind in session.execute(
            select(register.id, Case.case_no, Case.kind)
            .join(Case, Case.id == register.case_id)
            .where(Case.kind != kind)
            .order_by(register.id)
        ):
            said = message("doctor.register_other_kind", kind=kind, entry=entry_id, case_kind=case_kind)
            yield Problem("registers", _case(case_no), said)


def check_provisions(session: Session, now: dt.datetime) -> Iterator[Problem]:
    """Each stop a stop-provision case made is kept with its customer, and each stop kept is such a case's."""
    stops = table_of(ProvisionStop)
    kept = select(stops.c.id).where(stops.c.case_id == Case.id).exists()
    for case_no, state, details, customer_state, has_stop in session.execute(
        select(Case.case_no, Case.state, Case.details, Customer.state, kept)
        .outerjoin(Customer, Customer.id == Case.customer_id)
        .where(Case.kind == CaseKind.STOP_PROVISION)
        .order_by(Case.id)
    ):
        stopped = (details or {}).get("provision_stops")
        if state is S.COMPLETED and not stopped:
            yield Problem("provisions", _case(case_no), message("doctor.stop_made_nothing"))
        # Erasure removes the stops with the rest of the customer's data.
        if stopped and not has_stop and customer_state is not CustomerState.ERASED:
            yield Problem("provisions", _case(case_no), message("doctor.stop_not_kept"))
    for customer_no, case_no in session.execute(
        select(Customer.customer_no, Case.case_no)
        .join(stops, stops.c.customer_id == Customer.id)
        .join(Case, Case.id == stops.c.case_id)
        .where(or_(Case.kind != CaseKind.STOP_PROVISION, Case.customer_id != stops.c.customer_id))
        .order_by(stops.c.id)
    ):
        subject = message("subject.customer", customer_no=customer_no)
        yield Problem("provisions", subject, message("doctor.stop_of_other_case", case=_case(case_no)))
    for (customer_no,) in session.execute(
        select(Customer.customer_no)
        .where(
            Customer.provision_opt_in.is_(True),
            select(stops.c.id)
            .where(stops.c.customer_id == Customer.id, stops.c.recipient_name.is_(None))
            .exists(),
        )
        .order_by(Customer.customer_no)
    ):
        subject = message("subject.customer", customer_no=customer_no)
        yield Problem("provisions", subject, message("doctor.stop_all_but_allowed"))


def check_refusals(session: Session, now: dt.datetime) -> Iterator[Problem]:
    for case_no, said in refusal_findings(session):
        yield Problem("refusals", _case(case_no), said)


def check_policy(session: Session, now: dt.datetime) -> Iterator[Problem]:
    for case_no, said in answer_findings(session):
        yield Problem("policy", _case(case_no), said)


def check_dates(session: Session, now: dt.datetime) -> Iterator[Problem]:
    future = now + _CLOCK_SLACK
    for case_no, received_at, closed_at, state in session.execute(
        select(Case.case_no, Case.received_at, Case.closed_at, Case.state).order_by(Case.id)
    ):
        subject = _case(case_no)
        if received_at > future:
            yield Problem("dates", subject, message("doctor.received_in_future"))
        if closed_at is not None and closed_at > future:
            yield Problem("dates", subject, message("doctor.closed_in_future"))
        if closed_at is not None and closed_at < received_at:
            yield Problem("dates", subject, message("doctor.closed_before_received"))
        if (state in FINAL_STATES) != (closed_at is not None):
            yield Problem("dates", subject, message("doctor.closing_time", state=state))
    for case_no, event_id in session.execute(
        select(Case.case_no, CaseEvent.id)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(CaseEvent.at > future)
        .order_by(CaseEvent.id)
    ):
        yield Problem("dates", _case(case_no), message("doctor.event_in_future", event=event_id))
    for letter_id, created_at in session.execute(
        select(Letter.id, Letter.created_at)
        .where(or_(Letter.created_at > future, Letter.mailed_at > future))
        .order_by(Letter.id)
    ):
        code = "doctor.made_in_future" if created_at > future else "doctor.mailed_in_future"
        yield Problem("dates", _letter(letter_id), message(code))


def check_calls(session: Session, now: dt.datetime) -> Iterator[Problem]:
    for call_id, state in session.execute(
        select(CallRecord.id, CallRecord.state)
        .where(
            CallRecord.state.in_([CallState.RINGING, CallState.ANSWERED]),
            CallRecord.started_at < now - STALE_CALL_AFTER,
        )
        .order_by(CallRecord.id)
    ):
        said = message("doctor.stale_call", state=CallState(state))
        yield Problem("calls", message("subject.call", call_id=call_id), said)


def check_pauses(session: Session, now: dt.datetime) -> Iterator[Problem]:
    for case_no, said in pause_findings(session):
        yield Problem("pauses", _case(case_no), said)


def check_proxies(session: Session, now: dt.datetime) -> Iterator[Problem]:
    for subject, said in proxy_findings(session):
        yield Problem("proxies", subject, said)


def check_incidents(session: Session, now: dt.datetime) -> Iterator[Problem]:
    for subject, said in incident_findings(session, now):
        yield Problem("incidents", subject, said)


def check_replay(session: Session, now: dt.datetime) -> Iterator[Problem]:
    """Each case row is what its chained events say: state, closing time, proposal, decisions, identity,
    erasure (`desk_app.audit.case_rows`, which `desk-app audit verify` runs too)."""
    for problem in check_case_rows(session).problems:
        yield Problem("replay", _case(problem.case_no), problem.said)


def check_audit(session: Session, now: dt.datetime) -> Iterator[Problem]:
    # The case rows are the replay check's: not run twice.
    for report in verify(session, cases=False).chains:
        if report.problem is not None:
            yield Problem("audit", chain_name(report.chain), report.problem.said)


CHECKS: dict[str, Callable[[Session, dt.datetime], Iterator[Problem]]] = {
    "letters": check_letters,
    "identity": check_identity,
    "erasures": check_erasures,
    "registers": check_registers,
    "provisions": check_provisions,
    "refusals": check_refusals,
    "policy": check_policy,
    "dates": check_dates,
    "calls": check_calls,
    "pauses": check_pauses,
    "proxies": check_proxies,
    "incidents": check_incidents,
    "replay": check_replay,
    "audit": check_audit,
}


def examine(
    session: Session, *, now: dt.datetime | None = None, only: tuple[str, ...] | None = None
) -> DoctorReport:
    """Run the checks (all, or those named in `only`) and return every problem found. Writes nothing."""
    at = now or dt.datetime.now(dt.UTC)
    names = only or tuple(CHECKS)
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        raise ValueError(f"no check named {', '.join(unknown)} (checks: {', '.join(CHECKS)})")
    problems = [problem for name in names for problem in CHECKS[name](session, at)]
    return DoctorReport(checks=names, problems=tuple(problems))
