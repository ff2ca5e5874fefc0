"""Messages of the database check (`desk-app doctor`), in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- the database check (doctor) ----------------------------------------------------------------------
    "doctor.check.letters": ("letters", "通知書"),
    "doctor.check.identity": ("identity", "本人確認"),
    "doctor.check.erasures": ("erasures", "消去"),
    "doctor.check.registers": ("registers", "台帳"),
    "doctor.check.dates": ("dates", "日時"),
    "doctor.check.calls": ("calls", "通話"),
    "doctor.check.replay": ("replay", "案件とイベント"),
    "doctor.check.audit": ("audit", "監査証跡"),
    "doctor.checks": ("{checks}", "{checks}"),
    "doctor.problem": ("{check}: {subject}: {problem}", "{check}: {subject}: {problem}"),
    "doctor.clean": ("doctor: clean ({checks} checked)", "データベースの点検: 問題なし（{checks}を確認）"),
    "doctor.problems": (
        "doctor: {count:,} problems ({checks} checked)",
        "データベースの点検: 問題{count:,}件（{checks}を確認）",
    ),
    "subject.case": ("case {case_no}", "案件 {case_no}"),
    "subject.letter": ("letter {letter_id}", "通知書 {letter_id}"),
    "subject.customer": ("customer {customer_no}", "顧客 {customer_no}"),
    "subject.call": ("call {call_id}", "通話 {call_id}"),
    "doctor.void_and_mailed": ("of {case} is both void and mailed", "（{case}）は無効なのに発送済みです"),
    "subject.incident": ("incident {incident_no}", "事案 {incident_no}"),
    "doctor.letter_of_neither": (
        "belongs to no case and no incident",
        "案件にも事案にも属していません",
    ),
    "doctor.letter_of_both": (
        "belongs to both a case and an incident",
        "案件と事案の両方に属しています",
    ),
    "doctor.leak_notice_misfiled": (
        "a {kind:code} letter is filed under {owner}: a leak notice belongs to an incident, every other"
        " letter to a case",
        "{kind}の通知書が{owner}に属しています（漏えい等のお知らせは事案に、その他の通知書は案件に属します）",
    ),
    "doctor.notice_unlinked": (
        "is a notice of {incident} that no customer of the incident is linked to",
        "は{incident}のお知らせですが、事案のどのお客様にも結び付いていません",
    ),
    "doctor.letter_contradicts": (
        "a {kind:code} letter waits to be mailed but contradicts its case: {why}",
        "{kind}の通知書が発送を待っていますが、案件と矛盾します: {why}",
    ),
    "doctor.before_identity": (
        "event {event} disclosed, changed or erased data before the caller was verified",
        "イベント {event} で、本人確認の前にデータを開示・変更・消去しています",
    ),
    "doctor.erased_nothing": (
        "a completed deletion erased nothing",
        "完了した消去の請求で、何も消去されていません",
    ),
    "doctor.erased_holds": (
        "erased, but still holds {fields:code}",
        "消去済みですが、{fields}が残っています",
    ),
    "doctor.erased_phones": (
        "erased, but still holds {count} phone numbers",
        "消去済みですが、電話番号が{count}件残っています",
    ),
    "doctor.erased_but": (
        "{case} erased this customer, who is {state:code}",
        "{case}でこの顧客を消去しましたが、顧客は「{state}」です",
    ),
    "doctor.register_missing": (
        "was recorded, but the {kind:code} register has no entry",
        "記録済みですが、{kind}の台帳に記載がありません",
    ),
    "doctor.register_other_kind": (
        "{kind:code} register entry {entry} belongs to a {case_kind:code} case",
        "{kind}の台帳の記載 {entry} は{case_kind}の案件のものです",
    ),
    "doctor.received_in_future": ("was received in the future", "受付日時が未来です"),
    "doctor.closed_in_future": ("was closed in the future", "終了日時が未来です"),
    "doctor.closed_before_received": ("was closed before it was received", "受付より前に終了しています"),
    "doctor.closing_time": (
        "is {state:code} but its closing time says otherwise",
        "「{state}」ですが、終了日時と合いません",
    ),
    "doctor.event_in_future": ("event {event} is dated in the future", "イベント {event} の日時が未来です"),
    "doctor.made_in_future": ("was made in the future", "作成日時が未来です"),
    "doctor.mailed_in_future": ("was mailed in the future", "発送日時が未来です"),
    "doctor.stale_call": (
        "is still {state:code} hours after it began",
        "始まってから何時間もたつのに、まだ「{state}」です",
    ),
}
