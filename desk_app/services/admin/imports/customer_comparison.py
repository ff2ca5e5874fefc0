"""A customer row against what is stored: what a re-run leaves unchanged, and what the desk's corrections,
stopped mailings and stopped third-party provision keep from the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from desk_app.domain.enums import PhoneKind
from desk_app.imports.columns import CUSTOMER_COLUMNS
from desk_app.imports.validate import national
from desk_app.services.admin.imports.report import Counts, DeskChangeConflict, ProvisionStopKept

# Compared with what is stored; a difference in any of them (or in the phones) is a change.
CUSTOMER_FIELDS = (
    "name",
    "name_kana",
    "birth_date",
    "postal_code",
    "prefecture",
    "city",
    "street",
    "building",
    "email",
    "shopping_credit",
    "workplace_name",
    "workplace_phone",
    "catalogue_opt_in",
    "direct_mail_opt_in",
    "email_magazine_opt_in",
    "provision_opt_in",
)
MAILINGS = ("catalogue_opt_in", "direct_mail_opt_in", "email_magazine_opt_in")
# Provision to third parties on consent: like a mailing, stopped at the desk, never turned back on by a file.
PROVISION = "provision_opt_in"
# Each setting with the time it last changed, which an import moves only when the setting changes.
FLAG_STAMPS = {flag: flag.replace("_opt_in", "_changed_at") for flag in (*MAILINGS, PROVISION)}
# A flag left blank in the file: a new customer gets the desk's default, a known one keeps the stored value.
FLAG_DEFAULTS = {
    "shopping_credit": False,
    "catalogue_opt_in": True,
    "direct_mail_opt_in": True,
    "email_magazine_opt_in": False,
    "provision_opt_in": True,
}
PHONE_FIELDS = (
    ("home_phone", PhoneKind.HOME),
    ("mobile_phone", PhoneKind.MOBILE),
    ("work_phone", PhoneKind.WORK),
)
# What the customer import reads of a stored customer, in this order.
STORED_COLUMNS = ("id", "customer_no", "state", "row_version", *CUSTOMER_FIELDS)
# The fields a desk correction changes (`cases.corrections.CORRECTABLE_FIELDS`), as `desk_changes` names them.
_DESK_FIELDS = ("name", "name_kana", "postal_code", "prefecture", "city", "street", "building", "email")
_HEADERS = {column.field: column.header for column in CUSTOMER_COLUMNS}
_PHONE_COLUMN = {f"phone_{kind.value}": name for name, kind in PHONE_FIELDS}


@dataclass
class PhoneChange:
    """A known customer's numbers of the kinds that change: those kinds' rows are replaced by `rows`."""

    kinds: set[str] = field(default_factory=set)
    rows: list[dict[str, Any]] = field(default_factory=list)


class CustomerComparison:
    """The customer writer's rules for one stored customer and the row the file gives for them."""

    # The writer's: the file's columns, whether the file overrides desk corrections, the running tallies.
    present: frozenset[str]
    overwrite: bool
    counts: Counts

    @cached_property
    def _columns_compared(self) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
        """The file's customer fields with their place in a stored row (`STORED_COLUMNS`; the workplace's
        number goes by the work phone), and its phone columns."""
        fields = [
            (name, STORED_COLUMNS.index(name))
            for name in CUSTOMER_FIELDS
            if name in self.present and name != "workplace_phone"
        ]
        return fields, [(name, kind.value) for name, kind in PHONE_FIELDS if name in self.present]

    def _same_as_stored(self, clean: dict[str, Any], stored: Any, held: dict[str, set[str]]) -> bool:
        """Whether the row gives every field it has a column for exactly as stored, phones included.

        Such a row, for a customer without desk changes, is unchanged by the rules of `_merge` and
        `_phone_change` too (nothing to keep from the store, no stop to keep, nothing to settle), so it
        is counted without them. A False sends the row through them, as before.
        """
        compared, phone_columns = self._columns_compared
        for name, place in compared:
            # A blank flag (None) is never equal to a stored one: the full rules decide it.
            if clean[name] != stored[place]:
                return False
        for name, kind in phone_columns:
            number = clean[name]
            kept = held.get(kind)
            if number is None:
                if kept:
                    return False
            elif kept is None or len(kept) != 1 or number.e164 not in kept:
                return False
        return True

    def _phones(self, clean: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """The numbers the row gives, by kind, for the kinds whose column the file has."""
        return {
            kind.value: (
                [{"kind": kind.value, "raw": clean["raw_" + name], "e164": number.e164}]
                if (number := clean.get(name)) is not None
                else []
            )
            for name, kind in PHONE_FIELDS
            if name in self.present
        }

    def _values(self, clean: dict[str, Any]) -> dict[str, Any]:
        values = {name: clean.get(name) for name in CUSTOMER_FIELDS}
        work = clean.get("work_phone")
        values["workplace_phone"] = national(work) if work is not None else None
        return values

    def _conflict(self, existing: dict[str, Any], desk_field: str, settled: list[tuple[int, str]]) -> bool:
        """A desk change the file contradicts: reported; True when the desk's value is kept."""
        header = _HEADERS.get(desk_field) or _HEADERS[_PHONE_COLUMN[desk_field]]
        self.counts.conflicts.append(
            DeskChangeConflict(existing["customer_no"], header, kept=not self.overwrite)
        )
        if self.overwrite:
            settled.append((existing["id"], desk_field))
        return not self.overwrite

    def _merge(
        self, existing: dict[str, Any], values: dict[str, Any], desk: set[str], settled: list[tuple[int, str]]
    ) -> dict[str, Any]:
        for name in CUSTOMER_FIELDS:
            # (The workplace's number follows the work phone: decided with the phones.)
            if name not in self.present and name != "workplace_phone":
                # The file has no such column: it says nothing about this field.
                values[name] = existing[name]
        for flag in FLAG_DEFAULTS:
            if values[flag] is None:
                values[flag] = existing[flag]
        for flag in MAILINGS:
            if values[flag] and not existing[flag]:
                # The desk records stop requests; the mail-order system may not know of one yet.
                values[flag] = False
                self.counts.stops_kept += 1
        if values[PROVISION] and not existing[PROVISION]:
            # Stopped at the desk (or by an earlier file): only the customer can allow it again.
            values[PROVISION] = False
            self.counts.provision_stops_kept.append(ProvisionStopKept(existing["customer_no"]))
        for name in _DESK_FIELDS:
            if name not in desk or name not in self.present:
                continue
            if values[name] == existing[name]:
                settled.append((existing["id"], name))  # the mail-order system has the correction now
            elif self._conflict(existing, name, settled):
                values[name] = existing[name]
        return values

    def _phone_change(
        self,
        existing: dict[str, Any],
        held: dict[str, set[str]],
        wanted: dict[str, list[dict[str, Any]]],
        desk: set[str],
        settled: list[tuple[int, str]],
    ) -> PhoneChange:
        change = PhoneChange()
        for kind, rows in wanted.items():
            same = held.get(kind, set()) == {row["e164"] for row in rows}
            desk_field = f"phone_{kind}"
            if desk_field in desk:
                if same:
                    settled.append((existing["id"], desk_field))
                    continue
                if self._conflict(existing, desk_field, settled):
                    continue
            if not same:
                change.kinds.add(kind)
                change.rows += rows
        return change
