"""Access tokens: what an administrator issues so a scheduled command can act as a person without a password.

A token is `idt_` and 43 characters of `secrets.token_urlsafe(32)` (256 random bits), shown once when it
is issued and kept only as its SHA-256: a stolen database yields no usable token, and with that much
randomness a fast hash is as safe as a slow one while letting a command find its row by the hash. A token
acts only as the agent it was issued to, only while that agent is active, until it expires or is revoked.
Issuing and revoking are written to the access log (`record_access`, chained like every entry there).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction
from desk_app.domain.messages import MessageError, message
from desk_app.services.access_log import record_access
from desk_app.services.agents import AgentInfo, UnknownAgent
from desk_app.storage.models import AccessToken, Agent, table_of

PREFIX = "idt_"
MAX_NAME_LENGTH = 100
MAX_EXPIRY_DAYS = 3660


class TokenRefused(MessageError, PermissionError):
    """The token is unknown, expired, revoked, or its agent disabled: one message for all of them."""

    def __init__(self) -> None:
        super().__init__(message("token.refused"))


class InvalidTokenRequest(MessageError, ValueError):
    """A name or an expiry the rules refuse; the message says which."""


@dataclass(frozen=True)
class IssuedToken:
    """A new token: `secret` is shown once and kept nowhere."""

    token_id: int
    login: str
    name: str
    expires_at: dt.datetime | None
    secret: str


@dataclass(frozen=True)
class TokenRow:
    """A token as `desk-app users token list` shows it: never the secret or its hash."""

    token_id: int
    login: str
    name: str
    created_at: dt.datetime
    created_by: str | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None

    def usable(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _utc(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def issue_token(
    session: Session,
    login: str,
    *,
    name: str,
    expires_days: int | None,
    issued_by: int | None,
    now: dt.datetime | None = None,
) -> IssuedToken:
    """A new token acting as the active agent `login`; `UnknownAgent`, `InvalidTokenRequest`.

    `issued_by` is the administrator who issued it (None while no administrator has a password).
    """
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidTokenRequest(message("token.name_rule", length=MAX_NAME_LENGTH))
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise InvalidTokenRequest(message("token.expiry_rule", days=MAX_EXPIRY_DAYS))
    agent = session.scalars(select(Agent).where(Agent.login == login, Agent.active.is_(True))).one_or_none()
    if agent is None:
        raise UnknownAgent(message("account.no_active_login", login=login))
    at = _utc(now)
    secret = PREFIX + secrets.token_urlsafe(32)
    expires_at = at + dt.timedelta(days=expires_days) if expires_days is not None else None
    row = AccessToken(
        agent_id=agent.id,
        name=cleaned,
        token_hash=token_hash(secret),
        created_at=at,
        created_by_id=issued_by,
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    until = expires_at.date().isoformat() if expires_at else "never"
    record_access(
        session,
        agent_id=issued_by,
        action=AccessAction.CHANGE,
        customer_ids=[None],
        detail=f"access token {row.id} issued to {agent.login} ({cleaned}); expires {until}",
        now=at,
    )
    return IssuedToken(token_id=row.id, login=agent.login, name=cleaned, expires_at=expires_at, secret=secret)


def revoke_token(
    session: Session, token_id: int, *, revoked_by: int | None, now: dt.datetime | None = None
) -> TokenRow:
    """Stop the token working at once; `LookupError` for no such token. Revoking twice changes nothing."""
    row = session.get(AccessToken, token_id)
    if row is None:
        raise LookupError(f"no access token {token_id}")
    if row.revoked_at is None:
        at = _utc(now)
        row.revoked_at = at
        session.flush()
        login = session.scalar(select(Agent.login).where(Agent.id == row.agent_id))
        record_access(
            session,
            agent_id=revoked_by,
            action=AccessAction.CHANGE,
            customer_ids=[None],
            detail=f"access token {row.id} of {login} ({row.name}) revoked",
            now=at,
        )
    return next(token for token in list_tokens(session) if token.token_id == token_id)


def list_tokens(session: Session, login: str | None = None) -> tuple[TokenRow, ...]:
    """Every token (or `login`'s), newest first, revoked and expired ones included."""
    owner = table_of(Agent).alias("owner")
    issuer = table_of(Agent).alias("issuer")
    statement = (
        select(AccessToken, owner.c.login, issuer.c.login)
        .join(owner, owner.c.id == AccessToken.agent_id)
        .outerjoin(issuer, issuer.c.id == AccessToken.created_by_id)
        .order_by(AccessToken.id.desc())
    )
    if login is not None:
        statement = statement.where(owner.c.login == login)
    return tuple(
        TokenRow(
            token_id=token.id,
            login=owner_login,
            name=token.name,
            created_at=token.created_at,
            created_by=issuer_login,
            expires_at=token.expires_at,
            revoked_at=token.revoked_at,
            last_used_at=token.last_used_at,
        )
        for token, owner_login, issuer_login in session.execute(statement)
    )


def authenticate_token(
    session: Session, token: str, *, login: str | None = None, now: dt.datetime | None = None
) -> AgentInfo:
    """The active agent the token acts as, or `TokenRefused` (also when it is not `login`'s); records when
    the token was last used."""
    at = _utc(now)
    row = session.scalars(
        select(AccessToken).where(AccessToken.token_hash == token_hash(token.strip()))
    ).first()
    if row is None or row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= at):
        raise TokenRefused()
    agent = session.get(Agent, row.agent_id)
    if agent is None or not agent.active or (login is not None and agent.login != login.strip()):
        raise TokenRefused()
    row.last_used_at = at
    session.flush()
    return AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)
