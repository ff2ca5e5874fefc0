"""The form a disclosure goes in (APPI Art. 33(1)): on paper, or as an electronic record by e-mail.

The customer chooses; the desk sends an electronic record only to an address it already trusts: the e-mail
address on the customer's record, or one this case's identity check confirmed (the customer, reached by a
callback to a registered number, confirmed it; or the request form the documents came with gives it). An
address said on the call is never one: whoever is on the line could name anyone's, and a PDF of the
customer's data sent there at once could not be taken back. With no trusted address the electronic record
is not possible: the case records why, the disclosure goes in writing (Art. 33(2)), and the letter tells
the customer so (Art. 33(3)).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.enums import Delivery, DeliveryAddress, DeliveryObstacle, LetterKind
from desk_app.domain.lifecycle import DISCLOSURE_KINDS
from desk_app.domain.messages import InvalidRequest, MessageError, message
from desk_app.services.cases.records import CaseView, add_event, update_details, utc_now, view_of
from desk_app.services.cases.verified import customer_of, open_request
from desk_app.storage.models import Case, Customer, Letter


class DeliveryRefused(MessageError, PermissionError):
    """An electronic record to an address the desk does not trust, or a form changed after its letter."""


# The letters that say which form the disclosure went in.
_STATING_LETTERS = (LetterKind.DISCLOSURE, LetterKind.PROVISION_RECORDS)


def _same_address(one: str, other: str) -> bool:
    def folded(text: str) -> str:
        return unicodedata.normalize("NFKC", text).strip().casefold()

    return folded(one) == folded(other)


def trusted_addresses(case: Case, customer: Customer | None) -> dict[DeliveryAddress, str]:
    """The addresses an electronic record may go to, the one confirmed in this case first (the newest)."""
    checked = ((case.details or {}).get("identity") or {}).get("checked") or {}
    trusted: dict[DeliveryAddress, str] = {}
    if checked.get("email"):
        trusted[DeliveryAddress.CONFIRMED] = str(checked["email"])
    if customer is not None and customer.email:
        trusted[DeliveryAddress.REGISTERED] = customer.email
    return trusted


def electronic_address(case: Case, customer: Customer | None) -> DeliveryAddress | None:
    """Which trusted address an electronic record of `case` would go to now; None: it is not possible."""
    return next(iter(trusted_addresses(case, customer)), None)


def _require_no_letter(session: Session, case: Case) -> None:
    stated = session.scalar(
        select(Letter.id)
        .where(Letter.case_id == case.id, Letter.kind.in_(_STATING_LETTERS), Letter.voided_at.is_(None))
        .limit(1)
    )
    if stated is not None:
        raise DeliveryRefused(message("delivery.letter_on_file", case_no=case.case_no))


def choose_delivery(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    delivery: str,
    email: str | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record the form the customer asked for (`letter` or `electronic`) and the form it goes in.

    An electronic record goes to the trusted address (`trusted_addresses`); `email`, when given, must be
    one of them, else `DeliveryRefused` and nothing written. With none, the case records the electronic
    record as asked for and not possible (`DeliveryObstacle.NO_ADDRESS`) and the disclosure goes by post.
    Once a letter stating the form is on file, the form no longer changes (`DeliveryRefused`).
    """
    case = open_request(session, case_id, DISCLOSURE_KINDS)
    try:
        asked = Delivery(delivery)
    except ValueError:
        raise InvalidRequest(message("delivery.unknown", delivery=delivery)) from None
    _require_no_letter(session, case)
    after: dict[str, Any] = {"method": asked.value, "email": None, "asked": asked.value}
    if asked is Delivery.ELECTRONIC:
        trusted = trusted_addresses(case, customer_of(session, case))
        given = (email or "").strip()
        if given:
            # Named by whoever runs the step: accepted only as one of the trusted addresses, never as new.
            trusted = {to: known for to, known in trusted.items() if _same_address(known, given)}
            if not trusted:
                raise DeliveryRefused(message("delivery.address_not_allowed"))
        if trusted:
            to, address = next(iter(trusted.items()))
            after.update(email=address, to=to.value)
        else:
            after.update(method=Delivery.LETTER.value, obstacle=DeliveryObstacle.NO_ADDRESS.value)
    at = utc_now(now)
    before = case.details.get("delivery")
    update_details(case, delivery=after)
    detail = {"before": before, "after": after}
    add_event(session, case, agent_id=agent_id, kind="delivery_chosen", detail=detail, at=at)
    session.flush()
    return view_of(case)
