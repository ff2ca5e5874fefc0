"""Demo cases made through the real services, so every history is one the desk itself would have written.

Each case follows a scenario (a request kind and how far it got) on a clock that only moves forward and never
passes `now`: identity checks, fees, deliveries, corrections, stopped mailings, erasures, refusals with a
supervisor's approval, withdrawals, complaints and reports in their registers, letters made, printed, mailed.
The first scenarios cover every kind, every state and every letter kind (waiting in the mail room and mailed),
so even a small demo fills each screen; the rest are drawn by weight.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.demo import vocabulary as vocab
from desk_app.domain.enums import (
    CaseKind,
    CaseState,
    ComplaintCategory,
    CustomerState,
    FeeStatus,
    Proposal,
    ReportChannel,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.refusal_grounds import RefusalAnswer, grounds_for
from desk_app.erased_register_key import RegisterKey
from desk_app.services.cases import letters, registers
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.identity import (
    Callback,
    CallbackResult,
    DocumentCheck,
    Documents,
    record_identity_check,
)
from desk_app.services.cases.lifecycle import get_case, open_case, transition
from desk_app.storage.engine import session_factory
from desk_app.storage.models import Customer, Phone

S = CaseState
K = CaseKind
DAY = dt.timedelta(days=1)

# (kind, outcome) in the order the first cases are made: every kind, state and letter kind at least once.
COVERAGE: tuple[tuple[CaseKind, str], ...] = (
    (K.DISCLOSURE, "letter_waiting"),
    (K.DISCLOSURE, "completed_mailed"),
    (K.DISCLOSURE, "fee_pending"),
    (K.DISCLOSURE, "identity_pending"),
    (K.PROVISION_DISCLOSURE, "completed_waiting"),
    (K.PROVISION_DISCLOSURE, "completed_mailed"),
    (K.CORRECTION, "completed_waiting"),
    (K.CORRECTION, "completed_mailed"),
    (K.CORRECTION, "refused_waiting"),
    (K.SUSPENSION, "completed_waiting"),
    (K.SUSPENSION, "completed_mailed"),
    (K.SUSPENSION, "withdrawn"),
    (K.DELETION, "awaiting_approval"),
    (K.DELETION, "erased_waiting"),
    (K.DELETION, "erased_mailed"),
    (K.DISCLOSURE, "refusal_pending"),
    (K.DISCLOSURE, "refused_mailed"),
    (K.COMPLAINT, "escalated"),
    (K.COMPLAINT, "answered"),
    (K.COMPLAINT, "escalated_answered"),
    (K.SUSPICIOUS_REPORT, "received"),
    (K.SUSPICIOUS_REPORT, "recorded"),
    (K.CORRECTION, "received"),
    (K.CORRECTION, "identity_verified"),
    (K.DISCLOSURE, "fee_received"),
)
OUTCOMES: dict[CaseKind, tuple[tuple[str, float], ...]] = {
    K.DISCLOSURE: (
        ("completed_mailed", 40),
        ("completed_waiting", 6),
        ("letter_waiting", 6),
        ("fee_pending", 8),
        ("fee_received", 4),
        ("identity_pending", 6),
        ("received", 3),
        ("refused_mailed", 4),
        ("refusal_pending", 2),
        ("withdrawn", 5),
    ),
    K.CORRECTION: (
        ("completed_mailed", 50),
        ("completed_waiting", 8),
        ("identity_pending", 6),
        ("identity_verified", 3),
        ("refused_mailed", 4),
        ("refused_waiting", 1),
        ("withdrawn", 5),
        ("received", 3),
    ),
    K.SUSPENSION: (("completed_mailed", 60), ("completed_waiting", 10), ("in_progress", 5), ("withdrawn", 5)),
    K.DELETION: (
        ("erased_mailed", 40),
        ("erased_waiting", 6),
        ("awaiting_approval", 6),
        ("identity_pending", 4),
        ("refused_mailed", 3),
        ("withdrawn", 6),
    ),
    K.COMPLAINT: (("answered", 50), ("escalated", 15), ("escalated_answered", 25)),
    K.SUSPICIOUS_REPORT: (("recorded", 85), ("received", 15)),
}
OUTCOMES[K.PROVISION_DISCLOSURE] = OUTCOMES[K.DISCLOSURE]
_OPEN_OUTCOMES = frozenset(
    {
        "letter_waiting",
        "fee_pending",
        "identity_pending",
        "received",
        "refusal_pending",
        "in_progress",
        "awaiting_approval",
        "escalated",
        "identity_verified",
        "fee_received",
    }
)


@dataclass(frozen=True)
class Staff:
    agents: tuple[int, ...]
    supervisors: tuple[int, ...]


class _Clock:
    """Moments of one case: from its receipt forward, never after `limit`."""

    def __init__(self, rng: random.Random, received: dt.datetime, limit: dt.datetime) -> None:
        self.rng, self.at, self.limit = rng, received, limit

    def next(self, most: dt.timedelta = 2 * DAY) -> dt.datetime:
        room = (self.limit - self.at).total_seconds()
        step = min(room / 3, most.total_seconds()) * (0.2 + 0.8 * self.rng.random())
        self.at += dt.timedelta(seconds=max(1.0, step))
        self.at = min(self.at, self.limit)
        return self.at


class _Case:
    """One scenario played through the services, one transaction per step as the desk does."""

    def __init__(
        self,
        session: Session,
        rng: random.Random,
        staff: Staff,
        company: CompanyProfile,
        clock: _Clock,
        register_key: RegisterKey,
    ) -> None:
        self.session, self.rng, self.staff, self.company, self.clock = session, rng, staff, company, clock
        self.register_key = register_key
        self.agent = rng.choice(staff.agents)
        self.supervisor = rng.choice(staff.supervisors)
        self.case_id = 0

    def step(self, work: Callable[[Session, dt.datetime], object]) -> None:
        work(self.session, self.clock.next())
        self.session.flush()

    def version(self, session: Session) -> int:
        return get_case(session, self.case_id).row_version

    def open(self, kind: CaseKind, customer_id: int | None, summary: str) -> None:
        def work(session: Session, at: dt.datetime) -> None:
            self.case_id = open_case(
                session,
                kind=kind,
                customer_id=customer_id,
                agent_id=self.agent,
                received_at=self.clock.at,
                target_days=self.company.response_target_days,
                fee_yen=self.company.disclosure_fee_yen,
                summary=summary,
                now=self.clock.at,
            ).case_id

        work(self.session, self.clock.at)

    def move(self, target: CaseState, *, by: int | None = None, **kwargs: object) -> None:
        def work(session: Session, at: dt.datetime) -> None:
            transition(
                session,
                self.case_id,
                target,
                agent_id=by or self.agent,
                expected_row_version=self.version(session),
                now=at,
                **kwargs,  # type: ignore[arg-type]
            )

        self.step(work)

    def verify(self, customer_id: int, *, passes: bool = True) -> None:
        def work(session: Session, at: dt.datetime) -> None:
            numbers = session.scalars(select(Phone.e164).where(Phone.customer_id == customer_id)).all()
            method: IdentityMethod
            detail: Callback | Documents
            if numbers and self.rng.random() < 0.6:
                result = CallbackResult.ANSWERED if passes else CallbackResult.NOT_REACHED
                method, detail = IdentityMethod.CALLBACK, Callback(self.rng.choice(numbers), at, result)
            else:
                received = (at - DAY).astimezone(TOKYO).date()
                kind = self.rng.choice(vocab.IDENTITY_DOCUMENTS)
                # Accepted documents show the registered name and address; refused ones only the name.
                shown = {DocumentCheck.NAME, DocumentCheck.ADDRESS} if passes else {DocumentCheck.NAME}
                method, detail = IdentityMethod.DOCUMENTS, Documents(received, kind, frozenset(shown))
            record_identity_check(
                session, self.case_id, agent_id=self.agent, method=method, detail=detail, now=at
            )

        self.step(work)

    def letter(self, *, mailed: bool) -> None:
        def make(session: Session, at: dt.datetime) -> None:
            letters.generate_letter(session, self.case_id, agent_id=self.agent, company=self.company, now=at)

        self.step(make)
        if mailed:
            self.mail_waiting()

    def mail_waiting(self) -> None:
        def post(session: Session, at: dt.datetime) -> None:
            waiting = [
                view.letter_id for view in letters.letters_of_case(session, self.case_id) if view.mailable
            ]
            letters.mark_printed(session, waiting, agent_id=self.agent, now=at)
            letters.mark_mailed(
                session,
                waiting,
                agent_id=self.agent,
                method=self.rng.choice(letters.POSTAL_METHODS),
                on=at.astimezone(TOKYO).date(),
                now=at,
            )

        self.step(post)

    def complete(self) -> None:
        def work(session: Session, at: dt.datetime) -> None:
            case_operations.complete_case(
                session, self.case_id, agent_id=self.agent, expected_row_version=self.version(session), now=at
            )

        self.step(work)

    def refuse(self, *, approved: bool, kind: CaseKind, verified: bool) -> None:
        """Propose a refusal with a ground that fits the case and the text its letter gives; approve it."""
        received_fee = get_case(self.session, self.case_id).state is S.FEE_RECEIVED
        if received_fee:
            self.move(S.IN_PROGRESS)
        ground = self.rng.choice(grounds_for(kind, verified=verified))
        answer = RefusalAnswer(ground=ground, text=self.rng.choice(vocab.REFUSAL_TEXTS[ground.value]))
        self.move(
            S.AWAITING_APPROVAL,
            proposal=Proposal.REFUSAL,
            reason=self.rng.choice(vocab.REFUSAL_NOTES),
            answer=answer,
        )
        if approved:
            self.move(S.REFUSED, by=self.supervisor, reason=self.rng.choice(vocab.APPROVAL_NOTES))


def _identity_case(case: _Case, kind: CaseKind, outcome: str, customer_id: int) -> None:
    rng = case.rng
    if outcome == "received":
        return
    disclosure = kind in (K.DISCLOSURE, K.PROVISION_DISCLOSURE)
    if outcome in ("refused_mailed", "refused_waiting", "refusal_pending") and not disclosure:
        # Refused because the caller could not be verified; a disclosure is refused on its merits below.
        case.verify(customer_id, passes=False)
        case.refuse(approved=outcome != "refusal_pending", kind=kind, verified=False)
        if outcome != "refusal_pending":
            case.letter(mailed=outcome == "refused_mailed")
        return
    if outcome == "identity_pending":
        case.move(S.IDENTITY_PENDING)
        return
    case.verify(customer_id)
    if outcome == "identity_verified":
        return
    if outcome == "withdrawn":
        case.move(S.WITHDRAWN, reason=rng.choice(vocab.WITHDRAWAL_REASONS))
        return
    mailed = outcome.endswith("mailed")
    if disclosure:
        _disclosure(case, kind, outcome)
        if outcome in ("completed_mailed", "completed_waiting"):
            case.complete()
            case.letter(mailed=mailed)
        elif outcome == "letter_waiting":
            case.letter(mailed=False)
    elif kind is K.CORRECTION:
        _correction(case, customer_id)
        case.complete()
        case.letter(mailed=mailed)
    elif kind is K.SUSPENSION:
        _suspension(case)
        if outcome != "in_progress":
            case.complete()
            case.letter(mailed=mailed)
    elif kind is K.DELETION:
        case.step(
            lambda session, at: case_operations.propose_erasure(
                session, case.case_id, agent_id=case.agent, now=at
            )
        )
        if outcome != "awaiting_approval":
            case.step(
                lambda session, at: case_operations.erase_customer(
                    session,
                    case.case_id,
                    approver_id=case.supervisor,
                    register_key=case.register_key,
                    now=at,
                    company=case.company,
                )
            )
            if mailed:
                case.mail_waiting()


def _disclosure(case: _Case, kind: CaseKind, outcome: str) -> None:
    rng = case.rng
    case.step(
        lambda session, at: case_operations.record_fee(
            session,
            case.case_id,
            agent_id=case.agent,
            status=FeeStatus.REQUESTED,
            company=case.company,
            now=at,
        )
    )
    if outcome == "fee_pending":
        return  # its fee-payment notice waits in the mail room
    # The notice went out, and the fee came back (or was waived) after it.
    case.mail_waiting()
    case.step(
        lambda session, at: case_operations.choose_delivery(
            session, case.case_id, agent_id=case.agent, delivery="letter", now=at
        )
    )
    if outcome != "fee_received" and rng.random() < 0.15:
        case.step(
            lambda session, at: case_operations.record_fee(
                session,
                case.case_id,
                agent_id=case.agent,
                status=FeeStatus.WAIVED,
                reason=rng.choice(vocab.FEE_WAIVER_REASONS),
                now=at,
            )
        )
    else:
        case.step(
            lambda session, at: case_operations.record_fee(
                session,
                case.case_id,
                agent_id=case.agent,
                status=FeeStatus.RECEIVED,
                method=rng.choice(vocab.FEE_METHODS),
                on=at.astimezone(TOKYO).date(),
                now=at,
            )
        )
    if outcome == "refusal_pending":
        case.letter(mailed=False)
        case.refuse(approved=False, kind=kind, verified=True)
    elif outcome == "refused_mailed":
        case.letter(mailed=False)
        case.refuse(approved=True, kind=kind, verified=True)
        case.letter(mailed=True)


def _correction(case: _Case, customer_id: int) -> None:
    rng = case.rng

    def work(session: Session, at: dt.datetime) -> None:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        if rng.random() < 0.5 or not customer.email:
            building = f"{rng.choice(vocab.BUILDINGS)} {rng.randint(101, 909)}"
            changes: dict[str, object] = {"building": building if building != customer.building else None}
        else:
            local, _, domain = customer.email.partition("@")
            others = [name for name in vocab.EMAIL_DOMAINS if name != domain]
            changes = {"email": f"{local}@{rng.choice(others)}"}
        case_operations.apply_correction(
            session,
            case.case_id,
            agent_id=case.agent,
            changes=changes,
            expected_customer_row_version=customer.row_version,
            now=at,
        )

    case.step(work)


def _suspension(case: _Case) -> None:
    rng = case.rng
    stop = rng.sample(("catalogue", "direct_mail", "email_magazine"), rng.randint(1, 3))

    def work(session: Session, at: dt.datetime) -> None:
        case_operations.stop_mailings(
            session,
            case.case_id,
            agent_id=case.agent,
            catalogue="catalogue" in stop,
            direct_mail="direct_mail" in stop,
            email_magazine="email_magazine" in stop,
            effective=(at + rng.randint(0, 10) * DAY).astimezone(TOKYO).date(),
            now=at,
        )

    case.step(work)


def _complaint(case: _Case, outcome: str, callback_number: str | None) -> None:
    rng = case.rng
    category, text, answer = rng.choice(vocab.COMPLAINTS)
    escalate = outcome != "answered"
    case.step(
        lambda session, at: registers.record_complaint(
            session,
            case.case_id,
            agent_id=case.agent,
            category=ComplaintCategory(category),
            details=text,
            answer_given=None if escalate else answer,
            escalate=escalate,
            # A supervisor calls an escalated complaint back; a caller with no record gives a number.
            callback_number=callback_number if escalate else None,
            now=at,
        )
    )
    if outcome == "escalated_answered":
        case.step(
            lambda session, at: registers.answer_complaint(
                session, case.case_id, agent_id=case.supervisor, answer=answer, now=at
            )
        )


def _report(case: _Case, outcome: str, reported: Sequence[str]) -> None:
    if outcome == "received":
        return
    rng = case.rng
    channel = rng.choice(tuple(ReportChannel))
    sender, url = rng.choice(vocab.SUSPICIOUS_SENDERS)
    number = rng.choices(reported, weights=range(len(reported), 0, -1))[0]
    phone_like = channel in (ReportChannel.PHONE, ReportChannel.SMS)
    case.step(
        lambda session, at: registers.record_report(
            session,
            case.case_id,
            agent_id=case.agent,
            channel=channel,
            received_on=(at - rng.randint(0, 5) * DAY).astimezone(TOKYO).date(),
            claimed_sender=sender,
            shown_number=number if phone_like else None,
            shown_url=url if channel in (ReportChannel.SMS, ReportChannel.EMAIL, ReportChannel.WEB) else None,
            paid=rng.random() < 0.05,
            disclosed=rng.random() < 0.15,
            details=rng.choice(vocab.REPORT_DETAILS),
            now=at,
        )
    )


def build_cases(
    engine: Engine,
    *,
    rng: random.Random,
    now: dt.datetime,
    count: int,
    staff: Staff,
    company: CompanyProfile,
    reported_numbers: Sequence[str],
    register_key: RegisterKey,
) -> int:
    """Make `count` cases through the services, received over the last two years, in one transaction (all or
    nothing); returns how many. Erasures register their numbers under `register_key`."""
    with session_factory(engine).begin() as session:
        return _build(session, rng, now, count, staff, company, reported_numbers, register_key)


def _build(
    session: Session,
    rng: random.Random,
    now: dt.datetime,
    count: int,
    staff: Staff,
    company: CompanyProfile,
    reported_numbers: Sequence[str],
    register_key: RegisterKey,
) -> int:
    active = list(
        session.scalars(
            select(Customer.id).where(Customer.state == CustomerState.ACTIVE).order_by(Customer.id)
        )
    )
    available = active[:]
    rng.shuffle(available)
    kinds, weights = list(vocab.CASE_KIND_WEIGHTS), list(vocab.CASE_KIND_WEIGHTS.values())
    plans: list[tuple[CaseKind, str]] = list(COVERAGE[:count])
    while len(plans) < count:
        kind = CaseKind(rng.choices(kinds, weights=weights)[0])
        names, chances = zip(*OUTCOMES[kind], strict=True)
        plans.append((kind, rng.choices(names, weights=chances)[0]))
    made = 0
    for kind, outcome in plans:
        # Open cases are recent (some already past due); closed ones reach back two years.
        back = rng.random() ** 2 * 40 if outcome in _OPEN_OUTCOMES else 3 + rng.random() * 720
        received = now - dt.timedelta(days=back, minutes=30 + rng.random() * 600)
        closes_by = min(now - dt.timedelta(minutes=1), received + dt.timedelta(days=2 + rng.random() * 18))
        limit = now - dt.timedelta(minutes=1) if outcome in _OPEN_OUTCOMES else closes_by
        case = _Case(session, rng, staff, company, _Clock(rng, received, limit), register_key)
        needs_customer = kind not in (K.COMPLAINT, K.SUSPICIOUS_REPORT) or rng.random() < 0.6
        if needs_customer and not available:
            continue
        customer_id = available.pop() if needs_customer else None
        case.open(kind, customer_id, rng.choice(vocab.CASE_SUMMARIES[kind.value]))
        if kind is K.COMPLAINT:
            prefix = rng.choice(("090", "080", "070"))
            mobile = f"{prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
            _complaint(case, outcome, None if customer_id else mobile)
        elif kind is K.SUSPICIOUS_REPORT:
            _report(case, outcome, reported_numbers)
        else:
            assert customer_id is not None
            _identity_case(case, kind, outcome, customer_id)
        made += 1
    return made
