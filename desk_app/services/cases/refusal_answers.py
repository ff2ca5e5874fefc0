"""What a refused case's letter tells the customer: the answer the approver decided (APPI Art. 36), and what a
request of Art. 35 was asked on, which decides the paragraph an exception cites."""

# Read from the case alone, for `letter_assembly`: only the decided answer is printed, never the proposer's
# or the approver's internal notes.

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from desk_app.domain.enums import CaseKind, CaseState, ProvisionStopGround, RefusalGround
from desk_app.domain.letter_rules import LetterNotApplicable
from desk_app.domain.messages import message
from desk_app.domain.suspension_grounds import AskedOn
from desk_app.services.cases.provision_stops import DETAIL as PROVISION_STOPS
from desk_app.services.cases.records import answer_of, request_ground_of
from desk_app.storage.models import Case

S = CaseState


def asked_on(case: Case) -> AskedOn | None:
    """What a suspension or deletion was asked on; for a stop of provision, the last stop's ground."""
    details = case.details or {}
    stops = details.get(PROVISION_STOPS) or ()
    if case.kind is CaseKind.STOP_PROVISION:
        return ProvisionStopGround(stops[-1]["ground"]) if stops else None
    return request_ground_of(details)


def decided_answer(case: Case) -> tuple[RefusalGround | None, tuple[str, ...], str | None]:
    """The ground, the text for the customer and the alternative measure the approver decided (APPI Art.
    36; Art. 35's exceptions).

    Only that answer is printed: the proposer's and the approver's notes are internal. A refusal decided
    before grounds were kept has none: its letter gives the reason stored then, which was the caller's.
    """
    decisions: Sequence[dict[str, Any]] = (case.details or {}).get("decisions") or ()
    refusals = [decision for decision in decisions if decision.get("outcome") == S.REFUSED.value]
    answer = answer_of(refusals[-1]) if refusals else None
    if answer is not None:
        return answer.ground, (answer.text,), answer.alternative
    return None, _stored_refusal_reason(case, refusals), None


def _stored_refusal_reason(case: Case, refusals: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """A refusal's reason from before grounds were kept: the refusing state change's, or its proposal's."""
    candidates: list[Any] = [
        event.detail.get("reason")
        for event in reversed([event for event in case.events if event.kind == "state_changed"])
        # Where a ground is kept, `reason` is the approver's internal note: never the customer's.
        if event.detail.get("to") == S.REFUSED.value and "ground" not in event.detail
    ]
    candidates += [decision.get("reason") for decision in reversed(refusals) if "answer" not in decision]
    reasons = _non_empty(candidates)
    if not reasons:
        raise LetterNotApplicable(message("letter.refused_without_reason", case_no=case.case_no))
    return reasons[:1]


def _non_empty(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(value.strip() for value in values if isinstance(value, str) and value.strip())
