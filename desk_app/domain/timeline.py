"""A case event as a `Message`: what the timeline says of it, in either language."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, TypeVar

from desk_app.domain.enums import (
    CaseKind,
    CaseState,
    ComplaintCategory,
    DeliveryAddress,
    DeliveryObstacle,
    LetterKind,
    PauseReason,
    ProvisionStopGround,
    RefusalGround,
    ReportChannel,
    SuspensionGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.messages import FieldName, Message, message, verbatim
from desk_app.domain.messages.stored_reasons import stored_reason
from desk_app.domain.proxies import PersonConfirmation, ProxyDocument, ProxyKind

E = TypeVar("E", bound=enum.Enum)

# Shown on the record only after a logged reveal: the timeline names the change, not the values.
PROTECTED_FIELDS = frozenset(
    {"street", "building", "email", "birth_date", "workplace_name", "workplace_phone"}
)
_EMPTY = verbatim("")


def _member(kind: type[E], value: Any) -> E | str:
    """`value` as a member of `kind`, or as written when an older event holds something else."""
    try:
        return kind(value)
    except ValueError:
        return str(value)


def _text(value: Any) -> str:
    # A note of several lines stays on the timeline's one line.
    return " / ".join(str(value).splitlines())


def _optional(code: str, value: Any) -> Message:
    return message(code, text=_text(value)) if value else _EMPTY


def _changes(changes: Mapping[str, Any]) -> tuple[Message, ...]:
    """Each corrected field, before → after; protected fields by name only."""
    parts = []
    for name in sorted(changes):
        change = changes[name] if isinstance(changes[name], dict) else {}
        if name in PROTECTED_FIELDS:
            parts.append(message("event.field_changed", field=FieldName(name)))
        else:
            before, after = change.get("before"), change.get("after")
            parts.append(
                message(
                    "event.field_before_after",
                    field=FieldName(name),
                    before=before or None,
                    after=after or None,
                )
            )
    return tuple(parts)


def _refusal_answer(detail: Mapping[str, Any]) -> tuple[Message, ...]:
    """A state change's reasons: a refusal's ground and text for the customer apart from internal notes."""
    parts = []
    if detail.get("ground"):
        parts.append(message("event.ground", ground=_member(RefusalGround, detail["ground"])))
    if detail.get("customer_text"):
        parts.append(message("event.on_the_letter", text=str(detail["customer_text"])))
    if detail.get("alternative"):
        parts.append(message("event.alternative", text=_text(detail["alternative"])))
    if detail.get("reason"):
        code = "event.internal_note" if detail.get("customer_text") else "event.reason"
        parts.append(message(code, text=str(detail["reason"])))
    if detail.get("decision_reason"):
        # A decision recorded before refusal grounds were kept: the approver's own reason.
        parts.append(message("event.approver", text=str(detail["decision_reason"])))
    return tuple(parts)


def _joined(parts: tuple[Message, ...]) -> Message:
    return Message("event.parts", {"parts": parts}) if parts else _EMPTY


def event_message(kind: str, detail: Mapping[str, Any]) -> Message:
    """One event in words; never what a caller said to prove who they are, nor a protected field's value."""
    if kind == "opened":
        if detail.get("channel") == "post" and detail.get("arrived_on"):
            return message("event.opened_by_post", arrived_on=str(detail["arrived_on"]))
        return message("event.opened")
    if kind == "state_changed":
        proposals = {"erasure": "event.erasure_proposed", "refusal": "event.refusal_proposed"}
        proposal = (
            message(proposals[detail["proposal"]])
            if detail.get("to") == "awaiting_approval" and detail.get("proposal") in proposals
            else _EMPTY
        )
        return message(
            "event.state_changed",
            before=_member(CaseState, detail.get("from")),
            after=_member(CaseState, detail.get("to")),
            proposal=proposal,
            answer=_joined(_refusal_answer(detail)),
        )
    if kind == "identity_check":
        code = "event.identity_passed" if detail.get("verified") else "event.identity_failed"
        return message(code, method=_member(IdentityMethod, str(detail.get("method"))))
    if kind == "corrected":
        return message("event.corrected", changes=_joined_list(_changes(detail.get("changes", {}))))
    if kind == "mailings_stopped":
        mailings = tuple(FieldName(name) for name in sorted(detail.get("changes", {})))
        return message("event.mailings_stopped", mailings=mailings, effective=str(detail.get("effective")))
    if kind == "request_ground":
        return message("event.request_ground", ground=_member(SuspensionGround, detail.get("ground")))
    if kind == "provision_stopped":
        recipient = detail.get("recipient")
        scope = (
            message("event.provision_to", recipient=str(recipient))
            if recipient
            else message("event.provision_all")
        )
        return message(
            "event.provision_stopped", scope=scope, ground=_member(ProvisionStopGround, detail.get("ground"))
        )
    if kind == "joint_use_answered":
        return message("event.joint_use_answered", version=str(detail.get("version")))
    if kind == "leak_inquiry_answered" and not detail.get("incident_no"):
        return message("event.leak_inquiry_answered_unnamed")
    if kind in ("leak_inquiry_answered", "report_linked", "report_unlinked"):
        return message(f"event.{kind}", incident_no=str(detail.get("incident_no")))
    if kind in ("purposes_recorded", "foreign_transfer_recorded"):
        return message(f"event.{kind}", version=str(detail.get("version")), count=str(detail.get("count")))
    if kind == "fee" and detail.get("status") in ("requested", "received", "waived"):
        return message(f"event.fee_{detail['status']}")
    if kind == "erased":
        return message("event.erased")
    if kind in ("letter_generated", "letter_printed", "letter_mailed"):
        return message(f"event.{kind}", kind=_member(LetterKind, str(detail.get("kind"))))
    if kind in ("letter_voided", "letter_not_generated"):
        # The reason is the core's English as it was stored with the letter, read back as its message.
        reason = detail.get("reason")
        return message(
            f"event.{kind}",
            kind=_member(LetterKind, str(detail.get("kind"))),
            reason=message("event.note", text=stored_reason(_text(reason))) if reason else _EMPTY,
        )
    if kind == "reassigned":
        return message("event.reassigned", reason=_optional("event.reason", detail.get("reason")))
    if kind == "reopened":
        return message(
            "event.reopened",
            state=_member(CaseState, detail.get("to")),
            reason=_optional("event.reason", detail.get("reason")),
        )
    if kind == "script_finished":
        notes = _joined(
            tuple(message("event.script_note", text=_text(note)) for note in detail.get("notes", []))
        )
        script = _member(CaseKind, detail.get("script_id"))
        version = str(detail.get("script_version"))
        if isinstance(script, CaseKind):
            return message("event.script_finished", kind=script, version=version, notes=notes)
        return message("event.script_finished_other", script=script, version=version, notes=notes)
    if kind == "delivery_chosen":
        return _delivery_chosen(detail.get("after"))
    if kind == "escalation_promised":
        return message("event.escalation_promised", note=_optional("event.note", detail.get("note")))
    if kind == "complaint_recorded":
        return message(
            "event.complaint_recorded", category=_member(ComplaintCategory, detail.get("category"))
        )
    if kind == "complaint_answered":
        return message("event.complaint_answered")
    if kind == "escalated":
        return message("event.escalated", note=_optional("event.note", detail.get("note")))
    if kind == "report_recorded":
        return message("event.report_recorded", channel=_member(ReportChannel, detail.get("channel")))
    if kind == "deadline_extended":
        return message(
            "event.deadline_extended",
            due_on=str(detail.get("after")),
            reason=_optional("event.reason", detail.get("reason")),
        )
    if kind in ("paused", "resumed"):
        return _pause_message(kind, detail)
    if kind == "proxy_recorded":
        return message(
            "event.proxy_recorded",
            kind=_member(ProxyKind, detail.get("kind")),
            documents=tuple(_member(ProxyDocument, item) for item in detail.get("documents", [])),
            letters=message("event.proxy_letters_to_proxy") if detail.get("letters_to_proxy") else _EMPTY,
        )
    if kind == "proxy_confirmation":
        return message("event.proxy_confirmation", result=_member(PersonConfirmation, detail.get("result")))
    if kind == "follow_up":
        return message("event.follow_up", note=_optional("event.note", detail.get("details")))
    if kind == "note":
        return message("event.noted", note=_optional("event.note", detail.get("text") or detail.get("note")))
    return message("event.other", kind=kind.replace("_", " "))


def _delivery_chosen(after: Any) -> Message:
    """The form recorded: a letter, an electronic record to a trusted address, or the electronic record
    asked for and not possible (with why); never the address itself."""
    chosen = after if isinstance(after, dict) else {}
    if chosen.get("obstacle"):
        return message("event.delivery_not_possible", reason=_member(DeliveryObstacle, chosen["obstacle"]))
    if chosen.get("method") != "electronic":
        return message("event.delivery_letter")
    if chosen.get("to"):
        return message("event.delivery_electronic_to", address=_member(DeliveryAddress, chosen["to"]))
    return message("event.delivery_electronic")


def _pause_message(kind: str, detail: Mapping[str, Any]) -> Message:
    """A pause or its end: what the desk waited for, and (ended) the days paused and the due date after."""
    reason = _member(PauseReason, detail.get("reason"))
    note = _optional("event.note", detail.get("note"))
    if kind == "paused":
        how = message("event.paused_by_fee") if detail.get("automatic") else _EMPTY
        return message("event.paused", reason=reason, how=how, note=note)
    ended_by = {"fee_settled": "event.resumed_fee_settled", "closed": "event.resumed_closed"}
    how = message(ended_by[detail["ended_by"]]) if detail.get("ended_by") in ended_by else _EMPTY
    days = str(detail.get("days"))
    return message(
        "event.resumed", reason=reason, days=days, due_on=str(detail.get("after")), how=how, note=note
    )


def _joined_list(parts: tuple[Message, ...]) -> Message:
    return Message("event.list", {"parts": parts})
