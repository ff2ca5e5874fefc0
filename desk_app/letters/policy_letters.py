"""The letters that tell a customer what the published policy says, as their case recorded it: the notice
of the purposes of use (利用目的の通知書)."""

from __future__ import annotations

from desk_app.letters.content import FeeReceived, PurposesNoticeLetter
from desk_app.letters.layout import ITEM, text
from desk_app.letters.letter_writer import LetterWriter, numbered
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
