"""Customers and decided cases made through the real services, for the letter service and CLI tests."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.enums import (
    AgentRole,
    CaseKind,
    CaseState,
    FeeStatus,
    OrderChannel,
    PauseReason,
    PhoneKind,
    Proposal,
    ProvisionBasis,
    ProvisionStopGround,
    RefusalGround,
    SuspensionGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.phones import normalise
from desk_app.domain.refusal_grounds import RefusalAnswer
from desk_app.erased_register_key import RegisterKey
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases import provision_stops
from desk_app.services.cases.identity import DocumentCheck, Documents, record_identity_check
from desk_app.services.cases.opening import configured_fee, open_case
from desk_app.services.cases.operations import ErasureResult
from desk_app.services.cases.pauses import pause_case, resume_case
from desk_app.services.cases.records import CaseView, get_case
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Agent, Customer, Order, OrderLine, Phone, ProvisionRecord

RECEIVED_AT = dt.datetime(2026, 11, 10, 1, 30, tzinfo=dt.UTC)  # 10:30 on 10 November in Japan
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # 11:00 on 20 November in Japan
TODAY = dt.date(2026, 11, 20)
FEE_RECEIVED_ON = dt.date(2026, 11, 18)
COMPANY = CompanyProfile()
REGISTER_KEY = RegisterKey(b"erased-register key of the letter tests")

NAME_AND_ADDRESS = frozenset({DocumentCheck.NAME, DocumentCheck.ADDRESS})


def pdf_text(pdf: bytes) -> str:
    """A letter's text with white space removed, so line breaks inside a value do not matter."""
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def provision_record(
    customer_id: int,
    recipient: str,
    provided_on: dt.date,
    basis: ProvisionBasis = ProvisionBasis.ENTRUSTMENT,
) -> ProvisionRecord:
    """A record of the customer's name, address and phone going to `recipient` on `provided_on`."""
    return ProvisionRecord(
        customer_id=customer_id,
        provided_on=provided_on,
        recipient_name=recipient,
        recipient_address="東京都港区芝公園4-2-8",
        recipient_representative="代表取締役 佐藤 一郎",
        items_provided="氏名、住所、電話番号",
        purpose="商品の配送" if basis is ProvisionBasis.ENTRUSTMENT else "ショッピングクレジットの与信審査",
        basis=basis,
    )


@dataclass(frozen=True)
class Purchase:
    order_no: str
    products: tuple[tuple[str, int], ...]
    amount_yen: int
    ordered_at: dt.datetime = dt.datetime(2026, 3, 4, 3, 0, tzinfo=dt.UTC)
    channel: OrderChannel = OrderChannel.TV


class LetterCases:
    """Agents, customers with everything a letter can show, and cases decided on them through the services."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._next_customer = 1
        with sessions.begin() as session:
            agents = {
                login: Agent(login=login, display_name=login, role=role, created_at=NOW)
                for login, role in (
                    ("agent", AgentRole.AGENT),
                    ("supervisor", AgentRole.SUPERVISOR),
                    ("printroom", AgentRole.AGENT),
                )
            }
            session.add_all(agents.values())
            session.flush()
            self.agents = {login: agent.id for login, agent in agents.items()}

    @property
    def agent(self) -> int:
        return self.agents["agent"]

    def customer(
        self,
        *,
        name: str = "山田 花子",
        name_kana: str = "ヤマダ ハナコ",
        postal_code: str = "1500001",
        prefecture: str = "東京都",
        city: str = "渋谷区",
        street: str = "神宮前1-2-3",
        building: str | None = "グリーンハイツ405",
        birth_date: dt.date | None = None,
        shopping_credit: bool = False,
        workplace_name: str | None = None,
        workplace_phone: str | None = None,
        phones: Sequence[tuple[PhoneKind, str]] = ((PhoneKind.HOME, "03-1234-5678"),),
        purchases: Sequence[Purchase] = (),
        provisions: Sequence[str] = (),
        provision_basis: ProvisionBasis = ProvisionBasis.ENTRUSTMENT,
        **columns: Any,
    ) -> int:
        """A customer; `provisions` are the names of third parties their data went to (on
        `provision_basis`); `columns` sets any other column of the row (e-mail, mailing settings and the
        times they changed…)."""
        with self.sessions.begin() as session:
            customer = Customer(
                customer_no=f"{80000000 + self._next_customer}",
                name=name,
                name_kana=name_kana,
                birth_date=birth_date,
                postal_code=postal_code,
                prefecture=prefecture,
                city=city,
                street=street,
                building=building,
                shopping_credit=shopping_credit,
                workplace_name=workplace_name,
                workplace_phone=workplace_phone,
                created_at=NOW,
                updated_at=NOW,
                phones=[Phone(kind=kind, raw=raw, e164=normalise(raw).e164) for kind, raw in phones],
                **columns,
            )
            self._next_customer += 1
            session.add(customer)
            session.flush()
            for purchase in purchases:
                order = Order(
                    order_no=purchase.order_no,
                    customer_id=customer.id,
                    ordered_at=purchase.ordered_at,
                    channel=purchase.channel,
                    amount_yen=purchase.amount_yen,
                    lines=[
                        OrderLine(
                            line_no=number,
                            product_code=f"P{number:04d}",
                            product_name=product,
                            quantity=quantity,
                            amount_yen=purchase.amount_yen // len(purchase.products),
                        )
                        for number, (product, quantity) in enumerate(purchase.products, start=1)
                    ],
                )
                session.add(order)
            for number, recipient in enumerate(provisions, start=1):
                session.add(
                    provision_record(customer.id, recipient, dt.date(2026, 5, number), provision_basis)
                )
            return customer.id

    # --- cases ------------------------------------------------------------------------------------------

    def opened(self, kind: CaseKind, customer_id: int | None, *, company: CompanyProfile = COMPANY) -> int:
        """A `kind` case opened with the fee `company` sets for it."""
        with self.sessions.begin() as session:
            return open_case(
                session,
                kind=kind,
                customer_id=customer_id,
                agent_id=self.agent,
                received_at=RECEIVED_AT,
                target_days=14,
                fee_yen=configured_fee(kind, company),
                now=RECEIVED_AT,
            ).case_id

    def verified(self, kind: CaseKind, customer_id: int, *, company: CompanyProfile = COMPANY) -> int:
        case_id = self.opened(kind, customer_id, company=company)
        with self.sessions.begin() as session:
            record_identity_check(
                session,
                case_id,
                agent_id=self.agent,
                method=IdentityMethod.DOCUMENTS,
                detail=Documents(
                    received_on=dt.date(2026, 11, 12),
                    document_type="運転免許証の写し",
                    matched=NAME_AND_ADDRESS,
                ),
                now=NOW,
            )
        return case_id

    def disclosure(
        self,
        customer_id: int,
        *,
        kind: CaseKind = CaseKind.DISCLOSURE,
        waive: str | None = None,
        electronic: bool = False,
        complete: bool = True,
    ) -> int:
        """A disclosure with its fee received (or waived for `waive`), posted, or asked for as an electronic
        record (sent to the customer's registered e-mail address, or by post when they have none)."""
        case_id = self.verified(kind, customer_id)
        with self.sessions.begin() as session:
            case_operations.choose_delivery(
                session,
                case_id,
                agent_id=self.agent,
                delivery="electronic" if electronic else "letter",
                now=NOW,
            )
            if waive:
                case_operations.record_fee(
                    session, case_id, agent_id=self.agent, status=FeeStatus.WAIVED, reason=waive, now=NOW
                )
        if not waive:
            self.fee_received(case_id)
        if complete:
            self.complete(case_id)
        return case_id

    def fee_requested(
        self, customer_id: int, *, kind: CaseKind = CaseKind.DISCLOSURE, company: CompanyProfile = COMPANY
    ) -> int:
        """A disclosure whose fee was requested (which stores the fee-payment notice), not yet paid."""
        case_id = self.verified(kind, customer_id)
        with self.sessions.begin() as session:
            case_operations.record_fee(
                session, case_id, agent_id=self.agent, status=FeeStatus.REQUESTED, company=company, now=NOW
            )
        return case_id

    def fee_received(self, case_id: int, *, on: dt.date = FEE_RECEIVED_ON, at: dt.datetime = NOW) -> CaseView:
        """The disclosure's fee received by postal money order `on`, recorded `at`."""
        with self.sessions.begin() as session:
            return case_operations.record_fee(
                session,
                case_id,
                agent_id=self.agent,
                status=FeeStatus.RECEIVED,
                method="郵便定額小為替",
                on=on,
                now=at,
            )

    def pause(
        self,
        case_id: int,
        *,
        reason: PauseReason = PauseReason.DOCUMENTS,
        note: str | None = None,
        by: str = "agent",
        at: dt.datetime = NOW,
    ) -> CaseView:
        """The case's clock paused `at` while the desk waits for `reason`."""
        with self.sessions.begin() as session:
            return pause_case(
                session,
                case_id,
                agent_id=self.agents[by],
                reason=reason,
                note=note,
                expected_row_version=get_case(session, case_id).row_version,
                now=at,
            )

    def resume(self, case_id: int, *, at: dt.datetime, by: str = "agent") -> CaseView:
        """The case's clock running again `at`: what the desk waited for came."""
        with self.sessions.begin() as session:
            return resume_case(
                session,
                case_id,
                agent_id=self.agents[by],
                note="書類が到着",
                expected_row_version=get_case(session, case_id).row_version,
                now=at,
            )

    def withdraw(self, case_id: int, *, at: dt.datetime = NOW) -> CaseView:
        """The caller withdraws the request `at`."""
        with self.sessions.begin() as session:
            return transition(
                session,
                case_id,
                CaseState.WITHDRAWN,
                agent_id=self.agent,
                expected_row_version=get_case(session, case_id).row_version,
                reason="お客様のお申し出により取り下げ",
                now=at,
            )

    def waived_disclosures_with_letters(self, count: int) -> list[int]:
        """`count` open disclosures of one customer, the fee waived, each with its letter in the mail room."""
        # Imported here: the renderer loads only for the tests that make letters.
        from desk_app.services.cases.letters import generate_letter

        customer = self.customer()
        waived = "生活保護受給のため"
        case_ids = [self.disclosure(customer, waive=waived, complete=False) for _ in range(count)]
        with self.sessions.begin() as session:
            for case_id in case_ids:
                generate_letter(session, case_id, agent_id=self.agent, company=CompanyProfile())
        return case_ids

    def complete(self, case_id: int) -> None:
        with self.sessions.begin() as session:
            case_operations.complete_case(
                session,
                case_id,
                agent_id=self.agent,
                expected_row_version=get_case(session, case_id).row_version,
                now=NOW,
            )

    def correction(self, customer_id: int, changes: dict[str, object]) -> int:
        case_id = self.verified(CaseKind.CORRECTION, customer_id)
        with self.sessions.begin() as session:
            customer = session.get(Customer, customer_id)
            assert customer is not None
            case_operations.apply_correction(
                session,
                case_id,
                agent_id=self.agent,
                changes=changes,
                expected_customer_row_version=customer.row_version,
                now=NOW,
            )
        self.complete(case_id)
        return case_id

    def suspension(
        self,
        customer_id: int,
        *,
        effective: dt.date = TODAY,
        ground: SuspensionGround | None = None,
        complete: bool = True,
    ) -> int:
        """Catalogue and direct mail stopped from `effective`, asked on `ground` (None: not recorded)."""
        case_id = self.verified(CaseKind.SUSPENSION, customer_id)
        with self.sessions.begin() as session:
            case_operations.stop_mailings(
                session,
                case_id,
                agent_id=self.agent,
                catalogue=True,
                direct_mail=True,
                email_magazine=False,
                effective=effective,
                ground=ground,
                now=NOW,
            )
        if complete:
            self.complete(case_id)
        return case_id

    def provision_stop(
        self,
        customer_id: int,
        *,
        recipient: str | None = None,
        ground: ProvisionStopGround = ProvisionStopGround.CONSENT_WITHDRAWN,
        complete: bool = True,
    ) -> int:
        """A stop of third-party provision: to `recipient`, or of all provision not required (None)."""
        case_id = self.verified(CaseKind.STOP_PROVISION, customer_id)
        with self.sessions.begin() as session:
            provision_stops.stop_provision(
                session, case_id, agent_id=self.agent, recipient=recipient, ground=ground, now=NOW
            )
        if complete:
            self.complete(case_id)
        return case_id

    def deletion(self, customer_id: int) -> tuple[int, ErasureResult]:
        case_id = self.verified(CaseKind.DELETION, customer_id)
        with self.sessions.begin() as session:
            case_operations.propose_erasure(session, case_id, agent_id=self.agent, now=NOW)
        with self.sessions.begin() as session:
            erased = case_operations.erase_customer(
                session,
                case_id,
                approver_id=self.agents["supervisor"],
                register_key=REGISTER_KEY,
                now=NOW,
                company=COMPANY,
            )
        return case_id, erased

    def refusal(
        self,
        customer_id: int,
        customer_text: str,
        *,
        note: str | None = None,
        approved: RefusalAnswer | None = None,
        approver_note: str | None = None,
    ) -> int:
        """A disclosure refused after the identity check failed: proposed with `customer_text` (and the
        proposer's internal `note`), approved as proposed or with the approver's own answer and note."""
        case_id = self.opened(CaseKind.DISCLOSURE, customer_id)
        self._move(case_id, CaseState.IDENTITY_PENDING, self.agent)
        self._move(
            case_id,
            CaseState.AWAITING_APPROVAL,
            self.agent,
            proposal=Proposal.REFUSAL,
            reason=note,
            answer=RefusalAnswer(ground=RefusalGround.IDENTITY_UNCONFIRMED, text=customer_text),
        )
        self._move(
            case_id, CaseState.REFUSED, self.agents["supervisor"], reason=approver_note, answer=approved
        )
        return case_id

    def propose_refusal(
        self,
        case_id: int,
        customer_text: str,
        ground: RefusalGround = RefusalGround.HARM_TO_PERSON,
        *,
        alternative: str | None = None,
    ) -> None:
        """A refusal proposed with its ground, the text the customer's letter gives and the alternative
        measure an exception of APPI Art. 35 needs."""
        self._move(
            case_id,
            CaseState.AWAITING_APPROVAL,
            self.agent,
            proposal=Proposal.REFUSAL,
            reason="社内メモ: 第三者の記載を含む",
            answer=RefusalAnswer(ground=ground, text=customer_text, alternative=alternative),
        )

    def decide(self, case_id: int, target: CaseState, reason: str) -> None:
        """A supervisor approves (`REFUSED`) or denies (`IN_PROGRESS`) what awaits approval."""
        self._move(case_id, target, self.agents["supervisor"], reason=reason)

    def _move(
        self,
        case_id: int,
        target: CaseState,
        agent_id: int,
        *,
        proposal: Proposal | None = None,
        reason: str | None = None,
        answer: RefusalAnswer | None = None,
    ) -> None:
        with self.sessions.begin() as session:
            transition(
                session,
                case_id,
                target,
                agent_id=agent_id,
                expected_row_version=get_case(session, case_id).row_version,
                proposal=proposal,
                reason=reason,
                answer=answer,
                now=NOW,
            )

    def case_no(self, case_id: int) -> str:
        with self.sessions() as session:
            return get_case(session, case_id).case_no
