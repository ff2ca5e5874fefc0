"""Accounts: passwords hashed with scrypt, sign-in with a silent lockout, and the admin's account changes.

A password is stored as `scrypt$N$r$p$SALT$HASH` (salt and hash in unpadded base64): the string names
its own parameters, so they can be raised later for new passwords while old ones still verify, and a
successful sign-in quietly re-hashes a password made with weaker ones.

The parameters: N = 2**15, r = 8, p = 1 needs 128·N·r = 32 MiB of memory per guess, which is what makes
scrypt memory-hard (a GPU or ASIC cannot run many guesses side by side cheaply), and takes about
0.1 s on a desk PC — unnoticeable at sign-in, ruinous for someone guessing offline. The salt is 16 random
bytes per password, the derived key 32 bytes. Only the standard library is used (`hashlib.scrypt`,
OpenSSL), so Windows installs need no compiled extra.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.config import Security
from desk_app.domain.enums import AgentRole
from desk_app.domain.messages import MessageError, message
from desk_app.services.agents import AgentInfo, UnknownAgent
from desk_app.storage.demo_mark import demo_mark
from desk_app.storage.models import Agent, AgentExtension

SCHEME = "scrypt"
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32

MIN_PASSWORD_LENGTH = 10
# Longer than any passphrase a person types; stops a megabyte "password" from being hashed on request.
MAX_PASSWORD_LENGTH = 256
MAX_LOGIN_LENGTH = 64


class WeakPassword(MessageError, ValueError):
    """A password the rules refuse; the message says which rule, never the password."""


class InvalidLogin(MessageError, ValueError):
    pass


class LoginTaken(MessageError, ValueError):
    pass


class LastAdministrator(MessageError, ValueError):
    """A change that would leave the desk without an active administrator (or, once one has a password,
    without an active administrator who has one): nobody could manage the accounts any more."""


class RefusalReason(enum.StrEnum):
    # An unknown login, a wrong password and a locked login are one reason with one message, and each
    # costs one password hash: a refusal must not tell someone trying logins which of them exist.
    WRONG_LOGIN_OR_PASSWORD = "wrong_login_or_password"
    DISABLED = "disabled"
    # The passwordless sign-in of the demo desk, asked for an agent who has a password or made on a
    # database that is not a demo database.
    PASSWORD_REQUIRED = "password_required"


class SignInRefused(MessageError, PermissionError):
    """Sign-in refused; `reason` says why, in words that never tell whether the login exists or is locked."""

    def __init__(self, reason: RefusalReason) -> None:
        self.reason = reason
        super().__init__(message(f"sign_in.{reason.value}"))


@dataclass(frozen=True)
class UserRow:
    """An account as `desk-app users list` shows it: never the hash."""

    login: str
    display_name: str
    role: AgentRole
    active: bool
    has_password: bool
    password_changed_at: dt.datetime | None
    failed_sign_ins: int
    locked_until: dt.datetime | None
    # The telephone extensions at which the agent answers (services/extensions.py), shortest first.
    extensions: tuple[str, ...] = ()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # OpenSSL refuses work needing more than `maxmem`; allow twice the 128·N·r the parameters need.
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=2 * 128 * n * r * p + 1024 * 1024,
        dklen=KEY_BYTES,
    )


def hash_password(
    password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P, salt: bytes | None = None
) -> str:
    """The self-describing stored form `scrypt$N$r$p$SALT$HASH` with a fresh random salt."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    return f"{SCHEME}${n}${r}${p}${_b64(salt)}${_b64(_scrypt(password, salt, n, r, p))}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    scheme, n, r, p, salt, key = stored.split("$")
    if scheme != SCHEME:
        raise ValueError(f"unknown password scheme {scheme!r}")
    return int(n), int(r), int(p), _unb64(salt), _unb64(key)


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches `stored`, recomputed with the parameters stored with it."""
    try:
        n, r, p, salt, key = _parse(stored)
    except ValueError:
        return False
    # compare_digest takes the same time wherever the first differing byte is.
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), key)


def needs_rehash(stored: str) -> bool:
    """True when `stored` was made with parameters other than today's."""
    try:
        n, r, p, salt, key = _parse(stored)
    except ValueError:
        return True
    return (n, r, p, len(salt), len(key)) != (SCRYPT_N, SCRYPT_R, SCRYPT_P, SALT_BYTES, KEY_BYTES)


@cache
def _decoy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def check_password_rules(login: str, password: str) -> None:
    """Raise `WeakPassword` naming the rule a new password breaks."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(message("password.too_short", length=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(message("password.too_long", length=MAX_PASSWORD_LENGTH))
    folded = password.strip().casefold()
    if login.strip().casefold() in folded:
        raise WeakPassword(message("password.holds_login"))
    if len(set(folded)) < 3:
        raise WeakPassword(message("password.too_plain"))


def check_login(login: str) -> str:
    cleaned = login.strip()
    if not cleaned or len(cleaned) > MAX_LOGIN_LENGTH or any(ch.isspace() for ch in cleaned):
        raise InvalidLogin(message("account.login_rule", length=MAX_LOGIN_LENGTH))
    return cleaned


def _info(agent: Agent) -> AgentInfo:
    return AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)


def _agent(session: Session, login: str) -> Agent | None:
    return session.scalars(select(Agent).where(Agent.login == login)).one_or_none()


def _known(session: Session, login: str) -> Agent:
    agent = _agent(session, login)
    if agent is None:
        raise UnknownAgent(message("account.no_login", login=login))
    return agent


def _utc(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def add_user(
    session: Session,
    login: str,
    *,
    display_name: str,
    role: AgentRole,
    password: str,
    now: dt.datetime | None = None,
) -> AgentInfo:
    """A new active account; `InvalidLogin`, `LoginTaken` or `WeakPassword` leave nothing written."""
    login = check_login(login)
    name = display_name.strip()
    if not name or len(name) > 100:
        raise InvalidLogin(message("account.display_name_rule", length=100))
    check_password_rules(login, password)
    if _agent(session, login) is not None:
        raise LoginTaken(message("account.login_taken", login=login))
    at = _utc(now)
    agent = Agent(
        login=login,
        display_name=name,
        role=role,
        active=True,
        created_at=at,
        password_hash=hash_password(password),
        password_changed_at=at,
        failed_sign_ins=0,
    )
    session.add(agent)
    session.flush()
    return _info(agent)


def _keep_an_administrator(session: Session, changed: Agent, *, active: bool, role: AgentRole) -> None:
    """`LastAdministrator` if giving `changed` this state and role leaves no active administrator, or none
    with a password while one has a password now (which would let anyone run `desk-app users` again)."""
    admins = list(session.scalars(select(Agent).where(Agent.role == AgentRole.ADMIN, Agent.active.is_(True))))
    after = [agent for agent in admins if agent.id != changed.id]
    if active and role is AgentRole.ADMIN:
        after.append(changed)
    if admins and not after:
        raise LastAdministrator(message("account.last_administrator", login=changed.login))
    if any(agent.password_hash for agent in admins) and not any(agent.password_hash for agent in after):
        raise LastAdministrator(message("account.last_administrator_with_password", login=changed.login))


def disable_user(session: Session, login: str) -> AgentInfo:
    """The account can no longer sign in or be given cases; its history stays. `UnknownAgent` if none,
    `LastAdministrator` for the last active administrator."""
    agent = _known(session, login)
    _keep_an_administrator(session, agent, active=False, role=agent.role)
    agent.active = False
    session.flush()
    return _info(agent)


def change_role(session: Session, login: str, role: AgentRole) -> AgentInfo:
    """Give the account another role; `UnknownAgent` if none, `LastAdministrator` for demoting the last
    active administrator."""
    agent = _known(session, login)
    _keep_an_administrator(session, agent, active=agent.active, role=role)
    agent.role = role
    session.flush()
    return _info(agent)


def administrator_credentials_required(session: Session) -> bool:
    """Whether managing accounts needs an administrator's password: once any active one has a password.

    Before that (a new desk, or one migrated from before passwords) `desk-app users` runs for whoever can
    reach the database, so that the first administrator can be made.
    """
    held = session.scalar(
        select(Agent.id)
        .where(Agent.role == AgentRole.ADMIN, Agent.active.is_(True), Agent.password_hash.is_not(None))
        .limit(1)
    )
    return held is not None


def reset_password(
    session: Session, login: str, password: str, *, now: dt.datetime | None = None
) -> AgentInfo:
    """A new password, which also ends a lockout; a disabled account stays disabled."""
    agent = _known(session, login)
    check_password_rules(agent.login, password)
    agent.password_hash = hash_password(password)
    agent.password_changed_at = _utc(now)
    agent.failed_sign_ins = 0
    agent.locked_until = None
    session.flush()
    return _info(agent)


def list_users(session: Session) -> tuple[UserRow, ...]:
    extensions: dict[int, list[str]] = {}
    for agent_id, extension in session.execute(
        select(AgentExtension.agent_id, AgentExtension.extension).order_by(
            func.length(AgentExtension.extension), AgentExtension.extension
        )
    ):
        extensions.setdefault(agent_id, []).append(extension)
    rows = session.scalars(select(Agent).order_by(Agent.login))
    return tuple(
        UserRow(
            login=agent.login,
            display_name=agent.display_name,
            role=agent.role,
            active=agent.active,
            has_password=agent.password_hash is not None,
            password_changed_at=agent.password_changed_at,
            failed_sign_ins=agent.failed_sign_ins,
            locked_until=agent.locked_until,
            extensions=tuple(extensions.get(agent.id, ())),
        )
        for agent in rows
    )


def authenticate(
    session: Session,
    login: str,
    password: str,
    *,
    security: Security | None = None,
    now: dt.datetime | None = None,
) -> AgentInfo:
    """The agent whose login and password these are, or `SignInRefused`.

    Failures and successes are written to the agent's row before this returns or raises: a caller
    that lets `SignInRefused` end its transaction rolls the count back, so catch it inside the
    transaction (or use `attempt_sign_in`). A locked login is refused whatever the password, so
    guessing cannot go on during the lockout.

    Every path computes one password hash and every refusal but DISABLED (said only to whoever typed
    the right password) is the same WRONG_LOGIN_OR_PASSWORD: an unknown login, a wrong password and a
    locked login look and take alike, so neither the answer nor its time tells which logins exist —
    only a real login can lock, and a lockout that answered at once would name it. Administrators see
    lockouts in `desk-app users list`.
    """
    rules = security or Security()
    at = _utc(now)
    agent = _agent(session, login.strip())
    if agent is None or agent.password_hash is None:
        # The same work as a real check, so the time taken does not tell which logins exist.
        verify_password(password, _decoy_hash())
        raise SignInRefused(RefusalReason.WRONG_LOGIN_OR_PASSWORD)
    matches = verify_password(password, agent.password_hash)
    if agent.locked_until is not None and agent.locked_until > at:
        raise SignInRefused(RefusalReason.WRONG_LOGIN_OR_PASSWORD)
    if not matches:
        agent.failed_sign_ins += 1
        if agent.failed_sign_ins >= rules.max_failed_sign_ins:
            # The count starts again after the lockout: N more tries, then locked again.
            agent.failed_sign_ins = 0
            agent.locked_until = at + dt.timedelta(minutes=rules.lockout_minutes)
        session.flush()
        raise SignInRefused(RefusalReason.WRONG_LOGIN_OR_PASSWORD)
    if not agent.active:
        # Said only to whoever knows the password: the account's owner, told to ask an administrator.
        raise SignInRefused(RefusalReason.DISABLED)
    agent.failed_sign_ins = 0
    agent.locked_until = None
    if needs_rehash(agent.password_hash):
        agent.password_hash = hash_password(password)
    session.flush()
    return _info(agent)


def attempt_sign_in(
    session: Session,
    login: str,
    password: str,
    *,
    security: Security | None = None,
    now: dt.datetime | None = None,
) -> AgentInfo | SignInRefused:
    """`authenticate` for a caller whose transaction ends on an exception: the refusal is returned,
    so the failure count it wrote is committed with the transaction."""
    try:
        return authenticate(session, login, password, security=security, now=now)
    except SignInRefused as refused:
        return refused


def passwordless_sign_in(session: Session, login: str) -> AgentInfo:
    """The demo desk's sign-in by login alone: on a demo database, for an active agent without a password.

    On any database the demo did not make (`desk_app.storage.demo_mark`), and for an agent with a
    password, it is `SignInRefused(PASSWORD_REQUIRED)` — whatever the login, so the refusal tells
    nothing — and no path through this function opens a real account. `UnknownAgent` for a login
    unknown or disabled on a demo database.
    """
    if demo_mark(session) is None:
        raise SignInRefused(RefusalReason.PASSWORD_REQUIRED)
    agent = session.scalars(select(Agent).where(Agent.login == login, Agent.active.is_(True))).one_or_none()
    if agent is None:
        raise UnknownAgent(message("account.no_active_login", login=login))
    if agent.password_hash is not None:
        raise SignInRefused(RefusalReason.PASSWORD_REQUIRED)
    return _info(agent)
