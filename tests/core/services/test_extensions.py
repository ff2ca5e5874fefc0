"""Agents' telephone extensions: 2 to 8 digits, one agent each, set as a whole by an administrator and in the
access log, listed with the accounts, and the agent a PBX names by login, display name or extension."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, AgentRole
from desk_app.domain.messages import JAPANESE, message_of, render
from desk_app.services.accounts import add_user, disable_user, list_users
from desk_app.services.agents import AgentNotActive, UnknownAgent
from desk_app.services.extensions import (
    ExtensionTaken,
    InvalidExtension,
    NotAdministrator,
    agent_for_pbx_user,
    check_extension,
    extensions_of,
    pbx_directory,
    set_extensions,
)
from desk_app.storage.models import AccessLogEntry, AgentExtension

NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
PASSWORD = "kumamoto-2026-ramen"


@pytest.fixture
def people(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions.begin() as session:
        return {
            login: add_user(session, login, display_name=name, role=role, password=PASSWORD, now=NOW).id
            for login, name, role in (
                ("boss", "管理 太郎", AgentRole.ADMIN),
                ("sato", "佐藤 美咲", AgentRole.AGENT),
                ("suzuki", "鈴木 健太", AgentRole.AGENT),
            )
        }


def _set(sessions: sessionmaker[Session], login: str, *numbers: str, by: int | None) -> tuple[str, ...]:
    with sessions.begin() as session:
        return set_extensions(session, login, numbers, by=by, now=NOW).extensions


def _held(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions() as session:
        rows = session.execute(select(AgentExtension.extension, AgentExtension.agent_id))
        return {extension: agent_id for extension, agent_id in rows}


def _log(sessions: sessionmaker[Session]) -> list[tuple[int | None, AccessAction, str]]:
    with sessions() as session:
        rows = session.execute(
            select(AccessLogEntry.agent_id, AccessLogEntry.action, AccessLogEntry.detail).order_by(
                AccessLogEntry.id
            )
        )
        return [(agent_id, action, detail) for agent_id, action, detail in rows]


@pytest.mark.parametrize("text", ["20", "201", "12345678", "0201", " 305 ", "２０１"])
def test_an_extension_is_two_to_eight_digits(text: str) -> None:
    assert check_extension(text) == text.strip().replace("２０１", "201")


@pytest.mark.parametrize("text", ["", "2", "123456789", "20a", "20-1", "+81", "2 01", "²01", "٢٠١"])
def test_anything_else_is_refused_in_english_and_japanese(text: str) -> None:
    with pytest.raises(InvalidExtension) as refused:
        check_extension(text)
    assert str(refused.value) == f"an extension is 2 to 8 digits, not {text!r}"
    assert render(message_of(refused.value), JAPANESE).startswith("内線番号は2〜8桁の数字です")


def test_extensions_are_set_as_a_whole_replaced_and_cleared(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    boss = people["boss"]
    assert _set(sessions, "sato", "2001", "201", "201", by=boss) == ("201", "2001")
    assert _set(sessions, "sato", "202", "2001", by=boss) == ("202", "2001")
    assert _held(sessions) == {"202": people["sato"], "2001": people["sato"]}
    assert _set(sessions, "sato", by=boss) == ()
    assert _held(sessions) == {}
    # Given up, a number is free for someone else.
    assert _set(sessions, "suzuki", "202", by=boss) == ("202",)
    with sessions() as session:
        assert extensions_of(session, people["suzuki"]) == ("202",)


def test_a_number_another_agent_holds_is_refused_naming_them_and_nothing_changes(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    boss = people["boss"]
    _set(sessions, "sato", "201", by=boss)
    _set(sessions, "suzuki", "301", by=boss)
    with pytest.raises(ExtensionTaken) as taken:
        _set(sessions, "suzuki", "302", "201", by=boss)
    assert str(taken.value) == "extension 201 is already sato's"
    assert render(message_of(taken.value), JAPANESE) == "内線 201 はすでに sato の番号です"
    with pytest.raises(InvalidExtension):
        _set(sessions, "suzuki", "302", "x", by=boss)
    assert _held(sessions) == {"201": people["sato"], "301": people["suzuki"]}
    # Keeping one's own number is no clash.
    assert _set(sessions, "sato", "201", "203", by=boss) == ("201", "203")


def test_every_change_is_in_the_access_log_and_an_unchanged_set_is_not(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    boss = people["boss"]
    _set(sessions, "sato", "202", "201", by=boss)
    _set(sessions, "sato", "201", "202", by=boss)
    _set(sessions, "sato", by=None)
    assert _log(sessions) == [
        (boss, AccessAction.CHANGE, "account sato: extensions set to 201, 202"),
        (None, AccessAction.CHANGE, "headless, no one signed in: account sato: extensions cleared"),
    ]


def test_only_an_active_administrator_changes_them_and_only_for_a_known_login(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    with pytest.raises(NotAdministrator, match="sato is not an administrator"):
        _set(sessions, "suzuki", "201", by=people["sato"])
    with sessions.begin() as session:
        add_user(session, "boss2", display_name="二番目", role=AgentRole.ADMIN, password=PASSWORD)
        disable_user(session, "boss")
    with pytest.raises(AgentNotActive):
        _set(sessions, "suzuki", "201", by=people["boss"])
    with pytest.raises(UnknownAgent, match="no agent with login 'nobody'"):
        _set(sessions, "nobody", "201", by=None)
    assert _held(sessions) == {}
    assert _log(sessions) == []


def test_the_accounts_list_shows_each_agents_extensions(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    _set(sessions, "sato", "1001", "201", by=people["boss"])
    with sessions() as session:
        listed = {row.login: row.extensions for row in list_users(session)}
    assert listed == {"boss": (), "sato": ("201", "1001"), "suzuki": ()}


def _pbx(sessions: sessionmaker[Session], text: str) -> str | None:
    """Whom the PBX's name finds; the gateway's directory of every name (read once, kept in memory) must
    find the same agent, or no one, for every name."""
    with sessions() as session:
        agent = agent_for_pbx_user(session, text)
        directory = pbx_directory(session)
    assert directory.get(text.strip()) == (agent.id if agent else None), text
    return agent.login if agent else None


def test_a_pbx_names_an_agent_by_login_display_name_or_extension(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    _set(sessions, "sato", "201", "2001", by=people["boss"])
    assert [_pbx(sessions, text) for text in ("sato", "佐藤 美咲", "201", "2001", " 201 ")] == ["sato"] * 5
    # Exactly: no prefixes, no other spelling, nothing for nothing.
    for text in ("20", "Sato", "佐藤", "佐藤美咲", "", "  ", "999"):
        assert _pbx(sessions, text) is None, text
    with sessions() as session:
        found = agent_for_pbx_user(session, "201")
    assert found is not None
    assert (found.id, found.display_name, found.role) == (people["sato"], "佐藤 美咲", AgentRole.AGENT)


def test_a_name_two_agents_answer_to_finds_no_one_and_a_disabled_agent_is_not_found(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    boss = people["boss"]
    with sessions.begin() as session:
        add_user(session, "sato2", display_name="佐藤 美咲", role=AgentRole.AGENT, password=PASSWORD)
        add_user(session, "301", display_name="三百一", role=AgentRole.AGENT, password=PASSWORD)
    _set(sessions, "suzuki", "301", by=boss)
    assert _pbx(sessions, "佐藤 美咲") is None
    assert _pbx(sessions, "301") is None
    assert _pbx(sessions, "sato2") == "sato2"
    with sessions.begin() as session:
        disable_user(session, "sato2")
        disable_user(session, "301")
    assert _pbx(sessions, "佐藤 美咲") == "sato"
    assert _pbx(sessions, "301") == "suzuki"
    assert _pbx(sessions, "sato2") is None
