"""One letter of every kind, made up: for the letter tests, the benchmark and a look at the pages."""

from __future__ import annotations

import dataclasses
import datetime as dt

from desk_app.domain.enums import (
    CaseKind,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
    ProvisionStopGround,
    RefusalGround,
    SuspensionGround,
)
from desk_app.letters.content import (
    Correction,
    CorrectionCompletedLetter,
    DeletionCompletedLetter,
    DisclosureLetter,
    FeePaymentNoticeLetter,
    FeeReceived,
    ForeignRecipientCountry,
    ForeignTransferLetter,
    HeldPhone,
    LeakNoticeLetter,
    LetterContent,
    Mailing,
    MailingPreference,
    MailingStoppedLetter,
    NoDataHeldLetter,
    OrderEntry,
    OrderItem,
    ProvisionEntry,
    ProvisionRecordsLetter,
    ProvisionStoppedLetter,
    PurposesNoticeLetter,
    Recipient,
    RefusalLetter,
    RefusalScope,
    SearchedDetail,
)
from desk_app.published_policy import ForeignTransfer, PurposesOfUse

RECIPIENT = Recipient(
    name="山田 花子",
    postal_code="1500001",
    address_lines=("東京都渋谷区神宮前1丁目2番3号", "グリーンハイツ神宮前405号室"),
)
COMMON = {
    "recipient": RECIPIENT,
    "case_no": "2026-000123",
    "dated": dt.date(2026, 11, 26),
    "requested_on": dt.date(2026, 11, 10),
}
PRODUCTS = (
    "ドラム式洗濯乾燥機 ND-8000",
    "4Kテレビ 55型",
    "羽毛掛け布団（シングル）",
    "電動アシスト自転車",
    "コードレス掃除機 スティック型",
    "空気清浄機 加湿機能付き",
    "電気圧力鍋 3.0L",
    "マッサージチェア",
)
CHANNELS = tuple(OrderChannel)


def orders(count: int) -> tuple[OrderEntry, ...]:
    """`count` orders, one to three lines each, newest first, numbered M2026xxxxxx."""
    entries = []
    for n in range(count):
        lines = tuple(
            OrderItem(product_name=PRODUCTS[(n + k) % len(PRODUCTS)], quantity=1 + (n + k) % 2)
            for k in range(1 + n % 2)
        )
        entries.append(
            OrderEntry(
                order_no=f"M2026{900000 - n * 137:06d}",
                ordered_on=dt.date(2026, 11, 1) - dt.timedelta(days=n * 23),
                channel=CHANNELS[n % len(CHANNELS)],
                items=lines,
                amount_yen=9_800 + n * 1_370,
            )
        )
    return tuple(entries)


def disclosure(
    *, order_count: int = 60, birth_date: dt.date | None = None, shopping_credit: bool = False
) -> DisclosureLetter:
    return DisclosureLetter(
        **COMMON,
        customer_no="80000123",
        name="山田 花子",
        name_kana="ヤマダ ハナコ",
        postal_code="1500001",
        address="東京都渋谷区神宮前1丁目2番3号 グリーンハイツ神宮前405号室",
        phones=(
            HeldPhone(kind=PhoneKind.HOME, number="03-1234-5678"),
            HeldPhone(kind=PhoneKind.MOBILE, number="090-1234-5678"),
        ),
        email="hanako.yamada@example.jp",
        birth_date=birth_date,
        mailings=(
            MailingPreference(mailing=Mailing.CATALOGUE, receives=True, changed_on=None),
            MailingPreference(mailing=Mailing.DIRECT_MAIL, receives=False, changed_on=dt.date(2025, 9, 30)),
            MailingPreference(mailing=Mailing.EMAIL_MAGAZINE, receives=True, changed_on=dt.date(2026, 2, 1)),
        ),
        orders=orders(order_count),
        shopping_credit=shopping_credit,
        # Held (say from an old application) even where credit is not used: the letter must not print it.
        workplace_name="株式会社さくら精機 渋谷営業所",
        workplace_phone="03-9876-5432",
        fee=FeeReceived(amount_yen=404, received_on=dt.date(2026, 11, 18), method="郵便定額小為替"),
    )


def leak_notice(**changes: str) -> LeakNoticeLetter:
    """A notice of a leak at a delivery contractor, as an incident of the register records it."""
    fields: dict[str, str] = {
        "title": "配送委託先のサーバーへの不正アクセスによるお客様情報の漏えいのおそれ",
        "what_happened": (
            "2026年11月5日、当社が商品の配送を委託している株式会社みなと物流（以下「委託先」）のサーバーに、"
            "外部の第三者による不正アクセスがあったことが判明いたしました。\n"
            "委託先の調査により、2026年10月28日から11月4日までの間に、配送のためにお預けしていた"
            "お客様の情報が閲覧され、外部に送信されたおそれがあることを確認いたしました。"
        ),
        "items": "・お名前\n・ご住所（郵便番号を含みます）\n・お電話番号\n・ご注文の商品名とお届け予定日",
        "cause": (
            "委託先が利用する配送管理システムの脆弱性を突かれ、管理者の認証情報が不正に取得されたことによる"
            "ものです。"
        ),
        "measures": (
            "・委託先は、不正アクセスの判明後直ちに当該サーバーをネットワークから切り離し、認証情報を"
            "すべて変更いたしました。\n"
            "・当社は、2026年11月6日に個人情報保護委員会へ報告し、警察に相談しております。\n"
            "・委託先の安全管理措置を改めて点検し、外部の専門機関による監査を実施いたします。"
        ),
        "secondary_harm": (
            "現時点で、お客様の情報が不正に利用されたとの事実は確認されておりません。ただし、当社や"
            "配送業者を装った不審なお電話や郵便物、電子メールが届くおそれがございます。"
        ),
        "customer_guidance": (
            "当社及び委託先が、お電話や電子メールでクレジットカード番号や暗証番号をお尋ねすることはございません。"
        ),
    }
    fields.update(changes)
    return LeakNoticeLetter(
        recipient=RECIPIENT, incident_no="2026-L001", dated=dt.date(2026, 11, 26), **fields
    )


def every_kind() -> dict[str, LetterContent]:
    """One letter of each kind, keyed by its `LetterKind` value (and two variants of the disclosure)."""
    letters: dict[str, LetterContent] = {
        "disclosure": disclosure(birth_date=dt.date(1968, 4, 2), shopping_credit=True),
        "provision_records": ProvisionRecordsLetter(
            **COMMON,
            records=(
                ProvisionEntry(
                    provided_on=dt.date(2025, 6, 3),
                    recipient_name="株式会社ひかりクレジット",
                    recipient_address="東京都千代田区丸の内9-9-9",
                    recipient_representative="佐藤 一郎",
                    items_provided="氏名、住所、電話番号、生年月日、お勤め先",
                    purpose="ショッピングクレジットの与信審査",
                    basis=ProvisionBasis.CONSENT,
                ),
                ProvisionEntry(
                    provided_on=dt.date(2026, 2, 14),
                    recipient_name="家電メーカー株式会社 お客様相談室",
                    recipient_address="大阪府大阪市北区梅田8-8-8",
                    recipient_representative="鈴木 次郎",
                    items_provided="氏名、住所、電話番号、ご購入商品",
                    purpose="製品のリコールに関するご連絡",
                    basis=ProvisionBasis.LAW,
                ),
            ),
        ),
        "correction_completed": CorrectionCompletedLetter(
            **COMMON,
            corrections=(
                Correction(
                    field_label="ご住所（建物名）",
                    before="グリーンハイツ405",
                    after="グリーンハイツ神宮前405号室",
                ),
                Correction(field_label="電話番号（携帯）", before=None, after="090-1234-5678"),
            ),
            completed_on=dt.date(2026, 11, 20),
        ),
        "mailing_stopped": MailingStoppedLetter(
            **COMMON, mailings=(Mailing.CATALOGUE, Mailing.DIRECT_MAIL), effective_on=dt.date(2026, 11, 12)
        ),
        "deletion_completed": DeletionCompletedLetter(**COMMON, deleted_on=dt.date(2026, 11, 24)),
        "refusal": RefusalLetter(
            **COMMON,
            request=CaseKind.DISCLOSURE,
            scope=RefusalScope.PARTIAL,
            refused_items=("通話録音の内容",),
            ground=RefusalGround.HARM_TO_PERSON,
            reasons=("通話録音には当社従業員の個人情報が含まれております。",),
        ),
        "fee_payment_notice": FeePaymentNoticeLetter(
            **COMMON, request=CaseKind.DISCLOSURE, amount_yen=404, pay_by=dt.date(2026, 12, 4)
        ),
        "no_data_held": NoDataHeldLetter(
            **COMMON,
            request=CaseKind.DISCLOSURE,
            searched=(
                SearchedDetail(label="お名前", value="山田 花子"),
                SearchedDetail(label="ご住所", value="〒150-0001 東京都渋谷区神宮前1丁目2番3号"),
                SearchedDetail(label="電話番号", value="03-1234-5678"),
            ),
        ),
    }
    letters["refusal_full"] = RefusalLetter(
        **COMMON,
        request=CaseKind.DELETION,
        scope=RefusalScope.FULL,
        ground=RefusalGround.OTHER,
        reasons=(
            "ショッピングクレジットのお支払いが完了しておらず、契約の履行に必要な情報であるため。",
            "法令により一定期間の保存が義務付けられている取引の記録を含むため。",
        ),
    )
    letters["refusal_exception"] = RefusalLetter(
        **COMMON,
        request=CaseKind.DELETION,
        scope=RefusalScope.FULL,
        ground=RefusalGround.DIFFICULT_WITH_ALTERNATIVE,
        asked_on=SuspensionGround.NO_LONGER_NEEDED,
        reasons=(
            "お客様の情報は、ご購入商品の法定保証期間中の修理受付に用いる基幹システムと一体で管理しており、"
            "保証期間の満了前に消去するには、同システムの改修に多額の費用を要するためです。",
        ),
        alternative=(
            "保証期間が満了するまでの間、お客様の情報は修理受付の目的以外には一切利用せず、カタログ・"
            "ダイレクトメール等のご案内を停止いたしました。保証期間の満了後、速やかに消去いたします。"
        ),
    )
    letters["provision_stopped"] = ProvisionStoppedLetter(
        **COMMON,
        all_not_required=False,
        recipients=("株式会社ひかりクレジット",),
        ground=ProvisionStopGround.CONSENT_WITHDRAWN,
        stopped_on=dt.date(2026, 11, 20),
    )
    letters["provision_stopped_all"] = ProvisionStoppedLetter(
        **COMMON,
        all_not_required=True,
        ground=ProvisionStopGround.RIGHTS_AT_RISK,
        stopped_on=dt.date(2026, 11, 21),
    )
    letters["purposes_notice"] = PurposesNoticeLetter(
        **COMMON, purposes=PurposesOfUse().items, version=1, fee=None
    )
    letters["purposes_notice_paid"] = PurposesNoticeLetter(
        **COMMON,
        purposes=("ご注文いただいた商品のお届けのため", "ご本人確認のため"),
        version=3,
        fee=FeeReceived(amount_yen=404, received_on=dt.date(2026, 11, 18), method="郵便定額小為替"),
    )
    letters["foreign_transfer_info"] = ForeignTransferLetter(
        **COMMON,
        countries=tuple(
            ForeignRecipientCountry(
                country=country.country,
                recipient=country.recipient,
                system=country.system,
                measures=country.measures,
            )
            for country in ForeignTransfer().countries
        ),
        version=1,
    )
    letters["foreign_transfer_none"] = ForeignTransferLetter(**COMMON, countries=(), version=2)
    letters["leak_notice"] = leak_notice()
    letters["disclosure_plain"] = disclosure(order_count=3)
    letters["provision_records_none"] = dataclasses.replace(
        letters["provision_records"],  # type: ignore[type-var]
        records=(),
    )
    return letters
