"""Every message code with its English and its Japanese text (the placeholders are `str.format` fields).

English is the core's own wording (what `str(exc)` and the command line print); `{x:code}` keeps an
enumeration's or a field's code word there. Japanese names the same placeholders, always in words.
`tests/core/domain/test_messages.py` fails on a code without Japanese or a Japanese text that drops a
placeholder.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- a value with the field it belongs to -------------------------------------------------------------
    "field.problem": ("{field:code}: {problem}", "{field}: {problem}"),
    "field.required": ("is required", "入力してください"),
    "field.too_long": ("longer than {limit} characters", "{limit}文字を超えています"),
    "field.not_phone": ("not a valid phone number ({detail})", "電話番号として正しくありません（{detail}）"),
    "field.not_email": ("not an e-mail address", "メールアドレスの形式ではありません"),
    "field.not_kana": ("must be written in kana", "カナで入力してください"),
    "field.not_date": ("must be a date (YYYY-MM-DD)", "日付（YYYY-MM-DD）で入力してください"),
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
    "letter.choose_postal_method": (
        "letter {letter_id} is to be posted: choose a postal method",
        "通知書 {letter_id} は郵送です。郵送方法を選んでください",
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
    # --- agents -------------------------------------------------------------------------------------------
    "agent.not_active": ("no active agent {agent_id}", "有効な担当者 {agent_id} はいません"),
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
    # --- import lines -------------------------------------------------------------------------------------
    "import.line_field": ("line {line}: {field}: {problem}", "{line}行目: {field}: {problem}"),
    "import.line": ("line {line}: {problem}", "{line}行目: {problem}"),
    "import.required": ("required", "必須です"),
    "import.required_with": ("required with {column}", "{column}があるときは必須です"),
    "import.not_phone": ("not a phone number ({detail})", "電話番号ではありません（{detail}）"),
    "import.not_date": (
        "not a date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)",
        "日付ではありません（YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD のいずれか）",
    ),
    "import.no_such_day": ("no such day", "存在しない日付です"),
    "import.future": ("in the future", "未来の日付です"),
    "import.before": ("before {day}", "{day} より前です"),
    "import.not_datetime": (
        "not a date and time (YYYY-MM-DD HH:MM[:SS], Japan time)",
        "日時ではありません（YYYY-MM-DD HH:MM[:SS]、日本時間）",
    ),
    "import.no_such_datetime": ("no such date or time", "存在しない日時です"),
    "import.not_whole_number": ("not a whole number", "整数ではありません"),
    "import.out_of_range": (
        "must be between {minimum:,} and 2,000,000,000",
        "{minimum:,}から2,000,000,000までの値にしてください",
    ),
    "import.unknown_word": ("not a known {what}: {text!r}", "{what}として認識できません: {text!r}"),
    "import.what.flag": ("yes/no value (1/0)", "はい／いいえの値（1/0）"),
    "import.what.channel": (
        "channel (テレビ/カタログ/ウェブ/電話)",
        "受注経路（テレビ/カタログ/ウェブ/電話）",
    ),
    "import.what.basis": ("basis (同意/委託/法令)", "提供の根拠（同意/委託/法令）"),
    "import.digits_only": ("must be digits only, at most {length}", "{length}桁以内の数字にしてください"),
    "import.postal_code_digits": ("must be 7 digits", "7桁の数字にしてください"),
    "import.not_prefecture": ("not one of the 47 prefectures", "47都道府県のいずれでもありません"),
    "import.repeated": ("{key} already on line {first}", "{key} は{first}行目にもあります"),
    "import.order_apart": (
        "{problem}: an order's lines must come together",
        "{problem}: 同じ注文の明細は続けて並べてください",
    ),
    "import.order_differs": (
        "differs from line {first} of the same order",
        "同じ注文の{first}行目と異なります",
    ),
    "import.order_line_rejected": (
        "another line of this order is rejected",
        "この注文の別の明細が取り込めません",
    ),
    "import.no_such_customer": ("no such customer", "該当する顧客がいません"),
    "import.line_number_twice": ("the same line number twice", "同じ明細番号が二度あります"),
    # --- an import file that cannot be read at all ----------------------------------------------------------
    "import.column_twice": ("column {column} appears twice", "列「{column}」が2回あります"),
    "import.columns_missing": ("required columns missing: {columns}", "必須の列がありません: {columns}"),
    "import.unknown_encoding": (
        "unknown encoding {name!r} (use cp932 or utf-8)",
        "文字コード {name!r} は使えません（cp932 か utf-8 を指定してください）",
    ),
    "import.not_valid_encoding": ("the file is not valid {codec}", "ファイルは正しい {codec} ではありません"),
    "import.encoding_unknown": (
        "the file is neither UTF-8 nor CP932 (Shift_JIS); name it with {option}",
        "ファイルの文字コードが UTF-8 でも CP932（Shift_JIS）でもありません。{option} で指定してください",
    ),
    "import.rejects_is_input": (
        "the rejects file {name} is the file being imported: name another file for the rejects",
        "取り込めなかった行の書き出し先 {name} は、取り込むファイルそのものです。"
        "別のファイルを指定してください",
    ),
    "import.cannot_read": ("cannot read {name}: {reason}", "{name} を読み込めません: {reason}"),
    "import.cannot_write": ("cannot write {name}: {reason}", "{name} に書き込めません: {reason}"),
    "import.file_empty": ("the file is empty", "ファイルが空です"),
    "import.file_line": ("line {line}: {problem}", "{line}行目: {problem}"),
    "import.not_csv": (
        "line {line}: not readable as CSV ({reason})",
        "{line}行目: CSV として読み込めません（{reason}）",
    ),
    "import.changed_meanwhile": (
        "a customer in the file was changed at a desk meanwhile; import again",
        "取り込み中に、ファイル内の顧客が窓口で変更されました。もう一度取り込んでください",
    ),
    # --- signing in, accounts and access tokens -----------------------------------------------------------
    "sign_in.wrong_login_or_password": (
        "wrong login or password (after repeated wrong passwords a login is refused for a while, even with"
        " the right one)",
        "ログイン名またはパスワードが違います（何度も間違えると、正しいパスワードでもしばらく"
        "サインインできません）",
    ),
    "sign_in.disabled": ("this login has been disabled", "このログインは無効にされています"),
    "sign_in.password_required": (
        "this login signs in with its password",
        "このログインはパスワードでサインインします",
    ),
    "password.too_short": (
        "a password needs at least {length} characters",
        "パスワードは{length}文字以上にしてください",
    ),
    "password.too_long": ("a password has at most {length} characters", "パスワードは{length}文字以内です"),
    "password.holds_login": (
        "a password must not contain the login",
        "パスワードにログイン名を含めないでください",
    ),
    "password.too_plain": (
        "a password needs more than one or two different characters",
        "パスワードには3種類以上の文字を使ってください",
    ),
    "account.login_rule": (
        "a login is 1 to {length} characters without spaces",
        "ログイン名は空白なしの1〜{length}文字です",
    ),
    "account.display_name_rule": (
        "a display name is 1 to {length} characters",
        "表示名は1〜{length}文字です",
    ),
    "account.login_taken": (
        "the login {login!r} is already taken",
        "ログイン名 {login!r} はすでに使われています",
    ),
    "account.no_login": ("no agent with login {login!r}", "ログイン名 {login!r} の担当者はいません"),
    "account.no_active_login": (
        "no active agent with login {login!r}",
        "ログイン名 {login!r} の有効な担当者はいません",
    ),
    "account.last_administrator": (
        "{login} is the last active administrator: add another one first",
        "{login} は最後の有効な管理者です。先に別の管理者を追加してください",
    ),
    "account.last_administrator_with_password": (
        "{login} is the last active administrator with a password: give another one a password first",
        "{login} はパスワードを持つ最後の有効な管理者です。先に別の管理者にパスワードを設定してください",
    ),
    "token.refused": (
        "the access token is not valid (unknown, expired or revoked, or its account disabled)",
        "アクセストークンが有効ではありません（不明、期限切れ、失効、またはアカウントが無効）",
    ),
    "token.name_rule": (
        "a token's name is 1 to {length} characters (what job uses it)",
        "トークンの名前は1〜{length}文字です（使う処理の名前）",
    ),
    "token.expiry_rule": (
        "a token expires after 1 to {days} days",
        "トークンの有効期限は1〜{days}日です",
    ),
    # --- the command line ---------------------------------------------------------------------------------
    "cli.no_case": ("no case {case}", "案件 {case} は見つかりません"),
    "cli.no_letter_for_case": (
        "no letter for case {case}: {problem}",
        "案件 {case} の通知書はありません: {problem}",
    ),
    "cli.not_written": ("{problem}; not written", "{problem}。書き出していません"),
    # --- the dashboard ------------------------------------------------------------------------------------
    "dashboard.days_between": ("{low}–{high}", "{low}〜{high}日"),
    "dashboard.days_over": (">{days}", "{days}日超"),
    # --- letters held or voided (a void reason is stored in English: `letter_rules.stored_reason`) ------
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
    # --- text that may not be stored ----------------------------------------------------------------------
    "text.control": ("contains a control character ({character})", "制御文字（{character}）が含まれています"),
    "text.bidi_control": (
        "contains a text-direction control character ({character})",
        "文字の向きを変える制御文字（{character}）が含まれています",
    ),
    "text.one_line": ("one line only", "1行で入力してください"),
    # --- what a search box or a text filter refuses -------------------------------------------------------
    "search_text.too_long": ("is longer than {limit} characters", "{limit}文字を超えています"),
    "search_text.surrogate": (
        "holds a character that is not text (a lone surrogate)",
        "文字として読めないもの（対になっていないサロゲート）が含まれています",
    ),
    "search_text.control": (
        "holds a control character ({character})",
        "制御文字（{character}）が含まれています",
    ),
    "search_text.search": ("the search text {problem}", "検索する文字列: {problem}"),
    # --- the audit trail ----------------------------------------------------------------------------------
    "audit.chain.case_events": ("case_events", "案件イベント"),
    "audit.chain.access_log": ("access_log", "アクセスログ"),
    "audit.chain.retention_runs": ("retention_runs", "保存期間による削除の記録"),
    "audit.chain.audit_tombstones": ("audit_tombstones", "削除済み行の控え"),
    "audit.chain.cases": ("cases", "案件"),
    "audit.chain_problem": ("{chain}: {problem}", "{chain}: {problem}"),
    "audit.case_problem": ("case {case_no}: {problem}", "案件 {case_no}: {problem}"),
    "audit.no_head": (
        "the audit chain '{chain}' has no head row: run `{command}`",
        "監査チェーン「{chain}」に先頭（ヘッド）の行がありません。`{command}` を実行してください",
    ),
    "audit.seal_broken": (
        "the audit chain '{chain}' has a head this desk's audit key did not seal (changed outside the"
        " program, or this desk has another key than the others): run `{command}`",
        "監査チェーン「{chain}」のヘッドには、この端末の監査鍵の封印がありません（プログラムの外で"
        "変更されたか、この端末の鍵が他の端末と異なります）。`{command}` を実行してください",
    ),
    "audit.link_breaks": (
        "({before} → {after} breaks the link)",
        "（{before} → {after} のつながりが切れています）",
    ),
    "audit.link_breaks_at_start": (
        "(the start → {after} breaks the link)",
        "（先頭 → {after} のつながりが切れています）",
    ),
    "audit.row_missing": ("row {row} is missing {link}", "{row}行目がありません{link}"),
    "audit.rows_missing": (
        "rows {first} to {last} are missing {link}",
        "{first}〜{last}行目がありません{link}",
    ),
    "audit.rehashed_first": (
        "row {row} was changed and its hash recomputed (it no longer links to the start)",
        "{row}行目が変更され、ハッシュが計算し直されています（先頭につながっていません）",
    ),
    "audit.rehashed": (
        "row {row} was changed and its hash recomputed {link}",
        "{row}行目が変更され、ハッシュが計算し直されています{link}",
    ),
    "audit.call_link_lost": (
        "row {row} lost its link to call {call}, which is still on file",
        "{row}行目から通話 {call} への結び付きが消えています（通話は記録に残っています）",
    ),
    "audit.call_link_added": (
        "row {row} was made outside any call, but now names call {call}",
        "{row}行目は通話の外で記録されましたが、今は通話 {call} を指しています",
    ),
    "audit.call_link_changed": (
        "row {row} was made in call {call}, but now names call {now}",
        "{row}行目は通話 {call} で記録されましたが、今は通話 {now} を指しています",
    ),
    "audit.row_changed": ("row {row} was changed", "{row}行目が変更されています"),
    "audit.tombstone_changed": (
        "the tombstone of pruned row {row} was changed {link}",
        "削除済みの{row}行目の控えが変更されています{link}",
    ),
    "audit.head_missing": ("the head is missing", "先頭（ヘッド）の行がありません"),
    "audit.truncated": (
        "the newest rows after {row} were deleted (the head names row {head})",
        "{row}行目より後の新しい行が削除されています（ヘッドは{head}行目を指しています）",
    ),
    "audit.emptied": (
        "every row was deleted (the head names row {head})",
        "すべての行が削除されています（ヘッドは{head}行目を指しています）",
    ),
    "audit.unchained": (
        "row {row} and those after it are not in the chain (the head ends at row {head})",
        "{row}行目以降がチェーンに入っていません（ヘッドは{head}行目までです）",
    ),
    "audit.head_mismatch": (
        "the head does not match row {head} (the head was changed, or the rows rehashed)",
        "ヘッドが{head}行目と一致しません（ヘッドが変更されたか、行のハッシュが計算し直されています）",
    ),
    "audit.unsealed": (
        "the head (row {head}) does not carry the audit key's seal: it was moved outside the program (rows"
        " deleted, or rewritten and rehashed), or this desk's key is not the one in use",
        "ヘッド（{head}行目）に監査鍵の封印がありません。プログラムの外で動かされたか（行の削除、"
        "または書き換えとハッシュの再計算）、この端末の鍵が使用中の鍵と異なります",
    ),
    "audit.rewound": (
        "the chain ends at row {row}, but the anchor of {made} holds it up to row {anchored}: its newest"
        " rows were deleted and an older head put back",
        "チェーンは{row}行目で終わっていますが、{made}のアンカーでは{anchored}行目まであります。"
        "新しい行が削除され、古いヘッドが戻されています",
    ),
    "audit.rewritten": (
        "row {anchored} is not the one the anchor of {made} holds: the chain was rewritten",
        "{anchored}行目が{made}のアンカーの記録と異なります。チェーンが書き換えられています",
    ),
    "audit.run_not_on_record": (
        "tombstones name retention run {run}, which is not on record",
        "削除済み行の控えが、記録のない保存期間の削除 {run} を指しています",
    ),
    "audit.run_miscounted": (
        "retention run {run} deleted {recorded} {chain} rows, but {tombstones} tombstones name it",
        "保存期間の削除 {run} は{chain}を{recorded}行削除しましたが、それを指す控えは{tombstones}件です",
    ),
    "audit.verify.intact": (
        "{chain}: intact, {rows:,} rows checked",
        "{chain}: 異常なし（{rows:,}行を確認）",
    ),
    "audit.verify.broken": (
        "{chain}: BROKEN: {problem} ({rows:,} rows checked before it)",
        "{chain}: 破損: {problem}（その前の{rows:,}行を確認）",
    ),
    "audit.verify.cases_intact": (
        "cases: intact, {cases:,} cases checked against their events",
        "案件: 異常なし（{cases:,}件をイベントと照合）",
    ),
    "audit.verify.cases_broken": ("cases: BROKEN: {problem}", "案件: 破損: {problem}"),
    "audit.verify.cases_broken_more": (
        "cases: BROKEN: {problem} (and {more:,} more)",
        "案件: 破損: {problem}（ほかに{more:,}件）",
    ),
    "audit.verify.anchor_holds": (
        "anchor: every chain still holds what the anchor of {made} recorded",
        "アンカー: すべてのチェーンが、{made}のアンカーの記録を保っています",
    ),
    "audit.verify.chain_broken": ("audit chain broken: {problem}", "監査証跡が壊れています: {problem}"),
    "audit.anchor.missing": ("{path}: no such anchor file", "{path}: アンカーファイルがありません"),
    "audit.anchor.unreadable": (
        "{path}: the anchor cannot be read ({reason})",
        "{path}: アンカーを読み込めません（{reason}）",
    ),
    "audit.anchor.not_json": (
        "{path}: not an anchor file (not JSON)",
        "{path}: アンカーファイルではありません（中身を読み取れません）",
    ),
    "audit.anchor.other_format": (
        "{path}: an anchor of another format ({format})",
        "{path}: 形式の異なるアンカーです（{format}）",
    ),
    "audit.anchor.malformed": (
        "{path}: not an anchor file (fields missing or malformed)",
        "{path}: アンカーファイルではありません（項目が欠けているか、形式が正しくありません）",
    ),
    "audit.anchor.mac_mismatch": (
        "{path}: the anchor's MAC does not match this desk's audit key: it was changed, or made with"
        " another key",
        "{path}: アンカーの認証符号がこの端末の監査鍵と一致しません。変更されたか、別の鍵で作られています",
    ),
    # --- a case row replayed from its events --------------------------------------------------------------
    "replay.never_opened": (
        "event {event} moves a case that was never opened",
        "イベント {event} が、開始されていない案件を動かしています",
    ),
    "replay.moved_from": (
        "event {event} moves it from {source:code}, but its events left it {state:code}",
        "イベント {event} は「{source}」から動かしていますが、それまでのイベントでは「{state}」です",
    ),
    "replay.no_opening": ("has no opening event", "開始のイベントがありません"),
    "replay.state": (
        "is {state:code}, but its events leave it {replayed:code}",
        "「{state}」ですが、イベントでは「{replayed}」です",
    ),
    "replay.closed_but_open": (
        "has a closing time, but its events leave it open",
        "終了日時がありますが、イベントでは終了していません",
    ),
    "replay.closing_time": (
        "its closing time is not when its events closed it",
        "終了日時が、イベントで終了した時刻と異なります",
    ),
    "replay.proposal_unmade": (
        "holds a proposal its events never made",
        "イベントにない承認申請があります",
    ),
    "replay.proposal_gone": (
        "awaits approval, but its proposal is gone",
        "承認待ちですが、承認申請が消えています",
    ),
    "replay.proposal_differs": (
        "its proposal is not the one its events made (proposer, kind or answer)",
        "承認申請がイベントの内容と異なります（申請者、種類または回答）",
    ),
    "replay.decision_count": (
        "holds {kept} decisions, but its events made {made}",
        "決定が{kept}件ありますが、イベントでは{made}件です",
    ),
    "replay.decision_differs": (
        "decision {number} is not the one its events made (who, outcome or answer)",
        "{number}件目の決定がイベントの内容と異なります（決定者、結果または回答）",
    ),
    "replay.identity_unmade": (
        "says the caller was verified, but no identity check of its events passed",
        "本人確認済みとなっていますが、イベントに本人確認の合格がありません",
    ),
    "replay.identity_gone": (
        "its events verified the caller, but the row has no identity",
        "イベントでは本人確認済みですが、案件に本人確認の記録がありません",
    ),
    "replay.identity_differs": (
        "its identity is not the check its events passed (method or agent)",
        "本人確認の記録がイベントの確認と異なります（方法または担当者）",
    ),
    "replay.erasure_unmade": ("holds an erasure its events never made", "イベントにない消去の記録があります"),
    "replay.erasure_gone": ("its erasure is gone", "消去の記録が消えています"),
    "replay.erasure_differs": (
        "its erasure is not the one its events made (agent or customer)",
        "消去の記録がイベントの内容と異なります（担当者または顧客）",
    ),
    "replay.administrative_unmade": (
        "is marked administrative, but its events never took it straight to work",
        "職権による訂正となっていますが、イベントでは直接対応に進んでいません",
    ),
    "replay.administrative_gone": (
        "its events took it to work unverified, but it is not marked administrative",
        "イベントでは本人確認なしで対応に進んでいますが、職権による訂正となっていません",
    ),
    "replay.row_gone": (
        "its row is gone, but {count} of its events remain",
        "案件の行がありませんが、イベントが{count}件残っています",
    ),
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
