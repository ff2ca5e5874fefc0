"""Messages about a leak incident's affected customers, its report to the Commission as data and the
database check's findings on incidents, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- attaching the affected customers -----------------------------------------------------------------
    "incident.attach_refused": (
        "nothing attached to incident {incident_no}: {count:,} lines are wrong",
        "事案 {incident_no} に何も登録していません: {count:,}行に問題があります",
    ),
    "incident.attach_erased_gone": (
        "erased; no longer on file, so it cannot be attached",
        "消去済みで記録が残っていないため、登録できません",
    ),
    # --- the report to the Commission, written as data ----------------------------------------------------
    "incident.report_file_exists": (
        "{name} already exists: give {option} to replace it",
        "{name} は既にあります。置き換えるには {option} を指定してください",
    ),
    # --- the database check (doctor) ----------------------------------------------------------------------
    "doctor.check.incidents": ("incidents", "漏えい等の事案"),
    "doctor.incident_report_overdue": (
        "its {kind:code} report was due by {due} and is not on file",
        "{kind}の期限（{due}）を過ぎていますが、記録がありません",
    ),
    "doctor.incident_report_before_discovery": (
        "its {kind:code} report is dated {submitted_on}, before the incident was discovered on"
        " {discovered_on}",
        "{kind}の報告日（{submitted_on}）が発覚日（{discovered_on}）より前です",
    ),
    "doctor.incident_notices_missing": (
        "the final report is in, but {count:,} affected customers have neither a notice nor a reason for"
        " none (first: {first})",
        "確報は提出済みですが、影響を受けた顧客{count:,}人に通知も通知しない理由もありません"
        "（最初の顧客: {first}）",
    ),
    "doctor.incident_not_announced": (
        "the final report is in, but {count:,} affected customers have no postal address for a notice and no"
        " public announcement is recorded to reach them instead",
        "確報は提出済みですが、住所がなくお知らせを送れない顧客が{count:,}人おり、代わりとなる公表が記録されていません",
    ),
    "doctor.incident_notice_elsewhere": (
        "is the notice of customer {customer_no} of incident {incident_no} but a {kind:code} letter of"
        " {other}",
        "事案 {incident_no} の顧客 {customer_no} への通知とされていますが、{other}の{kind}の通知書です",
    ),
}
