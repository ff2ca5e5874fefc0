"""Messages about what the published policy tells a customer who asks (a notice of the purposes of use, the
information on foreign recipients, their letters, a question about joint use answered on the call, and the
check that goes with them), in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- the request and its step -------------------------------------------------------------------------
    "purposes.complete_after_record": (
        "a notice of the purposes of use is completed once the purposes are recorded for it",
        "利用目的の通知は、通知する利用目的を記録してから完了します",
    ),
    "foreign.complete_after_record": (
        "information on foreign recipients is completed once it is recorded for the letter",
        "外国にある第三者への提供に関する情報のご案内は、お伝えする内容を記録してから完了します",
    ),
    "joint_use.complete_after_answer": (
        "a question about joint use is completed once the answer given is recorded",
        "共同利用についてのお問い合わせは、ご説明した内容を記録してから完了します",
    ),
    "joint_use.wrong_kind": (
        "a {kind:code} case is not a question about joint use",
        "{kind}の案件は、共同利用についてのお問い合わせではありません",
    ),
    "fee.complete_after_fee": (
        "a {kind:code} request is completed once its fee is received or waived",
        "{kind}は、手数料の受領または免除の後に完了します",
    ),
    "policy.not_while_awaiting": (
        "case {case_no} awaits a supervisor's decision: nothing is recorded for the customer meanwhile",
        "案件 {case_no} は責任者の判断待ちです。その間はお客様への回答を記録できません",
    ),
    # --- the case's timeline ------------------------------------------------------------------------------
    "event.purposes_recorded": (
        "Purposes of use recorded for the notice: version {version}, {count} purposes",
        "通知する利用目的を記録: 第{version}版（{count}項目）",
    ),
    "event.foreign_transfer_recorded": (
        "Information on foreign recipients recorded for the letter: version {version}, {count} countries",
        "外国にある第三者への提供に関する情報を記録: 第{version}版（{count}か国）",
    ),
    "event.joint_use_answered": (
        "Joint use explained on the call: version {version}",
        "共同利用について電話でご説明: 第{version}版",
    ),
    # --- the letter ---------------------------------------------------------------------------------------
    "letter.no_purposes_recorded": (
        "case {case_no}: no purposes of use are recorded for the notice",
        "案件 {case_no}: 通知する利用目的が記録されていません",
    ),
    "letter.no_foreign_transfer_recorded": (
        "case {case_no}: no information on foreign recipients is recorded for the letter",
        "案件 {case_no}: ご案内する外国にある第三者への提供に関する情報が記録されていません",
    ),
    # --- the database check -------------------------------------------------------------------------------
    "doctor.check.policy": ("policy answers", "方針に基づく回答"),
    "doctor.answer_not_recorded": (
        "completed, but what it told the customer is not recorded (with the version it came from)",
        "完了していますが、お客様にお伝えした内容（その版）が記録されていません",
    ),
    "doctor.fee_not_settled": (
        "completed, but its fee was neither received nor waived",
        "完了していますが、手数料の受領も免除もされていません",
    ),
}
