"""Who may ask for someone else (代理人, APPI Art. 37(3); Enforcement Order Art. 11), on what papers."""

# A request may come from the person or from a proxy: a legal representative (the parent with parental
# authority of a minor, an adult guardian) or an agent the person appointed. The proxy's authority is
# shown by papers, never by what is said on the phone: a parent by a family register or a residence
# record naming both, a guardian by the certificate of registered matters, an appointed agent by a power
# of attorney together with the person's certificate of seal registration (the seal on the power must be
# the registered one). An appointed agent's request is then confirmed with the person, at the registered
# number or address, before anything is disclosed, changed or erased.

from __future__ import annotations

import enum


class ProxyKind(enum.StrEnum):
    # 親権者: a parent with parental authority over a minor.
    PARENT = "parent"
    # 成年後見人: an adult guardian appointed by the family court.
    GUARDIAN = "guardian"
    # 任意代理人: an agent the person appointed (a lawyer, a relative with a power of attorney).
    APPOINTED = "appointed"


class ProxyDocument(enum.StrEnum):
    FAMILY_REGISTER = "family_register"  # 戸籍謄本
    RESIDENCE_RECORD = "residence_record"  # 住民票
    GUARDIANSHIP_CERTIFICATE = "guardianship_certificate"  # 登記事項証明書
    POWER_OF_ATTORNEY = "power_of_attorney"  # 委任状
    SEAL_CERTIFICATE = "seal_certificate"  # 印鑑登録証明書


class PersonConfirmation(enum.StrEnum):
    """How an appointed agent's request was put to the person, and what came of it."""

    # The person, called back at a registered number, confirmed they appointed the agent for this request.
    CALLBACK_CONFIRMED = "callback_confirmed"
    # The person answered the confirmation letter sent to the registered address.
    LETTER_CONFIRMED = "letter_confirmed"
    # The person said they appointed no one for this: nothing is disclosed, changed or erased.
    DENIED = "denied"


# For each kind, the sets of papers any one of which proves the authority.
AUTHORITY_PAPERS: dict[ProxyKind, tuple[frozenset[ProxyDocument], ...]] = {
    ProxyKind.PARENT: (
        frozenset({ProxyDocument.FAMILY_REGISTER}),
        frozenset({ProxyDocument.RESIDENCE_RECORD}),
    ),
    ProxyKind.GUARDIAN: (frozenset({ProxyDocument.GUARDIANSHIP_CERTIFICATE}),),
    ProxyKind.APPOINTED: (frozenset({ProxyDocument.POWER_OF_ATTORNEY, ProxyDocument.SEAL_CERTIFICATE}),),
}

# The papers' names as the desk's letters and screens write them in Japanese.
DOCUMENT_NAMES_JA = {
    ProxyDocument.FAMILY_REGISTER: "戸籍謄本",
    ProxyDocument.RESIDENCE_RECORD: "住民票",
    ProxyDocument.GUARDIANSHIP_CERTIFICATE: "登記事項証明書",
    ProxyDocument.POWER_OF_ATTORNEY: "委任状",
    ProxyDocument.SEAL_CERTIFICATE: "印鑑登録証明書",
}
KIND_NAMES_JA = {
    ProxyKind.PARENT: "親権者",
    ProxyKind.GUARDIAN: "成年後見人",
    ProxyKind.APPOINTED: "任意代理人",
}


def authority_shown(kind: ProxyKind, documents: frozenset[ProxyDocument]) -> bool:
    """Whether `documents` prove a `kind` proxy's authority: one full set of that kind's papers."""
    return any(papers <= documents for papers in AUTHORITY_PAPERS[kind])


def papers_needed(kind: ProxyKind) -> str:
    """The papers a `kind` proxy sends, in Japanese: 「戸籍謄本 または 住民票」."""
    return " または ".join(
        " と ".join(DOCUMENT_NAMES_JA[document] for document in sorted(papers, key=list(ProxyDocument).index))
        for papers in AUTHORITY_PAPERS[kind]
    )


def needs_person_confirmation(kind: ProxyKind) -> bool:
    """An appointed agent acts only once the person confirmed; a legal representative acts in law."""
    return kind is ProxyKind.APPOINTED
