"""A leak incident opened through the register, with customers attached in every condition a notice meets:
addressed, erased, reported deceased, without a postal address."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CustomerState
from desk_app.domain.incidents import LeakCategory
from desk_app.services.incidents.notices import NoticeBatch, make_notices
from desk_app.services.incidents.register import IncidentFields, open_incident
from desk_app.storage.models import Customer, Incident, IncidentCustomer
from tests.support.letter_cases import COMPANY, NOW, LetterCases

DISCOVERED = NOW - dt.timedelta(days=3)
TITLE = "配送委託先のサーバーへの不正アクセス"
FIELDS = IncidentFields(
    title=TITLE,
    discovered_at=DISCOVERED,
    categories=frozenset({LeakCategory.IMPROPER_PURPOSE}),
    what_happened="配送委託先のサーバーに外部から不正アクセスがありました。",
    items="お名前、ご住所、お電話番号",
    cause="委託先の配送管理システムの脆弱性",
    measures="当該サーバーを切り離し、認証情報をすべて変更しました。",
    secondary_harm="現時点で不正利用は確認されておりません。",
    customer_guidance="不審な電話にご注意ください。",
)


class IncidentDesk(LetterCases):
    """The letter tests' agents and customers, with an incident the supervisor opened."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        with sessions.begin() as session:
            self.incident_no = open_incident(session, self.supervisor, FIELDS, now=NOW)

    @property
    def supervisor(self) -> int:
        return self.agents["supervisor"]

    def affected(
        self, *, erased: int = 0, deceased: int = 0, no_address: int = 0, addressed: int = 0
    ) -> dict[str, list[int]]:
        """Customers of each condition, attached to the incident; their ids by condition."""
        made = {
            "addressed": [self.customer(name=f"顧客 {n}号") for n in range(addressed)],
            "erased": [self.customer() for _ in range(erased)],
            "deceased": [self.customer(death_reported_at=NOW) for _ in range(deceased)],
            "no_address": [self.customer() for _ in range(no_address)],
        }
        with self.sessions.begin() as session:
            if made["erased"]:
                blank = dict.fromkeys(("name", "name_kana", "postal_code", "prefecture", "city", "street"))
                session.execute(
                    update(Customer)
                    .where(Customer.id.in_(made["erased"]))
                    .values(state=CustomerState.ERASED, **blank)
                )
            if made["no_address"]:
                session.execute(
                    update(Customer)
                    .where(Customer.id.in_(made["no_address"]))
                    .values(postal_code=None, prefecture=None, city=None, street=None, building=None)
                )
        self.attach([customer for ids in made.values() for customer in ids])
        return made

    def attach(self, customer_ids: list[int]) -> None:
        with self.sessions.begin() as session:
            incident_id = session.scalar(select(Incident.id).where(Incident.incident_no == self.incident_no))
            session.execute(
                insert(IncidentCustomer),
                [
                    {
                        "incident_id": incident_id,
                        "customer_id": customer,
                        "attached_at": NOW,
                        "attached_by_id": self.supervisor,
                    }
                    for customer in customer_ids
                ],
            )

    def notices(self, *, by: int | None = None, **options: object) -> NoticeBatch:
        return make_notices(
            self.sessions,
            self.supervisor if by is None else by,
            self.incident_no,
            now=NOW,
            company=COMPANY,
            **options,  # type: ignore[arg-type]
        )
