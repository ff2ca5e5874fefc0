"""The background work of the Case tab and the Cases dock: made from plain values, run by the runner in a
session of its own, returning frozen values and touching no widget.

Work that changes a case and then reads it back does both in one session, so the page shows the case as
that change left it, in the same commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from desk_app.config import CompanyProfile
from desk_app.domain.enums import AgentRole, CaseKind
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.erased_register_key import KeySource
from desk_app.scripts.model import Script
from desk_app.scripts.progress import ScriptDraft
from desk_app.services import agents
from desk_app.services.agents import AgentInfo
from desk_app.services.cases import actions, letters, links, proxies, queue, records
from desk_app.services.cases import scripts as case_scripts
from desk_app.services.cases.actions import CaseAction
from desk_app.services.cases.drafts import open_drafts
from desk_app.services.cases.identity import IdentityCheckResult
from desk_app.services.cases.letter_views import LetterView
from desk_app.services.cases.links import CaseLinks
from desk_app.services.cases.proxies import PersonAnswer, ProxyRequest
from desk_app.services.cases.queue import QueuedCase
from desk_app.services.cases.records import CaseEventView, CaseView
from desk_app.services.cases.scripts import CaseContext
from desk_app.services.database import Session
from desk_app.services.incidents.customer_incidents import (
    InquiryChoices,
    inquiry_choices,
    start_leak_inquiry,
)
from ui.common.background import Work

# --- the case and its script -----------------------------------------------------------------------------


def start_request(
    script: Script,
    *,
    customer_id: int | None,
    agent_id: int,
    company: CompanyProfile,
    call_row_id: int | None,
    arrived_by_post_on: dt.date | None = None,
    incident_no: str | None = None,
) -> Work[CaseContext]:
    """Open a case of the script's kind with its first draft, and read it as the page shows it (a view of
    the customer's data, logged). A written request is received on the day it arrived by post; a question
    about a leak incident is about `incident_no` (or none) as the incidents' rule allows."""
    start = start_leak_inquiry if script.kind is CaseKind.LEAK_INQUIRY else case_scripts.start_request

    def work(session: Session) -> CaseContext:
        started = start(
            session,
            script=script,
            customer_id=customer_id,
            agent_id=agent_id,
            company=company,
            call_row_id=call_row_id,
            arrived_by_post_on=arrived_by_post_on,
            incident_no=incident_no,
        )
        return case_scripts.case_context(session, started.case.case_id, agent_id=agent_id, log_view=True)

    return work


def incident_choices(
    customer_id: int | None, *, agent_id: int
) -> Work[tuple[InquiryChoices, InquiryChoices]]:
    """What a question about a leak may be about: for the customer on screen (their incidents, if they are
    affected; the view logged), and for anyone else (every open incident, or none)."""

    def work(session: Session) -> tuple[InquiryChoices, InquiryChoices]:
        mine = inquiry_choices(session, customer_id, agent_id=agent_id)
        return mine, inquiry_choices(session, None)

    return work


def case_context(case_id: int, *, agent_id: int, log_view: bool = False) -> Work[CaseContext]:
    """The case as the page shows it; `log_view` when it is opened (a view of the customer's data, logged),
    not when it is read again after a change."""

    def work(session: Session) -> CaseContext:
        return case_scripts.case_context(session, case_id, agent_id=agent_id, log_view=log_view)

    return work


def case_row_version(case_id: int) -> Work[int | None]:
    """The case's row version (None once gone): one cheap read, compared with the version on screen."""

    def work(session: Session) -> int | None:
        return records.case_row_version(session, case_id)

    return work


def check_identity(
    case_id: int, *, agent_id: int, method: IdentityMethod, inputs: Mapping[str, object]
) -> Work[IdentityCheckResult]:
    def work(session: Session) -> IdentityCheckResult:
        return case_scripts.check_identity(session, case_id, agent_id=agent_id, method=method, inputs=inputs)

    return work


def proxy_step(case_id: int, *, agent_id: int, step: ProxyRequest | PersonAnswer) -> Work[CaseContext]:
    """The proxy recorded or the person's answer, then the case as it now is."""

    def work(session: Session) -> CaseContext:
        proxies.proxy_step(session, case_id, agent_id=agent_id, step=step)
        return case_scripts.case_context(session, case_id, agent_id=agent_id)

    return work


def run_action(
    case_id: int,
    *,
    script: Script,
    step_id: str,
    answers: Mapping[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    company: CompanyProfile,
) -> Work[CaseView]:
    """The script's action step `step_id`, with the answers so far and what the agent entered."""

    def work(session: Session) -> CaseView:
        return case_scripts.run_action(
            session,
            case_id,
            script=script,
            step_id=step_id,
            answers=answers,
            inputs=inputs,
            agent_id=agent_id,
            company=company,
        )

    return work


def save_progress(case_id: int, *, agent_id: int, draft: ScriptDraft) -> Work[None]:
    def work(session: Session) -> None:
        case_scripts.save_progress(session, case_id, agent_id=agent_id, draft=draft)

    return work


def finish_script(
    case_id: int, *, script: Script, answers: Mapping[str, str], agent_id: int
) -> Work[CaseContext]:
    """Record the script's answers and what the call settled, then read the case as it is now."""

    def work(session: Session) -> CaseContext:
        case_scripts.finish_script(session, case_id, script=script, answers=answers, agent_id=agent_id)
        return case_scripts.case_context(session, case_id, agent_id=agent_id)

    return work


def cancel_script(
    case_id: int, *, script: Script, answers: Mapping[str, str], agent_id: int, reason: str
) -> Work[CaseContext]:
    """The caller withdrew mid-script: the case is withdrawn with `reason`, then read as it is now."""

    def work(session: Session) -> CaseContext:
        case_scripts.cancel_script(
            session, case_id, script=script, answers=answers, agent_id=agent_id, reason=reason
        )
        return case_scripts.case_context(session, case_id, agent_id=agent_id)

    return work


def unfinished_case_ids(agent_id: int) -> Work[tuple[int, ...]]:
    """The cases whose talk script this agent left part-way, newest first."""

    def work(session: Session) -> tuple[int, ...]:
        keys = open_drafts(session, agent_id=agent_id)
        return tuple(case_id for key in keys if (case_id := case_scripts.case_id_of(key)) is not None)

    return work


# --- what can be done with a case now --------------------------------------------------------------------


def case_events(case_id: int) -> Work[tuple[CaseEventView, ...]]:
    def work(session: Session) -> tuple[CaseEventView, ...]:
        return records.case_events(session, case_id)

    return work


def case_links(case_id: int) -> Work[CaseLinks]:
    def work(session: Session) -> CaseLinks:
        return links.case_links(session, case_id)

    return work


def active_agents() -> Work[tuple[AgentInfo, ...]]:
    """Everyone a supervisor can give a case to."""
    return agents.active_agents


def perform(
    case: CaseView,
    action: CaseAction,
    *,
    agent_id: int,
    inputs: Mapping[str, object],
    company: CompanyProfile,
    register_key: KeySource | None,
) -> Work[CaseView]:
    """`action` on the case as the agent saw it: refused if another desk changed the case meanwhile."""
    case_id, row_version = case.case_id, case.row_version

    def work(session: Session) -> CaseView:
        return actions.perform(
            session,
            case_id,
            action,
            agent_id=agent_id,
            expected_row_version=row_version,
            inputs=inputs,
            company=company,
            register_key=register_key,
        )

    return work


def make_letter(case_id: int, *, agent_id: int, company: CompanyProfile) -> Work[tuple[LetterView, bytes]]:
    """The letter answering the case (made now, or the one already made) and its PDF, its view logged."""

    def work(session: Session) -> tuple[LetterView, bytes]:
        letter = letters.generate_letter(session, case_id, agent_id=agent_id, company=company)
        return letter, letters.letter_pdf(session, letter.letter_id, agent_id=agent_id, purpose="preview")

    return work


def letter_printed(letter_id: int, *, agent_id: int) -> Work[tuple[LetterView, ...]]:
    def work(session: Session) -> tuple[LetterView, ...]:
        return letters.mark_printed(session, [letter_id], agent_id=agent_id)

    return work


# --- the Cases dock --------------------------------------------------------------------------------------


def work_queue(agent_id: int, role: AgentRole) -> Work[tuple[QueuedCase, ...]]:
    """The agent's open cases and the shared queue's; for supervisors, what awaits their decision too."""

    def work(session: Session) -> tuple[QueuedCase, ...]:
        return queue.work_queue(session, agent_id=agent_id, role=role)

    return work
