"""What a request's work must have left on its case before the case may be completed."""

# A request that charges a fee is completed once the fee is received or waived, whatever path led back to
# work (a case withdrawn while its fee was awaited, then reopened, has not paid it). A stop of third-party
# provision is completed for what it stopped, a notice of the purposes of use (or the information on foreign
# recipients) for what it recorded (and the letter that gives it), a question about joint use or about a
# leak incident for the answer recorded as given: completing one that did nothing would confirm nothing to
# the customer.
# `transitions.move` holds every completion to this, so no path around the operations (the actions bar, a
# script finished, the demo) closes such a case empty.

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk_app.domain.enums import CaseKind
from desk_app.domain.letter_rules import SETTLED_FEES
from desk_app.domain.lifecycle import DISCLOSURE_KINDS
from desk_app.domain.messages import Message, message

# Where the case keeps what was done, by kind, and what completing it without that says.
PROVISION_STOPS = "provision_stops"
PURPOSES_RECORD = "purposes_notice"
FOREIGN_RECORD = "foreign_transfer"
JOINT_USE_RECORD = "joint_use"
LEAK_INQUIRY_RECORD = "leak_inquiry"
_WORK: dict[CaseKind, tuple[str, str]] = {
    CaseKind.STOP_PROVISION: (PROVISION_STOPS, "provision.complete_after_stop"),
    CaseKind.PURPOSES_NOTICE: (PURPOSES_RECORD, "purposes.complete_after_record"),
    CaseKind.FOREIGN_TRANSFER: (FOREIGN_RECORD, "foreign.complete_after_record"),
    CaseKind.JOINT_USE: (JOINT_USE_RECORD, "joint_use.complete_after_answer"),
    CaseKind.LEAK_INQUIRY: (LEAK_INQUIRY_RECORD, "leak_inquiry.complete_after_answer"),
}
RECORDED_KINDS = frozenset(_WORK)


def completion_problem(
    kind: CaseKind, details: Mapping[str, Any] | None, *, fee_charged: bool = False
) -> Message | None:
    """Why a `kind` case with `details` may not be completed yet; None when it may. `fee_charged`: the
    case charges a fee (`lifecycle.charges_fee`), which must be settled first."""
    details = details or {}
    if fee_charged and (details.get("fee") or {}).get("status") not in SETTLED_FEES:
        code = "disclosure.complete_after_fee" if kind in DISCLOSURE_KINDS else "fee.complete_after_fee"
        return message(code, kind=kind)
    if kind not in _WORK:
        return None
    key, said = _WORK[kind]
    return None if details.get(key) else message(said)
