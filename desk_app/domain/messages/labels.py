"""The core's enumerations and record fields in words, English and Japanese: one table for every screen."""

from __future__ import annotations

import enum
from functools import cache

from desk_app.domain.enums import (
    CallState,
    CaseKind,
    CaseState,
    ClockPaused,
    ComplaintCategory,
    CustomerState,
    Delivery,
    DeliveryAddress,
    DeliveryObstacle,
    FeeStatus,
    LetterKind,
    OrderChannel,
    PauseReason,
    PhoneKind,
    Proposal,
    ProvisionBasis,
    ProvisionStopGround,
    RefusalGround,
    ReportChannel,
    RequestChannel,
    SearchKind,
    SourceState,
    SuspensionGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.incidents import LeakCategory, ReportKind
from desk_app.domain.messages.language import JAPANESE, Language
from desk_app.domain.proxies import PersonConfirmation, ProxyDocument, ProxyKind

Words = tuple[str, str]  # (English, Japanese)


@cache
def enum_labels() -> dict[type[enum.Enum], dict[enum.Enum, Words]]:
    """Every enumeration a person reads, by member (keyed by class: `StrEnum`s of equal value differ)."""
    return {
        PhoneKind: {
            PhoneKind.HOME: ("Home", "自宅"),
            PhoneKind.MOBILE: ("Mobile", "携帯"),
            PhoneKind.WORK: ("Work", "勤務先"),
        },
        CallState: {
            CallState.RINGING: ("Ringing", "呼出中"),
            CallState.ANSWERED: ("On the line", "通話中"),
            CallState.ENDED: ("Ended", "終了"),
            CallState.MISSED: ("Missed", "不在"),
        },
        SourceState: {
            SourceState.STARTING: ("starting", "起動中"),
            SourceState.CONNECTED: ("connected", "接続済み"),
            SourceState.LISTENING: ("listening", "待受中"),
            SourceState.DISCONNECTED: ("disconnected, retrying", "切断・再試行中"),
            SourceState.STOPPED: ("stopped", "停止"),
            SourceState.FAILED: ("failed", "失敗"),
        },
        OrderChannel: {
            OrderChannel.TV: ("TV", "テレビ"),
            OrderChannel.CATALOGUE: ("Catalogue", "カタログ"),
            OrderChannel.WEB: ("Web", "ウェブ"),
            OrderChannel.PHONE: ("Phone", "電話"),
        },
        ProvisionBasis: {
            ProvisionBasis.CONSENT: ("Consent", "本人同意"),
            ProvisionBasis.ENTRUSTMENT: ("Entrustment", "委託"),
            ProvisionBasis.LAW: ("Required by law", "法令に基づく"),
        },
        CaseKind: {
            CaseKind.DISCLOSURE: ("Disclosure", "開示"),
            CaseKind.PROVISION_DISCLOSURE: ("Provision records", "第三者提供記録の開示"),
            CaseKind.CORRECTION: ("Correction", "訂正等"),
            CaseKind.SUSPENSION: ("Suspension of use", "利用停止"),
            CaseKind.DELETION: ("Deletion", "消去"),
            CaseKind.COMPLAINT: ("Complaint", "苦情"),
            CaseKind.SUSPICIOUS_REPORT: ("Suspicious contact", "不審な連絡"),
            CaseKind.STOP_PROVISION: ("Stop provision", "第三者提供の停止"),
            CaseKind.PURPOSES_NOTICE: ("Purposes of use", "利用目的の通知"),
            CaseKind.FOREIGN_TRANSFER: ("Foreign transfer", "外国への提供"),
            CaseKind.JOINT_USE: ("Joint use", "共同利用"),
            CaseKind.LEAK_INQUIRY: ("Leak inquiry", "漏えい等のお問い合わせ"),
        },
        LetterKind: {
            LetterKind.DISCLOSURE: ("Disclosure", "開示"),
            LetterKind.PROVISION_RECORDS: ("Provision records", "第三者提供記録"),
            LetterKind.CORRECTION_COMPLETED: ("Correction completed", "訂正完了"),
            LetterKind.MAILING_STOPPED: ("Mailing stopped", "送付停止"),
            LetterKind.DELETION_COMPLETED: ("Deletion completed", "消去完了"),
            LetterKind.REFUSAL: ("Refusal", "拒否通知"),
            LetterKind.NO_DATA_HELD: ("No personal data held", "保有個人データなし"),
            LetterKind.FEE_PAYMENT_NOTICE: ("Fee-payment notice", "手数料のご案内"),
            LetterKind.PROVISION_STOPPED: ("Provision stopped", "第三者提供停止"),
            LetterKind.PURPOSES_NOTICE: ("Purposes of use", "利用目的の通知"),
            LetterKind.LEAK_NOTICE: ("Leak notice", "漏えい等のお知らせ"),
            LetterKind.FOREIGN_TRANSFER_INFO: ("Foreign transfer", "外国への提供に関する情報"),
        },
        RefusalGround: {
            RefusalGround.HARM_TO_PERSON: (
                "Harm to the life, body, property or other rights of the person or others (Art. 33(2)(i))",
                "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ（第33条第2項第1号）",
            ),
            RefusalGround.BUSINESS_INTERFERENCE: (
                "Serious interference with the proper conduct of our business (Art. 33(2)(ii))",
                "当社の業務の適正な実施に著しい支障を及ぼすおそれ（第33条第2項第2号）",
            ),
            RefusalGround.VIOLATION_OF_LAW: (
                "Disclosing would violate another law (Art. 33(2)(iii))",
                "他の法令に違反することとなる（第33条第2項第3号）",
            ),
            RefusalGround.IDENTITY_UNCONFIRMED: (
                "The caller's identity could not be confirmed",
                "ご本人であることを確認できなかった",
            ),
            RefusalGround.OTHER: ("Another reason, explained in the text", "その他（説明文に記載）"),
            RefusalGround.DIFFICULT_WITH_ALTERNATIVE: (
                "A large cost or otherwise difficult, and an alternative measure is taken "
                "(Art. 35(2), (4), (6) provisos)",
                "多額の費用を要する等の困難があり、代わりの措置をとる（第35条第2項・第4項・第6項ただし書）",
            ),
            RefusalGround.GROUND_NOT_MET: (
                "The ground given does not apply: no violation found, or still needed (Art. 35(1), (5))",
                "申出の理由に当たらない（違反の事実なし・引き続き必要）（第35条第1項・第5項）",
            ),
            RefusalGround.PURPOSES_CLEAR: (
                "The purposes are already clear from what is published (Art. 32(2)(i))",
                "利用目的が公表等により明らか（第32条第2項第1号）",
            ),
            RefusalGround.NOTICE_HARMS_PERSON: (
                "A notice would harm the person or others (Art. 21(4)(i))",
                "通知により本人又は第三者の権利利益を害するおそれ（第21条第4項第1号）",
            ),
            RefusalGround.NOTICE_HARMS_COMPANY: (
                "A notice would harm the company's rights or interests (Art. 21(4)(ii))",
                "通知により当社の権利又は正当な利益を害するおそれ（第21条第4項第2号）",
            ),
            RefusalGround.NOTICE_HINDERS_AUTHORITIES: (
                "A notice would hinder a public body's work under a law (Art. 21(4)(iii))",
                "国の機関等の法令に定める事務の遂行に支障を及ぼすおそれ（第21条第4項第3号）",
            ),
        },
        SuspensionGround: {
            SuspensionGround.BEYOND_PURPOSE: (
                "Used beyond the purposes without consent (Art. 35(1), Art. 18)",
                "利用目的の範囲を超えた取扱い（第35条第1項・第18条）",
            ),
            SuspensionGround.IMPROPER_USE: (
                "Used improperly (Art. 35(1), Art. 19)",
                "不適正な利用（第35条第1項・第19条）",
            ),
            SuspensionGround.IMPROPER_ACQUISITION: (
                "Acquired improperly (Art. 35(1), Art. 20)",
                "不正な手段による取得（第35条第1項・第20条）",
            ),
            SuspensionGround.NO_LONGER_NEEDED: (
                "No longer needed by the company (Art. 35(5))",
                "当社が利用する必要がなくなった（第35条第5項）",
            ),
            SuspensionGround.LEAK: (
                "A leak to be reported (Art. 35(5), Art. 26(1))",
                "報告対象の漏えい等（第35条第5項・第26条第1項）",
            ),
            SuspensionGround.RIGHTS_AT_RISK: (
                "Harm to the customer's rights or legitimate interests (Art. 35(5))",
                "権利又は正当な利益が害されるおそれ（第35条第5項）",
            ),
            SuspensionGround.CUSTOMER_WISH: (
                "No legal ground given: the customer's wish",
                "法律上の理由の申出なし（お客様のご希望）",
            ),
        },
        ProvisionStopGround: {
            ProvisionStopGround.CONSENT_WITHDRAWN: (
                "The customer withdraws their consent",
                "お客様のご希望（同意の撤回）",
            ),
            ProvisionStopGround.WITHOUT_CONSENT: (
                "Provided without consent (Art. 35(3))",
                "同意のない第三者提供（第35条第3項）",
            ),
            ProvisionStopGround.NO_LONGER_NEEDED: (
                "No longer needed by the company (Art. 35(5))",
                "当社が利用する必要がなくなった（第35条第5項）",
            ),
            ProvisionStopGround.LEAK: (
                "A leak or other incident (Art. 35(5))",
                "漏えい等の事案（第35条第5項）",
            ),
            ProvisionStopGround.RIGHTS_AT_RISK: (
                "Harm to the customer's rights or legitimate interests (Art. 35(5))",
                "権利又は正当な利益が害されるおそれ（第35条第5項）",
            ),
        },
        CaseState: {
            CaseState.RECEIVED: ("Received", "受付"),
            CaseState.IDENTITY_PENDING: ("Identity pending", "本人確認待ち"),
            CaseState.IDENTITY_VERIFIED: ("Identity verified", "本人確認済み"),
            CaseState.FEE_PENDING: ("Fee pending", "手数料待ち"),
            CaseState.FEE_RECEIVED: ("Fee received", "手数料受領"),
            CaseState.IN_PROGRESS: ("In progress", "対応中"),
            CaseState.AWAITING_APPROVAL: ("Awaiting approval", "承認待ち"),
            CaseState.COMPLETED: ("Completed", "完了"),
            CaseState.REFUSED: ("Refused", "拒否"),
            CaseState.WITHDRAWN: ("Withdrawn", "取下げ"),
        },
        SearchKind: {
            SearchKind.PHONE: ("phone number", "電話番号"),
            SearchKind.CUSTOMER_NO: ("customer number", "顧客番号"),
            SearchKind.POSTAL_CODE: ("postal code", "郵便番号"),
            SearchKind.KANA: ("kana", "カナ"),
            SearchKind.NAME: ("name", "氏名"),
            SearchKind.EMPTY: ("", ""),
        },
        ComplaintCategory: {
            ComplaintCategory.UNWANTED_MAILINGS: (
                "Unwanted catalogues, mail or contact",
                "不要なカタログ・郵便物・連絡",
            ),
            ComplaintCategory.WRONG_DATA: ("Wrong registered details", "登録内容の誤り"),
            ComplaintCategory.LEAK_OR_MISUSE: ("Suspected leak or misuse", "漏えい・不正利用の疑い"),
            ComplaintCategory.REQUEST_HANDLING: ("How a request was handled", "請求への対応"),
            ComplaintCategory.STAFF_CONDUCT: ("Staff conduct", "従業員の対応"),
            ComplaintCategory.OTHER: ("Other", "その他"),
        },
        ReportChannel: {
            ReportChannel.POST: ("Post", "郵便"),
            ReportChannel.PHONE: ("Phone", "電話"),
            ReportChannel.SMS: ("SMS", "SMS"),
            ReportChannel.EMAIL: ("E-mail", "メール"),
            ReportChannel.WEB: ("Website", "ウェブサイト"),
        },
        IdentityMethod: {
            IdentityMethod.CALLER_ID_AND_KNOWLEDGE: ("Caller ID and a question", "発信者番号と質問"),
            IdentityMethod.CALLBACK: ("Call back a registered number", "登録番号へのかけ直し"),
            IdentityMethod.DOCUMENTS: ("Documents by post", "郵送書類"),
        },
        FeeStatus: {
            FeeStatus.REQUESTED: ("requested", "請求"),
            FeeStatus.RECEIVED: ("received", "受領"),
            FeeStatus.WAIVED: ("waived", "免除"),
        },
        Delivery: {
            Delivery.LETTER: ("letter", "書面"),
            Delivery.ELECTRONIC: ("electronic record", "電磁的記録"),
        },
        DeliveryAddress: {
            DeliveryAddress.REGISTERED: ("registered e-mail address", "ご登録のメールアドレス"),
            DeliveryAddress.CONFIRMED: (
                "e-mail address confirmed in the identity check",
                "本人確認で確認したメールアドレス",
            ),
        },
        DeliveryObstacle: {
            DeliveryObstacle.NO_ADDRESS: (
                "no e-mail address registered or confirmed in the case",
                "登録または本人確認で確認したメールアドレスなし",
            ),
        },
        RequestChannel: {
            RequestChannel.PHONE: ("phone", "電話"),
            RequestChannel.POST: ("post", "郵送"),
        },
        Proposal: {
            Proposal.ERASURE: ("erasure", "消去"),
            Proposal.REFUSAL: ("refusal", "拒否"),
        },
        PauseReason: {
            PauseReason.FEE: ("the fee", "手数料"),
            PauseReason.DOCUMENTS: ("documents", "書類"),
            PauseReason.PROXY_PAPERS: ("a proxy's papers", "代理人の書類"),
            PauseReason.CONFIRMATION: ("confirmation with the person", "ご本人への確認"),
        },
        ClockPaused: {ClockPaused.PAUSED: ("paused", "一時停止中")},
        CustomerState: {
            CustomerState.ACTIVE: ("active", "有効"),
            CustomerState.DELETION_PENDING: ("deletion pending", "消去待ち"),
            CustomerState.ERASED: ("erased", "消去済み"),
        },
        **_proxy_labels(),
        **_incident_labels(),
    }


def _proxy_labels() -> dict[type[enum.Enum], dict[enum.Enum, Words]]:
    """Who asks for someone else, their papers and the person's answer."""
    return {
        ProxyKind: {
            ProxyKind.PARENT: ("parent of a minor", "親権者"),
            ProxyKind.GUARDIAN: ("adult guardian", "成年後見人"),
            ProxyKind.APPOINTED: ("appointed agent", "任意代理人"),
        },
        ProxyDocument: {
            ProxyDocument.FAMILY_REGISTER: ("family register", "戸籍謄本"),
            ProxyDocument.RESIDENCE_RECORD: ("residence record", "住民票"),
            ProxyDocument.GUARDIANSHIP_CERTIFICATE: ("certificate of registered matters", "登記事項証明書"),
            ProxyDocument.POWER_OF_ATTORNEY: ("power of attorney", "委任状"),
            ProxyDocument.SEAL_CERTIFICATE: ("certificate of seal registration", "印鑑登録証明書"),
        },
        PersonConfirmation: {
            PersonConfirmation.CALLBACK_CONFIRMED: ("confirmed on a callback", "折り返し電話で確認"),
            PersonConfirmation.LETTER_CONFIRMED: ("confirmed by letter", "書面の返信で確認"),
            PersonConfirmation.DENIED: ("denied by the person", "ご本人が否定"),
        },
    }


# The customer record's fields and a register's inputs as the core names them (corrections, mailings,
# register entries, action steps), with the words the agent reads.
FIELD_LABELS: dict[str, Words] = {
    "name": ("name", "氏名"),
    "name_kana": ("name in kana", "氏名カナ"),
    "postal_code": ("postal code", "郵便番号"),
    "prefecture": ("prefecture", "都道府県"),
    "city": ("city", "市区町村"),
    "street": ("street", "番地"),
    "building": ("building", "建物名"),
    "email": ("e-mail address", "メールアドレス"),
    "birth_date": ("date of birth", "生年月日"),
    "workplace_name": ("workplace", "勤務先名"),
    "workplace_phone": ("workplace phone", "勤務先電話番号"),
    "phone_home": ("home phone", "自宅電話"),
    "phone_mobile": ("mobile phone", "携帯電話"),
    "phone_work": ("work phone", "勤務先電話"),
    "catalogue": ("catalogue", "カタログ"),
    "direct_mail": ("direct mail", "ダイレクトメール"),
    "email_magazine": ("e-mail magazine", "メールマガジン"),
    "category": ("category", "分類"),
    "details": ("details", "内容"),
    "answer_given": ("answer given", "回答内容"),
    "answer": ("answer", "回答"),
    "callback_number": ("callback number", "折り返し先番号"),
    "note": ("note", "メモ"),
    "channel": ("channel", "経路"),
    "received_on": ("date received", "受領日"),
    "claimed_sender": ("claimed sender", "名乗った差出人"),
    "shown_number": ("number shown", "表示された番号"),
    "shown_url": ("web address shown", "表示されたURL"),
    "number": ("number", "番号"),
    "reason": ("reason", "理由"),
    "method": ("payment method", "支払方法"),
    "received": ("date received", "受領日"),
    "knowledge_item": ("question asked", "確認した質問"),
    "said": ("caller's answer", "お客様の回答"),
    "result": ("callback result", "かけ直しの結果"),
    "document_type": ("document", "書類"),
    "matched": ("what matched", "一致した項目"),
    "changes": ("changes", "変更内容"),
    "expected_row_version": ("record version", "記録の版"),
    "which": ("provision to stop", "停止する提供"),
    "recipient": ("recipient", "提供先"),
    "ground": ("ground", "理由"),
    # A leak incident's texts (the Commission's report form names the same items).
    "title": ("title", "件名"),
    "discovered_how": ("how it was discovered", "発覚の経緯"),
    "what_happened": ("account of what happened", "概要"),
    "items": ("items of personal data", "漏えい等した個人データの項目"),
    "cause": ("cause", "原因"),
    "measures": ("measures", "再発防止のための措置"),
    "secondary_harm": ("possible secondary harm", "二次被害又はそのおそれ"),
    "customer_guidance": ("guidance for customers", "お客様が取り得る措置"),
    "publication": ("public announcement", "公表の方法"),
}


def enum_label(member: enum.Enum, language: Language) -> str:
    """`member` in words; a member without words (never shipped: a test checks) as its value."""
    words = enum_labels().get(type(member), {}).get(member)
    if words is None:
        return str(member.value)
    return words[1] if language == JAPANESE else words[0]


def field_label(name: str, language: Language) -> str:
    words = FIELD_LABELS.get(name)
    if words is None:
        return name
    return words[1] if language == JAPANESE else words[0]


def _incident_labels() -> dict[type[enum.Enum], dict[enum.Enum, Words]]:
    """A leak incident's reportable categories (Enforcement Rules Art. 7) and its reports."""
    return {
        LeakCategory: {
            LeakCategory.SPECIAL_CARE: ("special-care personal information", "要配慮個人情報"),
            LeakCategory.FINANCIAL_LOSS: ("misuse could cause financial loss", "財産的被害のおそれ"),
            LeakCategory.IMPROPER_PURPOSE: ("by an improper purpose", "不正の目的によるおそれ"),
            LeakCategory.OVER_THOUSAND: ("more than 1,000 people", "1,000人超"),
        },
        ReportKind: {
            ReportKind.PRELIMINARY: ("preliminary report", "速報"),
            ReportKind.FINAL: ("final report", "確報"),
        },
    }
