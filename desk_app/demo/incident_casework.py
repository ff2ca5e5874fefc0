"""The demo's leak incident, kept through the register as a supervisor keeps one: a delivery contractor's
server broken into some weeks before the demo's moment (an improper purpose; more than 1,000 people too
at a large scale), one customer in twenty attached by number, its preliminary report to the Commission on
file and the final one still to come, so the register and the dashboard show a deadline; and a few of its
customers who called about it once it was known, each question answered and recorded against it."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.demo import case_vocabulary as vocab
from desk_app.demo.case_steps import CaseClock, DemoCase, Staff
from desk_app.demo.policy_casework import leak_inquiry_answered
from desk_app.domain.enums import CaseKind, CustomerState
from desk_app.domain.incidents import LeakCategory, ReportKind
from desk_app.domain.japan_time import TOKYO
from desk_app.erased_register_key import RegisterKey
from desk_app.services.incidents.affected import attach_numbers
from desk_app.services.incidents.register import IncidentFields, open_incident, record_report
from desk_app.storage.models import Customer, Incident, IncidentCustomer

# One customer in this many is affected: a few hundred in the default demo of 5,000.
AFFECTED_SHARE = 20
OVER_THOUSAND = 1_000
# Discovered this many days before the demo's moment: the preliminary report (due in three to five days)
# is in, the final one (60 days, an improper purpose) is weeks away.
DISCOVERED_DAYS_AGO = 18
# Affected customers who called about the incident: part of the demo's count of cases.
INCIDENT_CALLS = 3
_TEXTS = {
    "discovered_how": "配送委託先から、同社サーバーへの不正アクセスを確認したとの連絡を受けた。",
    "what_happened": (
        "配送委託先のサーバーが外部から不正にアクセスされ、当社が配送のために預けていた顧客データの一部が"
        "閲覧・取得された可能性がある。"
    ),
    "items": "氏名、住所、電話番号、購入商品名",
    "cause": "委託先サーバーの管理用ソフトウェアの脆弱性を突かれたもの（委託先による調査中）。",
    "measures": "委託先の該当サーバーの停止と脆弱性の修正、委託先の安全管理措置の監査、預託データの最小化。",
    "secondary_harm": "現時点で二次被害は確認されていないが、当社を名乗る不審な連絡のおそれがある。",
    "customer_guidance": (
        "当社を名乗る不審な電話・メール・はがきにご注意ください。当社からお支払いや暗証番号を求めることは"
        "ありません。ご不明な点は個人情報お問い合わせ窓口までご連絡ください。"
    ),
}


def leak_incident(session: Session, rng: random.Random, now: dt.datetime, staff: Staff) -> str:
    """Open the demo's incident, attach its customers and record its preliminary report; its number."""
    supervisor = staff.supervisors[0]
    numbers = list(session.scalars(select(Customer.customer_no).order_by(Customer.id)))
    affected = sorted(rng.sample(numbers, max(1, len(numbers) // AFFECTED_SHARE)))
    discovered_on = now.astimezone(TOKYO).date() - dt.timedelta(days=DISCOVERED_DAYS_AGO)
    discovered = dt.datetime.combine(discovered_on, dt.time(10, 40), TOKYO).astimezone(dt.UTC)
    categories = {LeakCategory.IMPROPER_PURPOSE}
    if len(affected) > OVER_THOUSAND:
        categories.add(LeakCategory.OVER_THOUSAND)
    fields = IncidentFields(
        title="配送委託先サーバーへの不正アクセスによる顧客情報の漏えいのおそれ",
        discovered_at=discovered,
        categories=frozenset(categories),
        **_TEXTS,
        # Not announced publicly: the investigation goes on and every affected customer gets a notice.
        published_on=None,
    )
    incident_no = open_incident(session, supervisor, fields, now=discovered + dt.timedelta(hours=2))
    attach_numbers(session, supervisor, incident_no, affected, now=discovered + dt.timedelta(days=1))
    # Two days after the discovery: before the preliminary deadline whatever the configuration says.
    submitted = discovered + dt.timedelta(days=2, hours=5)
    reference = f"PPC-{submitted.astimezone(TOKYO):%Y%m%d}-{rng.randint(1000, 9999)}"
    record_report(
        session,
        supervisor,
        incident_no,
        ReportKind.PRELIMINARY,
        submitted.astimezone(TOKYO).date(),
        reference,
        now=submitted,
    )
    return incident_no


def calls_about_incident(
    session: Session,
    rng: random.Random,
    now: dt.datetime,
    staff: Staff,
    company: CompanyProfile,
    register_key: RegisterKey,
    incident_no: str,
) -> int:
    """Up to `INCIDENT_CALLS` of the incident's customers (on file, not reported deceased) call between
    its attachment and the demo's moment; each question is answered and recorded against it. How many."""
    incident = session.scalars(select(Incident).where(Incident.incident_no == incident_no)).one()
    reachable = list(
        session.scalars(
            select(IncidentCustomer.customer_id)
            .join(Customer, Customer.id == IncidentCustomer.customer_id)
            .where(
                IncidentCustomer.incident_id == incident.id,
                Customer.state == CustomerState.ACTIVE,
                Customer.death_reported_at.is_(None),
            )
            .order_by(IncidentCustomer.customer_id)
        )
    )
    callers = rng.sample(reachable, min(INCIDENT_CALLS, len(reachable)))
    for customer_id in callers:
        # After the attachment (a day after the discovery) and before the demo's moment.
        received = incident.discovered_at + dt.timedelta(days=1.2 + rng.random() * (DISCOVERED_DAYS_AGO - 2))
        clock = CaseClock(rng, received, now - dt.timedelta(minutes=1))
        case = DemoCase(session, rng, staff, company, clock, register_key)
        summary = rng.choice(vocab.CASE_SUMMARIES[CaseKind.LEAK_INQUIRY.value])
        case.open(CaseKind.LEAK_INQUIRY, customer_id, summary, incident_no=incident_no)
        leak_inquiry_answered(case, "answered")
    return len(callers)
