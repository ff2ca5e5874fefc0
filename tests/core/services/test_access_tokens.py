"""Access tokens for scheduled commands: shown once and stored hashed, acting only as their own agent while
active, refused once expired or revoked, issue and revocation in the access log."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, AgentRole
from desk_app.services.access_tokens import (
    InvalidTokenRequest,
    TokenRefused,
    authenticate_token,
    issue_token,
    list_tokens,
    revoke_token,
)
from desk_app.services.accounts import add_user, disable_user
from desk_app.services.agents import UnknownAgent
from desk_app.storage.models import AccessLogEntry, AccessToken

NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def people(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions.begin() as session:
        return {
            login: add_user(session, login, display_name=login, role=role, password="kumamoto-2026-ramen").id
            for login, role in (("boss", AgentRole.ADMIN), ("tanaka", AgentRole.SUPERVISOR))
        }


def _issue(sessions: sessionmaker[Session], people: dict[str, int], days: int | None = None) -> str:
    with sessions.begin() as session:
        issued = issue_token(
            session, "tanaka", name="nightly export", expires_days=days, issued_by=people["boss"], now=NOW
        )
    return issued.secret


def _check(
    sessions: sessionmaker[Session], token: str, *, login: str | None = None, at: dt.datetime = NOW
) -> str:
    with sessions.begin() as session:
        return authenticate_token(session, token, login=login, now=at).login


def test_a_token_acts_as_its_agent_and_only_its_hash_is_kept(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    token = _issue(sessions, people)
    assert token.startswith("idt_")
    assert len(token) > 40
    assert _check(sessions, token, login="tanaka") == "tanaka"
    with sessions() as session:
        row = session.scalars(select(AccessToken)).one()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in repr(list_tokens(session))
        (listed,) = list_tokens(session, "tanaka")
        assert (listed.name, listed.created_by, listed.last_used_at) == ("nightly export", "boss", NOW)


def test_a_token_is_refused_for_another_login_once_revoked_or_expired_or_its_agent_disabled(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    token = _issue(sessions, people, days=30)
    for login in ("boss", "nobody"):
        with pytest.raises(TokenRefused):
            _check(sessions, token, login=login)
    with pytest.raises(TokenRefused):
        _check(sessions, token + "x")
    with pytest.raises(TokenRefused):
        _check(sessions, token, at=NOW + dt.timedelta(days=30))
    assert _check(sessions, token, at=NOW + dt.timedelta(days=29)) == "tanaka"

    with sessions.begin() as session:
        disable_user(session, "tanaka")
    with pytest.raises(TokenRefused):
        _check(sessions, token)


def test_a_revoked_token_stops_at_once_and_issue_and_revocation_are_in_the_access_log(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    token = _issue(sessions, people)
    with sessions() as session:
        (row,) = list_tokens(session)
    with sessions.begin() as session:
        revoked = revoke_token(session, row.token_id, revoked_by=people["boss"], now=NOW)
    assert revoked.revoked_at == NOW
    assert not revoked.usable(NOW)
    with pytest.raises(TokenRefused):
        _check(sessions, token)
    with sessions() as session:
        entries = session.execute(
            select(AccessLogEntry.agent_id, AccessLogEntry.action, AccessLogEntry.detail).order_by(
                AccessLogEntry.id
            )
        ).all()
    assert [(agent, action) for agent, action, _ in entries] == [(people["boss"], AccessAction.CHANGE)] * 2
    assert "issued to tanaka (nightly export)" in entries[0][2]
    assert "revoked" in entries[1][2]
    assert token not in " ".join(detail for _, _, detail in entries)
    with sessions.begin() as session, pytest.raises(LookupError):
        revoke_token(session, 999, revoked_by=people["boss"])


def test_a_token_is_issued_only_to_an_active_agent_with_a_name(
    sessions: sessionmaker[Session], people: dict[str, int]
) -> None:
    with sessions.begin() as session, pytest.raises(UnknownAgent):
        issue_token(session, "nobody", name="job", expires_days=None, issued_by=people["boss"])
    for name, days in (("  ", None), ("job", 0)):
        with sessions.begin() as session, pytest.raises(InvalidTokenRequest):
            issue_token(session, "tanaka", name=name, expires_days=days, issued_by=people["boss"])
    with sessions() as session:
        assert list_tokens(session) == ()
