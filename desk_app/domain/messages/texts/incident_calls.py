"""Messages about the calls that follow a leak incident (漏えい等): a question about it answered on the call,
the incident the case is about, and suspicious-contact reports linked to it, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "leak_inquiry.complete_after_answer": (
        "a question about a leak incident is completed once the answer given is recorded",
        "漏えい等の事案についてのお問い合わせは、ご説明した内容を記録してから完了します",
    ),
    "leak_inquiry.wrong_kind": (
        "a {kind:code} case is not a question about a leak incident",
        "{kind}の案件は、漏えい等の事案についてのお問い合わせではありません",
    ),
    "case.incident_wrong_kind": (
        "only a question about a leak incident names an incident, not a {kind:code} request",
        "事案を指定できるのは漏えい等のお問い合わせだけです（{kind}の案件には指定できません）",
    ),
    "case.incident_unknown": (
        "there is no leak incident {incident}",
        "漏えい等の事案{incident}は見つかりません",
    ),
    "case.incident_closed": (
        "leak incident {incident_no} is closed: choose an open one, or none",
        "漏えい等の事案{incident_no}は終了しています。対応中の事案を選ぶか、指定なしにしてください",
    ),
    "case.incident_of_customer": (
        "the customer is affected by incident {incidents}: the question is about one of them",
        "このお客様は事案{incidents}の対象です。お問い合わせはそのいずれかについて受け付けてください",
    ),
    "doctor.incident_case_wrong_kind": (
        "a {kind:code} case is linked to leak incident {incident_no}: only a question about one may be",
        "{kind}の案件が漏えい等の事案{incident_no}に関連付けられています（関連付けられるのはその事案についてのお問い合わせだけです）",
    ),
    "doctor.leak_answer_not_recorded": (
        "completed, but what the caller was told of the leak incident is not recorded",
        "完了していますが、漏えい等の事案についてお伝えした内容が記録されていません",
    ),
    "doctor.leak_answer_other_incident": (
        "its answer tells of leak incident {told}, but the case is about {about}",
        "回答の記録は漏えい等の事案{told}についてですが、案件は{about}についてのものです",
    ),
    "event.leak_inquiry_answered": (
        "Leak incident {incident_no} explained on the call",
        "漏えい等の事案{incident_no}について電話でご説明",
    ),
    "event.leak_inquiry_answered_unnamed": (
        "Question about a leak incident answered on the call (no incident named)",
        "漏えい等のお問い合わせに電話で回答（事案の指定なし）",
    ),
    "event.report_linked": (
        "Report linked to leak incident {incident_no}",
        "ご報告を漏えい等の事案{incident_no}に関連付け",
    ),
    "event.report_unlinked": (
        "Report unlinked from leak incident {incident_no}",
        "ご報告と漏えい等の事案{incident_no}の関連付けを解除",
    ),
    "report_link.supervisors": (
        "only supervisors and administrators link reports to leak incidents",
        "ご報告と漏えい等の事案の関連付けは、責任者と管理者だけが行えます",
    ),
    "report_link.unknown_report": (
        "there is no suspicious-contact report {report_id}",
        "不審なご連絡のご報告{report_id}は見つかりません",
    ),
    "report_link.already_linked": (
        "the report is already linked to leak incident {incident_no}: unlink it first",
        "このご報告はすでに漏えい等の事案{incident_no}に関連付けられています。先に解除してください",
    ),
    "report_link.not_linked": (
        "the report is linked to no leak incident",
        "このご報告は、どの漏えい等の事案にも関連付けられていません",
    ),
}
