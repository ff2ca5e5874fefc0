"""The letters that tell a customer what the published policy says, as their case recorded it: the notice
of the purposes of use (利用目的の通知書) and the information on provision to third parties in foreign
countries (外国にある第三者への提供に関する情報のご案内)."""

from __future__ import annotations

from desk_app.letters.content import FeeReceived, ForeignTransferLetter, PurposesNoticeLetter
from desk_app.letters.layout import ITEM, text
from desk_app.letters.letter_writer import LetterWriter, column_widths, numbered, ruled_table
from desk_app.letters.wording import APPI, yen


def write_purposes_notice(letter: PurposesNoticeLetter, w: LetterWriter) -> str:
    title = "利用目的の通知書"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました保有個人データの利用目的の通知のお求めにつきまして、"
            f"{APPI}第32条第2項に基づき、当社がお客様の保有個人データを利用する目的を下記のとおり"
            "ご通知申し上げます。"
        ],
    )
    w.heading("お客様の保有個人データの利用目的")
    for number, purpose in enumerate(letter.purposes, start=1):
        w.add(text(f"{numbered(number)}{purpose}", ITEM))
    w.note(f"上記は、当社の個人情報保護方針に定める利用目的（第{letter.version}版）です。")
    if isinstance(letter.fee, FeeReceived):
        w.note(
            f"手数料{yen(letter.fee.amount_yen)}（税込）は、{w.date(letter.fee.received_on)}に"
            f"{letter.fee.method}にて受領いたしました。"
        )
    w.note("利用目的を変更した場合は、変更後の利用目的を当社ウェブサイト等でお知らせいたします。")
    w.closing()
    return title


def write_foreign_transfer(letter: ForeignTransferLetter, w: LetterWriter) -> str:
    title = "外国にある第三者への提供に関する情報のご案内"
    w.opening(
        title,
        [
            f"さて、{w.requested}にお申し出いただきました外国にある第三者への提供に関する情報のお求めにつきまして、"
            f"{APPI}第28条第3項に基づき、下記のとおりご案内申し上げます。"
        ],
    )
    if not letter.countries:
        w.paragraph("現在、当社はお客様の個人データを外国にある第三者に提供しておりません。")
    for number, country in enumerate(letter.countries, start=1):
        w.heading(f"{number}. {country.country}")
        rows = [
            ["提供先", country.recipient],
            ["当該国の個人情報の保護に関する制度", country.system],
            ["提供先が講ずる措置", country.measures],
        ]
        w.add(ruled_table(["項目", "内容"], rows, column_widths(44, 126)))
    w.note(
        f"上記は、当社の個人情報保護方針に定める外国にある第三者への提供に関する情報（第{letter.version}版）です。"
    )
    w.closing()
    return title
