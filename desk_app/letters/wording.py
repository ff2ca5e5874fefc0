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
)
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


def refusal_ground(ground: RefusalGround, request: CaseKind) -> str | None:
    """The ground with the article it rests on; None for `OTHER`, explained by the text alone."""
    if ground in _ART_33_2_ITEMS:
        item = _ART_33_2_ITEMS[ground]
        # Provision records are disclosed under Art. 33(5), which applies paragraph 2 to them.
        article = (
            f"{APPI}第33条第5項において準用する同条第2項第{item}号"
            if request is CaseKind.PROVISION_DISCLOSURE
            else f"{APPI}第33条第2項第{item}号"
        )
        return f"{REFUSAL_GROUNDS[ground]}（{article}）"
    if ground is RefusalGround.IDENTITY_UNCONFIRMED:
        # The identity check is part of the procedure for requests the company set under Art. 37(1).
        procedure = f"{APPI}第37条第1項に基づき当社が定めるご本人様確認の手続きによります"
        return f"{REFUSAL_GROUNDS[ground]}（{procedure}）"
    return None
