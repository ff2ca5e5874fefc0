"""The base of the three writers: checked rows upserted a batch at a time, and the key check they share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.enums import CustomerState
from desk_app.domain.messages import message
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.validate import Problem
from desk_app.services.admin.imports.report import Counts
from desk_app.services.erased_register import erased_among
from desk_app.storage.models import Customer, table_of

_CUSTOMERS = table_of(Customer)


@dataclass
class Item:
    """A row of the file: its line, its cells as read (for the rejects) and its checked values."""

    line: int
    raw: list[str]
    clean: dict[str, Any]


class Writer:
    """Upserts one kind of row a batch at a time; problems only the database can reveal come back."""

    def __init__(self, session: Session, now: dt.datetime, counts: Counts, register_key: RegisterKey) -> None:
        self.session, self.now, self.counts, self.register_key = session, now, counts, register_key
        self.seen: dict[str, int] = {}
        self.present: frozenset[str] = frozenset()
        self.overwrite = False

    def check_key(self, line: int, clean: dict[str, Any]) -> list[Problem]:
        return []

    def flush(self, batch: list[Item], *, write: bool, final: bool) -> list[tuple[Item, list[Problem]]]:
        raise NotImplementedError

    def rejected(self, clean: dict[str, Any]) -> None:
        """A row failed validation (orders reject every line of its order)."""

    def customers(self, numbers: list[str]) -> dict[str, tuple[int, str]]:
        """Id and state by customer number; a number only the erased-customer register knows is erased."""
        c = _CUSTOMERS.c
        rows = self.session.execute(select(c.customer_no, c.id, c.state).where(c.customer_no.in_(numbers)))
        found = {number: (customer_id, str(state)) for number, customer_id, state in rows}
        unknown = [number for number in numbers if number not in found]
        for number in erased_among(self.session, self.register_key, unknown):
            found[number] = (-1, str(CustomerState.ERASED))
        return found


def repeated(seen: dict[str, int], key: str, line: int, header: str) -> list[Problem]:
    first = seen.setdefault(key, line)
    return [] if first == line else [Problem(line, header, message("import.repeated", key=key, first=first))]
