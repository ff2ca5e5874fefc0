"""A case row against its chained events: its state, closing time and decisions are what its events say.

The `cases` row is outside every hash chain: it is the working copy the services read, and a state, a
proposer or an erasure can be edited in it with SQL. Its events are chained, so this check replays them and
compares, per case:

- the state: each state event starts where the previous one ended, and the last one leaves the row's state;
- the closing time: the moment of the event that closed the case (none while it is open);
- `details["proposal"]`: the agent and kind of the event that asked for approval, while the case waits;
- `details["decisions"]`: one per event that left awaiting approval, with its proposer, kind, decider,
  outcome and, for a refusal, the ground and text printed on the customer's letter (and the alternative
  measure an exception of APPI Art. 35 needs);
- `details["identity"]`: the method and agent of the identity check that verified the caller (for an appointed
  agent, the documents check the person's confirmation then completed);
- `details["erasure"]`: the agent and customer number of the `erased` event;
- `details["administrative"]`: only on a case its events took straight from received to work, which only
  an administrative correction does;
- `details["pause"]`: the reason and agent of the `paused` event no `resumed` event has ended yet (a case's
  clock paused while the desk waits for the customer);
- and no events are left of a case whose row was deleted.

Used by `desk-app audit verify` (`desk_app.audit.verify`) and by `desk-app doctor`'s replay check. Reads a
page of cases at a time with their events; messages name the case number, never personal data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, Text, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from desk_app.audit.canonical import utc_text
from desk_app.domain.enums import CaseState
from desk_app.domain.lifecycle import FINAL_STATES, IDENTITY_KINDS
from desk_app.domain.messages import Message, message
from desk_app.storage.models import Case, CaseEvent

S = CaseState
PAGE = 2000
_FINAL = frozenset(state.value for state in FINAL_STATES)
_IDENTITY_KINDS = frozenset(kind.value for kind in IDENTITY_KINDS)
_EVENT_KINDS = (
    "opened",
    "state_changed",
    "reopened",
    "identity_check",
    "proxy_recorded",
    "proxy_confirmation",
    "erased",
    "paused",
    "resumed",
)
# The answers with which the person lets their appointed agent's documents verify the case (`proxies.py`).
_PERSON_CONFIRMED = ("callback_confirmed", "letter_confirmed")


@dataclass(frozen=True)
class CaseRowProblem:
    case_id: int
    case_no: str
    said: Message  # "is completed, but its events leave it refused"

    @property
    def message(self) -> str:
        return str(self.said)

    @property
    def line(self) -> Message:
        """The case number and what is wrong, as `str()` says it in English."""
        return message("audit.case_problem", case_no=self.case_no, problem=self.said)

    def __str__(self) -> str:
        return str(self.line)

    def as_json(self) -> dict[str, Any]:
        return {"case_no": self.case_no, "message": self.message}


@dataclass
class _Replay:
    """What a case's events say about it, gathered in id order."""

    kind: str
    state: str | None = None
    closed_at: str | None = None  # as `canonical.utc_text` writes it
    broken: Message | None = None
    proposal: dict[str, Any] | None = None
    decisions: list[dict[str, Any]] = field(default_factory=list)
    identity: dict[str, Any] | None = None
    erasure: dict[str, Any] | None = None
    straight_to_work: bool = False
    pause: dict[str, Any] | None = None
    # An appointed agent's documents that passed while the person had yet to confirm.
    documents_waiting: dict[str, Any] | None = None

    def event(self, event_id: int, agent_id: int, at: str | None, kind: str, detail: dict[str, Any]) -> None:
        if self.broken is not None:
            return
        if kind == "opened":
            self.state = detail.get("state", S.RECEIVED.value)
        elif kind in ("state_changed", "reopened"):
            self._move(event_id, agent_id, at, detail)
        elif kind == "identity_check" and detail.get("verified"):
            self.identity = {"method": detail.get("method"), "by": agent_id}
        elif kind == "identity_check" and detail.get("awaiting_person"):
            self.documents_waiting = {"method": detail.get("method"), "by": agent_id}
        elif kind == "proxy_recorded":
            # A proxy recorded anew (one made in error replaced): their documents are checked again.
            self.documents_waiting = None
        elif kind == "proxy_confirmation" and detail.get("result") in _PERSON_CONFIRMED:
            # The person's word completes the identity the documents began.
            self.identity = self.documents_waiting
        elif kind == "erased":
            self.erasure = {"by": agent_id, "customer_no": detail.get("customer_no")}
        elif kind == "paused":
            self.pause = {"reason": detail.get("reason"), "by": agent_id}
        elif kind == "resumed":
            self.pause = None

    def _move(self, event_id: int, agent_id: int, at: str | None, detail: dict[str, Any]) -> None:
        if self.state is None:
            self.broken = message("replay.never_opened", event=event_id)
            return
        source, target = detail.get("from"), detail.get("to")
        if source != self.state:
            self.broken = message(
                "replay.moved_from", event=event_id, source=_state(source), state=_state(self.state)
            )
            return
        answer = _answer(detail)
        if target == S.AWAITING_APPROVAL.value:
            self.proposal = {"by": agent_id, "kind": detail.get("proposal"), "answer": answer}
        elif source == S.AWAITING_APPROVAL.value:
            pending = self.proposal or {}
            self.decisions.append(
                {
                    "by": pending.get("by"),
                    "kind": pending.get("kind"),
                    "decided_by": agent_id,
                    "outcome": target,
                    "answer": answer if target == S.REFUSED.value else None,
                }
            )
            self.proposal = None
        if source == S.RECEIVED.value and target == S.IN_PROGRESS.value and self.kind in _IDENTITY_KINDS:
            self.straight_to_work = True
        self.state = target
        self.closed_at = at if target in _FINAL else None


def _answer(detail: dict[str, Any]) -> dict[str, Any] | None:
    if "ground" not in detail:
        return None
    answer = {"ground": detail.get("ground"), "text": detail.get("customer_text")}
    if "alternative" in detail:
        # The measure an exception of APPI Art. 35 needs, kept beside the answer it was taken for.
        answer["alternative"] = detail["alternative"]
    return answer


def _differences(replay: _Replay, state: str, closed_at: str | None, details: Any) -> Iterator[Message]:
    """What the row says that its events do not, in words; the first broken replay only, if any."""
    if replay.broken is not None:
        yield replay.broken
        return
    if replay.state is None:
        yield message("replay.no_opening")
        return
    if replay.state != state:
        yield message("replay.state", state=_state(state), replayed=_state(replay.state))
        return
    if closed_at != replay.closed_at:
        yield message("replay.closed_but_open" if replay.closed_at is None else "replay.closing_time")
    details = details if isinstance(details, dict) else {}
    yield from _decision_differences(replay, details)


def _decision_differences(replay: _Replay, details: dict[str, Any]) -> Iterator[Message]:
    proposal = details.get("proposal")
    if (proposal is None) != (replay.proposal is None):
        yield message("replay.proposal_unmade" if replay.proposal is None else "replay.proposal_gone")
    elif (
        proposal is not None and replay.proposal is not None and not _same_proposal(proposal, replay.proposal)
    ):
        yield message("replay.proposal_differs")
    decisions = details.get("decisions") or []
    if not isinstance(decisions, list) or len(decisions) != len(replay.decisions):
        yield message("replay.decision_count", kept=_count(decisions), made=len(replay.decisions))
    else:
        for number, (kept, made) in enumerate(zip(decisions, replay.decisions, strict=True), start=1):
            if not _same_decision(kept, made):
                yield message("replay.decision_differs", number=number)
                break
    identity = details.get("identity")
    if (identity is None) != (replay.identity is None):
        yield message("replay.identity_unmade" if replay.identity is None else "replay.identity_gone")
    elif replay.identity is not None and not _same(identity, replay.identity, "method", "by"):
        yield message("replay.identity_differs")
    erasure = details.get("erasure")
    if (erasure is None) != (replay.erasure is None):
        yield message("replay.erasure_unmade" if replay.erasure is None else "replay.erasure_gone")
    elif replay.erasure is not None and not _same(erasure, replay.erasure, "by", "customer_no"):
        yield message("replay.erasure_differs")
    pause = details.get("pause")
    if (pause is None) != (replay.pause is None):
        yield message("replay.pause_unmade" if replay.pause is None else "replay.pause_gone")
    elif replay.pause is not None and not _same(pause, replay.pause, "reason", "by"):
        yield message("replay.pause_differs")
    if bool(details.get("administrative")) != replay.straight_to_work:
        yield message(
            "replay.administrative_unmade" if not replay.straight_to_work else "replay.administrative_gone"
        )


def _state(value: str | None) -> CaseState | str:
    """A stored state as a member, so Japanese says it in words; as written when it is no state."""
    try:
        return CaseState(str(value))
    except ValueError:
        return str(value)


def _same(kept: Any, made: dict[str, Any], *names: str) -> bool:
    return isinstance(kept, dict) and all(kept.get(name) == made[name] for name in names)


def _count(decisions: object) -> int:
    return len(decisions) if isinstance(decisions, list) else 0


def _same_proposal(kept: Any, made: dict[str, Any]) -> bool:
    if not isinstance(kept, dict):
        return False
    return (kept.get("by"), kept.get("kind"), kept.get("answer")) == (
        made["by"],
        made["kind"],
        made["answer"],
    )


def _same_decision(kept: Any, made: dict[str, Any]) -> bool:
    if not isinstance(kept, dict):
        return False
    same = (kept.get("by"), kept.get("kind"), kept.get("decided_by"), kept.get("outcome")) == (
        made["by"],
        made["kind"],
        made["decided_by"],
        made["outcome"],
    )
    # The answer printed on a refusal letter is the decision's own (cases.move keeps the approver's).
    return same and (made["answer"] is None or kept.get("answer") == made["answer"])


@dataclass(frozen=True)
class CaseRowReport:
    cases_checked: int
    problems: tuple[CaseRowProblem, ...]

    def as_json(self) -> dict[str, Any]:
        return {"cases_checked": self.cases_checked, "problems": [p.as_json() for p in self.problems]}


def _text_time(value: Any) -> str | None:
    """A stored time as the canonical form writes it; None for none, "unreadable" for text that is no time."""
    if value is None:
        return None
    try:
        return utc_text(value)
    except (TypeError, ValueError):
        return "unreadable"


def _json(text: str | None) -> Any:
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return None


# Raw driver values, as the chains are read: a row edited into something the ORM types cannot read is
# named, never a crash.
_CASES = select(
    Case.id,
    Case.case_no,
    type_coerce(Case.kind, String).label("kind"),
    type_coerce(Case.state, String).label("state"),
    type_coerce(Case.closed_at, String).label("closed_at"),
    cast(Case.details, Text).label("details"),
)
_EVENTS = select(
    CaseEvent.case_id,
    CaseEvent.id,
    CaseEvent.agent_id,
    type_coerce(CaseEvent.at, String).label("at"),
    CaseEvent.kind,
    cast(CaseEvent.detail, Text).label("detail"),
).where(CaseEvent.kind.in_(_EVENT_KINDS))


def _orphaned_events(session: Session) -> Iterator[CaseRowProblem]:
    """Events whose case row was deleted (which the foreign key stops, unless it was switched off)."""
    missing = ~select(Case.id).where(Case.id == CaseEvent.case_id).exists()
    for case_id, count in session.execute(
        select(CaseEvent.case_id, func.count())
        .where(missing)
        .group_by(CaseEvent.case_id)
        .order_by(CaseEvent.case_id)
    ):
        said = message("replay.row_gone", count=count)
        yield CaseRowProblem(case_id=case_id, case_no=f"id {case_id}", said=said)


def check_case_rows(session: Session) -> CaseRowReport:
    """Every case row compared with its chained events; the problems in case order."""
    problems: list[CaseRowProblem] = []
    checked = 0
    after = 0
    while True:
        cases = session.execute(_CASES.where(Case.id > after).order_by(Case.id).limit(PAGE)).all()
        if not cases:
            problems.extend(_orphaned_events(session))
            return CaseRowReport(cases_checked=checked, problems=tuple(problems))
        replays = {row.id: _Replay(kind=str(row.kind)) for row in cases}
        events = session.execute(
            _EVENTS.where(CaseEvent.case_id >= cases[0].id, CaseEvent.case_id <= cases[-1].id).order_by(
                CaseEvent.case_id, CaseEvent.id
            )
        )
        for case_id, event_id, agent_id, at, kind, detail in events:
            if case_id not in replays:
                continue  # its case row is gone: `_orphaned_events` names it
            parsed = _json(detail)
            replays[case_id].event(
                event_id, agent_id, _text_time(at), kind, parsed if isinstance(parsed, dict) else {}
            )
        for row in cases:
            found = _differences(
                replays[row.id], str(row.state), _text_time(row.closed_at), _json(row.details)
            )
            problems.extend(CaseRowProblem(case_id=row.id, case_no=row.case_no, said=m) for m in found)
        checked += len(cases)
        after = cases[-1].id
