"""The notice to each customer a leak incident concerns (漏えい等のお知らせ, APPI Art. 26(2)): a formal
apology (謹啓 … 謹白) followed by what happened, the items of data, the cause, any secondary harm, what was
done and what the customer can do."""

from __future__ import annotations

from desk_app.letters.content import LeakNoticeLetter
from desk_app.letters.layout import ITEM, ITEM_BODY, text
from desk_app.letters.letter_writer import LetterWriter
from desk_app.letters.wording import APPI

LEAK_NOTICE_TITLE = "個人情報の漏えい等に関するお知らせとお詫び"


def _recorded(w: LetterWriter, value: str) -> None:
    """What the incident records, line for line: a line the supervisor began with ・ hangs as a point."""
    for line in value.strip().splitlines():
        stripped = line.strip()
        if stripped:
            w.add(text(stripped, ITEM if stripped.startswith("・") else ITEM_BODY))


def write_leak_notice(letter: LeakNoticeLetter, w: LetterWriter) -> str:
    desk = f"{w.company.desk_name}（フリーダイヤル {w.company.toll_free}）"
    w.opening(
        LEAK_NOTICE_TITLE,
        [
            f"このたび、当社がお預かりしておりますお客様の個人情報に関わる事案（{letter.title}）が"
            "発生いたしました。お客様には多大なるご迷惑とご心配をおかけいたしますことを、"
            "心より深くお詫び申し上げます。",
            f"{APPI}第26条第2項に基づき、本件の概要と当社の対応につきまして、下記のとおりお知らせいたします。",
            "当社は、このたびの事態を厳粛に受け止め、個人情報の管理の一層の徹底と再発の防止に全力で"
            "取り組んでまいります。重ねて深くお詫び申し上げます。",
        ],
        apology=True,
    )
    # In the order PPC Rules Art. 10 lists what the person is told, then what was done and what they can do.
    sections = (
        ("事案の概要", letter.what_happened),
        ("漏えい等が発生し、又は発生したおそれがある個人データの項目", letter.items),
        ("原因", letter.cause),
        ("二次被害又はそのおそれの有無及びその内容", letter.secondary_harm),
        ("当社が講じた措置", letter.measures),
    )
    for number, (heading, recorded) in enumerate(sections, start=1):
        w.heading(f"{number}. {heading}")
        _recorded(w, recorded)
    w.heading(f"{len(sections) + 1}. お客様へのお願いとご案内")
    if letter.customer_guidance.strip():
        _recorded(w, letter.customer_guidance)
    w.add(
        text(
            "・当社の名をかたる不審な郵便物、お電話、電子メール等がございましたら、お支払いや個人情報の"
            f"お伝えはなさらず、{desk}までお知らせください。",
            ITEM,
        ),
        text(
            "・本件により、当社がお預かりしているお客様の個人情報の利用停止、消去又は第三者への提供の停止を"
            f"ご希望の場合は、{desk}までお申し出ください（{APPI}第35条第5項）。手数料はかかりません。",
            ITEM,
        ),
    )
    w.note(
        "お申し出の際は、ご本人様確認のため、ご登録の電話番号へ当社からお電話を差し上げる場合がございます。"
    )
    w.note(
        "消去をご希望の場合、以後は製品保証などのアフターサービスや、メーカーによるリコール等のご連絡を"
        "お届けすることができなくなります。あらかじめご了承ください。"
    )
    w.closing()
    return LEAK_NOTICE_TITLE
