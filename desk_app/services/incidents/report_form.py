"""What the report to the Personal Information Protection Commission asks of an incident (Enforcement Rules
Art. 8(1)), as data under the form's Japanese headings: the register's texts, the number of people
attached, what was done for them (notices made, and why some were not), besides the discovery date, the
categories that apply, the deadlines and the reports on file. Counts only: never a customer's name,
address or number.

The public announcement (公表の実施状況) is written "公表済み（YYYY-MM-DD）：how and where" or "未公表".
Written as a UTF-8 CSV of 項目,内容 rows (with a BOM, for Excel) or as one JSON object.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction
from desk_app.domain.incidents import LeakCategory, ReportKind
from desk_app.domain.messages import JAPANESE
from desk_app.domain.messages.labels import enum_label
from desk_app.domain.safe_text import csv_writer
from desk_app.services.access_log import record_access
from desk_app.services.customers.notice_state import DECEASED, ERASED, NO_ADDRESS
from desk_app.services.incidents.register import find_incident, incident_detail
from desk_app.storage.models import IncidentCase, IncidentCustomer, IncidentSuspiciousLink

ITEM_HEADER, VALUE_HEADER = "項目", "内容"
# The category's number in Enforcement Rules Art. 7.
_ARTICLE_7 = {
    LeakCategory.SPECIAL_CARE: 1,
    LeakCategory.FINANCIAL_LOSS: 2,
    LeakCategory.IMPROPER_PURPOSE: 3,
    LeakCategory.OVER_THOUSAND: 4,
}
# Why no notice went to a customer (`incident_customers.notice_skipped`), in the report's words.
_SKIPPED = {ERASED: "消去済み", DECEASED: "死亡の届出", NO_ADDRESS: "送付先住所なし"}
NOT_REPORTABLE = "該当なし（報告対象外）"
NOT_PUBLISHED = "未公表"

Value = str | int | list[str] | dict[str, Any] | list[dict[str, str]]


@dataclass(frozen=True)
class ReportItem:
    heading: str
    value: Value


def report_items(
    session: Session,
    agent_id: int,
    incident_no: str,
    *,
    today: dt.date,
    preliminary_days: int,
    now: dt.datetime,
) -> tuple[ReportItem, ...]:
    """The report's items for one incident, open or closed (supervisors and administrators only); the
    export is written to the access log."""
    detail = incident_detail(session, agent_id, incident_no, today=today, preliminary_days=preliminary_days)
    summary, fields = detail.summary, detail.fields
    incident_id = find_incident(session, incident_no).id
    deadlines: Value = NOT_REPORTABLE
    if summary.deadlines is not None:
        deadlines = {_kind(kind): summary.deadlines.due(kind).isoformat() for kind in ReportKind}
    items = (
        ReportItem("事案番号", summary.incident_no),
        ReportItem("件名", summary.title),
        ReportItem("発覚日", summary.discovered_on.isoformat()),
        ReportItem("発覚の経緯", fields.discovered_how),
        ReportItem("報告対象となる事態", _categories(summary.categories) or NOT_REPORTABLE),
        ReportItem("報告期限", deadlines),
        ReportItem(
            "提出済みの報告",
            [
                {
                    "種別": _kind(report.kind),
                    "提出日": report.submitted_on.isoformat(),
                    "受付番号": report.reference,
                }
                for report in summary.reports
            ],
        ),
        ReportItem("概要", fields.what_happened),
        ReportItem("漏えい等が発生し又は発生したおそれがある個人データの項目", fields.items),
        ReportItem("本人の数", summary.affected),
        ReportItem("原因", fields.cause),
        ReportItem("二次被害又はそのおそれの有無及びその内容", fields.secondary_harm),
        ReportItem("本人への対応の実施状況", _notices(session, incident_id)),
        ReportItem("本人への案内の内容", fields.customer_guidance),
        ReportItem("公表の実施状況", _publication(fields.published_on, fields.publication)),
        ReportItem("再発防止のための措置", fields.measures),
        ReportItem("その他参考となる事項", _related(session, incident_id)),
    )
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.EXPORT,
        customer_ids=[None],
        detail=f"incident {incident_no}: the items of its report to the Commission written",
        now=now,
    )
    return items


def _report(kind: ReportKind, submitted_on: dt.date, reference: str) -> dict[str, str]:
    return {"種別": _kind(kind), "提出日": submitted_on.isoformat(), "受付番号": reference}


def _publication(published_on: dt.date | None, publication: str) -> str:
    if published_on is None:
        return NOT_PUBLISHED
    return f"公表済み（{published_on.isoformat()}）：{publication}"


def _kind(kind: ReportKind) -> str:
    return enum_label(kind, JAPANESE)


def _categories(categories: frozenset[LeakCategory]) -> list[str]:
    return [
        f"{enum_label(category, JAPANESE)}（施行規則第7条第{_ARTICLE_7[category]}号）"
        for category in sorted(categories, key=_ARTICLE_7.__getitem__)
    ]


def _notices(session: Session, incident_id: int) -> dict[str, int]:
    """Notices made, not made and why (a notice made counts as made, whatever else is recorded), waiting."""
    link = IncidentCustomer
    made = link.notice_letter_id.is_not(None)
    counts = {"通知済み": 0}
    skipped: dict[str, int] = {}
    waiting = 0
    for sent, reason, count in session.execute(
        select(made, link.notice_skipped, func.count())
        .where(link.incident_id == incident_id)
        .group_by(made, link.notice_skipped)
    ):
        if sent:
            counts["通知済み"] += count
        elif reason is None:
            waiting += count
        else:
            skipped[reason] = skipped.get(reason, 0) + count
    for reason in sorted(skipped, key=lambda value: (value not in _SKIPPED, value)):
        counts[f"通知せず（{_SKIPPED.get(reason, reason)}）"] = skipped[reason]
    counts["未通知"] = waiting
    return counts


def _related(session: Session, incident_id: int) -> dict[str, int]:
    cases = session.scalar(select(func.count()).where(IncidentCase.incident_id == incident_id))
    reports = session.scalar(select(func.count()).where(IncidentSuspiciousLink.incident_id == incident_id))
    return {"この事案についての問い合わせの案件数": cases or 0, "関連する不審な連絡の報告数": reports or 0}


def as_text(value: Value) -> str:
    """A value as one cell: names and counts as `name: count`, a list's entries joined with 、, a list of
    reports one a line."""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "、".join(f"{name}: {count}" for name, count in value.items())
    if not value:
        return "なし"
    return ("\n" if isinstance(value[0], dict) else "、").join(_entry(entry) for entry in value)


def _entry(entry: str | dict[str, str]) -> str:
    if isinstance(entry, str):
        return entry
    return "、".join(f"{name} {part}" for name, part in entry.items())


def report_csv(items: Sequence[ReportItem]) -> str:
    """The items as CSV text, 項目,内容, CRLF line ends; formulas made harmless (encode with utf-8-sig)."""
    buffer = io.StringIO(newline="")
    writer = csv_writer(buffer)
    writer.writerow([ITEM_HEADER, VALUE_HEADER])
    writer.writerows([item.heading, as_text(item.value)] for item in items)
    return buffer.getvalue()


def report_json(items: Sequence[ReportItem]) -> str:
    """The items as one JSON object, headings as keys in the form's order."""
    return json.dumps({item.heading: item.value for item in items}, ensure_ascii=False, indent=2) + "\n"
