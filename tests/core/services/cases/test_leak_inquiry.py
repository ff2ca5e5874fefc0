"""A question about a leak incident (漏えい等, APPI Art. 26): the rules in the core, without the window.
Anyone may ask, about an open incident or none: no identity check, no fee, no letter, never refused; the
talk reads the incident the case is about, the answer given is recorded, the case closes as answered only
with it, and `doctor` names a closed case that lost it or tells of another incident."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole, CaseKind, CaseState
from desk_app.domain.letter_rules import LetterNotApplicable, answering_letter
from desk_app.domain.lifecycle import IllegalTransition, next_states
from desk_app.domain.messages import JAPANESE, InvalidRequest, render
from desk_app.domain.refusal_grounds import grounds_for
from desk_app.domain.timeline import event_message
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.render import talk_text
from desk_app.services.admin.doctor import examine
from desk_app.services.cases.actions import CaseAction, available_actions
from desk_app.services.cases.incident_answers import answer_leak_inquiry
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.scripts import case_context, finish_script, run_action, start_request
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Case, IncidentCase
from tests.support.leak_incidents import MEASURES, WHAT_HAPPENED, close_leak_incident, open_leak_incident
from tests.support.letter_cases import COMPANY, NOW, RECEIVED_AT, LetterCases

S = CaseState
K = CaseKind.LEAK_INQUIRY


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _open(desk: LetterCases, customer_id: int | None, incident_no: str | None, kind: CaseKind = K) -> int:
    with desk.sessions.begin() as session:
        return open_case(
            session,
            kind=kind,
            customer_id=customer_id,
            agent_id=desk.agent,
            received_at=RECEIVED_AT,
            target_days=14,
            incident_no=incident_no,
            now=RECEIVED_AT,
        ).case_id


def _move(desk: LetterCases, case_id: int, target: CaseState) -> None:
    with desk.sessions.begin() as session:
        version = get_case(session, case_id).row_version
        transition(session, case_id, target, agent_id=desk.agent, expected_row_version=version, now=NOW)


def _answer(desk: LetterCases, case_id: int, wish: str = "none") -> None:
    with desk.sessions.begin() as session:
        answer_leak_inquiry(session, case_id, agent_id=desk.agent, wish=wish, now=NOW)


def test_no_identity_check_no_refusal_and_no_letter() -> None:
    assert next_states(K, S.RECEIVED) == {S.IN_PROGRESS, S.WITHDRAWN}
    assert grounds_for(K, verified=False) == ()
    with pytest.raises(LetterNotApplicable):
        answering_letter(K, S.COMPLETED, {}, "2026-000001")
    named = event_message("leak_inquiry_answered", {"incident_no": "2026-L001", "wish": "none"})
    unnamed = event_message("leak_inquiry_answered", {"incident_no": None, "wish": "report"})
    assert (str(named), render(named, JAPANESE)) == (
        "Leak incident 2026-L001 explained on the call",
        "漏えい等の事案2026-L001について電話でご説明",
    )
    assert str(unnamed) == "Question about a leak incident answered on the call (no incident named)"


def test_a_case_names_an_open_incident_only_when_it_is_a_leak_inquiry(desk: LetterCases) -> None:
    incident_no = open_leak_incident(desk.sessions, desk.agents["supervisor"])
    closed = open_leak_incident(desk.sessions, desk.agents["supervisor"], title="誤送信")
    close_leak_incident(desk.sessions, desk.agents["supervisor"], closed)
    with pytest.raises(InvalidRequest, match="only a question about a leak incident names"):
        _open(desk, None, incident_no, kind=CaseKind.COMPLAINT)
    with pytest.raises(InvalidRequest, match="no leak incident 2099-L009"):
        _open(desk, None, "2099-L009")
    with pytest.raises(InvalidRequest, match=f"{closed} is closed"):
        _open(desk, None, closed)
    named, unnamed = _open(desk, None, incident_no), _open(desk, desk.customer(), None)
    with desk.sessions() as session:
        links = set(session.scalars(select(IncidentCase.case_id)))
        opened = [event.detail for event in case_events(session, named) if event.kind == "opened"]
    assert links == {named}
    assert unnamed not in links
    assert opened[0]["incident_no"] == incident_no


@pytest.mark.parametrize("named", [True, False], ids=["incident", "no incident"])
def test_the_answer_recorded_closes_the_case_as_answered(desk: LetterCases, named: bool) -> None:
    incident_no = open_leak_incident(desk.sessions, desk.agents["supervisor"])
    case_id = _open(desk, desk.customer(), incident_no if named else None)
    _answer(desk, case_id, wish="deletion")
    with desk.sessions() as session:
        view = get_case(session, case_id)
        told = session.get_one(Case, case_id).details["leak_inquiry"]
    assert view.state is S.IN_PROGRESS
    # Nothing to complete by hand, and nothing to refuse: finishing the script closes it.
    assert not {CaseAction.COMPLETE, CaseAction.PROPOSE_REFUSAL} & set(
        available_actions(view, agent_id=desk.agent, role=AgentRole.SUPERVISOR)
    )
    expected = (incident_no, WHAT_HAPPENED, MEASURES) if named else (None, "", "")
    assert (told["incident_no"], told["what_happened"], told["measures"], told["wish"]) == (
        *expected,
        "deletion",
    )
    _move(desk, case_id, S.COMPLETED)
    with desk.sessions() as session:
        assert examine(session, now=NOW, only=("policy", "identity")).problems == ()


def test_a_case_closes_as_answered_only_with_the_answer_recorded(desk: LetterCases) -> None:
    incident_no = open_leak_incident(desk.sessions, desk.agents["supervisor"])
    case_id = _open(desk, None, incident_no)
    _move(desk, case_id, S.IN_PROGRESS)
    with pytest.raises(IllegalTransition, match="once the answer given is recorded"):
        _move(desk, case_id, S.COMPLETED)
    other = desk.opened(CaseKind.COMPLAINT, None)
    with pytest.raises(IllegalTransition, match="not a question about a leak incident"):
        _answer(desk, other)
    with pytest.raises(ValueError, match="wish must be one of"):
        _answer(desk, case_id, wish="refund")
    _answer(desk, case_id)
    _move(desk, case_id, S.COMPLETED)
    with pytest.raises(IllegalTransition):
        _answer(desk, case_id)  # closed
    # The doctor names a completed answer lost, one telling of another incident, and another kind's link.
    lost, wrong = case_id, _open(desk, None, incident_no)
    _answer(desk, wrong)
    _move(desk, wrong, S.COMPLETED)
    with desk.sessions.begin() as session:
        session.execute(update(Case).where(Case.id == lost).values(details={}))
        details = dict(session.get_one(Case, wrong).details)
        details["leak_inquiry"] = {**details["leak_inquiry"], "incident_no": "2026-L999"}
        session.execute(update(Case).where(Case.id == wrong).values(details=details))
        session.add(IncidentCase(case_id=other, incident_id=session.get_one(IncidentCase, lost).incident_id))
    with desk.sessions() as session:
        found = [str(problem) for problem in examine(session, now=NOW, only=("policy",)).problems]
    assert found == [
        f"policy answers: case {desk.case_no(lost)}: completed, but what the caller was told of the leak"
        " incident is not recorded",
        f"policy answers: case {desk.case_no(other)}: a complaint case is linked to leak incident"
        f" {incident_no}: only a question about one may be",
        f"policy answers: case {desk.case_no(wrong)}: its answer tells of leak incident 2026-L999, but the"
        f" case is about {incident_no}",
    ]


@pytest.mark.parametrize("named", [True, False], ids=["incident", "no incident"])
def test_the_script_reads_the_incident_and_finishing_it_closes_the_case(
    desk: LetterCases, named: bool
) -> None:
    script = load_scripts(resources_dir() / "scripts")["leak_inquiry"]
    incident_no = open_leak_incident(desk.sessions, desk.agents["supervisor"])
    with desk.sessions.begin() as session:
        case_id = start_request(
            session,
            script=script,
            customer_id=None,
            agent_id=desk.agent,
            company=COMPANY,
            incident_no=incident_no if named else None,
            now=NOW,
        ).case.case_id
    with desk.sessions() as session:
        context = case_context(session, case_id, agent_id=desk.agent)
    assert context.facts.incident is named
    assert (context.incident is not None) is named
    values = context.incident.talk_values() if context.incident else {}
    said = [
        talk_text(step, COMPANY, "ja", case_values=values)
        for step in script.steps
        if step.when is None or context.facts.holds(step.when)
    ]
    assert (WHAT_HAPPENED in " ".join(said), MEASURES in " ".join(said)) == (named, named)
    assert any("事実関係を確認しております" in text for text in said) is not named
    answers = {"wishes": "report"}
    with desk.sessions.begin() as session:
        run_action(
            session,
            case_id,
            script=script,
            step_id="answer_leak_inquiry",
            answers=answers,
            inputs={},
            agent_id=desk.agent,
            company=COMPANY,
            now=NOW,
        )
    with desk.sessions.begin() as session:
        finish_script(
            session,
            case_id,
            script=script,
            answers={**answers, "answer_leak_inquiry": "done", "notes": ""},
            agent_id=desk.agent,
            now=NOW,
        )
        case = session.get_one(Case, case_id)
        assert (case.state, case.fee_yen) == (S.COMPLETED, 0)
        assert case.details["leak_inquiry"]["wish"] == "report"
        assert case.details["leak_inquiry"]["incident_no"] == (incident_no if named else None)
