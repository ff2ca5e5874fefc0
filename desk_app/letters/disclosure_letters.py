"""The letters that disclose, or say what is held: the disclosure, provision records, the fee-payment
notice and the answer that nothing is held."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desk_app.domain.enums import CaseKind, Delivery
from desk_app.letters.content import (
    DeliveryStatement,
    DisclosureLetter,
    FeePaymentNoticeLetter,
    FeeReceived,
    MailingPreference,
    NoDataHeldLetter,
    ProvisionRecordsLetter,
    ProvisionSetting,
)
from desk_app.letters.layout import ITEM, ITEM_BODY, text
from desk_app.letters.letter_writer import LetterWriter, column_widths, numbered, ruled_table
from desk_app.letters.wording import (
    BASIS_LABELS,
    CHANNEL_LABELS,
    DELIVERY_ADDRESSES,
    DELIVERY_FORMS,
    DELIVERY_OBSTACLES,
    MAILING_LABELS,
    MAILING_SETTING,
    PHONE_LABELS,
    postal_code,
    request_label,
    written_instead,
    yen,
)

NOT_HELD = "お預かりしておりません"
NO_CHANGE_RECORDED = "変更の記録なし"


# --- disclosure ----------------------------------------------------------------------------------


def write_disclosure(letter: DisclosureLetter, w: LetterWriter) -> str:
    title = "保有個人データ開示のご通知"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました保有個人データの開示のご請求につきまして、"
            "当社がお預かりしているお客様の個人情報を下記のとおり開示いたします。"
        ],
    )
    w.heading("1. お客様の情報")
    name = letter.name if not letter.name_kana else f"{letter.name}（{letter.name_kana}）"
    address = (
        letter.address if not letter.postal_code else f"〒{postal_code(letter.postal_code)}\n{letter.address}"
    )
    phones = "\n".join(f"{PHONE_LABELS[phone.kind]}　{phone.number}" for phone in letter.phones)
    birth = w.date(letter.birth_date) if letter.birth_date else NOT_HELD
    items = [
        ("お客様番号", letter.customer_no),
        ("お名前", name),
        ("ご住所", address),
        ("電話番号", phones or NOT_HELD),
        ("メールアドレス", letter.email or NOT_HELD),
        ("生年月日", birth),
        ("ご案内の送付", "\n".join(_mailing_setting(preference, w) for preference in letter.mailings)),
        *([("第三者への提供", _provision_setting(letter.provision, w))] if letter.provision else []),
        ("ショッピングクレジット", "ご利用あり" if letter.shopping_credit else "ご利用なし"),
        *([("ご逝去のご連絡", _death_reported(letter.death_reported, w))] if letter.death_reported else []),
    ]
    # The workplace is collected for shopping credit only, and disclosed only to those who use it.
    if letter.shopping_credit:
        items += [
            ("お勤め先名称", letter.workplace_name or NOT_HELD),
            ("お勤め先電話番号", letter.workplace_phone or NOT_HELD),
        ]
    w.add(
        ruled_table(["項目", "内容"], [[(label), (value)] for label, value in items], column_widths(42, 128))
    )
    if letter.birth_date is None:
        w.note("生年月日は、当社がお預かりしている場合に限り開示しております。")
    if letter.shopping_credit:
        w.note("お勤め先は、ショッピングクレジットのご利用にあたりお預かりしている情報です。")

    w.heading(f"2. ご購入履歴（{len(letter.orders):,}件）")
    if letter.orders:
        rows = [
            [
                (order.order_no),
                (w.date(order.ordered_on)),
                (CHANNEL_LABELS[order.channel]),
                ("\n".join(f"{item.product_name}　×{item.quantity}" for item in order.items)),
                yen(order.amount_yen),
            ]
            for order in letter.orders
        ]
        rows.append(
            [
                ("合計"),
                (""),
                (""),
                (f"{len(letter.orders):,}件"),
                yen(sum(order.amount_yen for order in letter.orders)),
            ]
        )
        header = ["ご注文番号", "ご注文日", "ご注文方法", "商品（数量）", "金額（税込）"]
        w.add(ruled_table(header, rows, column_widths(27, 31, 26, 60, 26), right_aligned=[4]))
    else:
        w.paragraph("当社でお預かりしているご購入履歴はございません。")

    w.heading("3. 開示手数料")
    if isinstance(letter.fee, FeeReceived):
        fee = letter.fee
        w.paragraph(
            f"開示手数料 {yen(fee.amount_yen)}（税込）を、{w.date(fee.received_on)}に"
            f"{fee.method}にて確かに受領いたしました。"
        )
    else:
        # Why it was waived is the agent's internal note, not the customer's letter.
        w.paragraph("このたびの開示手数料は、頂戴しておりません。")
    _delivery(letter.delivery, CaseKind.DISCLOSURE, w, "4. 開示の方法")
    w.closing()
    return title


def _delivery(statement: DeliveryStatement | None, request: CaseKind, w: LetterWriter, heading: str) -> None:
    """The form the disclosure is made in (Art. 33(1)) and, when the form asked for was not possible, why:
    the notice Art. 33(3) requires. Nothing for a case that recorded no form."""
    if statement is None:
        return
    w.heading(heading)
    rows = [["ご請求の方法", DELIVERY_FORMS[statement.asked]], ["開示の方法", DELIVERY_FORMS[statement.used]]]
    w.add(ruled_table(["項目", "内容"], rows, column_widths(42, 128)), Spacer(0, 2 * mm))
    if statement.not_possible is not None:
        w.paragraph(
            f"ご請求いただいた{DELIVERY_FORMS[statement.asked]}による開示は、"
            f"{DELIVERY_OBSTACLES[statement.not_possible]}、困難でございます。"
            f"そのため、{written_instead(request)}の定めにより、本書面の交付により開示いたします。"
        )
        w.note(
            "電磁的記録による開示をご希望の場合は、メールアドレスをご登録（訂正のご請求）いただいたうえで、"
            "あらためてご請求ください。"
        )
    elif statement.used is Delivery.ELECTRONIC:
        to = DELIVERY_ADDRESSES[statement.to] if statement.to else "ご指定のメールアドレス"
        w.paragraph(
            f"ご請求のとおり、本書面を電磁的記録（PDFファイル）として、{to}あてに電子メールでお送りしております。"
        )
    else:
        w.paragraph("ご請求のとおり、本書面の交付（郵送）により開示いたします。")


def _mailing_setting(preference: MailingPreference, w: LetterWriter) -> str:
    """「カタログ　お送りする（最終変更日：2026年5月2日）」: the setting as held, and when it last changed."""
    setting = MAILING_SETTING[preference.mailing, preference.receives]
    changed = f"最終変更日：{w.date(preference.changed_on)}" if preference.changed_on else NO_CHANGE_RECORDED
    return f"{MAILING_LABELS[preference.mailing]}　{setting}（{changed}）"


def _provision_setting(setting: ProvisionSetting, w: LetterWriter) -> str:
    """「同意に基づく提供　行う（最終変更日：…）」, then each recipient stopped with the day it stopped."""
    allowed = "行う" if setting.allowed else "行わない"
    changed = f"最終変更日：{w.date(setting.changed_on)}" if setting.changed_on else NO_CHANGE_RECORDED
    lines = [f"同意に基づく提供　{allowed}（{changed}）"]
    lines += [f"「{name}」への提供　停止（{w.date(on)}から）" for name, on in setting.stopped]
    return "\n".join(lines)


def _death_reported(reported: tuple[dt.date, dt.date | None], w: LetterWriter) -> str:
    """「2026年11月20日に受付（ご逝去日：2026年11月12日）」: a report held, as it was made."""
    on, died = reported
    return f"{w.date(on)}に受付" + (f"（ご逝去日：{w.date(died)}）" if died else "")


# --- the fee-payment notice --------------------------------------------------------------------------


def write_fee_payment_notice(letter: FeePaymentNoticeLetter, w: LetterWriter) -> str:
    title = "手数料のご案内"
    request = request_label(letter.request)
    company = w.company
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました{request}につきまして、"
            "お手続きには所定の手数料を頂戴しております。"
            f"お手数ではございますが、下記のいずれかの方法にて、{w.date(letter.pay_by)}までに"
            "お支払いくださいますようお願い申し上げます。お支払いを確認でき次第、お手続きを進めてまいります。"
        ],
    )
    rows = [
        ["整理番号", letter.case_no],
        ["ご請求の内容", request],
        ["手数料", f"{yen(letter.amount_yen)}（税込）"],
        ["お支払い期限", f"{w.date(letter.pay_by)}（必着）"],
        [
            "送付先",
            f"〒{postal_code(company.postal_code)}　{company.address}\n{company.name}　{company.desk_name}",
        ],
        ["お問い合わせ先", f"{company.desk_name}　フリーダイヤル {company.toll_free}"],
    ]
    w.add(ruled_table(["項目", "内容"], rows, column_widths(36, 134)))
    w.heading("お支払い方法")
    for number, method in enumerate(company.fee_payment_methods, start=1):
        w.add(text(f"{numbered(number)}{method.name}", ITEM), text(method.how, ITEM_BODY))
    w.note("お支払いの際は、整理番号をお書き添えください。")
    w.note("本書面と行き違いにお支払いいただいた場合は、何卒ご容赦ください。")
    w.closing()
    return title


# --- third-party provision records --------------------------------------------------------------


def write_provision_records(letter: ProvisionRecordsLetter, w: LetterWriter) -> str:
    title = "第三者提供記録開示のご通知"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました第三者提供記録の開示のご請求につきまして、"
            "当社が保存している記録を下記のとおり開示いたします。"
        ],
    )
    w.heading("お客様の個人データを第三者に提供した記録")
    if not letter.records:
        w.paragraph("当社が保存している記録のうち、お客様の個人データを第三者に提供した記録はございません。")
    else:
        rows = [
            [
                (w.date(record.provided_on)),
                (
                    f"{record.recipient_name}\n{record.recipient_address}"
                    f"\n代表者　{record.recipient_representative}"
                ),
                (record.items_provided),
                (f"{record.purpose}\n（根拠：{BASIS_LABELS[record.basis]}）"),
            ]
            for record in letter.records
        ]
        header = ["提供日", "提供先", "提供した項目", "目的・根拠"]
        w.add(ruled_table(header, rows, column_widths(30, 56, 40, 44)))
    _delivery(letter.delivery, CaseKind.PROVISION_DISCLOSURE, w, "開示の方法")
    w.closing()
    return title


def write_no_data_held(letter: NoDataHeldLetter, w: LetterWriter) -> str:
    request = request_label(letter.request)
    title = "保有個人データに関するご回答"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました{request}につきまして、"
            "お知らせいただいた下記の情報をもとに当社の個人情報データベースを確認いたしましたが、"
            "お客様の個人情報はお預かりしておりませんでしたので、ご通知申し上げます。"
        ],
    )
    if letter.searched:
        w.heading("確認に用いた情報")
        rows = [[(detail.label), (detail.value)] for detail in letter.searched]
        w.add(ruled_table(["項目", "内容"], rows, column_widths(36, 134)))
    w.closing()
    return title
