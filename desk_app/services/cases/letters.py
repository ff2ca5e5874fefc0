"""Letters on file: made from a case, stored with their SHA-256, reprinted identically, printed, mailed."""

# Every function writes in the caller's transaction and never commits. The stored PDF is the letter: a
# reprint hands back those bytes (checked against the stored SHA-256), never a fresh rendering.

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import TOKYO, japan_today
from desk_app.domain.enums import AccessAction, Delivery, LetterKind
from desk_app.domain.letter_rules import LetterNotApplicable
from desk_app.domain.messages import InvalidRequest, MessageError, message
from desk_app.services.access_log import record_access
from desk_app.services.cases.letter_rows import CASES, LETTERS, READY, VIEWS, ready_row, view_of
from desk_app.services.cases.letter_views import LetterRow, LetterView, MailMethod, delivery_of
from desk_app.services.cases.records import add_event, load_agent, load_case, utc_now
from desk_app.storage.models import Case, CaseEvent, IncidentCustomer, Letter, table_of

# The service's names, with `LetterNotApplicable` (from the letter rules): what `generate_letter` raises.
__all__ = [
    "POSTAL_METHODS",
    "LetterAlreadyMailed",
    "LetterNotApplicable",
    "LetterNotFound",
    "LetterNotMailable",
    "LetterPurpose",
    "LetterTampered",
    "generate_letter",
    "get_letter",
    "letter_pdf",
    "letters_of_case",
    "mark_mailed",
    "mark_printed",
    "ready_letters",
]


class LetterNotFound(MessageError, LookupError):
    pass


class LetterTampered(MessageError, RuntimeError):
    """The stored PDF no longer matches the SHA-256 taken when it was made: it is not handed out."""


class LetterAlreadyMailed(MessageError, ValueError):
    """A letter is mailed once; a second copy is a new letter."""


class LetterNotMailable(MessageError, ValueError):
    """The letter is void, or its case no longer calls for it (refused, withdrawn, awaiting a decision):
    it is kept on file but never printed, exported or mailed."""


# How a letter may be posted; an electronic record is sent, not posted.
POSTAL_METHODS = (MailMethod.ORDINARY, MailMethod.SIMPLE_REGISTERED, MailMethod.RESTRICTED_DELIVERY)


class LetterPurpose(enum.StrEnum):
    """Why the stored PDF is read: each is logged as its own access-log action."""

    PREVIEW = "preview"
    PRINT = "print"
    EXPORT = "export"


_PURPOSE_ACTIONS = {
    LetterPurpose.PREVIEW: AccessAction.VIEW,
    LetterPurpose.PRINT: AccessAction.PRINT,
    LetterPurpose.EXPORT: AccessAction.EXPORT,
}


_NOTICES = table_of(IncidentCustomer)


def _views(session: Session, letter_ids: Sequence[int]) -> tuple[LetterView, ...]:
    rows = session.execute(VIEWS.where(LETTERS.c.id.in_(letter_ids)).order_by(LETTERS.c.id))
    return tuple(view_of(row) for row in rows)


def get_letter(session: Session, letter_id: int) -> LetterView:
    found = _views(session, [letter_id])
    if not found:
        raise LetterNotFound(message("letter.not_found", letter_id=letter_id))
    return found[0]


def letters_of_case(session: Session, case_id: int) -> tuple[LetterView, ...]:
    """Every letter made for the case, oldest first."""
    rows = session.execute(VIEWS.where(LETTERS.c.case_id == case_id).order_by(LETTERS.c.id))
    return tuple(view_of(row) for row in rows)


def generate_letter(
    session: Session,
    case_id: int,
    *,
    agent_id: int | None,
    company: CompanyProfile,
    era: bool = False,
    now: dt.datetime | None = None,
    fee_notice: bool = False,
) -> LetterView:
    """Render the letter answering the case and store it with its SHA-256; `LetterNotApplicable` if none does.

    With `fee_notice`, the case's fee-payment notice instead (a disclosure whose fee is awaited: the fee,
    the company's ways to pay, the day to pay by — `company.fee_payment_days` after the notice — and where
    to ask), made when the fee is requested (`operations.record_fee`) and voided like any letter
    once the case stops calling for it (the fee received or waived, the case withdrawn).

    An unmailed letter of the same kind already on file is returned as it is, so generating twice makes
    one letter. The letter is dated the day of `now` in Japan. Printing is separate (`letter_pdf`).
    `agent_id` None is a headless command acting as no one (`desk-app letters render` without
    `--agent`): the letter and its event name the agent whose decision the letter carries out (whoever
    last moved the case, else who opened it), and the event says it was made headless.
    """
    # Here, not at the top: the window imports this module to list and mark letters, and ReportLab with
    # the letters package would add a good part of a second to its start (tests/e2e/test_gui_start.py).
    from desk_app.letters.render import render_letter
    from desk_app.services.cases.letter_assembly import fee_notice_for_case, letter_for_case, letter_kind_for

    if agent_id is not None:
        load_agent(session, agent_id)
    case = load_case(session, case_id)
    kind = LetterKind.FEE_PAYMENT_NOTICE if fee_notice else letter_kind_for(case)
    waiting = _waiting(session, case.id, kind)
    if waiting is not None:
        return waiting
    at = utc_now(now)
    today = japan_today(at)
    content = (
        fee_notice_for_case(session, case.id, today=today, pay_within_days=company.fee_payment_days)
        if fee_notice
        else letter_for_case(session, case.id, today=today)
    )
    pdf = render_letter(content, company, era=era)
    return _store(session, case, content.kind, pdf, agent_id=agent_id, at=at)


def _waiting(session: Session, case_id: int, kind: LetterKind) -> LetterView | None:
    """The newest unmailed, unvoided letter of `kind` on file for the case, if any."""
    waiting = session.scalar(
        select(LETTERS.c.id)
        .where(
            LETTERS.c.case_id == case_id,
            LETTERS.c.kind == kind,
            LETTERS.c.mailed_at.is_(None),
            LETTERS.c.voided_at.is_(None),
        )
        .order_by(LETTERS.c.id.desc())
        .limit(1)
    )
    return get_letter(session, waiting) if waiting is not None else None


def _store(
    session: Session, case: Case, kind: LetterKind, pdf: bytes, *, agent_id: int | None, at: dt.datetime
) -> LetterView:
    digest = hashlib.sha256(pdf).hexdigest()
    by = agent_id if agent_id is not None else _decided_by(session, case)
    letter = Letter(case_id=case.id, kind=kind, created_at=at, created_by_id=by, sha256=digest, pdf=pdf)
    session.add(letter)
    session.flush()
    detail: dict[str, Any] = {"letter_id": letter.id, "kind": kind.value, "sha256": digest}
    if agent_id is None:
        detail["headless"] = True
    add_event(session, case, agent_id=by, kind="letter_generated", detail=detail, at=at)
    session.flush()
    return get_letter(session, letter.id)


def _decided_by(session: Session, case: Case) -> int:
    """The agent whose decision a headless letter carries out: who last moved the case, else its opener."""
    decided = session.scalar(
        select(CaseEvent.agent_id)
        .where(CaseEvent.case_id == case.id, CaseEvent.kind == "state_changed")
        .order_by(CaseEvent.id.desc())
        .limit(1)
    )
    return decided if decided is not None else case.opened_by_id


def letter_pdf(session: Session, letter_id: int, *, agent_id: int | None, purpose: str) -> bytes:
    """The stored PDF, byte for byte the letter on file; logged as a view ("preview"), print or export.

    `LetterTampered` if the bytes no longer match the stored SHA-256. `agent_id` is None for a headless
    command, as for every access-log entry.
    """
    try:
        use = LetterPurpose(purpose)
    except ValueError:
        raise ValueError(f"purpose must be preview, print or export, not {purpose!r}") from None
    # A case letter is about its case's customer; an incident's notice about the customer it was made for.
    customer = func.coalesce(CASES.c.customer_id, _NOTICES.c.customer_id).label("customer_id")
    row = session.execute(
        select(LETTERS.c.pdf, LETTERS.c.sha256, LETTERS.c.kind, LETTERS.c.case_id, customer)
        .outerjoin(CASES, CASES.c.id == LETTERS.c.case_id)
        .outerjoin(_NOTICES, _NOTICES.c.notice_letter_id == LETTERS.c.id)
        .where(LETTERS.c.id == letter_id)
    ).first()
    if row is None:
        raise LetterNotFound(message("letter.not_found", letter_id=letter_id))
    if use is not LetterPurpose.PREVIEW:
        # Printed or sent, a letter reaches the customer: only one its case still calls for, or a copy of
        # one already mailed.
        _require_mailable(get_letter(session, letter_id), mailed_ok=True)
    pdf = bytes(row.pdf)
    if hashlib.sha256(pdf).hexdigest() != row.sha256:
        raise LetterTampered(message("letter.tampered", letter_id=letter_id))
    record_access(
        session,
        agent_id=agent_id,
        action=_PURPOSE_ACTIONS[use],
        customer_ids=[row.customer_id] if row.customer_id is not None else [],
        # Which letter and why, never what it says.
        detail=f"letter {letter_id} ({LetterKind(row.kind).value}): {use.value}",
        case_id=row.case_id,
    )
    return pdf


def _require_mailable(view: LetterView, *, mailed_ok: bool) -> None:
    if view.voided_at is not None:
        raise LetterNotMailable(message("letter.void", letter_id=view.letter_id, reason=view.void_said))
    if view.mailed and mailed_ok:
        return
    if view.held is not None:
        raise LetterNotMailable(message("letter.held", letter_id=view.letter_id, reason=view.held))


def _letters(session: Session, letter_ids: Iterable[int]) -> list[Letter]:
    wanted = list(dict.fromkeys(letter_ids))
    found = {letter.id: letter for letter in session.scalars(select(Letter).where(Letter.id.in_(wanted)))}
    missing = [letter_id for letter_id in wanted if letter_id not in found]
    if missing:
        raise LetterNotFound(message("letter.not_found", letter_id=missing[0]))
    return [found[letter_id] for letter_id in wanted]


def mark_printed(
    session: Session, letter_ids: Iterable[int], *, agent_id: int | None, now: dt.datetime | None = None
) -> tuple[LetterView, ...]:
    """Record that the letters were printed (a later print moves the time on); a `letter_printed` event each.

    `agent_id` None is a headless print run: the event names the agent who made the letter.
    """
    letters = _letters(session, letter_ids)
    if agent_id is not None:
        load_agent(session, agent_id)
    for view in _views(session, [letter.id for letter in letters]):
        _require_mailable(view, mailed_ok=True)
    at = utc_now(now)
    for letter in letters:
        letter.printed_at = at
        if letter.case_id is None:
            # An incident's notice has no case to record it on: reading it to print was logged already.
            continue
        case = load_case(session, letter.case_id)
        detail = {"letter_id": letter.id, "kind": letter.kind.value, "headless": agent_id is None}
        by = agent_id if agent_id is not None else letter.created_by_id
        add_event(session, case, agent_id=by, kind="letter_printed", detail=detail, at=at)
    session.flush()
    return _views(session, [letter.id for letter in letters])


def mark_mailed(
    session: Session,
    letter_ids: Iterable[int],
    *,
    agent_id: int,
    method: MailMethod,
    on: dt.date,
    now: dt.datetime | None = None,
) -> tuple[LetterView, ...]:
    """Record that the letters went out by `method` on `on`; a `letter_mailed` event each. All or nothing:
    `LetterAlreadyMailed` if one already went, and `ValueError` for an electronic method on a letter the
    customer asked to have posted."""
    letters = _letters(session, letter_ids)
    load_agent(session, agent_id)
    cases = {letter.case_id: load_case(session, letter.case_id) for letter in letters if letter.case_id}
    views = {view.letter_id: view for view in _views(session, [letter.id for letter in letters])}
    for letter in letters:
        if letter.mailed_at is not None:
            raise LetterAlreadyMailed(message("letter.already_mailed", letter_id=letter.id))
        _require_mailable(views[letter.id], mailed_ok=False)
        # An incident's notice is always posted: no one asked for it in any other form.
        delivery = delivery_of(cases[letter.case_id].details) if letter.case_id else Delivery.LETTER
        if method is MailMethod.ELECTRONIC and delivery is not Delivery.ELECTRONIC:
            raise InvalidRequest(message("letter.choose_postal_method", letter_id=letter.id))
    at = utc_now(now)
    # The day it went, as the fee's day is kept: midnight in Japan.
    mailed_at = dt.datetime.combine(on, dt.time(), tzinfo=TOKYO).astimezone(dt.UTC)
    for letter in letters:
        letter.mailed_at = mailed_at
        letter.mail_method = method.value
        detail = {
            "letter_id": letter.id,
            "kind": letter.kind.value,
            "method": method.value,
            "on": on.isoformat(),
        }
        if letter.case_id is not None:
            add_event(
                session, cases[letter.case_id], agent_id=agent_id, kind="letter_mailed", detail=detail, at=at
            )
    notices = [letter.id for letter in letters if letter.case_id is None]
    if notices:
        _log_notices_mailed(session, notices, agent_id=agent_id, method=method, on=on, at=at)
    session.flush()
    return _views(session, [letter.id for letter in letters])


def _log_notices_mailed(
    session: Session,
    letter_ids: list[int],
    *,
    agent_id: int,
    method: MailMethod,
    on: dt.date,
    at: dt.datetime,
) -> None:
    """An incident's notices have no case events: their mailing joins the access log's chain instead, one
    entry per customer, saying which letter kind went and how, never what it said."""
    customers = session.scalars(
        select(_NOTICES.c.customer_id).where(_NOTICES.c.notice_letter_id.in_(letter_ids))
    )
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=list(customers),
        detail=f"{LetterKind.LEAK_NOTICE.value} mailed ({method.value}, {on.isoformat()})",
        now=at,
    )


def ready_letters(
    session: Session, *, limit: int = 500, after_id: int | None = None
) -> tuple[LetterRow, ...]:
    """Letters not yet mailed nor void, oldest first, `limit` at a time after the letter `after_id` (keyset
    paging), each with its case's state and, where the case does not call for it now, why it is held."""
    statement = READY if after_id is None else READY.where(LETTERS.c.id > after_id)
    return tuple(ready_row(row) for row in session.execute(statement.limit(limit)))
