"""The case log's CSV, row by row: Japanese headers, words for kinds, states and channels, days left."""

from __future__ import annotations

import datetime as dt

from desk_app.domain.deadlines import PAUSED, TOKYO, DaysLeft
from desk_app.domain.enums import CaseKind, CaseState, RequestChannel
from desk_app.domain.messages import JAPANESE
from desk_app.domain.messages.labels import enum_label
from desk_app.services.cases.log_filters import CaseLogRow

# The CSV is for staff in Japan opening it in Excel: Japanese headers and words, UTF-8 with a BOM (without
# one Excel reads Shift_JIS), CRLF line ends, dates YYYY-MM-DD and times in Japan; a cell that would be a
# formula is written behind an apostrophe (`desk_app.domain.safe_text.csv_writer`).
EXPORT_HEADERS = (
    "案件番号",
    "種別",
    "状態",
    "顧客番号",
    "担当者",
    "受付者",
    "受付日時",
    "期限",
    "完了日時",
    "期限超過",
    "残り日数",
    "残り営業日数",
    # Added after the columns above, so a sheet that reads them by position still finds them.
    "受付方法",
    "到達日",
    # What a suspension or deletion was asked on (APPI Art. 35(1), (5), or the customer's wish).
    "申出の理由",
)
KIND_WORDS = {
    CaseKind.DISCLOSURE: "開示",
    CaseKind.PROVISION_DISCLOSURE: "第三者提供記録の開示",
    CaseKind.CORRECTION: "訂正",
    CaseKind.SUSPENSION: "利用停止",
    CaseKind.DELETION: "削除",
    CaseKind.COMPLAINT: "苦情",
    CaseKind.SUSPICIOUS_REPORT: "不審な連絡の通報",
    CaseKind.STOP_PROVISION: "第三者提供の停止",
    CaseKind.PURPOSES_NOTICE: "利用目的の通知",
    CaseKind.FOREIGN_TRANSFER: "外国にある第三者への提供に関する情報",
    CaseKind.JOINT_USE: "共同利用についてのお問い合わせ",
    CaseKind.LEAK_INQUIRY: "漏えい等の事案についてのお問い合わせ",
}
STATE_WORDS = {
    CaseState.RECEIVED: "受付",
    CaseState.IDENTITY_PENDING: "本人確認待ち",
    CaseState.IDENTITY_VERIFIED: "本人確認済み",
    CaseState.FEE_PENDING: "手数料待ち",
    CaseState.FEE_RECEIVED: "手数料受領",
    CaseState.IN_PROGRESS: "対応中",
    CaseState.AWAITING_APPROVAL: "承認待ち",
    CaseState.COMPLETED: "完了",
    CaseState.REFUSED: "不開示・拒否",
    CaseState.WITHDRAWN: "取下げ",
}


CHANNEL_WORDS = {RequestChannel.PHONE: "電話", RequestChannel.POST: "郵送"}


def _tokyo_date(moment: dt.datetime) -> str:
    return moment.astimezone(TOKYO).date().isoformat()


def _tokyo_time(moment: dt.datetime | None) -> str:
    return moment.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M") if moment else ""


def _days_word(days: DaysLeft | None) -> str:
    return "" if days is None else "一時停止中" if days is PAUSED else str(days)


def csv_fields(row: CaseLogRow) -> list[str]:
    """One case as the CSV's cells, in `EXPORT_HEADERS` order."""
    return [
        row.case_no,
        KIND_WORDS[row.kind],
        STATE_WORDS[row.state],
        row.customer_no or "",
        row.assigned_to or "",
        row.opened_by,
        _tokyo_time(row.received_at),
        row.due_on.isoformat(),
        _tokyo_time(row.closed_at),
        "超過" if row.overdue else "",
        _days_word(row.days_left),
        _days_word(row.business_days_left),
        CHANNEL_WORDS[row.channel],
        # A written request's day of arrival; a call's time is the received column's.
        _tokyo_date(row.received_at) if row.received_by_post else "",
        enum_label(row.request_ground, JAPANESE) if row.request_ground else "",
    ]
