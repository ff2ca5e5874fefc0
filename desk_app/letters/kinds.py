"""The text of each kind of letter: title, body and tables, as platypus flowables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from desk_app.config import CompanyProfile
from desk_app.letters import layout
from desk_app.letters.content import (
    CorrectionCompletedLetter,
    DeletionCompletedLetter,
    DisclosureLetter,
    FeePaymentNoticeLetter,
    FeeReceived,
    LetterContent,
    MailingPreference,
    MailingStoppedLetter,
    NoDataHeldLetter,
    ProvisionRecordsLetter,
    RefusalLetter,
    RefusalScope,
)
from desk_app.letters.dates import japanese_date
from desk_app.letters.fonts import GOTHIC, MINCHO
from desk_app.letters.layout import (
    BODY,
    CELL,
    CELL_RIGHT,
    CENTRE,
    HEADING,
    ITEM,
    ITEM_BODY,
    NOTE,
    RIGHT,
    text,
)
from desk_app.letters.wording import (
    BASIS_LABELS,
    CHANNEL_LABELS,
    MAILING_LABELS,
    MAILING_SETTING,
    PHONE_LABELS,
    postal_code,
    refusal_ground,
    request_label,
    yen,
)

GREETING = (
    "拝啓　時下ますますご清祥のこととお慶び申し上げます。"
    "平素は{company}をご利用いただき、誠にありがとうございます。"
)
NOT_HELD = "お預かりしておりません"
NONE_REGISTERED = "（登録なし）"
NO_CHANGE_RECORDED = "変更の記録なし"
CELL_PADDING = 3
HEADING_ROOM = 25 * mm  # a heading, a table's header row and its first rows


@dataclass(frozen=True)
class Story:
    title: str
    flowables: list[Flowable]


class _Writer:
    """Builds one letter's flowables in the order a Japanese business letter runs."""

    def __init__(self, letter: LetterContent, company: CompanyProfile, *, era: bool) -> None:
        self.letter = letter
        self.company = company
        self.era = era
        self.flowables: list[Flowable] = []

    def date(self, day: dt.date) -> str:
        return japanese_date(day, era=self.era)

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    def paragraph(self, value: str) -> None:
        self.add(text(value, BODY))

    def opening(self, title: str, sentences: Sequence[str]) -> None:
        """Title, 拝啓 and greeting, the letter's own sentences, where to ask, 敬具, then 記."""
        self.add(text(title, layout.TITLE))
        self.paragraph(GREETING.format(company=self.company.name))
        for sentence in sentences:
            self.paragraph(sentence)
        self.paragraph(
            f"本件に関するお問い合わせは、{self.company.desk_name}（フリーダイヤル {self.company.toll_free}）"
            f"までお願いいたします。お問い合わせの際は、整理番号（{self.letter.case_no}）をお知らせください。"
        )
        self.add(text("敬具", RIGHT), text("記", CENTRE))

    def heading(self, value: str) -> None:
        # A heading never ends a page: with too little room left for it and a few lines, it starts the next.
        self.add(CondPageBreak(HEADING_ROOM), text(value, HEADING))

    def note(self, value: str) -> None:
        self.add(text(f"※{value}", NOTE))

    def closing(self) -> None:
        self.add(Spacer(0, 4 * mm), text("以上", RIGHT))

    @property
    def requested(self) -> str:
        return self.date(self.letter.requested_on)


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    right_aligned: Sequence[int] = (),
) -> Table:
    """A ruled table whose header row is repeated on every page it runs onto.

    A value that fits its column is drawn as it is (lines split at \\n); only one that does not becomes a
    wrapping paragraph. Paragraphs cost a layout each, and a 60-order disclosure has some 300 cells.
    """
    columns = len(widths)
    cells: list[list[str | Flowable]] = [list(header)]
    for row in rows:
        cells.append([_fitted(value, widths[n], n in right_aligned) for n, value in enumerate(row)])
    table = Table(cells, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        # Set for every cell: a table otherwise uses Helvetica, a font that is not embedded.
        ("FONTNAME", (0, 0), (-1, -1), MINCHO),
        ("FONTNAME", (0, 0), (-1, 0), GOTHIC),
        ("FONTSIZE", (0, 0), (-1, -1), CELL.fontSize),
        ("LEADING", (0, 0), (-1, -1), CELL.leading),
        ("GRID", (0, 0), (-1, -1), 0.4, layout.TABLE_LINE),
        ("BACKGROUND", (0, 0), (-1, 0), layout.TABLE_HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ALIGN", (n, 1), (n, -1), "RIGHT") for n in right_aligned if n < columns]
    table.setStyle(TableStyle(commands))
    return table


def _fitted(value: str, width: float, right: bool) -> str | Flowable:
    room = width - 2 * CELL_PADDING
    if all(stringWidth(line, MINCHO, CELL.fontSize) <= room for line in value.split("\n")):
        return value
    return text(value, CELL_RIGHT if right else CELL)


def _widths(*millimetres: float) -> list[float]:
    widths = [share * mm for share in millimetres]
    assert abs(sum(widths) - layout.TEXT_WIDTH) < 0.5, "columns must fill the text width"
    return widths


# --- disclosure ----------------------------------------------------------------------------------


def _disclosure(letter: DisclosureLetter, w: _Writer) -> str:
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
        ("ショッピングクレジット", "ご利用あり" if letter.shopping_credit else "ご利用なし"),
    ]
    # The workplace is collected for shopping credit only, and disclosed only to those who use it.
    if letter.shopping_credit:
        items += [
            ("お勤め先名称", letter.workplace_name or NOT_HELD),
            ("お勤め先電話番号", letter.workplace_phone or NOT_HELD),
        ]
    w.add(_table(["項目", "内容"], [[(label), (value)] for label, value in items], _widths(42, 128)))
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
        w.add(_table(header, rows, _widths(27, 31, 26, 60, 26), right_aligned=[4]))
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
    w.closing()
    return title


def _mailing_setting(preference: MailingPreference, w: _Writer) -> str:
    """「カタログ　お送りする（最終変更日：2026年5月2日）」: the setting as held, and when it last changed."""
    setting = MAILING_SETTING[preference.mailing, preference.receives]
    changed = f"最終変更日：{w.date(preference.changed_on)}" if preference.changed_on else NO_CHANGE_RECORDED
    return f"{MAILING_LABELS[preference.mailing]}　{setting}（{changed}）"


# --- the fee-payment notice --------------------------------------------------------------------------


def _fee_payment_notice(letter: FeePaymentNoticeLetter, w: _Writer) -> str:
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
    w.add(_table(["項目", "内容"], rows, _widths(36, 134)))
    w.heading("お支払い方法")
    for number, method in enumerate(company.fee_payment_methods, start=1):
        w.add(text(f"{_mark(number)}{method.name}", ITEM), text(method.how, ITEM_BODY))
    w.note("お支払いの際は、整理番号をお書き添えください。")
    w.note("本書面と行き違いにお支払いいただいた場合は、何卒ご容赦ください。")
    w.closing()
    return title


# --- third-party provision records --------------------------------------------------------------


def _provision_records(letter: ProvisionRecordsLetter, w: _Writer) -> str:
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
        w.add(_table(header, rows, _widths(30, 56, 40, 44)))
    w.closing()
    return title


# --- completed requests --------------------------------------------------------------------------


def _correction_completed(letter: CorrectionCompletedLetter, w: _Writer) -> str:
    title = "保有個人データ訂正完了のご通知"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました保有個人データの訂正のご請求につきまして、"
            f"{w.date(letter.completed_on)}に下記のとおり訂正いたしましたので、ご通知申し上げます。"
        ],
    )
    rows = [
        [(c.field_label), (c.before or NONE_REGISTERED), (c.after or NONE_REGISTERED)]
        for c in letter.corrections
    ]
    w.add(_table(["項目", "訂正前", "訂正後"], rows, _widths(36, 67, 67)))
    w.closing()
    return title


def _mailing_stopped(letter: MailingStoppedLetter, w: _Writer) -> str:
    title = "ご案内の送付停止のご通知"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきましたご案内の送付停止につきまして、"
            "下記のとおりお手続きを完了いたしましたので、ご通知申し上げます。"
        ],
    )
    stopped = "、".join(MAILING_LABELS[mailing] for mailing in letter.mailings)
    rows = [
        [("停止したご案内"), (stopped)],
        [("停止日"), (w.date(letter.effective_on))],
    ]
    w.add(_table(["項目", "内容"], rows, _widths(36, 134)))
    w.note(
        "発送準備の都合により、停止日以降もしばらくの間、ご案内が届く場合がございます。"
        "何卒ご容赦くださいますようお願い申し上げます。"
    )
    w.closing()
    return title


def _deletion_completed(letter: DeletionCompletedLetter, w: _Writer) -> str:
    title = "保有個人データ消去完了のご通知"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました保有個人データの消去のご請求につきまして、"
            f"{w.date(letter.deleted_on)}に、当社の個人情報データベースからお客様の個人情報を消去いたしましたので、"
            "ご通知申し上げます。"
        ],
    )
    rows = [
        [
            ("消去した情報"),
            ("お名前、ご住所、電話番号、生年月日、メールアドレス、お勤め先など、お客様を特定できる情報"),
        ],
        [("消去日"), (w.date(letter.deleted_on))],
    ]
    w.add(_table(["項目", "内容"], rows, _widths(36, 134)))
    w.note(
        "消去に伴い、今後は製品保証などのアフターサービスや、メーカーによるリコール等のご連絡を"
        "お届けすることができません。あらかじめご了承ください。"
    )
    w.note(
        "法令により保存が義務付けられている取引の記録は、お客様を特定できない形で、定められた期間に限り保存いたします。"
    )
    w.closing()
    return title


# --- refusal and nothing held --------------------------------------------------------------------


def _refusal(letter: RefusalLetter, w: _Writer) -> str:
    request = request_label(letter.request)
    title = f"{request}についてのご回答"
    if letter.scope is RefusalScope.FULL:
        outcome = "誠に恐縮ながら、ご請求にお応えいたしかねるとの結論に至りました。"
        answer = "ご請求の全部について、お応えいたしかねます。"
    else:
        outcome = "誠に恐縮ながら、ご請求の一部についてお応えいたしかねるとの結論に至りました。"
        answer = "ご請求の一部について、お応えいたしかねます。"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました{request}につきまして、慎重に検討いたしました結果、"
            + outcome,
            "個人情報の保護に関する法律第36条の規定に基づき、その理由を下記のとおりご説明いたします。",
        ],
    )
    w.heading("1. ご請求の内容")
    w.paragraph(request)
    w.heading("2. ご回答")
    w.paragraph(answer)
    number = 3
    if letter.scope is RefusalScope.PARTIAL and letter.refused_items:
        w.heading(f"{number}. お応えいたしかねる事項")
        for item in letter.refused_items:
            w.add(text(f"・{item}", ITEM))
        number += 1
    w.heading(f"{number}. 理由")
    ground = refusal_ground(letter.ground, letter.request) if letter.ground else None
    if ground:
        w.add(text(f"・{ground}。", ITEM))
    for index, reason in enumerate(letter.reasons, start=1):
        if len(letter.reasons) > 1:
            w.add(text(f"{_mark(index)}{reason}", ITEM))
        else:
            # The explanation for the customer; under the ground it cited, it reads as that ground's detail.
            w.add(text(reason, ITEM_BODY) if ground else text(f"・{reason}", ITEM))
    w.closing()
    return title


def _mark(number: int) -> str:
    """①, ②, … ⑳: one character wide, so a reason's lines align like a ・ point's."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"({number})"


def _no_data_held(letter: NoDataHeldLetter, w: _Writer) -> str:
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
        w.add(_table(["項目", "内容"], rows, _widths(36, 134)))
    w.closing()
    return title


def story_of(letter: LetterContent, company: CompanyProfile, *, era: bool) -> Story:
    """The title and flowables of `letter`."""
    w = _Writer(letter, company, era=era)
    match letter:
        case DisclosureLetter():
            title = _disclosure(letter, w)
        case ProvisionRecordsLetter():
            title = _provision_records(letter, w)
        case CorrectionCompletedLetter():
            title = _correction_completed(letter, w)
        case MailingStoppedLetter():
            title = _mailing_stopped(letter, w)
        case DeletionCompletedLetter():
            title = _deletion_completed(letter, w)
        case RefusalLetter():
            title = _refusal(letter, w)
        case NoDataHeldLetter():
            title = _no_data_held(letter, w)
        case FeePaymentNoticeLetter():
            title = _fee_payment_notice(letter, w)
        case _:
            assert_never(letter)
    return Story(title, w.flowables)
