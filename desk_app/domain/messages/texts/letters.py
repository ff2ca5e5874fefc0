"""Messages about letters: made, held, voided or not made, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- letters ------------------------------------------------------------------------------------------
    "letter.not_by_letter": (
        "a {kind:code} case is not answered by letter",
        "{kind}の案件は書面で回答しません",
    ),
    "letter.administrative": (
        "case {case_no} is an administrative correction: no letter",
        "案件 {case_no} は職権による訂正のため、通知書はありません",
    ),
    "letter.disclosure_after_fee": (
        "case {case_no} is {state:code}: a disclosure letter is made once the fee is received or waived",
        "案件 {case_no} は「{state}」です。開示の通知書は、手数料の受領または免除の後に作成します",
    ),
    "letter.nothing_decided": (
        "case {case_no} is {state:code}: nothing is decided to write",
        "案件 {case_no} は「{state}」です。書面にする決定がまだありません",
    ),
    "letter.identity_not_verified": (
        "case {case_no}: the caller's identity is not verified",
        "案件 {case_no}: ご本人の確認ができていません",
    ),
    "letter.not_from_case": ("a {kind:code} letter is not made from a case", "{kind}は案件から作成しません"),
    "letter.no_customer": (
        "case {case_no} is about no customer: there is no one to write to",
        "案件 {case_no} はお客様に結び付いていないため、宛先がありません",
    ),
    "letter.customer_erased": (
        "case {case_no}: the customer's data has been erased, so the letter cannot be addressed (a deletion's"
        " letter is made as the erasure runs)",
        "案件 {case_no}: お客様のデータは消去済みのため、宛名を書けません（消去の通知書は消去の実行時に"
        "作成されます）",
    ),
    "letter.no_address": (
        "case {case_no}: the customer's name or postal address is not held",
        "案件 {case_no}: お客様の氏名または住所が登録されていません",
    ),
    "letter.bad_postal_code": (
        "case {case_no}: the customer's postal code is not valid",
        "案件 {case_no}: お客様の郵便番号が正しくありません",
    ),
    "letter.no_correction": (
        "case {case_no}: no correction of the record is on file",
        "案件 {case_no}: 記録の訂正が記録されていません",
    ),
    "letter.no_stopped_mailing": (
        "case {case_no}: no stopped mailing is on file",
        "案件 {case_no}: 停止した送付物が記録されていません",
    ),
    "letter.not_found": ("no letter {letter_id}", "通知書 {letter_id} は見つかりません"),
    "letter.tampered": (
        "letter {letter_id} does not match the SHA-256 stored when it was made",
        "通知書 {letter_id} は作成時の SHA-256 と一致しません",
    ),
    "letter.void": ("letter {letter_id} is void: {reason}", "通知書 {letter_id} は無効です: {reason}"),
    "letter.held": ("letter {letter_id} is held: {reason}", "通知書 {letter_id} は保留中です: {reason}"),
    "letter.already_mailed": ("letter {letter_id} was already mailed", "通知書 {letter_id} は発送済みです"),
    "letter.notice_customer_erased": (
        "incident {incident_no}: the customer's data was erased after the notice was made: it is not mailed",
        "事案 {incident_no}: お知らせの作成後にお客様のデータが消去されたため、発送しません",
    ),
    "letter.notice_customer_deceased": (
        "incident {incident_no}: the customer was reported deceased after the notice was made: it is not"
        " mailed",
        "事案 {incident_no}: お知らせの作成後にお客様の死亡のご連絡があったため、発送しません",
    ),
    "letter.choose_postal_method": (
        "letter {letter_id} is to be posted: choose a postal method",
        "通知書 {letter_id} は郵送です。郵送方法を選んでください",
    ),
    # --- letters held or voided (a void reason is stored in English: `stored_reasons.stored_reason`) ----
    "letter.awaits_decision": (
        "case {case_no} awaits a supervisor's decision",
        "案件 {case_no} は責任者の決定待ちです",
    ),
    "letter.calls_for_another": (
        "case {case_no} is {state:code}: it calls for a {wanted:code} letter, not this one",
        "案件 {case_no} は「{state}」です。必要な書面は「{wanted}」で、この通知書ではありません",
    ),
    "letter.case_reopened": ("case {case_no} was reopened", "案件 {case_no} は再開されました"),
    "letter.fee_notice_free": (
        "a {kind:code} request is free of charge: no fee to ask for",
        "{kind}の請求に手数料はかかりません。手数料のご案内は不要です",
    ),
    "letter.fee_received_already": (
        "case {case_no}: the fee was received",
        "案件 {case_no} の手数料は受領済みです",
    ),
    "letter.fee_waived_already": (
        "case {case_no}: the fee was waived",
        "案件 {case_no} の手数料は免除されました",
    ),
    "letter.no_fee_awaited": (
        "case {case_no} is {state:code}: no fee is awaited",
        "案件 {case_no} は「{state}」です。お支払いを待っている手数料はありません",
    ),
}
