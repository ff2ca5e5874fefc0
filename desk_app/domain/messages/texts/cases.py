"""Messages about case work — owning a case, its lifecycle, fees, corrections, refusals, identity checks,
the registers, talk-script answers and the timeline — in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- cases: finding, owning, conflicts ----------------------------------------------------------------
    "case.not_found": ("no case {case_id}", "案件 {case_id} は見つかりません"),
    "case.not_yours": (
        "only the agent case {case_no} is assigned to, or a supervisor, can {what} it",
        "案件 {case_no} の{what}は、担当者または責任者だけが行えます",
    ),
    "case.what.withdraw": ("withdraw", "取下げ"),
    "case.what.extend": ("extend the deadline of", "期限延長"),
    "case.needs_customer": (
        "a {kind:code} request is about a customer: customer_id is required",
        "{kind}の請求にはお客様の指定が必要です",
    ),
    "case.changed_elsewhere": (
        "case {case_no} was changed by someone else (version {version}, you had {expected}); reload it",
        "案件 {case_no} は他の担当者が変更しました（版 {version}、表示中は {expected}）。"
        "読み込み直してください",
    ),
    "case.changed_elsewhere_short": (
        "case {case_no} was changed by someone else; reload it",
        "案件 {case_no} は他の担当者が変更しました。読み込み直してください",
    ),
    "case.erasure_by_erase": (
        "an erasure is approved with erase_customer, which erases the data too",
        "消去の承認は、データの消去と同時に行います",
    ),
    "case.decide_supervisor_only": (
        "only a supervisor can decide a case that awaits approval",
        "承認待ちの案件を決定できるのは責任者だけです",
    ),
    "case.administrative_supervisor_only": (
        "an administrative correction is a supervisor's or an administrator's",
        "職権による訂正は、責任者または管理者が行います",
    ),
    "case.identity_by_check": (
        "identity is verified by record_identity_check, not by hand",
        "本人確認済みにするには本人確認を記録してください",
    ),
    "case.identity_not_verified_for_work": (
        "the caller's identity is not verified: the case cannot go to work",
        "ご本人の確認がまだのため、対応を始められません",
    ),
    "case.four_eyes": (
        "the agent who proposed this cannot also approve it (four eyes)",
        "提案した担当者は自分で承認できません（二者確認）",
    ),
    "case.denial_needs_reason": (
        "a denial needs a reason the proposer can act on",
        "差し戻しには、提案者が対応できる理由が必要です",
    ),
    "case.state_needs_reason": (
        "a case is {state:code} only with a reason",
        "案件を「{state}」にするには理由が必要です",
    ),
    "case.refusal_needs_reason": (
        "a refusal needs its reason (APPI Art. 36)",
        "拒否には理由が必要です（個人情報保護法第36条）",
    ),
    "case.refusal_needs_ground_and_text": (
        "a refusal names its ground and the explanation the customer is given (APPI Art. 36)",
        "拒否には、根拠とお客様への説明文が必要です（個人情報保護法第36条）",
    ),
    "case.refusal_needs_text": (
        "a refusal needs the explanation the customer is given (APPI Art. 36)",
        "拒否には、お客様への説明文が必要です（個人情報保護法第36条）",
    ),
    "letter.refused_without_reason": (
        "case {case_no} was refused without a recorded reason (APPI Art. 36)",
        "案件 {case_no} は理由が記録されないまま拒否されています（個人情報保護法第36条）",
    ),
    "case.ground_only_by_letter": (
        "a refusal ground is given only where a request is refused by letter",
        "拒否の根拠は、書面で拒否を通知する請求にだけ付けられます",
    ),
    "case.already_final": ("the case is already {state:code}", "この案件はすでに「{state}」です"),
    "case.already_final_reopen": (
        "the case is already {state:code}; reopen it first",
        "この案件はすでに「{state}」です。先に再開してください",
    ),
    "case.already_final_supervisor": (
        "the case is already {state:code}; reopening is a supervisor's action",
        "この案件はすでに「{state}」です。再開は責任者が行います",
    ),
    "case.already_assigned": (
        "the case is already assigned to that agent",
        "この案件はすでにその担当者の担当です",
    ),
    "case.still_open": ("the case is still {state:code}", "この案件はまだ「{state}」です"),
    "case.erased_no_reopen": (
        "the customer's data was erased; the deletion cannot be reopened",
        "お客様のデータは消去済みのため、消去の案件は再開できません",
    ),
    "case.reopen_needs_reason": ("a case is reopened only with a reason", "再開には理由が必要です"),
    "case.supervisor_only": ("only a supervisor can {what}", "{what}は責任者だけが行えます"),
    "case.what.reassign": ("reassign a case", "担当の変更"),
    "case.what.reopen": ("reopen a case", "案件の再開"),
    "case.decide_needs_supervisor": (
        "only a supervisor can approve or deny what awaits approval",
        "承認待ちの承認・差し戻しは責任者だけが行えます",
    ),
    "case.action_needs_reason": ("{action:code} needs a reason", "「{action}」には理由が必要です"),
    "case.choose_ground": ("choose the ground the refusal is made on", "拒否の根拠を選んでください"),
    "case.erasure_needs_key": (
        "an erasure needs the erased-customer register's key",
        "消去には消去済み顧客台帳の鍵が必要です",
    ),
    "case.extension_needs_days": ("the extension needs a number of days", "延長する日数を入力してください"),
    # --- the lifecycle ------------------------------------------------------------------------------------
    "lifecycle.proposal_needed": (
        "a case goes to a supervisor with a proposal: erasure or refusal",
        "責任者へは、消去または拒否の提案として回します",
    ),
    "lifecycle.erasure_deletion_only": (
        "only a deletion request can propose erasure, not a {kind:code} case",
        "消去を提案できるのは消去の請求だけです（この案件は{kind}）",
    ),
    "lifecycle.erasure_after_identity": (
        "erasure is proposed only once identity is verified and work has begun",
        "消去の提案は、本人確認の後、対応を始めてからです",
    ),
    "lifecycle.not_allowed": (
        "a {kind:code} case cannot go from {current:code} to {target:code} (allowed: {allowed:code})",
        "{kind}の案件は「{current}」から「{target}」には進めません（進める先: {allowed}）",
    ),
    "lifecycle.kind_cannot": ("a {kind:code} case cannot do this", "{kind}の案件ではこの操作はできません"),
    "lifecycle.customer_erased": ("the customer's data has been erased", "お客様のデータは消去されています"),
    "lifecycle.erases_nothing": ("a {kind:code} case erases nothing", "{kind}の案件では消去を行いません"),
    "lifecycle.erasure_needs_approval": (
        "erasure needs a proposed erasure awaiting a supervisor's approval",
        "消去には、責任者の承認待ちの消去提案が必要です",
    ),
    # --- fees, delivery, completion, corrections, mailings ------------------------------------------------
    "fee.free": (
        "a {kind:code} request is free of charge (APPI Art. 38)",
        "{kind}の請求に手数料はかかりません（個人情報保護法第38条）",
    ),
    "fee.received_needs_method_and_date": (
        "a received fee needs the method and the date",
        "手数料の受領には、支払方法と受領日が必要です",
    ),
    "fee.waived_needs_reason": ("a waived fee needs a reason", "手数料の免除には理由が必要です"),
    "fee.method_required": ("how the fee was paid is required", "支払方法を入力してください"),
    "fee.settled_while_pending": (
        "the fee is settled while pending, not in {state:code}",
        "手数料は「手数料待ち」のときに処理します（現在は「{state}」）",
    ),
    "mailings.choose_one": ("choose at least one mailing to stop", "停止する送付物を一つ以上選んでください"),
    "delivery.unknown": (
        "delivery must be letter or electronic, not {delivery!r}",
        "交付方法は書面か電磁的記録です（指定: {delivery!r}）",
    ),
    "delivery.needs_email": (
        "an electronic record needs the e-mail address to send it to",
        "電磁的記録で交付するには送付先のメールアドレスが必要です",
    ),
    "delivery.address_not_allowed": (
        "an electronic record goes only to the customer's registered e-mail address or one confirmed in this"
        " case's identity check (a callback or the documents), never to an address given on the call",
        "電磁的記録は、ご登録のメールアドレスか、この案件の本人確認（かけ直しまたは書類）で確認した"
        "メールアドレスにのみ送ります。お電話で伺ったアドレスには送りません",
    ),
    "delivery.letter_on_file": (
        "the letter of case {case_no} already states how it is delivered: the form can no longer change",
        "案件 {case_no} の通知書に交付方法が記載済みのため、交付方法は変更できません",
    ),
    "delivery.not_a_confirmed_email": (
        "the e-mail address confirmed is not an e-mail address",
        "確認したメールアドレスの形式が正しくありません",
    ),
    "case.arrival_after_today": (
        "a written request cannot have arrived on {arrived_on}, after today ({today})",
        "書面の到達日 {arrived_on} は本日（{today}）より後の日付です",
    ),
    "case.arrival_too_early": (
        "a written request that arrived on {arrived_on}, before {earliest}, is opened by a supervisor:"
        " check the date",
        "到達日 {arrived_on} は {earliest} より前です。日付を確認してください（それより前の郵送請求は責任者が"
        "受け付けます）",
    ),
    "case.post_without_call": (
        "a written request arrived by post: it has no call to link",
        "郵送で届いた請求には、通話を結び付けられません",
    ),
    "disclosure.complete_after_fee": (
        "a disclosure is completed once its fee is received or waived",
        "開示は、手数料の受領または免除の後に完了します",
    ),
    "correction.postal_code_format": ("must be a 7-digit postal code", "7桁の郵便番号で入力してください"),
    "correction.no_such_postal_code": ("no such postal code", "その郵便番号はありません"),
    "correction.not_text": ("must be text", "文字で入力してください"),
    "correction.not_correctable": ("cannot be corrected here", "ここでは訂正できない項目です"),
    "correction.nothing_differs": ("nothing differs from the record", "登録内容と違う点がありません"),
    "correction.customer_changed": (
        "customer {customer_no} was changed at another desk; reload it (your edits are kept)",
        "顧客 {customer_no} は別の席で変更されました。読み込み直してください（入力内容は残ります）",
    ),
    "correction.customer_changed_short": (
        "customer {customer_no} was changed at another desk",
        "顧客 {customer_no} は別の席で変更されました",
    ),
    "correction.administrative_needs_reason": (
        "an administrative correction needs its reason",
        "職権による訂正には理由が必要です",
    ),
    # --- refusal grounds and deadlines --------------------------------------------------------------------
    "ground.unknown": (
        "no refusal ground {value!r} (known: {known:code})",
        "拒否の根拠 {value!r} はありません（選べるもの: {known}）",
    ),
    "ground.not_allowed": (
        "a {kind:code} request cannot be refused on {ground:code} (allowed: {allowed:code})",
        "{kind}の請求は「{ground}」を根拠に拒否できません（選べる根拠: {allowed}）",
    ),
    "ground.not_allowed_none": (
        "a {kind:code} request cannot be refused on {ground:code} "
        "(allowed: none: it is not answered by letter)",
        "{kind}の請求は「{ground}」を根拠に拒否できません（書面で回答しない請求です）",
    ),
    "deadline.extended_once": (
        "the deadline has already been extended once",
        "期限はすでに一度延長されています",
    ),
    "deadline.extension_needs_reason": ("an extension needs a reason", "期限の延長には理由が必要です"),
    "deadline.extension_days": (
        "an extension is between 1 and 90 days",
        "延長できるのは1日から90日までです",
    ),
    # --- identity -----------------------------------------------------------------------------------------
    "identity.not_needed": ("a {kind:code} case needs no identity check", "{kind}の案件に本人確認は不要です"),
    "identity.checked_while_pending": (
        "identity is checked while pending, not in {state:code}",
        "本人確認は確認待ちのときに行います（現在は「{state}」）",
    ),
    "identity.caller_id_closed": (
        "{count} checks by caller ID and a question failed on this case: "
        "verify the caller by a callback to a registered number or by documents",
        "この案件では発信者番号と質問による確認が{count}回不一致でした。"
        "登録番号へのかけ直しか書類で確認してください",
    ),
    "identity.callback_registered_only": (
        "a callback goes only to a number the customer registered",
        "かけ直しは、お客様が登録した番号にだけ行います",
    ),
    "identity.kind_never_changes": (
        "a {kind:code} case never discloses, changes or erases a record",
        "{kind}の案件では記録の開示・変更・消去を行いません",
    ),
    "identity.not_verified": (
        "case {case_no}: the caller's identity is not verified",
        "案件 {case_no}: ご本人の確認がまだです",
    ),
    "identity.choose_question": ("choose what the caller was asked", "お客様に伺った質問を選んでください"),
    "identity.type_answer": ("type what the caller answered", "お客様の回答を入力してください"),
    "identity.callback_result": (
        "say whether the callback was answered",
        "かけ直しがつながったかを選んでください",
    ),
    "identity.document_type": ("say which document was received", "受け取った書類を選んでください"),
    "identity.matched_items": ("name, address or birth_date", "氏名・住所・生年月日から選んでください"),
    "action.changes_table": ("must be a table of fields", "項目ごとの変更内容が必要です"),
    "action.version_required": (
        "the record's version as read is required",
        "読み込んだ記録の版が必要です",
    ),
    # --- registers ----------------------------------------------------------------------------------------
    "register.wrong_kind": (
        "a {kind:code} case has no {register:code} to record",
        "{kind}の案件には{register}を記録できません",
    ),
    "register.not_open": (
        "the case is {state:code}, not open for work",
        "この案件は「{state}」のため対応できません",
    ),
    "register.no_complaint": (
        "case {case_no} has no complaint recorded yet",
        "案件 {case_no} には苦情がまだ記録されていません",
    ),
    "register.not_supervisor": (
        "agent {agent_id} is not a supervisor: {what}",
        "担当者 {agent_id} は責任者ではありません: {what}",
    ),
    "register.answer_by_supervisor": (
        "an escalated complaint is answered by a supervisor",
        "上申された苦情には責任者が回答します",
    ),
    "register.escalate_by_supervisor": (
        "complaints are escalated to a supervisor",
        "苦情の上申先は責任者です",
    ),
    "register.viewers": (
        "only supervisors and administrators search and count the registers",
        "台帳の検索と集計は、責任者と管理者だけが行えます",
    ),
    "register.complaint_recorded": (
        "case {case_no} already has its complaint; escalate or answer it",
        "案件 {case_no} の苦情は記録済みです。上申するか回答してください",
    ),
    "register.report_recorded": (
        "case {case_no} already has its report",
        "案件 {case_no} の報告は記録済みです",
    ),
    "register.unknown_category": ("unknown category {value!r}", "分類 {value!r} はありません"),
    "register.unknown_channel": ("unknown channel {value!r}", "経路 {value!r} はありません"),
    "register.future": ("lies in the future", "未来の日付です"),
    "register.callback_needed": (
        "is required: the caller has no registered number a supervisor could call",
        "入力してください。責任者がかけ直せる登録番号がありません",
    ),
    "register.not_escalated": (
        "the complaint of case {case_no} was not escalated",
        "案件 {case_no} の苦情は上申されていません",
    ),
    # --- talk-script answers ------------------------------------------------------------------------------
    "answer.required": ("an answer is required", "回答を入力してください"),
    "answer.too_long": (
        "at most {limit} characters, not {length}",
        "{limit}文字以内で入力してください（{length}文字あります）",
    ),
    "answer.not_phone": ("not a phone number ({detail})", "電話番号ではありません（{detail}）"),
    "answer.not_email": (
        "not an e-mail address (name@example.jp)",
        "メールアドレスの形式ではありません（例: name@example.jp）",
    ),
    "answer.postal_code_digits": (
        "a postal code has 7 digits (123-4567)",
        "郵便番号は7桁です（例: 123-4567）",
    ),
    "answer.no_such_postal_code": ("no such postal code", "その郵便番号はありません"),
    "answer.date_format": (
        "a date is written YYYY-MM-DD (2026-04-01)",
        "日付は YYYY-MM-DD で入力してください（例: 2026-04-01）",
    ),
    "answer.no_such_date": ("{text} is not a date in the calendar", "{text} は暦にない日付です"),
    "answer.negative_yen": ("an amount cannot be negative", "金額にマイナスは使えません"),
    "answer.whole_yen": (
        "an amount in yen is a whole number (404)",
        "金額は円単位の整数で入力してください（例: 404）",
    ),
    # --- the case's timeline ------------------------------------------------------------------------------
    "event.opened": ("Case opened", "案件を受付"),
    "event.opened_by_post": (
        "Case opened: written request received by post on {arrived_on}",
        "案件を受付（書面による請求、{arrived_on} 郵送で到達）",
    ),
    "event.state_changed": ("{before} → {after}{proposal}{answer}", "{before} → {after}{proposal}{answer}"),
    "event.erasure_proposed": (" (erasure proposed)", "（消去を提案）"),
    "event.refusal_proposed": (" (refusal proposed)", "（拒否を提案）"),
    "event.ground": (" — ground: {ground}", " — 根拠: {ground}"),
    "event.on_the_letter": (" — on the letter: “{text}”", " — 書面の記載:「{text}」"),
    "event.internal_note": (" (internal note: {text})", "（社内メモ: {text}）"),
    "event.reason": (" (reason: {text})", "（理由: {text}）"),
    "event.approver": (" (approver: {text})", "（承認者: {text}）"),
    "event.identity_passed": ("Identity check ({method}): passed", "本人確認（{method}）: 確認済み"),
    "event.identity_failed": ("Identity check ({method}): failed", "本人確認（{method}）: 不一致"),
    "event.corrected": ("Corrected: {changes}", "訂正: {changes}"),
    "event.field_changed": ("{field:code} (changed)", "{field}（変更）"),
    "event.field_before_after": ("{field:code}: {before} → {after}", "{field}: {before} → {after}"),
    "event.mailings_stopped": (
        "Mailings stopped: {mailings:code} from {effective}",
        "送付停止: {mailings}（{effective} から）",
    ),
    "event.fee_requested": ("Fee requested", "手数料を請求"),
    "event.fee_received": ("Fee received", "手数料を受領"),
    "event.fee_waived": ("Fee waived", "手数料を免除"),
    "event.erased": ("Personal data erased", "個人データを消去"),
    "event.letter_generated": ("Letter made: {kind}", "通知書作成: {kind}"),
    "event.letter_printed": ("Letter printed: {kind}", "通知書印刷: {kind}"),
    "event.letter_mailed": ("Letter mailed: {kind}", "通知書発送: {kind}"),
    "event.letter_voided": ("Letter voided: {kind}{reason}", "通知書を無効化: {kind}{reason}"),
    "event.letter_not_generated": ("No letter made: {kind}{reason}", "通知書は作成せず: {kind}{reason}"),
    "event.reassigned": ("Reassigned{reason}", "担当変更{reason}"),
    "event.reopened": ("Reopened: {state}{reason}", "再開: {state}{reason}"),
    "event.script_finished": (
        "Talk script finished ({kind:code} v{version}){notes}",
        "トークスクリプト終了（{kind} 第{version}版）{notes}",
    ),
    "event.script_finished_other": (
        "Talk script finished ({script} v{version}){notes}",
        "トークスクリプト終了（{script} 第{version}版）{notes}",
    ),
    "event.script_note": (" — Note: {text}", " — メモ: {text}"),
    "event.delivery_letter": ("Delivery chosen: letter", "交付方法: 書面"),
    "event.delivery_electronic_to": (
        "Delivery chosen: electronic record to the {address}",
        "交付方法: 電磁的記録（{address}あて）",
    ),
    "event.delivery_not_possible": (
        "Electronic record asked for but not possible ({reason}): letter",
        "電磁的記録のご請求、交付困難のため書面（{reason}）",
    ),
    "event.delivery_electronic": ("Delivery chosen: electronic record", "交付方法: 電磁的記録"),
    "event.escalation_promised": ("Escalation promised to the caller{note}", "上申をお客様に約束{note}"),
    "event.complaint_recorded": ("Complaint recorded: {category}", "苦情を記録: {category}"),
    "event.complaint_answered": ("Complaint answered", "苦情に回答"),
    "event.escalated": ("Escalated to a supervisor{note}", "責任者に上申{note}"),
    "event.report_recorded": ("Report recorded: {channel}", "報告を記録: {channel}"),
    "event.deadline_extended": ("Deadline extended to {due_on}{reason}", "期限を {due_on} に延長{reason}"),
    "event.follow_up": ("Passed on for follow-up{note}", "後続対応へ回付{note}"),
    "event.note": (" — {text}", " — {text}"),
    "event.noted": ("Note{note}", "メモ{note}"),
    "event.parts": ("{parts:concat}", "{parts:concat}"),
    "event.list": ("{parts:items}", "{parts:items}"),
    "event.other": ("{kind}", "その他の記録（{kind}）"),
}
