"""Accounts: scrypt hashes with their parameters, one message and one hash for unknown login, wrong password
and lockout, lockout and its end, disabled accounts, password rules, the demo-only passwordless path, the
last administrator, and role checks that go by the database."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import Security
from desk_app.domain.enums import AgentRole, CaseKind, CaseState
from desk_app.services import accounts
from desk_app.services.accounts import (
    LastAdministrator,
    LoginTaken,
    RefusalReason,
    SignInRefused,
    WeakPassword,
    add_user,
    administrator_credentials_required,
    attempt_sign_in,
    authenticate,
    change_role,
    disable_user,
    hash_password,
    list_users,
    passwordless_sign_in,
    reset_password,
    verify_password,
)
from desk_app.services.agents import UnknownAgent
from desk_app.services.cases.log import case_log_page, count_cases
from desk_app.services.cases.queue import work_queue
from desk_app.storage.models import Agent, Case, DemoDatabase

NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
PASSWORD = "kumamoto-2026-ramen"
RULES = Security(max_failed_sign_ins=3, lockout_minutes=15)


def _add(sessions: sessionmaker[Session], login: str = "sato", role: AgentRole = AgentRole.AGENT) -> int:
    with sessions.begin() as session:
        return add_user(session, login, display_name="佐藤 一郎", role=role, password=PASSWORD, now=NOW).id


def _sign_in(sessions: sessionmaker[Session], login: str, password: str, at: dt.datetime = NOW) -> Any:
    """One sign-in in a transaction of its own, as the window makes it: the refusal is returned."""
    with sessions.begin() as session:
        return attempt_sign_in(session, login, password, security=RULES, now=at)


def test_the_hash_names_scrypt_and_its_parameters_and_salts_differ() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    scheme, n, r, p, salt, key = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1)
    assert len(accounts._unb64(salt)) == 16
    assert len(accounts._unb64(key)) == 32
    assert first != second
    assert PASSWORD not in first


def test_verification_uses_the_parameters_stored_with_the_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    weaker = hash_password(PASSWORD, n=2**12, r=4, p=1)
    calls: list[tuple[int, int, int]] = []
    real = hashlib.scrypt

    def spy(password: bytes, **kwargs: Any) -> bytes:
        calls.append((kwargs["n"], kwargs["r"], kwargs["p"]))
        return real(password, **kwargs)

    monkeypatch.setattr(accounts.hashlib, "scrypt", spy)
    assert verify_password(PASSWORD, weaker)
    assert not verify_password(PASSWORD + "x", weaker)
    assert calls == [(2**12, 4, 1), (2**12, 4, 1)]


def test_verification_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[int] = []
    real = accounts.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append(len(a))
        return real(a, b)

    monkeypatch.setattr(accounts.hmac, "compare_digest", spy)
    assert verify_password(PASSWORD, hash_password(PASSWORD))
    assert compared == [32]


def test_the_right_password_signs_in_and_the_row_keeps_only_the_hash(sessions: sessionmaker[Session]) -> None:
    agent_id = _add(sessions)
    signed_in = _sign_in(sessions, "sato", PASSWORD)
    assert signed_in.id == agent_id
    assert signed_in.role is AgentRole.AGENT
    with sessions() as session:
        agent = session.get_one(Agent, agent_id)
        assert agent.password_hash is not None
        assert agent.password_hash.startswith("scrypt$")
        assert agent.password_changed_at == NOW


def test_unknown_login_and_wrong_password_get_the_same_refusal(sessions: sessionmaker[Session]) -> None:
    _add(sessions)
    wrong = _sign_in(sessions, "sato", "not-the-password")
    unknown = _sign_in(sessions, "nobody", PASSWORD)
    assert isinstance(wrong, SignInRefused)
    assert isinstance(unknown, SignInRefused)
    assert wrong.reason is unknown.reason is RefusalReason.WRONG_LOGIN_OR_PASSWORD
    assert str(wrong) == str(unknown)


def test_unknown_login_costs_a_real_hash_so_timing_tells_nothing(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = hashlib.scrypt
    monkeypatch.setattr(accounts.hashlib, "scrypt", lambda pw, **kw: calls.append(kw["n"]) or real(pw, **kw))
    _sign_in(sessions, "nobody", PASSWORD)
    assert accounts.SCRYPT_N in calls


def test_refusals_are_counted_and_lock_the_login_until_the_time_passes(
    sessions: sessionmaker[Session],
) -> None:
    agent_id = _add(sessions)
    for _ in range(RULES.max_failed_sign_ins - 1):
        assert _sign_in(sessions, "sato", "wrong-password!").reason is RefusalReason.WRONG_LOGIN_OR_PASSWORD
    unknown = _sign_in(sessions, "nobody", "wrong-password!")
    locking = _sign_in(sessions, "sato", "wrong-password!")
    # The refusal that locks says what every refusal says: the lockout is kept on the row, not told.
    assert (locking.reason, str(locking)) == (unknown.reason, str(unknown))
    with sessions() as session:
        assert session.get_one(Agent, agent_id).locked_until == NOW + dt.timedelta(minutes=15)
    # While locked even the right password is refused, in the same words.
    during = _sign_in(sessions, "sato", PASSWORD, NOW + dt.timedelta(minutes=14))
    assert (during.reason, str(during)) == (unknown.reason, str(unknown))
    after = _sign_in(sessions, "sato", PASSWORD, NOW + dt.timedelta(minutes=15, seconds=1))
    assert after.id == agent_id
    with sessions() as session:
        agent = session.get_one(Agent, agent_id)
        assert (agent.failed_sign_ins, agent.locked_until) == (0, None)


def test_locked_unknown_and_wrong_answers_look_alike_and_each_costs_one_hash(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a real login can lock: a lockout that answered at once, or in other words, would name it."""
    _add(sessions)
    with sessions.begin() as session:
        session.add(Agent(login="no-password", display_name="移行前", role=AgentRole.AGENT, created_at=NOW))
    for _ in range(RULES.max_failed_sign_ins):
        _sign_in(sessions, "sato", "wrong-password!")
    hashes: list[int] = []
    real = accounts._scrypt
    monkeypatch.setattr(
        accounts, "_scrypt", lambda password, salt, n, r, p: hashes.append(n) or real(password, salt, n, r, p)
    )
    answers = {}
    for path, (login, password) in {
        "unknown login": ("nobody", "wrong-password!"),
        "locked, wrong password": ("sato", "wrong-password!"),
        "locked, right password": ("sato", PASSWORD),
        "no password set": ("no-password", "wrong-password!"),
    }.items():
        hashes.clear()
        answer = _sign_in(sessions, login, password, NOW + dt.timedelta(minutes=1))
        assert hashes == [accounts.SCRYPT_N], path
        answers[path] = (type(answer), answer.reason, str(answer))
    with sessions.begin() as session:
        reset_password(session, "sato", "a-new-long-secret", now=NOW)
    hashes.clear()
    wrong = _sign_in(sessions, "sato", "wrong-password!", NOW + dt.timedelta(minutes=1))
    assert hashes == [accounts.SCRYPT_N]
    answers["wrong password"] = (type(wrong), wrong.reason, str(wrong))
    assert len(set(answers.values())) == 1, answers


def test_a_success_resets_the_count_of_refusals(sessions: sessionmaker[Session]) -> None:
    _add(sessions)
    for _ in range(RULES.max_failed_sign_ins - 1):
        _sign_in(sessions, "sato", "wrong-password!")
    assert _sign_in(sessions, "sato", PASSWORD).login == "sato"
    for _ in range(RULES.max_failed_sign_ins - 1):
        assert _sign_in(sessions, "sato", "wrong-password!").reason is RefusalReason.WRONG_LOGIN_OR_PASSWORD


def test_authenticate_raises_and_the_count_is_kept_when_caught_inside_the_transaction(
    sessions: sessionmaker[Session],
) -> None:
    agent_id = _add(sessions)
    with sessions.begin() as session, pytest.raises(SignInRefused):
        authenticate(session, "sato", "wrong-password!", security=RULES, now=NOW)
    with sessions() as session:
        assert session.get_one(Agent, agent_id).failed_sign_ins == 1


def test_reset_password_ends_a_lockout(sessions: sessionmaker[Session]) -> None:
    _add(sessions)
    for _ in range(RULES.max_failed_sign_ins):
        _sign_in(sessions, "sato", "wrong-password!")
    with sessions.begin() as session:
        reset_password(session, "sato", "a-new-long-secret", now=NOW)
    assert _sign_in(sessions, "sato", "a-new-long-secret").login == "sato"
    assert isinstance(_sign_in(sessions, "sato", PASSWORD), SignInRefused)


def test_a_disabled_account_is_refused_and_says_so_only_to_whoever_knows_the_password(
    sessions: sessionmaker[Session],
) -> None:
    _add(sessions)
    with sessions.begin() as session:
        disable_user(session, "sato")
    assert _sign_in(sessions, "sato", PASSWORD).reason is RefusalReason.DISABLED
    assert _sign_in(sessions, "sato", "wrong-password!").reason is RefusalReason.WRONG_LOGIN_OR_PASSWORD


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("short1!", "at least 10 characters"),
        ("xxsatoxxxxxx", "must not contain the login"),
        ("SATO-SATO-SATO", "must not contain the login"),
        ("aaaaaaaaaaaa", "more than one or two different characters"),
    ],
)
def test_weak_passwords_are_refused_and_nothing_is_written(
    sessions: sessionmaker[Session], password: str, rule: str
) -> None:
    with sessions.begin() as session, pytest.raises(WeakPassword, match=rule):
        add_user(session, "sato", display_name="佐藤", role=AgentRole.AGENT, password=password)
    with sessions() as session:
        assert session.scalars(select(Agent)).all() == []
    _add(sessions)
    with sessions.begin() as session, pytest.raises(WeakPassword):
        reset_password(session, "sato", password)


def test_a_login_is_taken_once(sessions: sessionmaker[Session]) -> None:
    _add(sessions)
    with sessions.begin() as session, pytest.raises(LoginTaken):
        add_user(session, "sato", display_name="別人", role=AgentRole.ADMIN, password=PASSWORD)


def test_a_weaker_stored_hash_is_raised_to_todays_parameters_at_sign_in(
    sessions: sessionmaker[Session],
) -> None:
    agent_id = _add(sessions)
    with sessions.begin() as session:
        session.get_one(Agent, agent_id).password_hash = hash_password(PASSWORD, n=2**12)
    _sign_in(sessions, "sato", PASSWORD)
    with sessions() as session:
        stored = session.get_one(Agent, agent_id).password_hash
    assert stored is not None
    assert stored.startswith(f"scrypt${2**15}$8$1$")


def test_listing_never_shows_a_hash(sessions: sessionmaker[Session]) -> None:
    _add(sessions)
    with sessions() as session:
        (row,) = list_users(session)
    assert row.has_password
    assert "scrypt" not in repr(row)


def _mark_as_demo(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        session.add(DemoDatabase(id=1, created_at=NOW, cti_token="t" * 43))


def test_the_passwordless_path_opens_no_account_that_has_a_password(sessions: sessionmaker[Session]) -> None:
    _add(sessions)
    _mark_as_demo(sessions)
    with sessions.begin() as session:
        session.add(Agent(login="demo", display_name="デモ", role=AgentRole.AGENT, created_at=NOW))
    with sessions() as session:
        assert passwordless_sign_in(session, "demo").login == "demo"
        with pytest.raises(SignInRefused) as refused:
            passwordless_sign_in(session, "sato")
        assert refused.value.reason is RefusalReason.PASSWORD_REQUIRED
        with pytest.raises(UnknownAgent):
            passwordless_sign_in(session, "nobody")
    # Nor does an agent without a password sign in with any password at all.
    assert isinstance(_sign_in(sessions, "demo", ""), SignInRefused)


def test_the_passwordless_path_opens_nothing_on_a_database_the_demo_did_not_make(
    sessions: sessionmaker[Session],
) -> None:
    """A real database's administrator without a password (made before passwords, or before the first
    import) does not sign in by login alone, whatever the window was told."""
    with sessions.begin() as session:
        session.add(Agent(login="admin", display_name="管理者", role=AgentRole.ADMIN, created_at=NOW))
    for login in ("admin", "nobody"):
        with sessions() as session, pytest.raises(SignInRefused) as refused:
            passwordless_sign_in(session, login)
        assert refused.value.reason is RefusalReason.PASSWORD_REQUIRED
    _mark_as_demo(sessions)
    with sessions() as session:
        assert passwordless_sign_in(session, "admin").login == "admin"


def test_the_last_active_administrator_is_never_disabled_or_demoted(sessions: sessionmaker[Session]) -> None:
    _add(sessions, "boss", AgentRole.ADMIN)
    _add(sessions, "sato")
    for change in (
        lambda session: disable_user(session, "boss"),
        lambda session: change_role(session, "boss", AgentRole.SUPERVISOR),
    ):
        with sessions.begin() as session, pytest.raises(LastAdministrator, match="last active administrator"):
            change(session)
    with sessions() as session:
        boss = session.scalars(select(Agent).where(Agent.login == "boss")).one()
        assert (boss.active, boss.role) == (True, AgentRole.ADMIN)
    # With a second administrator who has a password, either may go.
    with sessions.begin() as session:
        change_role(session, "sato", AgentRole.ADMIN)
        disable_user(session, "boss")
    with sessions() as session:
        assert [row.login for row in list_users(session) if row.active and row.role is AgentRole.ADMIN] == [
            "sato"
        ]


def test_the_last_administrator_with_a_password_stays_while_one_has_a_password(
    sessions: sessionmaker[Session],
) -> None:
    """Otherwise disabling them would open `desk-app users` to anyone again."""
    _add(sessions, "boss", AgentRole.ADMIN)
    with sessions.begin() as session:
        session.add(Agent(login="old-admin", display_name="移行前", role=AgentRole.ADMIN, created_at=NOW))
    with sessions() as session:
        assert administrator_credentials_required(session)
    with sessions.begin() as session, pytest.raises(LastAdministrator, match="with a password"):
        disable_user(session, "boss")
    with sessions() as session:
        assert administrator_credentials_required(session)


def test_administrator_credentials_are_required_once_an_active_administrator_has_a_password(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        assert not administrator_credentials_required(session)
    _add(sessions, "sato", AgentRole.SUPERVISOR)
    with sessions.begin() as session:
        session.add(Agent(login="old-admin", display_name="移行前", role=AgentRole.ADMIN, created_at=NOW))
    with sessions() as session:
        assert not administrator_credentials_required(session)
    with sessions.begin() as session:
        change_role(session, "sato", AgentRole.ADMIN)
    with sessions() as session:
        assert administrator_credentials_required(session)


# Role checks take the role from the database, not from the caller.


def _case(session: Session, case_no: str, assigned_to: int | None, opened_by: int) -> None:
    session.add(
        Case(
            case_no=case_no,
            kind=CaseKind.DISCLOSURE,
            state=CaseState.AWAITING_APPROVAL,
            customer_id=None,
            opened_by_id=opened_by,
            assigned_to_id=assigned_to,
            received_at=NOW,
            due_on=dt.date(2026, 12, 15),
        )
    )


def test_an_agent_claiming_to_be_a_supervisor_sees_no_more_of_the_case_log(
    sessions: sessionmaker[Session],
) -> None:
    agent_id, other_id = _add(sessions, "sato"), _add(sessions, "suzuki")
    with sessions.begin() as session:
        _case(session, "2026-000001", agent_id, agent_id)
        _case(session, "2026-000002", other_id, other_id)
    with sessions() as session:
        claimed = case_log_page(session, viewer_id=agent_id, viewer_role=AgentRole.SUPERVISOR)
        assert [row.case_no for row in claimed.rows] == ["2026-000001"]
        assert count_cases(session, viewer_id=agent_id, viewer_role=AgentRole.ADMIN) == 1
        # Nor does the work queue show what awaits a supervisor's decision.
        queue = work_queue(session, agent_id=agent_id, role=AgentRole.SUPERVISOR)
        assert [case.case_no for case in queue] == ["2026-000001"]


def test_a_disabled_viewer_sees_nothing(sessions: sessionmaker[Session]) -> None:
    supervisor_id = _add(sessions, "boss", AgentRole.SUPERVISOR)
    with sessions.begin() as session:
        disable_user(session, "boss")
    with sessions() as session, pytest.raises(UnknownAgent):
        case_log_page(session, viewer_id=supervisor_id, viewer_role=AgentRole.SUPERVISOR)
