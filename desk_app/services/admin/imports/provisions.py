"""Provision records upserted: having no number, a whole record is its own key."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select

from desk_app.domain.enums import CustomerState, ProvisionBasis
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.messages import message
from desk_app.domain.provision_stops import stoppable
from desk_app.imports.validate import Problem
from desk_app.services.admin.imports.report import ProvisionStopKept
from desk_app.services.admin.imports.writer import Item, Writer
from desk_app.storage.models import ProvisionRecord, ProvisionStop, table_of

_PROVISIONS = table_of(ProvisionRecord)
_STOPS = table_of(ProvisionStop)

_PROVISION_FIELDS = (
    "provided_on",
    "recipient_name",
    "recipient_address",
    "recipient_representative",
    "items_provided",
    "purpose",
    "basis",
)


class ProvisionWriter(Writer):
    """Provision records have no number: the whole record is the key, so the same row twice is one record."""

    def flush(self, batch: list[Item], *, write: bool, final: bool) -> list[tuple[Item, list[Problem]]]:
        if not batch:
            return []
        owners = self.customers(sorted({item.clean["customer_no"] for item in batch}))
        problems: list[tuple[Item, list[Problem]]] = []
        wanted: list[tuple[Any, ...]] = []
        for item in batch:
            owner = owners.get(item.clean["customer_no"])
            if owner is None:
                problems.append((item, [Problem(item.line, "顧客番号", message("import.no_such_customer"))]))
            elif owner[1] == CustomerState.ERASED:
                self.counts.not_revived.append(item.clean["customer_no"])
            else:
                wanted.append((owner[0], *(item.clean[name] for name in _PROVISION_FIELDS)))
        if not write or not wanted:
            return problems
        p = _PROVISIONS.c
        stored = {
            (row[0], *row[1:-1], str(row[-1]))
            for row in self.session.execute(
                select(p.customer_id, *(p[name] for name in _PROVISION_FIELDS)).where(
                    p.customer_id.in_(sorted({record[0] for record in wanted}))
                )
            )
        }
        new: list[dict[str, Any]] = []
        for record in wanted:
            if record in stored:
                self.counts.unchanged += 1
                continue
            stored.add(record)
            new.append(dict(zip(("customer_id", *_PROVISION_FIELDS), record, strict=True)))
        if new:
            self.session.execute(insert(_PROVISIONS), new)
            self._after_stops(new, {owner[0]: number for number, owner in owners.items()})
        self.counts.inserted += len(new)
        return problems

    def _after_stops(self, new: list[dict[str, Any]], numbers: dict[int, str]) -> None:
        """Report each new provision on consent dated after a stop the customer made at the desk that covers
        it (all provision not required, or that recipient's). It is stored all the same: the file says it
        happened, and the record is what the law asks to be kept."""
        s = _STOPS.c
        stops: dict[int, list[tuple[str | None, dt.date]]] = {}
        for customer_id, recipient, at in self.session.execute(
            select(s.customer_id, s.recipient_name, s.stopped_at).where(
                s.customer_id.in_(sorted({row["customer_id"] for row in new}))
            )
        ):
            stops.setdefault(customer_id, []).append((recipient, at.astimezone(TOKYO).date()))
        for row in new:
            if not stoppable(ProvisionBasis(row["basis"])):
                continue
            if any(
                recipient in (None, row["recipient_name"]) and row["provided_on"] > stopped_on
                for recipient, stopped_on in stops.get(row["customer_id"], ())
            ):
                kept = ProvisionStopKept(
                    numbers[row["customer_id"]], row["recipient_name"], row["provided_on"]
                )
                self.counts.provision_stops_kept.append(kept)
