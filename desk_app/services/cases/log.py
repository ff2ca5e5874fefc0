"""The supervisors' case log: every case, filtered and sorted, a keyset page at a time, and its CSV export."""

# Nothing here loads the whole log: a page is one indexed statement ordered by (sort key, case id), and
# the next page starts strictly after the last row's cursor, so rows with equal dates are neither
# repeated nor skipped. Open-case filters (open, overdue, due within N days) read the partial indexes
# of open cases from migration 0005; the sorts read the (received_at, id) and (due_on, id) indexes.
#
# Free text is told apart by shape, as the customer search does (NFKC first, so full-width digits work):
#   8 digits                       a customer number, exactly (the unique index)
#   other digits, '-' after four   a case-number prefix: '2026-0001' → 2026-000100 … 2026-000199
#                                  (a range over the fixed YYYY-NNNNNN shape, which the unique index serves)
#   anything else                  a part of the case's summary (LIKE '%…%': reads rows until a page is
#                                  full, so a rare word may read the whole log)
#
# Who sees what: agents their own cases and those assigned to no one; supervisors and admins all.
# Only supervisors and admins export (`ExportRefused`). Everything runs in the caller's transaction.
# What the log shows — filter, sort, rows, pages — is `log_filters.py`; what a CSV row holds, `log_csv.py`.

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from desk_app.audit.append import append
from desk_app.audit.canonical import ACCESS_LOG
from desk_app.domain.deadlines import (
    PAUSED,
    DaysLeft,
    business_days_between,
    japan_midnight,
    japan_today,
)
from desk_app.domain.enums import (
    AccessAction,
    AgentRole,
    CaseKind,
    CaseState,
    CustomerState,
    RequestChannel,
    SuspensionGround,
)
from desk_app.domain.lifecycle import FINAL_STATES
from desk_app.domain.safe_text import csv_writer
from desk_app.services.agents import role_on_record
from desk_app.services.cases.log_csv import EXPORT_HEADERS as EXPORT_HEADERS
from desk_app.services.cases.log_csv import csv_fields
from desk_app.services.cases.log_filters import (
    CaseLogCursor,
    CaseLogFilter,
    CaseLogPage,
    CaseLogRow,
    CaseLogSort,
    InvalidCaseLogFilter,
)
from desk_app.services.cases.records import APPROVER_ROLES, load_agent
from desk_app.storage.models import Agent, Case, CaseEvent, Customer, table_of
from desk_app.storage.models.cases import pause_field, paused_condition

__all__ = [
    "EXPORT_HEADERS",
    "MAX_PAGE_SIZE",
    "ExportCancelled",
    "ExportRefused",
    "case_log_page",
    "count_cases",
    "export_cases",
    "iter_case_log",
    "latest_case_change",
    "open_case_condition",
]

MAX_PAGE_SIZE = 1000
_EXPORT_PAGE = 1000
_cases, _customers = table_of(Case), table_of(Customer)
_assignee, _opener = aliased(table_of(Agent)), aliased(table_of(Agent))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ーｰ", "-"))
_CUSTOMER_NO = re.compile(r"\d{8}")
_CASE_NO_PREFIX = re.compile(r"\d{4}-\d{0,6}|\d{1,10}")


def open_case_condition() -> ColumnElement[bool]:
    """`state NOT IN ('completed', 'refused', 'withdrawn')` with the states as literals.

    Literals, not bound parameters: SQLite and PostgreSQL use a partial index only when the query's
    condition is provably the index's own, and neither proves that through a parameter.
    """
    finals = sorted(state.value for state in FINAL_STATES)
    return _cases.c.state.not_in([literal_column(f"'{value}'") for value in finals])


# No filter: every case the viewer may see.
_EVERY_CASE = CaseLogFilter()


def _text_condition(text: str) -> ColumnElement[bool] | None:
    folded = _folded(text)
    if not folded:
        return None
    if _CUSTOMER_NO.fullmatch(folded):
        return and_(_customers.c.customer_no == folded, _customers.c.state != CustomerState.ERASED)
    shape = _CASE_NO_PREFIX.fullmatch(folded)
    if shape:
        digits = folded.replace("-", "")
        # Every case number has the shape YYYY-NNNNNN, so padding gives the whole range of the prefix.
        low, high = digits.ljust(10, "0"), digits.ljust(10, "9")
        return _cases.c.case_no.between(f"{low[:4]}-{low[4:]}", f"{high[:4]}-{high[4:]}")
    return _cases.c.summary.contains(folded, autoescape=True)


def _recorded_role(session: Session, viewer_id: int, claimed: AgentRole) -> AgentRole:
    """The role that decides what the log shows: the one on record, whatever the caller claims."""
    recorded = role_on_record(session, viewer_id)
    return claimed if claimed in APPROVER_ROLES and recorded in APPROVER_ROLES else AgentRole.AGENT


def _conditions(
    *, viewer_id: int, viewer_role: AgentRole, where: CaseLogFilter, today: dt.date
) -> list[ColumnElement[bool]]:
    problem = where.problem()
    if problem is not None:
        raise InvalidCaseLogFilter(problem)
    conditions: list[ColumnElement[bool]] = []
    c = _cases.c
    if viewer_role not in APPROVER_ROLES:
        conditions.append(or_(c.assigned_to_id == viewer_id, c.assigned_to_id.is_(None)))
    if where.kind is not None:
        conditions.append(c.kind == where.kind)
    if where.state is not None:
        conditions.append(c.state == where.state)
    if where.open_only or where.overdue or where.due_within_days is not None or where.paused:
        conditions.append(open_case_condition())
    if where.paused:
        conditions.append(paused_condition(c.details))
    elif where.overdue or where.due_within_days is not None:
        # A paused case waits for the customer: it is neither overdue nor coming due while it does.
        conditions.append(~paused_condition(c.details))
    if where.overdue:
        conditions.append(c.due_on < today)
    if where.due_within_days is not None:
        conditions.append(c.due_on.between(today, today + dt.timedelta(days=where.due_within_days)))
    if where.received_from is not None:
        conditions.append(c.received_at >= japan_midnight(where.received_from))
        # Redundant but useful: a case is never due before the day it came in, so the due-date index
        # can start at the first day asked for instead of the oldest case.
        conditions.append(c.due_on >= where.received_from)
    if where.received_to is not None:
        conditions.append(c.received_at < japan_midnight(where.received_to + dt.timedelta(days=1)))
    if where.assigned_to_id is not None:
        conditions.append(c.assigned_to_id == where.assigned_to_id)
    if where.customer_no is not None and where.customer_no.strip():
        number = unicodedata.normalize("NFKC", where.customer_no).strip()
        conditions.append(
            and_(_customers.c.customer_no == number, _customers.c.state != CustomerState.ERASED)
        )
    if where.text:
        text_condition = _text_condition(where.text)
        if text_condition is not None:
            conditions.append(text_condition)
    return conditions


def _statement(conditions: list[ColumnElement[bool]]) -> Select[Any]:
    c = _cases.c
    return (
        select(
            c.id,
            c.case_no,
            c.kind,
            c.state,
            _customers.c.customer_no,
            _customers.c.state,
            _assignee.c.display_name,
            _opener.c.display_name,
            c.received_at,
            c.due_on,
            c.closed_at,
            c.details["channel"].as_string(),
            pause_field(c.details, "since"),
            c.details["request_ground"].as_string(),
        )
        .select_from(_cases)
        .outerjoin(_customers, _customers.c.id == c.customer_id)
        .outerjoin(_assignee, _assignee.c.id == c.assigned_to_id)
        .join(_opener, _opener.c.id == c.opened_by_id)
        .where(*conditions)
    )


def _ordered(statement: Select[Any], sort: CaseLogSort, after: CaseLogCursor | None) -> Select[Any]:
    key = _cases.c.due_on if sort.by_due else _cases.c.received_at
    case_id = _cases.c.id
    if after is not None:
        if after.sort is not sort:
            raise ValueError(f"the cursor belongs to the {after.sort} order, not {sort}")
        if sort.descending:
            beyond = or_(key < after.key, and_(key == after.key, case_id < after.case_id))
        else:
            beyond = or_(key > after.key, and_(key == after.key, case_id > after.case_id))
        statement = statement.where(beyond)
    if sort.descending:
        return statement.order_by(key.desc(), case_id.desc())
    return statement.order_by(key, case_id)


@functools.lru_cache(maxsize=4096)
def _business_days_left(today: dt.date, due_on: dt.date) -> int:
    if today <= due_on:
        return business_days_between(today, due_on)
    return -business_days_between(due_on, today)


_ASKED_ON = {ground.value: ground for ground in SuspensionGround}


def _row(values: Any, today: dt.date) -> CaseLogRow:
    (case_id, case_no, kind, state, customer_no, customer_state, assignee, opener) = values[:8]
    received_at, due_on, closed_at, channel, paused_since, asked_on = values[8:]
    is_open = state not in FINAL_STATES
    running = is_open and paused_since is None
    days_left: DaysLeft | None = (due_on - today).days if running else PAUSED if is_open else None
    return CaseLogRow(
        case_id=case_id,
        case_no=case_no,
        kind=CaseKind(kind),
        state=CaseState(state),
        customer_no=customer_no if customer_state not in (None, CustomerState.ERASED) else None,
        assigned_to=assignee,
        opened_by=opener,
        received_at=received_at,
        due_on=due_on,
        closed_at=closed_at,
        overdue=running and today > due_on,
        days_left=days_left,
        business_days_left=_business_days_left(today, due_on) if running else days_left,
        channel=RequestChannel.POST if channel == RequestChannel.POST.value else RequestChannel.PHONE,
        request_ground=_ASKED_ON.get(asked_on) if asked_on else None,
    )


def case_log_page(
    session: Session,
    *,
    viewer_id: int,
    viewer_role: AgentRole,
    filter: CaseLogFilter = _EVERY_CASE,
    sort: CaseLogSort = CaseLogSort.RECEIVED_NEWEST,
    after: CaseLogCursor | None = None,
    limit: int = 100,
    today: dt.date | None = None,
) -> CaseLogPage:
    """Up to `limit` cases the viewer may see, in `sort` order, after `after` (the previous page's cursor).

    `today` (Japan's date, default now) decides overdue and days left. Raises ValueError for a limit
    outside 1…MAX_PAGE_SIZE or a cursor of another sort order.
    """
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    day = today or japan_today()
    viewer_role = _recorded_role(session, viewer_id, viewer_role)
    conditions = _conditions(viewer_id=viewer_id, viewer_role=viewer_role, where=filter, today=day)
    # One row more than asked for says whether another page follows, without counting.
    statement = _ordered(_statement(conditions), sort, after).limit(limit + 1)
    rows = [_row(values, day) for values in session.execute(statement)]
    more = len(rows) > limit
    rows = rows[:limit]
    return CaseLogPage(rows=tuple(rows), next_cursor=rows[-1].cursor(sort) if more else None)


def latest_case_change(session: Session) -> int:
    """A number that grows whenever any desk opens or changes a case (its latest event's id; 0 for none).

    One read of a primary key's maximum: cheap enough for a window to ask every half minute whether its
    case log is out of date, and read it again only when it is.
    """
    return session.scalar(select(func.coalesce(func.max(CaseEvent.id), 0))) or 0


def count_cases(
    session: Session,
    *,
    viewer_id: int,
    viewer_role: AgentRole,
    filter: CaseLogFilter = _EVERY_CASE,
    today: dt.date | None = None,
) -> int:
    """How many cases the log holds for this viewer and filter: may read many rows, so the UI asks apart."""
    day = today or japan_today()
    viewer_role = _recorded_role(session, viewer_id, viewer_role)
    conditions = _conditions(viewer_id=viewer_id, viewer_role=viewer_role, where=filter, today=day)
    statement = select(func.count()).select_from(_cases)
    # Joined only when a condition names the customer: a count reads many rows, each join costs on all.
    if (filter.customer_no or "").strip() or _CUSTOMER_NO.fullmatch(_folded(filter.text or "")):
        statement = statement.join(_customers, _customers.c.id == _cases.c.customer_id)
    return int(session.scalar(statement.where(*conditions)) or 0)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def iter_case_log(
    session: Session,
    *,
    viewer_id: int,
    viewer_role: AgentRole,
    filter: CaseLogFilter = _EVERY_CASE,
    sort: CaseLogSort = CaseLogSort.RECEIVED_NEWEST,
    today: dt.date | None = None,
    page_size: int = _EXPORT_PAGE,
) -> Iterator[CaseLogRow]:
    """Every row of the log, fetched a keyset page at a time: memory stays one page whatever the size."""
    day = today or japan_today()
    after: CaseLogCursor | None = None
    while True:
        page = case_log_page(
            session,
            viewer_id=viewer_id,
            viewer_role=viewer_role,
            filter=filter,
            sort=sort,
            after=after,
            limit=page_size,
            today=day,
        )
        yield from page.rows
        if page.next_cursor is None:
            return
        after = page.next_cursor


class ExportRefused(PermissionError):
    """Only supervisors and administrators export the case log."""


PROGRESS_EVERY = 1000


class ExportCancelled(Exception):
    """The export was stopped by whoever started it."""


def export_cases(
    session: Session,
    out: TextIO,
    *,
    viewer_id: int,
    viewer_role: AgentRole,
    filter: CaseLogFilter = _EVERY_CASE,
    sort: CaseLogSort = CaseLogSort.RECEIVED_NEWEST,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Write the filtered log to `out` as CSV for Excel and return the rows written (headers excluded).

    `progress(rows so far)` is called every `PROGRESS_EVERY` rows; returning False stops the export with
    `ExportCancelled` (the caller discards the partial file; nothing is logged).

    `out` is a text stream opened with encoding="utf-8" and newline="": this writes the BOM itself and
    ends lines with CRLF. Rows are streamed a page at a time. One EXPORT entry goes to the access log
    with the row count and the names of the filters used, never their values. Raises `ExportRefused`
    for an agent who is no supervisor or administrator, before anything is written.
    """
    # The role on record decides, whatever the caller says it is.
    if viewer_role not in APPROVER_ROLES or load_agent(session, viewer_id).role not in APPROVER_ROLES:
        raise ExportRefused("only supervisors and administrators export the case log")
    problem = filter.problem()
    if problem is not None:
        raise InvalidCaseLogFilter(problem)  # before a byte is written
    out.write("\ufeff")
    # Names and free text come from people: no cell may be a formula when Excel opens the file.
    writer = csv_writer(out)
    writer.writerow(EXPORT_HEADERS)
    written = 0
    rows = iter_case_log(
        session, viewer_id=viewer_id, viewer_role=viewer_role, filter=filter, sort=sort, today=today
    )
    for row in rows:
        writer.writerow(csv_fields(row))
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0 and not progress(written):
            raise ExportCancelled(f"export stopped after {written} rows")
    used = ", ".join(filter.used()) or "none"
    entry = {
        "at": now or dt.datetime.now(dt.UTC),
        "agent_id": viewer_id,
        "customer_id": None,
        "case_id": None,
        "call_id": None,
        "action": AccessAction.EXPORT,
        "detail": f"case log CSV: {written} rows; filters: {used}"[:200],
    }
    append(session, ACCESS_LOG, [entry])
    return written
