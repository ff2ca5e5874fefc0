"""Script drafts survive a restart: saved per agent and key, replaced step by step, discarded when done."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole
from desk_app.scripts.progress import ScriptDraft
from desk_app.services.cases.drafts import discard_draft, load_draft, open_drafts, save_draft
from desk_app.storage.models import Agent

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions.begin() as session:
        first = Agent(login="a1", display_name="佐藤 花子", role=AgentRole.AGENT, created_at=NOW)
        second = Agent(login="a2", display_name="鈴木 一郎", role=AgentRole.AGENT, created_at=NOW)
        session.add_all([first, second])
        session.flush()
        return first.id, second.id


def test_a_draft_saved_in_one_session_is_resumed_in_another(
    sessions: sessionmaker[Session], agents: tuple[int, int]
) -> None:
    agent, _ = agents
    first = ScriptDraft("correction", 1, "ask_postal_code", {"greeting": "", "choose_field": "address"})
    second = ScriptDraft(
        "correction", 1, "confirm", {"choose_field": "address", "ask_postal_code": "5300001"}
    )
    with sessions.begin() as session:
        save_draft(session, agent_id=agent, draft_key="case:2026-000001", draft=first, now=NOW)
    with sessions.begin() as session:
        save_draft(session, agent_id=agent, draft_key="case:2026-000001", draft=second, now=NOW)
    with sessions() as session:
        assert load_draft(session, agent_id=agent, draft_key="case:2026-000001") == second
        assert open_drafts(session, agent_id=agent) == ("case:2026-000001",)


def test_drafts_belong_to_their_agent_and_key(
    sessions: sessionmaker[Session], agents: tuple[int, int]
) -> None:
    agent, other = agents
    draft = ScriptDraft("complaint", 1, "details", {})
    with sessions.begin() as session:
        save_draft(session, agent_id=agent, draft_key="call:7", draft=draft, now=NOW)
    with sessions() as session:
        assert load_draft(session, agent_id=other, draft_key="call:7") is None
        assert load_draft(session, agent_id=agent, draft_key="call:8") is None
        assert open_drafts(session, agent_id=other) == ()


def test_a_finished_script_leaves_no_draft(sessions: sessionmaker[Session], agents: tuple[int, int]) -> None:
    agent, _ = agents
    with sessions.begin() as session:
        save_draft(session, agent_id=agent, draft_key="call:9", draft=ScriptDraft("suspension", 1, "x", {}))
    with sessions.begin() as session:
        discard_draft(session, agent_id=agent, draft_key="call:9")
    with sessions() as session:
        assert load_draft(session, agent_id=agent, draft_key="call:9") is None
