"""Doctor's refusals check: a request refused (or proposed for refusal) on an exception of APPI Art. 35 rests
on what the case holds — the alternative measure the exception needs, and a ground the customer gave."""

# What a refusal says is kept in the case's details: the pending proposal's answer, and each decision's.
# `transitions.move` refuses an exception without its alternative, and one against a customer's wish, so a
# finding here means the stored answer was written another way (an import, an edit in SQL, an old desk).

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.enums import CaseState, RefusalGround
from desk_app.domain.messages import Message, message
from desk_app.domain.suspension_grounds import ART_35_KINDS, LEGAL_GROUNDS, needs_alternative
from desk_app.services.cases.records import request_ground_of
from desk_app.storage.models import Case

# The exceptions that hold only on a legal ground the customer gave (a wish is honoured by the policy).
_ON_A_LEGAL_GROUND = frozenset({RefusalGround.DIFFICULT_WITH_ALTERNATIVE, RefusalGround.GROUND_NOT_MET})


def refusal_findings(session: Session) -> Iterator[tuple[str, Message]]:
    """(case number, what is wrong) for each refusal of an Art. 35 request its case does not bear out."""
    rows = session.execute(
        select(Case.case_no, Case.state, Case.details)
        .where(
            Case.kind.in_(sorted(ART_35_KINDS)),
            Case.state.in_((CaseState.REFUSED, CaseState.AWAITING_APPROVAL)),
        )
        .order_by(Case.id)
    )
    for case_no, state, details in rows:
        details = details or {}
        for answer in _answers(state, details):
            try:
                ground = RefusalGround(str(answer.get("ground")))
            except ValueError:
                continue  # the replay check names an answer it cannot read
            if needs_alternative(ground) and not str(answer.get("alternative") or "").strip():
                yield case_no, message("doctor.exception_without_alternative", ground=ground)
            # Kept for suspensions and deletions only: a stop of provision keeps its ground with the stop.
            asked_on = request_ground_of(details)
            if ground in _ON_A_LEGAL_GROUND and asked_on is not None and asked_on not in LEGAL_GROUNDS:
                yield case_no, message("doctor.exception_against_wish", ground=ground, asked_on=asked_on)


def _answers(state: CaseState, details: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The answer awaiting approval, or the one the refusal was decided with."""
    if state is CaseState.AWAITING_APPROVAL:
        answer = (details.get("proposal") or {}).get("answer")
        if isinstance(answer, dict):
            yield answer
        return
    refusals = [d for d in details.get("decisions") or () if d.get("outcome") == CaseState.REFUSED.value]
    if refusals and isinstance(refusals[-1].get("answer"), dict):
        yield refusals[-1]["answer"]
