"""The background work of the window itself (signing in, the database probe, the supervisors' checks): made
from plain values, run by the runner in a session of its own, returning frozen values and touching no widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.audit.verify import VerifyResult, verify
from desk_app.config import Security
from desk_app.services.accounts import RefusalReason, SignInRefused, attempt_sign_in, passwordless_sign_in
from desk_app.services.agents import AgentInfo, UnknownAgent
from desk_app.services.database import Session, ping
from ui.common.background import Work

if TYPE_CHECKING:
    from desk_app.services.admin.doctor import DoctorReport


def sign_in(
    login: str, password: str, *, security: Security, passwordless: bool
) -> Work[AgentInfo | SignInRefused]:
    """The sign-in dialog's check: the agent, or the core's refusal (counted towards the lockout).

    `passwordless` (a demo desk, the password left empty) signs in an agent who has no password; an unknown
    login is refused in the same words as a wrong password. The password goes nowhere but the check.
    """

    def work(session: Session) -> AgentInfo | SignInRefused:
        if passwordless:
            try:
                return passwordless_sign_in(session, login)
            except UnknownAgent:
                return SignInRefused(RefusalReason.WRONG_LOGIN_OR_PASSWORD)
            except SignInRefused as refused:
                return refused
        return attempt_sign_in(session, login, password, security=security)

    return work


def sign_in_without_password(login: str) -> Work[AgentInfo]:
    """The demo desk's and the tests' sign-in by login alone; `UnknownAgent` or `SignInRefused` otherwise."""

    def work(session: Session) -> AgentInfo:
        return passwordless_sign_in(session, login)

    return work


def probe_database() -> Work[None]:
    """The cheapest statement that proves the database answers again."""
    return ping


def verify_audit_trail() -> Work[VerifyResult]:
    """Both hash chains walked, and every case row checked against its events. Reads only."""
    return verify


def check_database() -> Work[DoctorReport]:
    """`desk-app doctor`'s checks: letters, erasures, registers, dates and calls against the cases."""
    # On first use: every check's queries are not needed to paint the window.
    from desk_app.services.admin.doctor import examine

    return examine
