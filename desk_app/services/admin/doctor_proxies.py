"""The doctor's proxy check: a proxy's case verified as the law asks, and a customer reported deceased sent
nothing.

A case a proxy asked for is verified by documents only (the person on the record), with papers that show
that kind of proxy's authority, and an appointed agent's only once the person confirmed; a customer reported
deceased has every mailing off (an import never turns one back on).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.messages import Message, message
from desk_app.domain.proxies import (
    PersonConfirmation,
    ProxyDocument,
    ProxyKind,
    authority_shown,
    needs_person_confirmation,
)
from desk_app.storage.models import Case, Customer

_CONFIRMED = frozenset(
    {PersonConfirmation.CALLBACK_CONFIRMED.value, PersonConfirmation.LETTER_CONFIRMED.value}
)


def proxy_findings(session: Session) -> Iterator[tuple[Message, Message]]:
    """(subject, what is wrong) for each proxy's case and deceased customer that breaks the rules above."""
    rows = session.execute(
        select(Case.case_no, Case.details)
        .where(cast(Case.details, String).like('%"proxy"%'))
        .order_by(Case.id)
    )
    for case_no, details in rows:
        proxy = (details or {}).get("proxy")
        if not isinstance(proxy, dict):
            continue
        subject = message("subject.case", case_no=case_no)
        kind = ProxyKind(proxy["kind"])
        papers = frozenset(ProxyDocument(item) for item in proxy.get("documents", []))
        if not authority_shown(kind, papers):
            yield subject, message("doctor.proxy_papers", kind=kind)
        identity = (details or {}).get("identity")
        if not isinstance(identity, dict):
            continue
        if identity.get("method") != IdentityMethod.DOCUMENTS.value:
            yield subject, message("doctor.proxy_not_by_documents")
        confirmed = (proxy.get("confirmation") or {}).get("result") in _CONFIRMED
        if needs_person_confirmation(kind) and not confirmed:
            yield subject, message("doctor.proxy_unconfirmed")
    deceased_sent = session.scalars(
        select(Customer.customer_no)
        .where(
            Customer.death_reported_at.is_not(None),
            or_(Customer.catalogue_opt_in, Customer.direct_mail_opt_in, Customer.email_magazine_opt_in),
        )
        .order_by(Customer.id)
    )
    for customer_no in deceased_sent:
        yield message("subject.customer", customer_no=customer_no), message("doctor.deceased_mailing")
