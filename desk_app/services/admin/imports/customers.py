"""Customers upserted a batch at a time: inserted, updated where the comparison finds a change, settled."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, delete, insert, select, update

from desk_app.domain.enums import CustomerState, PhoneKind
from desk_app.domain.kana import kana_key, name_key
from desk_app.domain.messages import message
from desk_app.imports.validate import Problem
from desk_app.services.admin.imports.customer_comparison import (
    CUSTOMER_FIELDS,
    FLAG_DEFAULTS,
    FLAG_STAMPS,
    STORED_COLUMNS,
    CustomerComparison,
    PhoneChange,
)
from desk_app.services.admin.imports.report import ImportConflict
from desk_app.services.admin.imports.writer import Item, Writer, repeated
from desk_app.services.erased_register import erased_among
from desk_app.storage.models import Customer, DeskChange, Phone, table_of

_CUSTOMERS = table_of(Customer)
_PHONES = table_of(Phone)
_DESK_CHANGES = table_of(DeskChange)


class CustomerWriter(Writer, CustomerComparison):
    """Customers keyed by their number; `CustomerComparison` decides what of each row is a change."""

    def check_key(self, line: int, clean: dict[str, Any]) -> list[Problem]:
        return repeated(self.seen, clean["customer_no"], line, "顧客番号")

    def flush(self, batch: list[Item], *, write: bool, final: bool) -> list[tuple[Item, list[Problem]]]:
        if not batch or not write:
            return []
        c = _CUSTOMERS.c
        numbers = [item.clean["customer_no"] for item in batch]
        stored = {
            row.customer_no: row
            for row in self.session.execute(
                select(*(c[name] for name in STORED_COLUMNS)).where(c.customer_no.in_(numbers))
            )
        }
        erased = erased_among(self.session, self.register_key, [n for n in numbers if n not in stored])
        phones: dict[int, dict[str, set[str]]] = {}
        pending: dict[int, set[str]] = {}
        if stored:
            ids = [row.id for row in stored.values()]
            for customer_id, kind, e164 in self.session.execute(
                select(_PHONES.c.customer_id, _PHONES.c.kind, _PHONES.c.e164).where(
                    _PHONES.c.customer_id.in_(ids)
                )
            ):
                phones.setdefault(customer_id, {}).setdefault(str(kind), set()).add(e164)
            d = _DESK_CHANGES.c
            for customer_id, desk_field in self.session.execute(
                select(d.customer_id, d.field).where(d.customer_id.in_(ids))
            ):
                pending.setdefault(customer_id, set()).add(desk_field)
        new_rows: list[dict[str, Any]] = []
        new_phones: dict[str, list[dict[str, Any]]] = {}
        changed_rows: list[dict[str, Any]] = []
        changed_phones: dict[int, PhoneChange] = {}
        settled: list[tuple[int, str]] = []
        for item in batch:
            number = item.clean["customer_no"]
            row = stored.get(number)
            if (
                row is not None
                and row.id not in pending
                and row.state != CustomerState.ERASED
                and self._same_as_stored(item.clean, row, phones.get(row.id, {}))
            ):
                # A re-run's usual row: nothing to merge, settle or report.
                self.counts.unchanged += 1
                continue
            # The rules below read each stored field a dozen times: a plain dictionary is quicker.
            existing = None if row is None else row._asdict()
            wanted = self._phones(item.clean)
            if existing is None:
                if number in erased:
                    # Erased, and the blank row since purged: the register remembers.
                    self.counts.not_revived.append(number)
                    continue
                values = self._values(item.clean)
                for flag, default in FLAG_DEFAULTS.items():
                    if values[flag] is None:
                        values[flag] = default
                new_rows.append(self._new_row(number, values))
                new_phones[number] = [row for rows in wanted.values() for row in rows]
                continue
            if existing["state"] == CustomerState.ERASED:
                self.counts.not_revived.append(existing["customer_no"])
                continue
            desk = pending.get(existing["id"], set())
            values = self._merge(existing, self._values(item.clean), desk, settled)
            change = self._phone_change(existing, phones.get(existing["id"], {}), wanted, desk, settled)
            if PhoneKind.WORK.value not in change.kinds:
                # The work number stays as stored (the same, the desk's, or no column): so does its written
                # form.
                values["workplace_phone"] = existing["workplace_phone"]
            if not change.kinds and all(values[name] == existing[name] for name in CUSTOMER_FIELDS):
                self.counts.unchanged += 1
                continue
            changed_rows.append(self._changed_row(existing, values))
            if change.kinds:
                changed_phones[existing["id"]] = change
        self._insert(new_rows, new_phones)
        self._update(changed_rows, changed_phones)
        self._settle(settled)
        return []

    def _new_row(self, customer_no: str, values: dict[str, Any]) -> dict[str, Any]:
        return {
            **values,
            "customer_no": customer_no,
            "catalogue_changed_at": None,
            "direct_mail_changed_at": None,
            "email_magazine_changed_at": None,
            "provision_changed_at": None,
            "state": CustomerState.ACTIVE,
            "created_at": self.now,
            "updated_at": self.now,
            "row_version": 1,
            "name_search": name_key(values["name"]),
            "kana_search": kana_key(values["name_kana"]),
        }

    def _changed_row(self, existing: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        row = {f"v_{name}": value for name, value in values.items()}
        for flag, stamp in FLAG_STAMPS.items():
            row[f"v_{stamp}"] = self.now if values[flag] != existing[flag] else _KEEP
        row.update(
            b_id=existing["id"],
            b_version=existing["row_version"],
            v_name_search=name_key(values["name"]),
            v_kana_search=kana_key(values["name_kana"]),
        )
        return row

    def _insert(self, rows: list[dict[str, Any]], phones: dict[str, list[dict[str, Any]]]) -> None:
        if not rows:
            return
        self.session.execute(insert(_CUSTOMERS), rows)
        self.counts.inserted += len(rows)
        c = _CUSTOMERS.c
        ids = dict(
            self.session.execute(
                select(c.customer_no, c.id).where(c.customer_no.in_([row["customer_no"] for row in rows]))
            ).all()
        )
        phone_rows = [
            {**phone, "customer_id": ids[number]} for number, wanted in phones.items() for phone in wanted
        ]
        if phone_rows:
            self.session.execute(insert(_PHONES), phone_rows)

    def _update(self, rows: list[dict[str, Any]], phones: dict[int, PhoneChange]) -> None:
        if not rows:
            return
        self._run_updates(rows)
        p = _PHONES.c
        for kind in PhoneKind:
            changing = [customer_id for customer_id, change in phones.items() if kind.value in change.kinds]
            if changing:
                self.session.execute(delete(_PHONES).where(p.customer_id.in_(changing), p.kind == kind))
        phone_rows = [
            {**phone, "customer_id": customer_id}
            for customer_id, change in phones.items()
            for phone in change.rows
        ]
        # A customer whose numbers the file all removed has none to insert (an empty insert would be
        # `INSERT INTO phones DEFAULT VALUES`).
        if phone_rows:
            self.session.execute(insert(_PHONES), phone_rows)

    def _settle(self, settled: list[tuple[int, str]]) -> None:
        d = _DESK_CHANGES.c
        for desk_field in sorted({name for _customer, name in settled}):
            ids = sorted({customer for customer, name in settled if name == desk_field})
            self.session.execute(delete(_DESK_CHANGES).where(d.field == desk_field, d.customer_id.in_(ids)))

    def _run_updates(self, rows: list[dict[str, Any]]) -> None:
        # The change stamps are each either kept or set, so rows are grouped by which ones change.
        groups: dict[tuple[bool, ...], list[dict[str, Any]]] = {}
        for row in rows:
            key = tuple(row[f"v_{stamp}"] is not _KEEP for stamp in _STAMPS)
            groups.setdefault(key, []).append(row)
        for key, group in groups.items():
            statement = _update_statement(key, self.now)
            params = [{name: value for name, value in row.items() if value is not _KEEP} for row in group]
            result = cast(CursorResult[Any], self.session.execute(statement, params))
            if result.rowcount not in (-1, len(params)):
                raise ImportConflict(message("import.changed_meanwhile"))
        self.counts.updated += len(rows)


class _Keep:
    """Marks a change stamp that stays as stored."""


_KEEP: Any = _Keep()
_STAMPS = tuple(FLAG_STAMPS.values())


def _update_statement(stamps_set: tuple[bool, ...], now: dt.datetime) -> Any:
    c = _CUSTOMERS.c
    values: dict[str, Any] = {
        name: bindparam(f"v_{name}") for name in (*CUSTOMER_FIELDS, "name_search", "kana_search")
    }
    for stamp, is_set in zip(_STAMPS, stamps_set, strict=True):
        if is_set:
            values[stamp] = bindparam(f"v_{stamp}")
    values["row_version"] = c.row_version + 1
    values["updated_at"] = now
    return (
        update(_CUSTOMERS)
        .where(c.id == bindparam("b_id"), c.row_version == bindparam("b_version"))
        .values(**values)
    )
