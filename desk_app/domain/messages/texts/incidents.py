"""Messages about leak incidents — the register, its reports, the customers affected — in English and
Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "incident.not_supervisor": (
        "only a supervisor or an administrator keeps the incident register",
        "漏えい等の事案は、スーパーバイザーまたは管理者のみが扱えます",
    ),
    "incident.unknown": (
        "there is no incident {incident_no}",
        "事案 {incident_no} はありません",
    ),
    "incident.text_needed": (
        "the incident's {what} is needed (at most {limit} characters, no control characters)",
        "事案の{what}を入力してください（{limit}文字以内）",
    ),
    "incident.text_too_long": (
        "the incident's {what} is at most {limit} characters",
        "事案の{what}は{limit}文字以内で入力してください",
    ),
    "incident.discovered_in_future": (
        "an incident cannot have been discovered after now",
        "発覚日時が未来になっています",
    ),
    "incident.publication_incomplete": (
        "a public announcement needs both its date and how and where it was made",
        "公表については、公表日と公表の方法（媒体など）の両方を入力してください",
    ),
    "incident.published_on": (
        "an incident cannot have been announced before it was discovered or after today",
        "公表日は発覚日以降、今日以前の日付にしてください",
    ),
    "incident.closed": (
        "incident {incident_no} is closed: nothing more is recorded on it",
        "事案 {incident_no} は終了しています。これ以上記録できません",
    ),
    "incident.not_reportable": (
        "incident {incident_no} is not reportable: no category of Enforcement Rules Art. 7 applies",
        "事案 {incident_no} は報告対象ではありません（施行規則第7条のいずれにも該当しません）",
    ),
    "incident.report_twice": (
        "the {kind:code} report of incident {incident_no} is already recorded",
        "事案 {incident_no} の{kind}は記録済みです",
    ),
    "incident.final_before_preliminary": (
        "record the preliminary report of incident {incident_no} before the final one",
        "事案 {incident_no} は、確報の前に速報を記録してください",
    ),
    "incident.submitted_on": (
        "a report cannot be submitted before the incident was discovered or after today",
        "報告日は発覚日以降、今日以前の日付にしてください",
    ),
    "incident.reference_needed": (
        "give the reference the Commission's form returned (at most {limit} characters)",
        "報告の受付番号を入力してください（{limit}文字以内）",
    ),
    "incident.announcement_outstanding": (
        "incident {incident_no} cannot be closed before its public announcement is recorded: no notice can"
        " reach {count} of its customers (no postal address)",
        "事案 {incident_no} は公表が未記録のため終了できません（住所がなく通知できない顧客 {count} 名）",
    ),
    "incident.reports_outstanding": (
        "incident {incident_no} cannot be closed while its {kind:code} report is not recorded",
        "事案 {incident_no} は{kind}が未記録のため終了できません",
    ),
    "incident.notice_text_missing": (
        "write the incident's {what} before its notices are made: every notice states it",
        "お知らせを作成する前に、事案の{what}を入力してください（すべてのお知らせに記載します）",
    ),
    "incident.notices_made": (
        "incident {incident_no}: {made:,} notices made ({already:,} made before); {skipped:,} customers"
        " skipped: {erased:,} erased, {deceased:,} deceased, {no_address:,} with no postal address (the"
        " public announcement reaches them instead)",
        "事案 {incident_no}: お知らせを{made:,}通作成しました（作成済み{already:,}通）。対象外{skipped:,}人："
        "消去済み{erased:,}人、死亡{deceased:,}人、住所なし{no_address:,}人（公表により代えます）",
    ),
    "incident.notices_cancelled": (
        "stopped: {remaining:,} customers still wait for a notice; run it again to make theirs",
        "中止しました。{remaining:,}人のお知らせが未作成です。再度実行すると作成します",
    ),
}
