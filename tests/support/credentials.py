"""Credentials for the commands that act as a person: a password set on an agent, or an access token."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from desk_app.services.access_tokens import issue_token
from desk_app.services.accounts import reset_password

PASSWORD = "umeboshi-onigiri-7"


def set_password(sessions: sessionmaker[Session], login: str, password: str = PASSWORD) -> str:
    with sessions.begin() as session:
        reset_password(session, login, password)
    return password


def token_for(sessions: sessionmaker[Session], login: str, *, name: str = "scheduled job") -> str:
    """An access token acting as `login`, as `desk-app users token issue` makes one."""
    with sessions.begin() as session:
        return issue_token(session, login, name=name, expires_days=None, issued_by=None).secret


def token_env(sessions: sessionmaker[Session], login: str) -> dict[str, str]:
    return {"DESK_APP_TOKEN": token_for(sessions, login)}
