"""Correcting a customer's record: the fields a correction may change, their checks, and the change itself.

A caller's correction comes through `operations.apply_correction` once they are verified; the company's own
(`administrative_correction`, a postal code Japan Post changed) opens its case here. Both change the record
through `correct_customer`, in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desk_app import postal
from desk_app.domain.enums import AccessAction, CaseKind, PhoneKind
from desk_app.domain.kana import is_kana
from desk_app.domain.messages import FieldName, InvalidRequest, Message, MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import text_problem
from desk_app.services.access_log import record_access
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import (
    APPROVER_ROLES,
    ApprovalRefused,
    CaseView,
    S,
    add_event,
    load_agent,
    load_case,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.cases.transitions import move
from desk_app.services.cases.verified import customer_of, start_work
from desk_app.storage.models import Case, Customer, DeskChange, Phone


class CustomerConflict(MessageError, RuntimeError):
    """Someone changed the customer since it was read; nothing was written."""


class InvalidCorrection(MessageError, ValueError):
    def __init__(self, field: str, problem: Message | str) -> None:
        said = message("field.problem", field=FieldName(field), problem=problem)
        super().__init__(said)
        self.field = field
        self.problem = str(problem)


_TEXT_FIELDS = {
    "name": 100,
    "name_kana": 200,
    "prefecture": 8,
    "city": 100,
    "street": 200,
    "building": 200,
    "email": 254,
}
_REQUIRED = frozenset({"name", "name_kana", "postal_code", "prefecture", "city", "street"})
_PHONE_FIELDS = {f"phone_{kind.value}": kind for kind in PhoneKind}
CORRECTABLE_FIELDS = frozenset({*_TEXT_FIELDS, "postal_code", *_PHONE_FIELDS})
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTAL = re.compile(r"〒?(\d{3})-?(\d{4})")


def _clean(field: str, value: object) -> str | None:
    """The value to store for `field`, validated; None clears an optional field."""
    if value is not None and not isinstance(value, str):
        raise InvalidCorrection(field, message("correction.not_text"))
    problem = text_problem(value.strip()) if value else None
    if problem is not None:
        raise InvalidCorrection(field, problem)
    text = unicodedata.normalize("NFKC", value).strip() if value else ""
    if field in ("name", "name_kana"):
        # Names keep their full-width form; only the surrounding space goes.
        text = (value or "").strip()
    if not text:
        if field in _REQUIRED:
            raise InvalidCorrection(field, message("field.required"))
        return None
    if field == "postal_code":
        match = _POSTAL.fullmatch(text.replace(" ", ""))
        if match is None:
            raise InvalidCorrection(field, message("correction.postal_code_format"))
        if not postal.exists(match[1] + match[2]):
            raise InvalidCorrection(field, message("correction.no_such_postal_code"))
        return match[1] + match[2]
    if field in _PHONE_FIELDS:
        try:
            return normalise(text).e164
        except InvalidPhoneNumber as error:
            raise InvalidCorrection(field, message("field.not_phone", detail=str(error))) from None
    if field == "name_kana" and not is_kana(text):
        raise InvalidCorrection(field, message("field.not_kana"))
    if field == "email" and not EMAIL.fullmatch(text):
        raise InvalidCorrection(field, message("field.not_email"))
    if len(text) > _TEXT_FIELDS[field]:
        raise InvalidCorrection(field, message("field.too_long", limit=_TEXT_FIELDS[field]))
    return text


def administrative_correction(
    session: Session,
    *,
    customer_id: int,
    agent_id: int,
    changes: dict[str, object],
    reason: str,
    target_days: int = 0,
    now: dt.datetime | None = None,
) -> CaseView:
    """A correction the company makes of its own accord (policy §8: a postal code Japan Post changed).

    No one asked, so there is no caller to verify: a correction case is opened with
    `details["administrative"] = reason`, goes straight to work (`lifecycle.ADMINISTRATIVE_KINDS`), is
    corrected with the same checks and `corrected` event as `apply_correction` and completed, all by
    `agent_id`, who must be a supervisor or an administrator. No letter answers it (`letter_assembly`).
    """
    if not reason.strip():
        raise InvalidRequest(message("correction.administrative_needs_reason"))
    if load_agent(session, agent_id).role not in APPROVER_ROLES:
        raise ApprovalRefused(message("case.administrative_supervisor_only"))
    at = utc_now(now)
    opened = open_case(
        session,
        kind=CaseKind.CORRECTION,
        customer_id=customer_id,
        agent_id=agent_id,
        received_at=at,
        target_days=target_days,
        summary=reason,
        now=at,
    )
    case = load_case(session, opened.case_id)
    update_details(case, administrative=reason)
    move(session, case, S.IN_PROGRESS, agent_id=agent_id, reason=reason, now=at)
    customer = customer_of(session, case)
    correct_customer(session, case, customer, agent_id=agent_id, changes=changes, at=at, access=reason)
    move(session, case, S.COMPLETED, agent_id=agent_id, reason=reason, now=at)
    return view_of(case)


def correct_customer(
    session: Session,
    case: Case,
    customer: Customer,
    *,
    agent_id: int,
    changes: dict[str, object],
    at: dt.datetime,
    access: str,
) -> None:
    """Change the fields in `changes` (checked), each kept before → after in a `corrected` event and in
    `desk_changes`; `access` says why in the access log. `CustomerConflict` if the record changed meanwhile.
    """
    unknown = set(changes) - CORRECTABLE_FIELDS
    if unknown:
        raise InvalidCorrection(sorted(unknown)[0], message("correction.not_correctable"))
    cleaned = {field: _clean(field, value) for field, value in changes.items()}
    diff: dict[str, dict[str, Any]] = {}
    for field, after in cleaned.items():
        if field in _PHONE_FIELDS:
            kind = _PHONE_FIELDS[field]
            held = [phone for phone in customer.phones if phone.kind is kind]
            before = [phone.e164 for phone in held]
            if before != ([after] if after else []):
                diff[field] = {"before": before or None, "after": after}
        elif getattr(customer, field) != after:
            diff[field] = {"before": getattr(customer, field), "after": after}
    if not diff:
        raise InvalidCorrection(next(iter(changes), "changes"), message("correction.nothing_differs"))
    start_work(session, case, agent_id, at)
    version_before = customer.row_version
    for field, change in diff.items():
        if field in _PHONE_FIELDS:
            kind = _PHONE_FIELDS[field]
            customer.phones = [phone for phone in customer.phones if phone.kind is not kind]
            if change["after"]:
                raw = normalise(change["after"]).national
                customer.phones.append(Phone(kind=kind, raw=raw, e164=change["after"]))
        else:
            setattr(customer, field, change["after"])
    customer.updated_at = at
    try:
        session.flush()
    except StaleDataError:
        raise CustomerConflict(
            message("correction.customer_changed_short", customer_no=customer.customer_no)
        ) from None
    for field in diff:
        # The mail-order system does not know of this yet: its next export must not silently undo it.
        session.merge(DeskChange(customer_id=customer.id, field=field, changed_at=at))
    detail = {"changes": diff, "row_version": {"before": version_before, "after": customer.row_version}}
    add_event(session, case, agent_id=agent_id, kind="corrected", detail=detail, at=at)
    update_details(case, corrected_fields=sorted({*case.details.get("corrected_fields", []), *diff}))
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=[customer.id],
        detail=f"{access}: " + ", ".join(sorted(diff)),
        case_id=case.id,
        now=at,
    )
    session.flush()
