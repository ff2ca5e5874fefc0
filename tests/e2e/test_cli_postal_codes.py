"""`desk-app postal-codes check|apply` as a real process, on a re-coding taken from the package's own data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole
from desk_app.storage.models import Agent, Case, Customer
from tests.support.credentials import set_password, token_env
from tests.support.postal_data import give_address, recoded_address

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


def _agents(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        session.add_all(
            [
                Agent(login="agent", display_name="agent", role=AgentRole.AGENT, created_at=NOW),
                Agent(
                    login="supervisor", display_name="supervisor", role=AgentRole.SUPERVISOR, created_at=NOW
                ),
            ]
        )


def test_check_then_apply_then_nothing_left(
    desk_app,
    engine: Engine,
    sessions: sessionmaker[Session],
    add_customer: Callable[..., int],
    database_url: str,
) -> None:
    _agents(sessions)
    address = recoded_address()
    holder = add_customer()
    give_address(sessions, holder, address)
    with sessions.begin() as session:
        customer_no = session.get_one(Customer, holder).customer_no

    checked = desk_app("postal-codes", "check", "--json", "--db", database_url)
    assert checked.returncode == 0, checked.stderr
    assert checked.json()["recoded"] == [
        {
            "customer_no": customer_no,
            "old": address.old_code,
            "new": address.new_code,
            "reason": address.reason,
        }
    ]
    text = desk_app("postal-codes", "check", "--db", database_url)
    assert text.returncode == 0, text.stderr
    old, new = address.old_code, address.new_code
    assert f"{customer_no}  〒{old[:3]}-{old[3:]} → 〒{new[:3]}-{new[3:]}  {address.reason}" in text.stdout

    refused = desk_app(
        "postal-codes", "apply", "--as", "agent", "--db", database_url, env=token_env(sessions, "agent")
    )
    assert refused.returncode == 1
    assert "supervisor or administrator" in refused.stderr

    # Named but not proven: the supervisor's login alone changes nobody's postal code any more.
    unproven = desk_app("postal-codes", "apply", "--as", "supervisor", "--db", database_url)
    assert unproven.returncode == 2
    assert "--password-stdin" in unproven.stderr
    with sessions.begin() as session:
        assert session.get_one(Customer, holder).postal_code == address.old_code

    password = set_password(sessions, "supervisor")
    applied = desk_app(
        "postal-codes",
        "apply",
        "--as",
        "supervisor",
        "--password-stdin",
        "--json",
        "--db",
        database_url,
        input=password + "\n",
    )
    assert applied.returncode == 0, applied.stderr
    assert applied.json() == {"updated": 1}
    with sessions.begin() as session:
        assert session.get_one(Customer, holder).postal_code == address.new_code
        assert session.scalar(select(func.count()).select_from(Case)) == 1

    again = desk_app(
        "postal-codes",
        "apply",
        "--as",
        "supervisor",
        "--db",
        database_url,
        env=token_env(sessions, "supervisor"),
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("updated 0 ")
    assert desk_app("postal-codes", "check", "--json", "--db", database_url).json()["recoded"] == []


def test_apply_as_an_unknown_login_or_with_a_wrong_password_is_refused(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str
) -> None:
    _agents(sessions)
    set_password(sessions, "supervisor")
    answers = [
        desk_app(
            "postal-codes",
            "apply",
            "--as",
            login,
            "--password-stdin",
            "--db",
            database_url,
            input="guess-1234\n",
        )
        for login in ("nobody", "supervisor")
    ]
    assert [answer.returncode for answer in answers] == [1, 1]
    assert "nobody: wrong login or password" in answers[0].stderr
    # The same words for a login that exists.
    assert answers[1].stderr.replace("supervisor", "nobody") == answers[0].stderr
