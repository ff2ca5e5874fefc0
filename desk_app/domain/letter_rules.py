"""Which letter a case calls for in its present state, and so which letters on file may still be mailed."""

# The rule reads only the case's kind, state and details, so it is shared by the letter service (what to
# make), the state changes (which unmailed letters to void), the mail room and the print room's batch (what
# may go out) and `desk-app doctor` (what contradicts its case) without any of them importing another.

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk_app.domain.enums import CaseKind, CaseState, LetterKind
from desk_app.domain.lifecycle import FEE_KINDS
from desk_app.domain.messages import Message, MessageError, message

# Why a letter was voided or not made, read back from the English it is stored in: the letter service and
# the mail room ask here, beside the rules that void letters.
from desk_app.domain.messages.stored_reasons import stored_reason as stored_reason

S = CaseState

COMPLETION_LETTERS = {
    CaseKind.CORRECTION: LetterKind.CORRECTION_COMPLETED,
    CaseKind.SUSPENSION: LetterKind.MAILING_STOPPED,
    CaseKind.DELETION: LetterKind.DELETION_COMPLETED,
    CaseKind.STOP_PROVISION: LetterKind.PROVISION_STOPPED,
    CaseKind.PURPOSES_NOTICE: LetterKind.PURPOSES_NOTICE,
    CaseKind.FOREIGN_TRANSFER: LetterKind.FOREIGN_TRANSFER_INFO,
}
DISCLOSURE_LETTERS = {
    CaseKind.DISCLOSURE: LetterKind.DISCLOSURE,
    CaseKind.PROVISION_DISCLOSURE: LetterKind.PROVISION_RECORDS,
}
# The requests a letter answers; complaints and reports of suspicious contact get no letter of their own.
ANSWERED_KINDS = frozenset({*COMPLETION_LETTERS, *DISCLOSURE_LETTERS})
# A disclosure is decided once its fee is settled; its letter may be made before the case is closed.
DISCLOSURE_READY_STATES = frozenset({S.FEE_RECEIVED, S.IN_PROGRESS, S.COMPLETED})
SETTLED_FEES = frozenset({"received", "waived"})
# Sent beside the answer, not as it: tells how to pay a fee (a disclosure's, or a notice of purposes' where
# one is charged) while the desk waits for it.
FEE_NOTICE = LetterKind.FEE_PAYMENT_NOTICE


class LetterNotApplicable(MessageError, ValueError):
    """The case has no letter to send: its kind is answered otherwise, or nothing is decided yet."""


def answering_letter(
    kind: CaseKind, state: CaseState, details: Mapping[str, Any] | None, case_no: str
) -> LetterKind:
    """The kind of letter that answers a case of `kind` in `state`; `LetterNotApplicable` if none does."""
    details = details or {}
    if kind not in ANSWERED_KINDS:
        raise LetterNotApplicable(message("letter.not_by_letter", kind=kind))
    if details.get("administrative"):
        # No one asked (a postal code Japan Post re-coded, say): there is no request to answer.
        raise LetterNotApplicable(message("letter.administrative", case_no=case_no))
    if state is S.REFUSED:
        return LetterKind.REFUSAL
    if kind in DISCLOSURE_LETTERS:
        fee = details.get("fee") or {}
        if state in DISCLOSURE_READY_STATES and fee.get("status") in SETTLED_FEES:
            return DISCLOSURE_LETTERS[kind]
        raise LetterNotApplicable(message("letter.disclosure_after_fee", case_no=case_no, state=state))
    if state is S.COMPLETED:
        return COMPLETION_LETTERS[kind]
    raise LetterNotApplicable(message("letter.nothing_decided", case_no=case_no, state=state))


def fee_notice_problem(
    kind: CaseKind, state: CaseState, details: Mapping[str, Any] | None, case_no: str
) -> Message | None:
    """None while the case calls for a fee-payment notice — a request whose fee was requested and is still
    awaited —; else why it does not (the fee received or waived, the case refused or withdrawn)."""
    if kind not in FEE_KINDS:
        return message("letter.fee_notice_free", kind=kind)
    fee = (details or {}).get("fee") or {}
    if state is S.FEE_PENDING and fee.get("status") == "requested":
        return None
    if fee.get("status") == "received":
        return message("letter.fee_received_already", case_no=case_no)
    if fee.get("status") == "waived":
        return message("letter.fee_waived_already", case_no=case_no)
    return message("letter.no_fee_awaited", case_no=case_no, state=state)


def held_reason(
    letter_kind: LetterKind, kind: CaseKind, state: CaseState, details: Mapping[str, Any] | None, case_no: str
) -> Message | None:
    """None when an unmailed, unvoided `letter_kind` letter may go out for the case as it is; else why not.

    A letter waits (is held) while a decision is pending, and is contradicted once the case calls for
    another letter or none: both keep it out of the print room.
    """
    if state is S.AWAITING_APPROVAL:
        return message("letter.awaits_decision", case_no=case_no)
    if letter_kind is FEE_NOTICE:
        return fee_notice_problem(kind, state, details, case_no)
    try:
        wanted = answering_letter(kind, state, details, case_no)
    except LetterNotApplicable as exc:
        return exc.explanation
    if wanted is not letter_kind:
        return message("letter.calls_for_another", case_no=case_no, state=state, wanted=wanted)
    return None


def notice_held_reason(incident_no: str, *, erased: bool, deceased: bool) -> Message | None:
    """None when an unmailed leak notice may go out to its customer as the record stands; else why not.

    A notice answers no case, so nothing decided can hold it: only a customer erased or reported deceased
    since it was made, to whom no notice would be made now either.
    """
    if erased:
        return message("letter.notice_customer_erased", incident_no=incident_no)
    if deceased:
        return message("letter.notice_customer_deceased", incident_no=incident_no)
    return None


def reopened_reason(case_no: str) -> Message:
    """Why reopening a case voided its unmailed letters."""
    return message("letter.case_reopened", case_no=case_no)


def voids_on_change(target: CaseState, *, reopened: bool) -> bool:
    """Whether moving a case to `target` voids its unmailed letters that the new state does not call for.

    Reopening voids every unmailed letter (the case's answer is being reconsidered); a proposal awaiting
    approval only holds them, since a denial brings the same answer back.
    """
    return reopened or target is not S.AWAITING_APPROVAL
