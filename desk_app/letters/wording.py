"""The words letters share: labels for the desk's enumerations, yen amounts and postal codes."""

from __future__ import annotations

from desk_app.letters.content import Mailing
from desk_app.storage.models import CaseKind, OrderChannel, PhoneKind, ProvisionBasis

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

# What the customer asked for, as the letter names the request.
REQUEST_LABELS = {
    CaseKind.DISCLOSURE: "保有個人データの開示のご請求",
    CaseKind.PROVISION_DISCLOSURE: "第三者提供記録の開示のご請求",
    CaseKind.CORRECTION: "保有個人データの訂正のご請求",
    CaseKind.SUSPENSION: "保有個人データの利用停止のご請求",
    CaseKind.DELETION: "保有個人データの消去のご請求",
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
