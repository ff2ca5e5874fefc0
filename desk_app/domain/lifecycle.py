"""The case state machine the core enforces; the UI only offers what `next_states` allows.

received → identity pending → identity verified → fee pending → fee received (disclosure kinds, and a
notice of purposes where a fee is charged) → in progress → awaiting approval (deletion, refusal) →
completed / refused / withdrawn.
Complaints and suspicious-mail reports need no identity check and no fee: they go straight to work.
"""

from __future__ import annotations

from desk_app.domain.enums import CaseKind, CaseState, Proposal
from desk_app.domain.messages import MessageError, message

S = CaseState

DISCLOSURE_KINDS = frozenset({CaseKind.DISCLOSURE, CaseKind.PROVISION_DISCLOSURE})
# Requests about the caller's own data: nothing is disclosed, changed or erased before identity is verified.
IDENTITY_KINDS = frozenset(
    {
        CaseKind.DISCLOSURE,
        CaseKind.PROVISION_DISCLOSURE,
        CaseKind.CORRECTION,
        CaseKind.SUSPENSION,
        CaseKind.DELETION,
        CaseKind.STOP_PROVISION,
        CaseKind.PURPOSES_NOTICE,
        CaseKind.FOREIGN_TRANSFER,
    }
)
# Requests whose work is done at the desk once the caller is verified (a correction applied, mailings or a
# third-party provision stopped, the purposes of use or the foreign recipients recorded for their letter):
# the agent completes them, with no supervisor's approval (and no fee, but where `charges_fee` says so, once
# it is settled).
WORKED_KINDS = frozenset(
    {
        CaseKind.CORRECTION,
        CaseKind.SUSPENSION,
        CaseKind.STOP_PROVISION,
        CaseKind.PURPOSES_NOTICE,
        CaseKind.FOREIGN_TRANSFER,
    }
)
# Requests the company may charge a fee for (APPI Art. 38(1)): disclosure always (policy §8), a notice of
# the purposes of use only where the configuration sets a fee for it.
FEE_KINDS = frozenset({*DISCLOSURE_KINDS, CaseKind.PURPOSES_NOTICE})
FINAL_STATES = frozenset({S.COMPLETED, S.REFUSED, S.WITHDRAWN})
# A correction the company makes of its own accord (a postal code Japan Post re-coded): there is no caller to
# verify, so such a case goes from received straight to work. Only `corrections.administrative_correction`
# opens one; every other correction still waits for a verified caller.
ADMINISTRATIVE_KINDS = frozenset({CaseKind.CORRECTION})


class IllegalTransition(MessageError, ValueError):
    """A state change the lifecycle does not allow; the message says why in plain words."""


def charges_fee(kind: CaseKind, fee_yen: int) -> bool:
    """Whether a `kind` case opened with `fee_yen` waits for its fee (received or waived) before its work."""
    return kind in DISCLOSURE_KINDS or (kind in FEE_KINDS and fee_yen > 0)


def next_states(
    kind: CaseKind,
    state: CaseState,
    proposal: Proposal | None = None,
    *,
    administrative: bool = False,
    fee_yen: int = 0,
) -> frozenset[CaseState]:
    """Every state a case of `kind` may move to from `state` (`proposal`: what awaits approval;
    `administrative`: a correction the company makes itself, see `ADMINISTRATIVE_KINDS`; `fee_yen`: the fee
    the case was opened with, see `charges_fee`)."""
    if state in FINAL_STATES:
        return frozenset()
    # Any open case may be withdrawn by the caller, and any refusal must go to a supervisor first.
    common = {S.WITHDRAWN}
    if state is S.RECEIVED and administrative and kind in ADMINISTRATIVE_KINDS:
        return frozenset({S.IN_PROGRESS, *common})
    if state is S.RECEIVED:
        first = S.IDENTITY_PENDING if kind in IDENTITY_KINDS else S.IN_PROGRESS
        return frozenset({first, *common})
    if state is S.IDENTITY_PENDING:
        # A caller whose identity cannot be verified is refused, with a supervisor's approval.
        return frozenset({S.IDENTITY_VERIFIED, S.AWAITING_APPROVAL, *common})
    if state is S.IDENTITY_VERIFIED:
        return frozenset({S.FEE_PENDING if charges_fee(kind, fee_yen) else S.IN_PROGRESS, *common})
    if state is S.FEE_PENDING:
        # A waived fee goes straight to work; a received one is recorded first.
        return frozenset({S.FEE_RECEIVED, S.IN_PROGRESS, *common})
    if state is S.FEE_RECEIVED:
        return frozenset({S.IN_PROGRESS, *common})
    if state is S.IN_PROGRESS:
        # A deletion is only ever completed by a supervisor's approval.
        done = set() if kind is CaseKind.DELETION else {S.COMPLETED}
        return frozenset({S.AWAITING_APPROVAL, *done, *common})
    if state is S.AWAITING_APPROVAL:
        # Approval gives the outcome proposed; a denial sends the case back to work, or back to the
        # identity check when a refusal was proposed before the caller was verified.
        outcome = {Proposal.ERASURE: S.COMPLETED, Proposal.REFUSAL: S.REFUSED}
        back = {S.IN_PROGRESS}
        if proposal is Proposal.REFUSAL and kind in IDENTITY_KINDS:
            back.add(S.IDENTITY_PENDING)
        return frozenset({*back, *common, *([outcome[proposal]] if proposal else [])})
    raise AssertionError(f"state {state} has no rule")  # every CaseState is handled above


def check_transition(
    kind: CaseKind,
    current: CaseState,
    target: CaseState,
    proposal: Proposal | None = None,
    *,
    administrative: bool = False,
    fee_yen: int = 0,
) -> None:
    """Raise `IllegalTransition` unless a `kind` case (opened with `fee_yen`) may go from `current` to
    `target`."""
    if target is S.AWAITING_APPROVAL and current is not S.AWAITING_APPROVAL:
        if proposal is None:
            raise IllegalTransition(message("lifecycle.proposal_needed"))
        if proposal is Proposal.ERASURE and kind is not CaseKind.DELETION:
            raise IllegalTransition(message("lifecycle.erasure_deletion_only", kind=kind))
        if proposal is Proposal.ERASURE and current is not S.IN_PROGRESS:
            raise IllegalTransition(message("lifecycle.erasure_after_identity"))
    allowed_states = next_states(kind, current, proposal, administrative=administrative, fee_yen=fee_yen)
    if target not in allowed_states:
        if current in FINAL_STATES:
            raise IllegalTransition(message("case.already_final_supervisor", state=current))
        allowed = tuple(sorted(allowed_states, key=lambda state: state.value))
        raise IllegalTransition(
            message("lifecycle.not_allowed", kind=kind, current=current, target=target, allowed=allowed)
        )
