"""What the demo's cases say: their summaries, what staff write while working them, what callers report."""

from __future__ import annotations

CASE_SUMMARIES = {
    "disclosure": (
        "保有個人データの開示請求（郵送での回答を希望）",
        "登録内容と購入履歴の開示請求",
        "開示請求",
    ),
    "provision_disclosure": (
        "第三者提供記録の開示請求",
        "提供先と提供内容の開示を希望",
        "第三者提供記録の確認",
    ),
    "correction": ("転居による住所の訂正", "電話番号の変更", "氏名の表記の訂正（旧字体）", "郵便番号の訂正"),
    "suspension": (
        "カタログの送付停止",
        "ダイレクトメールの送付停止",
        "メールマガジンの配信停止",
        "カタログ・DMすべて停止",
    ),
    "stop_provision": (
        "第三者提供の停止（同意の撤回）",
        "特定の提供先への提供の停止を希望",
        "他社への情報提供をやめてほしいとの申し出",
    ),
    "purposes_notice": (
        "利用目的の通知を希望",
        "個人情報を何に使っているか書面で知りたいとの申し出",
        "利用目的の確認（郵送での通知）",
    ),
    "foreign_transfer": (
        "外国にある第三者への提供に関する情報を希望",
        "海外の提供先と各国の制度を知りたいとの申し出",
    ),
    "joint_use": (
        "グループ会社との共同利用について質問",
        "共同利用する会社と項目を知りたいとの問い合わせ",
    ),
    "leak_inquiry": (
        "漏えい等の事案についての問い合わせ",
        "情報流出の報道を見て自分の情報が心配との電話",
        "お知らせの内容について詳しく知りたいとの問い合わせ",
    ),
    "deletion": ("個人情報の削除請求", "退会と登録情報の削除を希望", "亡くなった家族の登録情報の削除"),
    "complaint": (
        "カタログの送付停止後も届いたとの苦情",
        "電話での案内が長いとの苦情",
        "開示の回答が遅いとの苦情",
    ),
    # One per way a report comes in: a text message, a call, a letter, an e-mail.
    "suspicious_report": (
        "当社を名乗る不審なSMSの報告",
        "当社を名乗る不審な電話の報告",
        "当選を装う不審な郵便の報告",
        "当社を名乗る不審なメールの報告",
    ),
}

# Senders impersonated in reports; the URLs use the reserved .example and .test domains.
SUSPICIOUS_SENDERS = (
    ("ジャパン通販お客様センター", "https://jp-tsuhan-support.example/login"),
    ("通販事務局 当選係", "https://present-jimukyoku.example/"),
    ("配送センター 不在通知", "https://redelivery-check.test/"),
    ("お支払い確認窓口", "https://payment-confirm.example/verify"),
)

# What the desk's staff write while working a demo case.
IDENTITY_DOCUMENTS = (
    "運転免許証の写し",
    "健康保険証の写し",
    "マイナンバーカード（表面）の写し",
    "パスポートの写し",
)
# A refusal letter's explanation by ground (desk_app/domain/refusal_grounds.py), and the internal note.
REFUSAL_TEXTS = {
    "harm_to_person": ("開示することにより、第三者の権利利益を害するおそれがあるため。",),
    "business_interference": (
        "ご請求の範囲の記録の開示が、当社業務の適正な実施に著しい支障を及ぼすおそれがあるため。",
    ),
    "violation_of_law": ("開示することが、他の法令に違反することとなるため。",),
    "identity_unconfirmed": (
        "ご本人確認書類のご提出がなく、ご本人であることを確認できなかったため。",
        "ご登録のお電話番号への折り返しでご本人確認ができなかったため。",
    ),
    "other": ("ご登録の内容が事実と相違ないことを確認いたしましたため。",),
    "difficult_with_alternative": (
        "お客様の情報は、ご購入商品の法定保証期間中の修理受付に用いる基幹システムと一体で管理しており、"
        "保証期間の満了前に消去するには、同システムの改修に多額の費用を要するためです。",
    ),
    "ground_not_met": ("社内の取扱い記録を確認いたしましたが、お申し出の事実は確認できませんでした。",),
    "purposes_clear": (
        "お客様の個人情報の利用目的は、同封の個人情報保護方針（当社ウェブサイトにも掲載）に記載のとおりです。",
    ),
    "notice_harms_person": ("利用目的をお知らせすることにより、第三者の権利利益を害するおそれがあるため。",),
    "notice_harms_company": ("不正利用の調査に関わる利用目的を含み、お知らせできないため。",),
    "notice_hinders_authorities": ("捜査機関へのご協力に関わる利用目的を含み、お知らせできないため。",),
}
# What the desk does instead when a refusal rests on the proviso of APPI Art. 35(2) or (6).
ALTERNATIVE_MEASURES = (
    "保証期間が満了するまでの間、お客様の情報は修理受付の目的以外には一切利用せず、カタログ・ダイレクトメール等"
    "のご案内を停止いたしました。保証期間の満了後、速やかに消去いたします。",
)
# Why callers ask for a suspension or deletion (SuspensionGround values), the commonest first.
SUSPENSION_GROUNDS = (
    ("customer_wish", 85),
    ("no_longer_needed", 6),
    ("rights_at_risk", 3),
    ("beyond_purpose", 3),
    ("leak", 1),
    ("improper_use", 1),
    ("improper_acquisition", 1),
)
# Why callers ask to stop third-party provision (ProvisionStopGround values), the commonest first.
PROVISION_STOP_GROUNDS = (
    ("consent_withdrawn", 80),
    ("no_longer_needed", 8),
    ("rights_at_risk", 6),
    ("without_consent", 4),
    ("leak", 2),
)
REFUSAL_NOTES = ("上長と協議済み", "記録を確認のうえ提案", "本人確認の経緯は通話記録を参照")
APPROVAL_NOTES = ("理由を確認し承認", "記録を確認済み、承認します", "本人確認の経緯を確認し承認")
WITHDRAWAL_REASONS = (
    "お客様から取り下げのお申し出",
    "ご家族と相談のうえ不要となったとのこと",
    "重複したお申し出のため",
)
FEE_WAIVER_REASONS = ("当社の誤りによる再送付のため", "災害救助法の適用地域にお住まいのため")
FEE_METHODS = ("郵便定額小為替", "銀行振込", "現金書留")
# (ComplaintCategory value, what the caller said, the answer given)
COMPLAINTS = (
    (
        "unwanted_mailings",
        "停止を依頼したのにカタログが届いた",
        "停止の反映前に発送済みだった旨をお詫びし説明",
    ),
    ("staff_conduct", "電話対応の言葉づかいが不快だった", "お詫びし、担当者への指導をお約束"),
    ("request_handling", "開示の回答が遅い", "処理状況をご説明し、回答予定日をお伝え"),
    ("wrong_data", "登録住所が古いままだった", "訂正の手続きをご案内"),
    ("leak_or_misuse", "自分の情報が他社に渡っていないか不安", "第三者提供の記録の開示をご案内"),
)
REPORT_DETAILS = (
    "当社名で未払い料金があるとの連絡。支払いはしていない",
    "当選したので手数料を払うよう求められた",
    "荷物の不在通知を装うメッセージでURLが記載されていた",
    "会員情報の確認と称してカード番号を聞かれた",
)

# Why a demo case's clock was paused and what let it run again, by what the desk waited for.
PAUSE_NOTES = {
    "documents": ("本人確認書類の到着待ち", "住所を確認できる書類の送付をお願い済み"),
    "confirmation": ("ご請求の範囲をご本人に確認中（折り返し待ち）", "ご家族からの申出のためご本人へ確認中"),
}
RESUME_NOTES = {
    "documents": ("書類が到着", "書類を確認済み"),
    "confirmation": ("ご本人と電話で確認済み", "ご本人から折り返しあり"),
}
