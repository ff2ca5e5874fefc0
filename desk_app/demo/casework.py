"""Demo cases made through the real services, so every history is one the desk itself would have written.

Each case follows a scenario (a request kind and how far it got) on a clock that only moves forward and never
passes `now`: identity checks, fees, deliveries, corrections, stopped mailings and provision (each with the
ground it was asked on), erasures, refusals with a supervisor's approval (one on the exception of APPI Art.
35(6), with its alternative measure), withdrawals, complaints and reports in their registers, letters made,
printed, mailed, clocks paused while the desk waits for the customer (a fee pending pauses by itself) and
run again.
The first scenarios cover every kind, every state and every letter kind (waiting in the mail room and mailed),
so even a small demo fills each screen; the rest are drawn by weight. Last, two open requests wait for their
customers: one still paused, one whose clock ran again (`_waiting_for_customers`), and a leak incident is
kept in the register with its customers attached (`incident_casework.py`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.demo import case_vocabulary as vocab
from desk_app.demo.case_scenarios import CASE_KIND_WEIGHTS, COVERAGE, OPEN_OUTCOMES, OUTCOMES
from desk_app.demo.case_steps import DAY, CaseClock, DemoCase, Staff, suspension_ground
from desk_app.demo.incident_casework import INCIDENT_CALLS, calls_about_incident, leak_incident
from desk_app.demo.policy_casework import (
    POLICY_KINDS,
    answer_from_policy,
    joint_use_answered,
    leak_inquiry_answered,
)
from desk_app.demo.vocabulary import BUILDINGS, EMAIL_DOMAINS
from desk_app.domain.enums import (
    CaseKind,
    CaseState,
    ComplaintCategory,
    CustomerState,
    FeeStatus,
    PauseReason,
    ProvisionStopGround,
    ReportChannel,
    SuspensionGround,
)
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.lifecycle import DISCLOSURE_KINDS, IDENTITY_KINDS
from desk_app.domain.proxies import ProxyKind
from desk_app.erased_register_key import RegisterKey
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases import provision_stops, registers
from desk_app.services.cases.delivery import electronic_address
from desk_app.services.incidents.customer_incidents import inquiry_choices
from desk_app.storage.engine import session_factory
from desk_app.storage.models import Case, Customer

S = CaseState
K = CaseKind
# The share of requests about a customer's data that arrive in writing by post (the first case made is one,
# so every demo has one), and of disclosures asked for as an electronic record.
WRITTEN_SHARE = 0.12
ELECTRONIC_SHARE = 0.2


def _identity_case(case: DemoCase, kind: CaseKind, outcome: str, customer_id: int) -> None:
    rng = case.rng
    if outcome == "received":
        return
    disclosure = kind in (K.DISCLOSURE, K.PROVISION_DISCLOSURE)
    on_merits = disclosure or kind in POLICY_KINDS
    if outcome in ("refused_mailed", "refused_waiting", "refusal_pending") and not on_merits:
        # Refused because the caller could not be verified; a disclosure (or a notice of purposes) is
        # refused on its merits below.
        case.verify(customer_id, passes=False)
        case.refuse(approved=outcome != "refusal_pending", kind=kind, verified=False)
        if outcome != "refusal_pending":
            case.letter(mailed=outcome == "refused_mailed")
        return
    if outcome == "identity_pending":
        if case.proxy is ProxyKind.APPOINTED:
            case.verify(customer_id)  # the documents show the person; the person has yet to confirm
        else:
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
    elif kind is K.STOP_PROVISION:
        _provision_stop(case, customer_id)
        if outcome != "in_progress":
            case.complete()
            case.letter(mailed=mailed)
    elif kind in POLICY_KINDS:
        answer_from_policy(case, kind, outcome)
    elif kind is K.DELETION:
        # A refusal on the exception of Art. 35(6) needs a legal ground: the company no longer needing it.
        ground = (
            SuspensionGround.NO_LONGER_NEEDED if outcome == "refused_on_exception" else suspension_ground(rng)
        )
        case.step(
            lambda session, at: case_operations.propose_erasure(
                session, case.case_id, agent_id=case.agent, ground=ground, now=at
            )
        )
        if outcome == "refused_on_exception":
            case.refuse_on_exception()
        elif outcome != "awaiting_approval":
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


def _disclosure(case: DemoCase, kind: CaseKind, outcome: str) -> None:
    rng = case.rng
    case.record_fee(FeeStatus.REQUESTED)
    if outcome == "fee_pending":
        return  # its fee-payment notice waits in the mail room
    # The notice went out, and the fee came back (or was waived) after it.
    case.mail_waiting()
    # Some ask for an electronic record: sent to the registered address, or by post, saying why, without one.
    drawn = "electronic" if rng.random() < ELECTRONIC_SHARE else "letter"
    case.step(
        lambda session, at: case_operations.choose_delivery(
            session,
            case.case_id,
            agent_id=case.agent,
            delivery=_form_asked(session, case.case_id, drawn),
            now=at,
        )
    )
    waived = outcome != "fee_received" and rng.random() < 0.15
    case.record_fee(FeeStatus.WAIVED if waived else FeeStatus.RECEIVED)
    if outcome == "refusal_pending":
        case.letter(mailed=False)
        case.refuse(approved=False, kind=kind, verified=True)
    elif outcome == "refused_mailed":
        case.letter(mailed=False)
        case.refuse(approved=True, kind=kind, verified=True)
        case.letter(mailed=True)


def _form_asked(session: Session, case_id: int, drawn: str) -> str:
    """`drawn`, or an electronic record while the demo has yet to show what becomes of one for a customer
    like this (sent to their address, or by post for want of one): every demo shows both, not by luck."""
    if drawn == "electronic":
        return drawn
    case = session.get_one(Case, case_id)
    goes = (
        "letter"
        if electronic_address(case, session.get(Customer, case.customer_id)) is None
        else "electronic"
    )
    shown = {
        (form.get("asked"), form.get("method"))
        for details in session.scalars(select(Case.details).where(Case.kind.in_(sorted(DISCLOSURE_KINDS))))
        if (form := (details or {}).get("delivery"))
    }
    return drawn if ("electronic", goes) in shown else "electronic"


def _correction(case: DemoCase, customer_id: int) -> None:
    rng = case.rng

    def work(session: Session, at: dt.datetime) -> None:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        if rng.random() < 0.5 or not customer.email:
            building = f"{rng.choice(BUILDINGS)} {rng.randint(101, 909)}"
            changes: dict[str, object] = {"building": building if building != customer.building else None}
        else:
            local, _, domain = customer.email.partition("@")
            others = [name for name in EMAIL_DOMAINS if name != domain]
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


def _suspension(case: DemoCase) -> None:
    rng = case.rng
    stop = rng.sample(("catalogue", "direct_mail", "email_magazine"), rng.randint(1, 3))
    ground = suspension_ground(rng)

    def work(session: Session, at: dt.datetime) -> None:
        case_operations.stop_mailings(
            session,
            case.case_id,
            agent_id=case.agent,
            catalogue="catalogue" in stop,
            direct_mail="direct_mail" in stop,
            email_magazine="email_magazine" in stop,
            effective=(at + rng.randint(0, 10) * DAY).astimezone(TOKYO).date(),
            ground=ground,
            now=at,
        )

    case.step(work)


def _provision_stop(case: DemoCase, customer_id: int) -> None:
    """All provision on consent, or one recipient's when the customer's data went to one on consent."""
    rng = case.rng
    grounds = [ProvisionStopGround(name) for name, _ in vocab.PROVISION_STOP_GROUNDS]
    ground = rng.choices(grounds, weights=[weight for _, weight in vocab.PROVISION_STOP_GROUNDS])[0]
    one = rng.random() < 0.5

    def work(session: Session, at: dt.datetime) -> None:
        recipients = provision_stops.stoppable_recipients(session, customer_id)
        provision_stops.stop_provision(
            session,
            case.case_id,
            agent_id=case.agent,
            recipient=recipients[0] if one and recipients else None,
            ground=ground,
            now=at,
        )

    case.step(work)


def _complaint(case: DemoCase, outcome: str, callback_number: str | None) -> None:
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


def _report(case: DemoCase, outcome: str, reported: Sequence[str]) -> None:
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


# Requests anyone may make, about a customer on file or about no one.
_ANYONE_ASKS = (K.COMPLAINT, K.SUSPICIOUS_REPORT, K.JOINT_USE, K.LEAK_INQUIRY)


def _incident_asked_about(session: Session, rng: random.Random, customer_id: int | None) -> str | None:
    """The open leak incident a question is about, as New inquiry offers them: one of the customer's when
    they are affected, else any open one or none (and none when no incident is open)."""
    choices = inquiry_choices(session, customer_id)
    numbers: list[str | None] = [mark.incident_no for mark in choices.incidents]
    if choices.may_name_none and numbers:
        numbers.append(None)
    return rng.choice(numbers) if numbers else None


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
    kinds, weights = list(CASE_KIND_WEIGHTS), list(CASE_KIND_WEIGHTS.values())
    # The last few cases are calls about the leak incident, made once it is on file.
    planned = max(0, count - INCIDENT_CALLS)
    plans: list[tuple[CaseKind, str]] = list(COVERAGE[:planned])
    while len(plans) < planned:
        kind = CaseKind(rng.choices(kinds, weights=weights)[0])
        names, chances = zip(*OUTCOMES[kind], strict=True)
        plans.append((kind, rng.choices(names, weights=chances)[0]))
    made = 0
    proxies_made: set[ProxyKind] = set()
    # Open requests a desk may be waiting on the customer for, with the state each was left in.
    waiting: list[tuple[DemoCase, str]] = []
    for kind, outcome in plans:
        # Open cases are recent (some already past due); closed ones reach back two years.
        back = rng.random() ** 2 * 40 if outcome in OPEN_OUTCOMES else 3 + rng.random() * 720
        received = now - dt.timedelta(days=back, minutes=30 + rng.random() * 600)
        closes_by = min(now - dt.timedelta(minutes=1), received + dt.timedelta(days=2 + rng.random() * 18))
        limit = now - dt.timedelta(minutes=1) if outcome in OPEN_OUTCOMES else closes_by
        case = DemoCase(session, rng, staff, company, CaseClock(rng, received, limit), register_key)
        needs_customer = kind not in _ANYONE_ASKS or rng.random() < 0.6
        if needs_customer and not available:
            continue
        customer_id = available.pop() if needs_customer else None
        by_post = kind in IDENTITY_KINDS and (made == 0 or rng.random() < WRITTEN_SHARE)
        summary = rng.choice(vocab.CASE_SUMMARIES[kind.value])
        incident_no = _incident_asked_about(session, rng, customer_id) if kind is K.LEAK_INQUIRY else None
        case.open(kind, customer_id, summary, by_post=by_post, incident_no=incident_no)
        proxy = _PROXY_PLAN.get((kind, outcome))
        if proxy is not None and proxy not in proxies_made:
            # One of each, the first time its request and outcome come up: no draw from the random stream.
            proxies_made.add(proxy)
            case.asked_by_proxy(proxy, person_confirms=outcome != "identity_pending")
        if kind is K.COMPLAINT:
            prefix = rng.choice(("090", "080", "070"))
            mobile = f"{prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
            _complaint(case, outcome, None if customer_id else mobile)
        elif kind is K.SUSPICIOUS_REPORT:
            _report(case, outcome, reported_numbers)
        elif kind is K.JOINT_USE:
            joint_use_answered(case, outcome)
        elif kind is K.LEAK_INQUIRY:
            leak_inquiry_answered(case, outcome)
        else:
            assert customer_id is not None
            _identity_case(case, kind, outcome, customer_id)
            if outcome in _WAITING_OUTCOMES:
                waiting.append((case, outcome))
        made += 1
    _waiting_for_customers(waiting)
    # After every case, so that each of those is made as it would be without it.
    incident_no = leak_incident(session, rng, now, staff)
    return made + calls_about_incident(session, rng, now, staff, company, register_key, incident_no)


# The requests a proxy makes in the demo: a parent's disclosure answered, a guardian's correction, and an
# appointed agent's disclosure whose documents came and which waits for the person's word.
_PROXY_PLAN = {
    (K.DISCLOSURE, "completed_mailed"): ProxyKind.PARENT,
    (K.CORRECTION, "completed_mailed"): ProxyKind.GUARDIAN,
    (K.DISCLOSURE, "identity_pending"): ProxyKind.APPOINTED,
}

# Open requests at a step where the desk waits for the customer: their documents, or a confirmation.
_WAITING_OUTCOMES = {
    "identity_pending": PauseReason.DOCUMENTS,
    "identity_verified": PauseReason.CONFIRMATION,
    "in_progress": PauseReason.CONFIRMATION,
}


def _waiting_for_customers(waiting: Sequence[tuple[DemoCase, str]]) -> None:
    """Pause the clocks of two open requests; the one with the most time left before the demo's moment gets
    what it waited for some days later. Played after every other case, so that each of those is made as it
    would be without them."""
    by_room = sorted(waiting, key=lambda pair: pair[0].clock.at)
    for (case, outcome), arrives in zip(by_room, (True, False), strict=False):
        # An appointed agent's documents came: what the desk waits for is the person's word.
        appointed = case.proxy is ProxyKind.APPOINTED and outcome == "identity_pending"
        case.wait_for(PauseReason.CONFIRMATION if appointed else _WAITING_OUTCOMES[outcome], arrives=arrives)
