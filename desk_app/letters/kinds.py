"""The text of each kind of letter: title, body and tables, as platypus flowables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from reportlab.platypus import Flowable

from desk_app.config import CompanyProfile
from desk_app.letters.content import (
    CorrectionCompletedLetter,
    DeletionCompletedLetter,
    DisclosureLetter,
    FeePaymentNoticeLetter,
    ForeignTransferLetter,
    LeakNoticeLetter,
    LetterContent,
    MailingStoppedLetter,
    NoDataHeldLetter,
    ProvisionRecordsLetter,
    ProvisionStoppedLetter,
    PurposesNoticeLetter,
    RefusalLetter,
    RefusalScope,
)
from desk_app.letters.disclosure_letters import (
    write_disclosure,
    write_fee_payment_notice,
    write_no_data_held,
    write_provision_records,
)
from desk_app.letters.layout import ITEM, ITEM_BODY, text
from desk_app.letters.leak_notice import write_leak_notice
from desk_app.letters.letter_writer import LetterWriter, column_widths, numbered, ruled_table
from desk_app.letters.policy_letters import write_foreign_transfer, write_purposes_notice
from desk_app.letters.wording import (
    MAILING_LABELS,
    PROVISION_STOP_GROUNDS,
    asked_on_label,
    refusal_ground,
    request_label,
)

NONE_REGISTERED = "（登録なし）"


@dataclass(frozen=True)
class Story:
    title: str
    flowables: list[Flowable]


# --- completed requests --------------------------------------------------------------------------


def _correction_completed(letter: CorrectionCompletedLetter, w: LetterWriter) -> str:
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
    w.add(ruled_table(["項目", "訂正前", "訂正後"], rows, column_widths(36, 67, 67)))
    w.closing()
    return title


def _mailing_stopped(letter: MailingStoppedLetter, w: LetterWriter) -> str:
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
    w.add(ruled_table(["項目", "内容"], rows, column_widths(36, 134)))
    w.note(
        "発送準備の都合により、停止日以降もしばらくの間、ご案内が届く場合がございます。"
        "何卒ご容赦くださいますようお願い申し上げます。"
    )
    w.closing()
    return title


def _provision_stopped(letter: ProvisionStoppedLetter, w: LetterWriter) -> str:
    title = "第三者提供停止のご通知"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました保有個人データの第三者提供の停止のご請求につきまして、"
            f"{w.date(letter.stopped_on)}に下記のとおり第三者への提供を停止いたしましたので、ご通知申し上げます。"
        ],
    )
    if letter.all_not_required:
        stopped = "ご本人の同意に基づく第三者への提供のすべて（今後の提供を含みます）"
    else:
        stopped = "、".join(f"「{name}」" for name in letter.recipients) + "への提供"
    rows = [
        [("停止した提供"), (stopped)],
        [("お申し出の理由"), (PROVISION_STOP_GROUNDS[letter.ground])],
        [("停止日"), (w.date(letter.stopped_on))],
    ]
    w.add(ruled_table(["項目", "内容"], rows, column_widths(36, 134)))
    w.note(
        "法令に基づく提供（裁判所や警察からの照会へのご回答など）は、停止の対象外となります。"
        "また、商品の配送など業務の委託に伴うお預けは第三者への提供には当たらないため、引き続き行います。"
    )
    if letter.all_not_required:
        w.note(
            "今後、ショッピングクレジットのご利用など、お申し込みのサービスに第三者への提供が必要となる場合は、"
            "その都度あらためてご同意をお願いいたします。"
        )
    else:
        w.note(
            "上記以外の提供先への提供は、ご同意いただいた内容のとおり行います。"
            "停止をご希望の場合は、お手数ですが窓口までお申し出ください。"
        )
    w.closing()
    return title


def _deletion_completed(letter: DeletionCompletedLetter, w: LetterWriter) -> str:
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
    w.add(ruled_table(["項目", "内容"], rows, column_widths(36, 134)))
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


def _refusal(letter: RefusalLetter, w: LetterWriter) -> str:
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
    if letter.asked_on is not None:
        w.add(text(f"お申し出の理由：{asked_on_label(letter.asked_on)}", ITEM_BODY))
    w.heading("2. ご回答")
    w.paragraph(answer)
    number = 3
    if letter.scope is RefusalScope.PARTIAL and letter.refused_items:
        w.heading(f"{number}. お応えいたしかねる事項")
        for item in letter.refused_items:
            w.add(text(f"・{item}", ITEM))
        number += 1
    w.heading(f"{number}. 理由")
    ground = refusal_ground(letter.ground, letter.request, letter.asked_on) if letter.ground else None
    if ground:
        w.add(text(f"・{ground}。", ITEM))
    for index, reason in enumerate(letter.reasons, start=1):
        if len(letter.reasons) > 1:
            w.add(text(f"{numbered(index)}{reason}", ITEM))
        else:
            # The explanation for the customer; under the ground it cited, it reads as that ground's detail.
            w.add(text(reason, ITEM_BODY) if ground else text(f"・{reason}", ITEM))
    if letter.alternative:
        # The exception holds only with this measure (Art. 35(2), (4), (6) provisos): the customer reads it.
        w.heading(f"{number + 1}. ご本人の権利利益を保護するため代わりにとる措置")
        w.paragraph(letter.alternative)
    if letter.mailings_stopped:
        stopped = "、".join(MAILING_LABELS[mailing] for mailing in letter.mailings_stopped)
        w.note(
            f"なお、{stopped}の送付は、当社の個人情報保護方針に基づき、お客様のご希望として停止しております。"
        )
    w.closing()
    return title


def story_of(letter: LetterContent, company: CompanyProfile, *, era: bool) -> Story:
    """The title and flowables of `letter`."""
    w = LetterWriter(letter, company, era=era)
    match letter:
        case DisclosureLetter():
            title = write_disclosure(letter, w)
        case ProvisionRecordsLetter():
            title = write_provision_records(letter, w)
        case CorrectionCompletedLetter():
            title = _correction_completed(letter, w)
        case MailingStoppedLetter():
            title = _mailing_stopped(letter, w)
        case DeletionCompletedLetter():
            title = _deletion_completed(letter, w)
        case ProvisionStoppedLetter():
            title = _provision_stopped(letter, w)
        case PurposesNoticeLetter():
            title = write_purposes_notice(letter, w)
        case ForeignTransferLetter():
            title = write_foreign_transfer(letter, w)
        case LeakNoticeLetter():
            title = write_leak_notice(letter, w)
        case RefusalLetter():
            title = _refusal(letter, w)
        case NoDataHeldLetter():
            title = write_no_data_held(letter, w)
        case FeePaymentNoticeLetter():
            title = write_fee_payment_notice(letter, w)
        case _:
            assert_never(letter)
    return Story(title, w.flowables)
