"""The words letters share: labels for the desk's enumerations, yen amounts and postal codes."""

from __future__ import annotations

from desk_app.domain.enums import (
    CaseKind,
    Delivery,
    DeliveryAddress,
    DeliveryObstacle,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
    ProvisionStopGround,
    RefusalGround,
    SuspensionGround,
)
from desk_app.domain.suspension_grounds import AskedOn, proviso_of
from desk_app.letters.content import Mailing

CHANNEL_LABELS = {
    OrderChannel.TV: "テレビ",
    OrderChannel.CATALOGUE: "カタログ",
    OrderChannel.WEB: "インターネット",
    OrderChannel.PHONE: "お電話",
}

PHONE_LABELS = {
    PhoneKind.HOME: "ご自宅",
    PhoneKind.MOBILE: "携帯電話",
    PhoneKind.WORK: "お勤め先",
}

BASIS_LABELS = {
    ProvisionBasis.CONSENT: "ご本人の同意",
    ProvisionBasis.ENTRUSTMENT: "業務の委託",
    ProvisionBasis.LAW: "法令に基づく提供",
}

MAILING_LABELS = {
    Mailing.CATALOGUE: "カタログ",
    Mailing.DIRECT_MAIL: "ダイレクトメール",
    Mailing.EMAIL_MAGAZINE: "メールマガジン",
}

# Whether a mailing goes out, as the disclosure states the customer's setting.
MAILING_SETTING = {
    (Mailing.CATALOGUE, True): "お送りする",
    (Mailing.CATALOGUE, False): "お送りしない",
    (Mailing.DIRECT_MAIL, True): "お送りする",
    (Mailing.DIRECT_MAIL, False): "お送りしない",
    (Mailing.EMAIL_MAGAZINE, True): "配信する",
    (Mailing.EMAIL_MAGAZINE, False): "配信しない",
}

APPI = "個人情報の保護に関する法律"
# Each ground as the refusal letter gives it; `refusal_ground` adds the article, which depends on the request.
REFUSAL_GROUNDS = {
    RefusalGround.HARM_TO_PERSON: (
        "開示することにより、ご本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがあるため"
    ),
    RefusalGround.BUSINESS_INTERFERENCE: (
        "開示することにより、当社の業務の適正な実施に著しい支障を及ぼすおそれがあるため"
    ),
    RefusalGround.VIOLATION_OF_LAW: "開示することが、他の法令に違反することとなるため",
    RefusalGround.IDENTITY_UNCONFIRMED: "ご請求がご本人様からのものであることを確認できなかったため",
}
# Why a notice of the purposes of use is not given, with the provision it rests on (APPI Art. 32(2), (3)).
NOTICE_GROUNDS = {
    RefusalGround.PURPOSES_CLEAR: (
        "お客様の保有個人データの利用目的は、当社が公表している個人情報保護方針により既に明らかであるため",
        "第32条第2項第1号",
    ),
    RefusalGround.NOTICE_HARMS_PERSON: (
        "利用目的をお知らせすることにより、ご本人又は第三者の生命、身体、財産その他の権利利益を"
        "害するおそれがあるため",
        "第32条第2項第2号及び第21条第4項第1号",
    ),
    RefusalGround.NOTICE_HARMS_COMPANY: (
        "利用目的をお知らせすることにより、当社の権利又は正当な利益を害するおそれがあるため",
        "第32条第2項第2号及び第21条第4項第2号",
    ),
    RefusalGround.NOTICE_HINDERS_AUTHORITIES: (
        "国の機関又は地方公共団体が法令の定める事務を遂行することに対して協力する必要があり、利用目的を"
        "お知らせすることにより、当該事務の遂行に支障を及ぼすおそれがあるため",
        "第32条第2項第2号及び第21条第4項第3号",
    ),
}
# Art. 33(2)'s items, in the order of the grounds above.
_ART_33_2_ITEMS = {
    RefusalGround.HARM_TO_PERSON: 1,
    RefusalGround.BUSINESS_INTERFERENCE: 2,
    RefusalGround.VIOLATION_OF_LAW: 3,
}

# The forms of disclosure (APPI Art. 33(1)), as the letter names them.
DELIVERY_FORMS = {
    Delivery.LETTER: "書面の交付",
    Delivery.ELECTRONIC: "電磁的記録の提供",
}
# Where an electronic record was sent: the two addresses the desk sends one to.
DELIVERY_ADDRESSES = {
    DeliveryAddress.REGISTERED: "当社にご登録のメールアドレス",
    DeliveryAddress.CONFIRMED: "ご本人様確認の際に確認させていただいたメールアドレス",
}
# Why the form asked for was not possible, as a clause ending in ため.
DELIVERY_OBSTACLES = {
    DeliveryObstacle.NO_ADDRESS: (
        "電磁的記録をお送りできるメールアドレス（当社にご登録のもの、またはご本人様確認の際に"
        "確認させていただいたもの）がございませんため"
    ),
}


def written_instead(request: CaseKind) -> str:
    """The article under which a disclosure is made in writing when the form asked for is not possible."""
    if request is CaseKind.PROVISION_DISCLOSURE:
        return f"{APPI}第33条第5項において準用する同条第2項"
    return f"{APPI}第33条第2項"


# What the customer asked for, as the letter names the request.
REQUEST_LABELS = {
    CaseKind.DISCLOSURE: "保有個人データの開示のご請求",
    CaseKind.PROVISION_DISCLOSURE: "第三者提供記録の開示のご請求",
    CaseKind.CORRECTION: "保有個人データの訂正のご請求",
    CaseKind.SUSPENSION: "保有個人データの利用停止のご請求",
    CaseKind.DELETION: "保有個人データの消去のご請求",
    CaseKind.STOP_PROVISION: "保有個人データの第三者提供の停止のご請求",
    CaseKind.PURPOSES_NOTICE: "保有個人データの利用目的の通知のお求め",
    CaseKind.FOREIGN_TRANSFER: "外国にある第三者への提供に関する情報のお求め",
}

# Why the customer asked for a stop of third-party provision, as the letter repeats it, with the article.
PROVISION_STOP_GROUNDS = {
    ProvisionStopGround.CONSENT_WITHDRAWN: "ご同意の撤回（お客様のご希望）",
    ProvisionStopGround.WITHOUT_CONSENT: (
        f"ご本人の同意なく第三者に提供されているとのお申し出（{APPI}第35条第3項）"
    ),
    ProvisionStopGround.NO_LONGER_NEEDED: f"当社が利用する必要がなくなったとのお申し出（{APPI}第35条第5項）",
    ProvisionStopGround.LEAK: f"漏えい等の事案が生じたとのお申し出（{APPI}第35条第5項）",
    ProvisionStopGround.RIGHTS_AT_RISK: (
        f"ご本人の権利又は正当な利益が害されるおそれがあるとのお申し出（{APPI}第35条第5項）"
    ),
}


# Why the customer asked for a suspension or deletion, as the letter repeats it, with the article.
SUSPENSION_GROUNDS = {
    SuspensionGround.BEYOND_PURPOSE: (
        f"利用目的の達成に必要な範囲を超えて取り扱われているとのお申し出（{APPI}第35条第1項）"
    ),
    SuspensionGround.IMPROPER_USE: f"不適正な方法により利用されているとのお申し出（{APPI}第35条第1項）",
    SuspensionGround.IMPROPER_ACQUISITION: (
        f"偽りその他不正の手段により取得されたとのお申し出（{APPI}第35条第1項）"
    ),
    SuspensionGround.NO_LONGER_NEEDED: f"当社が利用する必要がなくなったとのお申し出（{APPI}第35条第5項）",
    SuspensionGround.LEAK: f"漏えい等の事案が生じたとのお申し出（{APPI}第35条第5項）",
    SuspensionGround.RIGHTS_AT_RISK: (
        f"ご本人の権利又は正当な利益が害されるおそれがあるとのお申し出（{APPI}第35条第5項）"
    ),
    SuspensionGround.CUSTOMER_WISH: "お客様のご希望（法律上の理由のお申し出はございません）",
}
# What a refusal on an exception of Art. 35 declines to do, by request.
_DECLINED = {
    CaseKind.SUSPENSION: "利用停止",
    CaseKind.DELETION: "消去",
    CaseKind.STOP_PROVISION: "第三者への提供の停止",
}
# Why the ground given does not apply, by ground: no violation was found (paragraph 1), or the case of
# paragraph 5 is not met; with the articles the finding rests on.
_NOT_MET = {
    SuspensionGround.BEYOND_PURPOSE: (
        "調査いたしました結果、お客様の保有個人データが利用目的の達成に必要な範囲を超えて取り扱われている"
        f"事実は認められなかったため（{APPI}第18条、第35条第1項及び第2項）"
    ),
    SuspensionGround.IMPROPER_USE: (
        "調査いたしました結果、お客様の保有個人データが違法又は不当な行為を助長し、又は誘発するおそれがある"
        f"方法により利用されている事実は認められなかったため（{APPI}第19条、第35条第1項及び第2項）"
    ),
    SuspensionGround.IMPROPER_ACQUISITION: (
        "調査いたしました結果、お客様の保有個人データが偽りその他不正の手段により取得された事実は"
        f"認められなかったため（{APPI}第20条、第35条第1項及び第2項）"
    ),
    SuspensionGround.NO_LONGER_NEEDED: (
        "お客様の保有個人データは、当社において引き続き利用する必要があり、利用する必要がなくなった場合には"
        f"当たらないため（{APPI}第35条第5項）"
    ),
    SuspensionGround.LEAK: (
        f"お客様の保有個人データについて、{APPI}第26条第1項本文に規定する漏えい等の事態は生じていないため"
        f"（{APPI}第35条第5項）"
    ),
    SuspensionGround.RIGHTS_AT_RISK: (
        "お客様の保有個人データの取扱いにより、ご本人の権利又は正当な利益が害されるおそれがある場合には"
        f"当たらないため（{APPI}第35条第5項）"
    ),
}


def asked_on_label(asked_on: AskedOn) -> str:
    """What the customer asked on, as the letter repeats it."""
    if isinstance(asked_on, SuspensionGround):
        return SUSPENSION_GROUNDS[asked_on]
    return PROVISION_STOP_GROUNDS[asked_on]


def _exception(request: CaseKind, asked_on: AskedOn | None) -> str:
    """Art. 35's proviso: too costly or otherwise difficult, and a measure taken instead; its paragraph is
    the one excepting the paragraph the request rests on (both, when that is not known)."""
    declined = _DECLINED.get(request, "ご請求への対応")
    proviso = proviso_of(asked_on) if asked_on is not None else None
    if proviso is not None:
        article = f"{APPI}第35条第{proviso}項ただし書"
    elif request is CaseKind.STOP_PROVISION:
        article = f"{APPI}第35条第4項ただし書又は第6項ただし書"
    else:
        article = f"{APPI}第35条第2項ただし書又は第6項ただし書"
    return (
        f"{declined}に多額の費用を要する場合その他の{declined}を行うことが困難な場合であって、"
        f"ご本人の権利利益を保護するため必要なこれに代わるべき措置をとるため（{article}）"
    )


def request_label(kind: CaseKind) -> str:
    try:
        return REQUEST_LABELS[kind]
    except KeyError:
        raise ValueError(f"a {kind.value} case is not answered by letter") from None


def yen(amount: int) -> str:
    """¥12,800 — the yen sign (U+00A5) and thousands separators."""
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,}"


def postal_code(code: str) -> str:
    """〒-less NNN-NNNN from seven digits written with or without a hyphen (full-width digits too)."""
    digits = "".join(ch for ch in code if ch.isdigit())
    digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if len(digits) != 7:
        raise ValueError(f"a postal code has seven digits, not {code!r}")
    return f"{digits[:3]}-{digits[3:]}"


def refusal_ground(ground: RefusalGround, request: CaseKind, asked_on: AskedOn | None = None) -> str | None:
    """The ground with the article it rests on; None for `OTHER`, explained by the text alone.

    `asked_on`: what a request of APPI Art. 35 was asked on, which decides the article an exception cites.
    """
    if ground in _ART_33_2_ITEMS:
        item = _ART_33_2_ITEMS[ground]
        # Provision records are disclosed under Art. 33(5), which applies paragraph 2 to them.
        article = (
            f"{APPI}第33条第5項において準用する同条第2項第{item}号"
            if request is CaseKind.PROVISION_DISCLOSURE
            else f"{APPI}第33条第2項第{item}号"
        )
        return f"{REFUSAL_GROUNDS[ground]}（{article}）"
    if ground in NOTICE_GROUNDS:
        reason, article = NOTICE_GROUNDS[ground]
        return f"{reason}（{APPI}{article}）"
    if ground is RefusalGround.IDENTITY_UNCONFIRMED:
        # The identity check is part of the procedure for requests the company set under Art. 37(1).
        procedure = f"{APPI}第37条第1項に基づき当社が定めるご本人様確認の手続きによります"
        return f"{REFUSAL_GROUNDS[ground]}（{procedure}）"
    if ground is RefusalGround.DIFFICULT_WITH_ALTERNATIVE:
        return _exception(request, asked_on)
    if ground is RefusalGround.GROUND_NOT_MET:
        if isinstance(asked_on, SuspensionGround) and asked_on in _NOT_MET:
            return _NOT_MET[asked_on]
        return f"お申し出の理由に当たる事実が認められなかったため（{APPI}第35条）"
    return None
