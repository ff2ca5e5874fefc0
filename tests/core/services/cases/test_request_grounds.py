"""The ground a suspension or deletion is asked on (APPI Art. 35(1), (5), or the customer's wish), and the
refusals it allows: Art. 35's exceptions, the alternative measure one of them needs, and the policy's promise
to a customer's wish. Through the services, without Qt."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import (
    AgentRole,
    CaseKind,
    CaseState,
    RefusalGround,
    SuspensionGround,
)
from desk_app.domain.messages import JAPANESE, render
from desk_app.domain.refusal_grounds import (
    AlternativeRequired,
    GroundNotAllowed,
    RefusalAnswer,
    grounds_for,
)
from desk_app.domain.timeline import event_message
from desk_app.letters.content import Mailing, RefusalLetter
from desk_app.services.admin.doctor import examine
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.actions import CaseAction, available_actions, perform
from desk_app.services.cases.letter_assembly import letter_for_case
from desk_app.services.cases.log import export_cases
from desk_app.services.cases.records import get_case
from desk_app.storage.models import Case
from tests.support.letter_cases import NOW, TODAY, LetterCases

G = SuspensionGround
R = RefusalGround
S = CaseState
LATER = NOW + dt.timedelta(hours=1)
EXCEPTION_TEXT = "基幹システムの改修に多額の費用を要するため、保証期間の満了まで消去いたしかねます。"
ALTERNATIVE = "保証期間の満了まで修理受付以外には利用せず、ご案内の送付を停止いたしました。"


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _suspension(desk: LetterCases, ground: SuspensionGround | None) -> int:
    """A verified suspension whose catalogue and direct mail stopped, asked on `ground`, left in progress."""
    return desk.suspension(desk.customer(), ground=ground, complete=False)


def _erasure_sent_back(desk: LetterCases, ground: SuspensionGround) -> int:
    """A verified deletion asked on `ground`, its erasure proposed and sent back to work by a supervisor."""
    case_id = desk.verified(CaseKind.DELETION, desk.customer())
    with desk.sessions.begin() as session:
        case_operations.propose_erasure(session, case_id, agent_id=desk.agent, ground=ground, now=NOW)
    desk.decide(case_id, S.IN_PROGRESS, "保証期間中のため消去は困難")
    return case_id


def _propose(desk: LetterCases, case_id: int, answer: RefusalAnswer) -> None:
    desk.propose_refusal(case_id, answer.text, answer.ground, alternative=answer.alternative)


def _approve(desk: LetterCases, case_id: int, inputs: dict[str, object]) -> None:
    """A supervisor approves the refusal proposed, with `inputs` as the dialog gives them."""
    with desk.sessions.begin() as session:
        perform(
            session,
            case_id,
            CaseAction.APPROVE,
            agent_id=desk.agents["supervisor"],
            expected_row_version=get_case(session, case_id).row_version,
            inputs=inputs,
            now=NOW,
        )


def _findings(desk: LetterCases) -> list[str]:
    with desk.sessions() as session:
        return [str(problem) for problem in examine(session, now=LATER, only=("refusals", "replay")).problems]


# --- the rules ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [CaseKind.SUSPENSION, CaseKind.DELETION])
def test_the_refusal_grounds_follow_the_ground_asked_on(kind: CaseKind) -> None:
    for legal in (G.BEYOND_PURPOSE, G.IMPROPER_USE, G.IMPROPER_ACQUISITION, G.NO_LONGER_NEEDED, G.LEAK):
        assert grounds_for(kind, verified=True, asked_on=legal) == (
            R.DIFFICULT_WITH_ALTERNATIVE,
            R.GROUND_NOT_MET,
        )
    # A customer's wish is honoured as the policy promises: only an unconfirmed identity refuses it.
    assert grounds_for(kind, verified=True, asked_on=G.CUSTOMER_WISH) == ()
    assert grounds_for(kind, verified=False, asked_on=G.CUSTOMER_WISH) == (R.IDENTITY_UNCONFIRMED,)
    # A ground never recorded (a request from before the scripts asked it): the text alone, as before.
    assert grounds_for(kind, verified=True) == (R.OTHER,)
    assert grounds_for(kind, verified=False) == (R.IDENTITY_UNCONFIRMED, R.OTHER)


def test_the_ground_is_kept_on_the_case_once_and_named_on_the_timeline(desk: LetterCases) -> None:
    case_id = _suspension(desk, G.RIGHTS_AT_RISK)
    with desk.sessions() as session:
        view = get_case(session, case_id)
        kinds = [event.kind for event in session.get_one(Case, case_id).events]
    assert view.request_ground is G.RIGHTS_AT_RISK
    assert kinds[-3:] == ["state_changed", "request_ground", "mailings_stopped"]
    said = event_message("request_ground", {"ground": "rights_at_risk"})
    assert str(said) == "Ground given: Harm to the customer's rights or legitimate interests (Art. 35(5))"
    assert render(said, JAPANESE) == "申出の理由: 権利又は正当な利益が害されるおそれ（第35条第5項）"


# --- the refusal on an exception ------------------------------------------------------------------------


def test_a_deletion_refused_on_the_exception_needs_its_alternative_and_its_letter_cites_both(
    desk: LetterCases,
) -> None:
    case_id = _erasure_sent_back(desk, G.NO_LONGER_NEEDED)
    with desk.sessions() as session:
        before = get_case(session, case_id)
    bare = RefusalAnswer(ground=R.DIFFICULT_WITH_ALTERNATIVE, text=EXCEPTION_TEXT, alternative="  ")
    with pytest.raises(AlternativeRequired) as refused:
        _propose(desk, case_id, bare)
    assert str(refused.value) == (
        "a refusal on difficult_with_alternative needs the alternative measure taken to protect the "
        "customer's rights (APPI Art. 35(2), (4), (6) provisos): describe it"
    )
    with desk.sessions() as session:
        assert get_case(session, case_id) == before  # nothing was written

    _propose(desk, case_id, RefusalAnswer(R.DIFFICULT_WITH_ALTERNATIVE, EXCEPTION_TEXT, f" {ALTERNATIVE}\n"))
    with desk.sessions() as session:
        proposed = get_case(session, case_id)
    assert proposed.proposed_answer == RefusalAnswer(
        R.DIFFICULT_WITH_ALTERNATIVE, EXCEPTION_TEXT, ALTERNATIVE
    )
    # The approver leaves the answer as proposed: the alternative goes with it.
    _approve(desk, case_id, {"reason": "代替措置を確認"})
    with desk.sessions() as session:
        letter = letter_for_case(session, case_id, today=TODAY)
        refused_event = session.get_one(Case, case_id).events[-1].detail
    assert isinstance(letter, RefusalLetter)
    assert (letter.request, letter.ground, letter.asked_on) == (
        CaseKind.DELETION,
        R.DIFFICULT_WITH_ALTERNATIVE,
        G.NO_LONGER_NEEDED,
    )
    assert (letter.reasons, letter.alternative, letter.mailings_stopped) == (
        (EXCEPTION_TEXT,),
        ALTERNATIVE,
        (),
    )
    assert refused_event["alternative"] == ALTERNATIVE
    assert _findings(desk) == []


def test_an_approver_who_changes_the_ground_leaves_no_alternative_behind(desk: LetterCases) -> None:
    case_id = _erasure_sent_back(desk, G.BEYOND_PURPOSE)
    _propose(desk, case_id, RefusalAnswer(R.DIFFICULT_WITH_ALTERNATIVE, EXCEPTION_TEXT, ALTERNATIVE))
    inputs = {
        "ground": "ground_not_met",
        "customer_text": "調査の結果を踏まえご回答します。",
        "alternative": "x",
    }
    with pytest.raises(GroundNotAllowed, match="only with a refusal on difficult"):
        _approve(desk, case_id, inputs)
    _approve(desk, case_id, {**inputs, "alternative": ""})
    with desk.sessions() as session:
        letter = letter_for_case(session, case_id, today=TODAY)
    assert isinstance(letter, RefusalLetter)
    assert (letter.ground, letter.alternative, letter.asked_on) == (R.GROUND_NOT_MET, None, G.BEYOND_PURPOSE)


def test_a_refused_suspension_still_has_its_mailings_stopped_on_its_letter(desk: LetterCases) -> None:
    case_id = _suspension(desk, G.BEYOND_PURPOSE)
    _propose(desk, case_id, RefusalAnswer(R.GROUND_NOT_MET, "記録を確認いたしました。"))
    desk.decide(case_id, S.REFUSED, "確認済み")
    with desk.sessions() as session:
        letter = letter_for_case(session, case_id, today=TODAY)
    assert isinstance(letter, RefusalLetter)
    assert letter.mailings_stopped == (Mailing.CATALOGUE, Mailing.DIRECT_MAIL)


# --- the customer's wish ---------------------------------------------------------------------------------


def test_a_wish_is_never_refused_on_an_exception_nor_offered_a_refusal(desk: LetterCases) -> None:
    case_id = _suspension(desk, G.CUSTOMER_WISH)
    with desk.sessions() as session:
        view = get_case(session, case_id)
    assert CaseAction.PROPOSE_REFUSAL not in available_actions(
        view, agent_id=desk.agent, role=AgentRole.AGENT
    )
    assert CaseAction.COMPLETE in available_actions(view, agent_id=desk.agent, role=AgentRole.AGENT)
    with pytest.raises(GroundNotAllowed) as refused:
        _propose(desk, case_id, RefusalAnswer(R.DIFFICULT_WITH_ALTERNATIVE, EXCEPTION_TEXT, ALTERNATIVE))
    assert "the company's policy honours it" in str(refused.value)
    assert "当社の方針によりお応えします" in render(refused.value.explanation, JAPANESE)


# --- what doctor and the case log say ---------------------------------------------------------------------


def test_doctor_names_an_exception_without_its_alternative_and_one_against_a_wish(desk: LetterCases) -> None:
    case_id = _erasure_sent_back(desk, G.LEAK)
    _propose(desk, case_id, RefusalAnswer(R.DIFFICULT_WITH_ALTERNATIVE, EXCEPTION_TEXT, ALTERNATIVE))
    assert _findings(desk) == []
    case_no = desk.case_no(case_id)
    with desk.sessions.begin() as session:
        case = session.get_one(Case, case_id)
        proposal = case.details["proposal"]
        answer = {key: value for key, value in proposal["answer"].items() if key != "alternative"}
        case.details = {
            **case.details,
            "proposal": {**proposal, "answer": answer},
            "request_ground": "customer_wish",
        }
    found = _findings(desk)
    assert (
        f"refusals: case {case_no}: refused (or proposed for refusal) on difficult_with_alternative "
        "without the alternative measure recorded"
    ) in found
    assert (
        f"refusals: case {case_no}: refused (or proposed for refusal) on difficult_with_alternative, but the "
        "request was asked on customer_wish"
    ) in found
    # The chained events still say what was proposed: the replay names the edited row too.
    assert any(line.startswith(f"replay: case {case_no}:") for line in found)


def test_the_case_log_exports_the_ground_asked_on(desk: LetterCases) -> None:
    asked = _suspension(desk, G.IMPROPER_ACQUISITION)
    wished = _suspension(desk, G.CUSTOMER_WISH)
    unknown = _suspension(desk, None)
    with desk.sessions.begin() as session:
        session.execute(update(Case).where(Case.id == unknown).values(received_at=NOW - dt.timedelta(days=3)))
    out = io.StringIO()
    with desk.sessions.begin() as session:
        export_cases(
            session, out, viewer_id=desk.agents["supervisor"], viewer_role=AgentRole.SUPERVISOR, today=TODAY
        )
    rows = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    column = rows[0].index("申出の理由")
    assert column == len(rows[0]) - 1
    by_case = {row[0]: row[column] for row in rows[1:]}
    assert by_case == {
        desk.case_no(asked): "不正な手段による取得（第35条第1項・第20条）",
        desk.case_no(wished): "法律上の理由の申出なし（お客様のご希望）",
        desk.case_no(unknown): "",
    }
