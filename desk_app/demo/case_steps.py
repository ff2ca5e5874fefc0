"""One demo case played through the services a step at a time, on a clock that only moves forward."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.demo import case_vocabulary as vocab
from desk_app.domain.enums import (
    CaseKind,
    CaseState,
    Delivery,
    FeeStatus,
    PauseReason,
    Proposal,
    RefusalGround,
    SuspensionGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.proxies import AUTHORITY_PAPERS, PersonConfirmation, ProxyKind
from desk_app.domain.refusal_grounds import RefusalAnswer, grounds_for
from desk_app.erased_register_key import RegisterKey
from desk_app.services.cases import letters
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.identity import (
    Callback,
    CallbackResult,
    DocumentCheck,
    Documents,
    record_identity_check,
)
from desk_app.services.cases.letter_views import MailMethod
from desk_app.services.cases.opening import configured_fee, open_case
from desk_app.services.cases.pauses import pause_case, resume_case
from desk_app.services.cases.proxies import ProxyRequest, confirm_with_person, record_proxy
from desk_app.services.cases.records import get_case, load_case
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Phone

S = CaseState
DAY = dt.timedelta(days=1)


def suspension_ground(rng: random.Random) -> SuspensionGround:
    """What a demo suspension or deletion is asked on, drawn by how often callers give each ground."""
    names, weights = zip(*vocab.SUSPENSION_GROUNDS, strict=True)
    return SuspensionGround(rng.choices(names, weights=weights)[0])


@dataclass(frozen=True)
class Staff:
    """The demo's agents and supervisors by id: who works a case, who approves."""

    agents: tuple[int, ...]
    supervisors: tuple[int, ...]


class CaseClock:
    """Moments of one case: from its receipt forward, never after `limit`."""

    def __init__(self, rng: random.Random, received: dt.datetime, limit: dt.datetime) -> None:
        self.rng, self.at, self.limit = rng, received, limit

    def next(self, most: dt.timedelta = 2 * DAY) -> dt.datetime:
        room = (self.limit - self.at).total_seconds()
        step = min(room / 3, most.total_seconds()) * (0.2 + 0.8 * self.rng.random())
        self.at += dt.timedelta(seconds=max(1.0, step))
        self.at = min(self.at, self.limit)
        return self.at

    def later_day(self, most_days: int = 5) -> dt.datetime:
        """A moment in office hours one to `most_days` days later in Japan, or the limit if that is sooner."""
        day = self.at.astimezone(TOKYO).date() + self.rng.randint(1, most_days) * DAY
        hours = dt.timedelta(hours=9 + 8 * self.rng.random())
        self.at = max(self.at, min(dt.datetime.combine(day, dt.time(), TOKYO) + hours, self.limit))
        return self.at


# The demo's proxies: who they are and their relationship to the person.
PROXIES = {
    ProxyKind.PARENT: ("山本 恵子", "母"),
    ProxyKind.GUARDIAN: ("佐々木 修", "成年後見人（弁護士）"),
    ProxyKind.APPOINTED: ("高橋 誠", "長男（委任状による）"),
}


class DemoCase:
    """One scenario played through the services, one transaction per step as the desk does."""

    def __init__(
        self,
        session: Session,
        rng: random.Random,
        staff: Staff,
        company: CompanyProfile,
        clock: CaseClock,
        register_key: RegisterKey,
    ) -> None:
        self.session, self.rng, self.staff, self.company, self.clock = session, rng, staff, company, clock
        self.register_key = register_key
        self.agent = rng.choice(staff.agents)
        self.supervisor = rng.choice(staff.supervisors)
        self.case_id = 0
        # A written request: the day it arrived by post (the form and its documents); None: on a call.
        self.arrived_on: dt.date | None = None
        # Who asks for the person, when a proxy does: verified by documents only.
        self.proxy: ProxyKind | None = None

    def step(self, work: Callable[[Session, dt.datetime], object]) -> None:
        work(self.session, self.clock.next())
        self.session.flush()

    def version(self, session: Session) -> int:
        return get_case(session, self.case_id).row_version

    def open(
        self,
        kind: CaseKind,
        customer_id: int | None,
        summary: str,
        *,
        by_post: bool = False,
        incident_no: str | None = None,
    ) -> None:
        """Open the case now; `by_post`: a written request that arrived up to two days before;
        `incident_no`: the leak incident a question about one is about."""
        if by_post:
            self.arrived_on = (self.clock.at - self.rng.randint(0, 2) * DAY).astimezone(TOKYO).date()

        def work(session: Session, at: dt.datetime) -> None:
            self.case_id = open_case(
                session,
                kind=kind,
                customer_id=customer_id,
                agent_id=self.agent,
                received_at=None if self.arrived_on else self.clock.at,
                arrived_by_post_on=self.arrived_on,
                target_days=self.company.response_target_days,
                fee_yen=configured_fee(kind, self.company),
                summary=summary,
                incident_no=incident_no,
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

    def wait_for(self, reason: PauseReason, *, arrives: bool) -> None:
        """The desk waits for the customer: the case's clock stops. With `arrives`, what it waited for comes
        some days later (if the demo's moment allows) and the due date moves on by them."""
        self.step(
            lambda session, at: pause_case(
                session,
                self.case_id,
                agent_id=self.agent,
                reason=reason,
                note=self.rng.choice(vocab.PAUSE_NOTES[reason.value]),
                expected_row_version=self.version(session),
                now=at,
            )
        )
        if arrives:
            resume_case(
                self.session,
                self.case_id,
                agent_id=self.agent,
                note=self.rng.choice(vocab.RESUME_NOTES[reason.value]),
                expected_row_version=self.version(self.session),
                now=self.clock.later_day(),
            )
            self.session.flush()

    def verify(self, customer_id: int, *, passes: bool = True) -> None:
        def work(session: Session, at: dt.datetime) -> None:
            numbers = session.scalars(select(Phone.e164).where(Phone.customer_id == customer_id)).all()
            method: IdentityMethod
            detail: Callback | Documents
            # A written request came with its documents; a call is verified by a callback when it can be.
            if numbers and self.arrived_on is None and self.proxy is None and self.rng.random() < 0.6:
                result = CallbackResult.ANSWERED if passes else CallbackResult.NOT_REACHED
                method, detail = IdentityMethod.CALLBACK, Callback(self.rng.choice(numbers), at, result)
            else:
                received = self.arrived_on or (at - DAY).astimezone(TOKYO).date()
                kind = self.rng.choice(vocab.IDENTITY_DOCUMENTS)
                # Accepted documents show the registered name and address; refused ones only the name.
                shown = {DocumentCheck.NAME, DocumentCheck.ADDRESS} if passes else {DocumentCheck.NAME}
                method, detail = IdentityMethod.DOCUMENTS, Documents(received, kind, frozenset(shown))
            record_identity_check(
                session, self.case_id, agent_id=self.agent, method=method, detail=detail, now=at
            )

        self.step(work)

    def asked_by_proxy(self, kind: ProxyKind, *, person_confirms: bool) -> None:
        """A proxy's papers checked and recorded; an appointed agent's request confirmed by the person on a
        callback when `person_confirms` (otherwise the case will wait for them)."""
        name, relationship = PROXIES[kind]
        self.proxy = kind
        request = ProxyRequest(
            name=name,
            kind=kind,
            relationship=relationship,
            documents=AUTHORITY_PAPERS[kind][0],
            received_on=self.arrived_on or self.clock.at.astimezone(TOKYO).date(),
        )
        self.step(
            lambda session, at: record_proxy(
                session, self.case_id, agent_id=self.agent, proxy=request, now=at
            )
        )
        if kind is ProxyKind.APPOINTED and person_confirms:

            def confirm(session: Session, at: dt.datetime) -> None:
                case = load_case(session, self.case_id)
                number = session.scalars(
                    select(Phone.e164).where(Phone.customer_id == case.customer_id)
                ).first()
                assert number is not None  # the demo puts proxies on customers with a number
                confirm_with_person(
                    session,
                    self.case_id,
                    agent_id=self.agent,
                    result=PersonConfirmation.CALLBACK_CONFIRMED,
                    dialled=number,
                    now=at,
                )

            self.step(confirm)

    def letter(self, *, mailed: bool) -> None:
        def make(session: Session, at: dt.datetime) -> None:
            letters.generate_letter(session, self.case_id, agent_id=self.agent, company=self.company, now=at)

        self.step(make)
        if mailed:
            self.mail_waiting()

    def mail_waiting(self) -> None:
        def post(session: Session, at: dt.datetime) -> None:
            waiting = [view for view in letters.letters_of_case(session, self.case_id) if view.mailable]
            letters.mark_printed(session, [view.letter_id for view in waiting], agent_id=self.agent, now=at)
            postal = self.rng.choice(letters.POSTAL_METHODS)
            # A disclosure asked for as an electronic record goes as one; everything else by post.
            for delivery in (Delivery.LETTER, Delivery.ELECTRONIC):
                going = [view.letter_id for view in waiting if view.delivery is delivery]
                if going:
                    method = MailMethod.ELECTRONIC if delivery is Delivery.ELECTRONIC else postal
                    on = at.astimezone(TOKYO).date()
                    letters.mark_mailed(session, going, agent_id=self.agent, method=method, on=on, now=at)

        self.step(post)

    def record_fee(self, status: FeeStatus) -> None:
        """The case's fee requested (its notice stored for the mail room), received that day in one of the
        ways people pay, or waived for one of the usual reasons."""

        def work(session: Session, at: dt.datetime) -> None:
            received = status is FeeStatus.RECEIVED
            case_operations.record_fee(
                session,
                self.case_id,
                agent_id=self.agent,
                status=status,
                method=self.rng.choice(vocab.FEE_METHODS) if received else None,
                on=at.astimezone(TOKYO).date() if received else None,
                reason=self.rng.choice(vocab.FEE_WAIVER_REASONS) if status is FeeStatus.WAIVED else None,
                company=self.company,
                now=at,
            )

        self.step(work)

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

    def refuse_on_exception(self) -> None:
        """A proposed erasure sent back to work; a refusal proposed on the proviso of APPI Art. 35(6) with the
        measure taken instead, approved; its letter waits in the mail room."""
        self.move(
            S.IN_PROGRESS, by=self.supervisor, reason="保証期間中のため消去は困難。代替措置を検討のこと"
        )
        ground = RefusalGround.DIFFICULT_WITH_ALTERNATIVE
        answer = RefusalAnswer(
            ground=ground,
            text=self.rng.choice(vocab.REFUSAL_TEXTS[ground.value]),
            alternative=self.rng.choice(vocab.ALTERNATIVE_MEASURES),
        )
        self.move(
            S.AWAITING_APPROVAL,
            proposal=Proposal.REFUSAL,
            reason=self.rng.choice(vocab.REFUSAL_NOTES),
            answer=answer,
        )
        self.move(S.REFUSED, by=self.supervisor, reason=self.rng.choice(vocab.APPROVAL_NOTES))
        self.letter(mailed=False)
