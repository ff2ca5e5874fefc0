"""Saved searches: named customer selections (`domain.selections`) that supervisors keep, count and run to
attach the customers a leak incident affects (`affected.attach_search`), so the same search can be run again
as an investigation narrows.

Supervisors and administrators only, as the register. Each search carries a row version: a change or a
deletion made from a version another supervisor has since changed or deleted is refused, never applied over
theirs. A search whose stored criteria cannot be read (edited by hand, written by a later version) is still
listed, with the reason (`SavedSearch.problem`), and refused when run; it can be replaced or deleted.

The access log records each save, deletion and count with the search's id, the words of its criteria and
the counts; never a customer, and never the search's name (a supervisor's words, which may name a person).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desk_app.domain.enums import AccessAction
from desk_app.domain.messages import ENGLISH, Message, message, render
from desk_app.domain.selections import (
    CustomerSelection,
    SelectionError,
    describe_all,
    from_json,
    name_problem,
    selection_problem,
    to_json,
)
from desk_app.services.access_log import record_access
from desk_app.services.customers.selections import SelectionCount, count_selection
from desk_app.services.incidents.register import IncidentRefused, require_keeper
from desk_app.storage.models import Agent
from desk_app.storage.models import SavedSearch as SavedSearchRow


class SavedSearchRefused(IncidentRefused):
    """A name or a selection that will not do, a name another search has, a search changed or deleted by
    someone else since it was read, criteria that cannot be read; and, as for the register, an agent who is
    not a supervisor or administrator."""


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    # The criteria; an empty selection when they cannot be read, and `problem` says why.
    selection: CustomerSelection
    updated_at: dt.datetime
    updated_by: str  # the login of who saved it last
    row_version: int
    # Why the stored criteria cannot be read and the search cannot be run; None: it can.
    problem: Message | None = None


def list_saved_searches(session: Session, agent_id: int) -> tuple[SavedSearch, ...]:
    """Every saved search, by name; one whose criteria cannot be read is listed with its `problem`."""
    _require_keeper(session, agent_id)
    rows = session.execute(
        select(SavedSearchRow, Agent.login)
        .join(Agent, Agent.id == SavedSearchRow.updated_by_id)
        .order_by(SavedSearchRow.name, SavedSearchRow.id)
    )
    return tuple(_listed(row, login) for row, login in rows)


def find_search(session: Session, agent_id: int, name: str) -> SavedSearch:
    """The saved search called `name` (as typed, spaces around it aside); refused when there is none."""
    _require_keeper(session, agent_id)
    row = session.scalar(select(SavedSearchRow).where(SavedSearchRow.name == name.strip()))
    if row is None:
        raise SavedSearchRefused(message("selection.unknown_search", name=name.strip()))
    return _listed(row, _login(session, row.updated_by_id))


def save_search(
    session: Session,
    agent_id: int,
    name: str,
    selection: CustomerSelection,
    *,
    now: dt.datetime,
    search_id: int | None = None,
    row_version: int | None = None,
) -> SavedSearch:
    """Keep `selection` as a new search (`search_id` None) or as the new criteria and name of search
    `search_id`, read at `row_version`. Refused: a name or a selection that will not do, a name another
    search has, a search changed or deleted since `row_version`."""
    _require_keeper(session, agent_id)
    name = name.strip()
    problem = name_problem(name) or selection_problem(selection)
    if problem is not None:
        raise SavedSearchRefused(problem)
    criteria = to_json(selection)
    taken = session.scalar(select(SavedSearchRow.id).where(SavedSearchRow.name == name))
    if taken is not None and taken != search_id:
        raise SavedSearchRefused(message("selection.name_taken", name=name))
    row = (
        SavedSearchRow(created_by_id=agent_id, created_at=now)
        if search_id is None
        else _current(session, search_id, row_version)
    )
    row.name, row.criteria = name, criteria
    row.updated_by_id, row.updated_at = agent_id, now
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        # Another supervisor saved a search of that name after the check above.
        raise SavedSearchRefused(message("selection.name_taken", name=name)) from None
    except StaleDataError:
        raise SavedSearchRefused(message("selection.changed", name=name)) from None
    verb = "saved" if search_id is None else "changed"
    _log(session, agent_id, f"saved search {row.id} {verb}: {words(selection)}", now)
    return _listed(row, _login(session, agent_id))


def delete_search(
    session: Session, agent_id: int, search_id: int, *, row_version: int, now: dt.datetime
) -> None:
    """Delete search `search_id`, read at `row_version`; refused when changed or deleted since."""
    _require_keeper(session, agent_id)
    row = _current(session, search_id, row_version)
    name = row.name
    session.delete(row)
    try:
        with session.begin_nested():
            session.flush()
    except StaleDataError:
        raise SavedSearchRefused(message("selection.changed", name=name)) from None
    _log(session, agent_id, f"saved search {search_id} deleted", now)


def count_matching(session: Session, agent_id: int, selection: CustomerSelection) -> SelectionCount:
    """How many customers `selection` names, and how many of them a notice could not reach."""
    _require_keeper(session, agent_id)
    problem = selection_problem(selection)
    if problem is not None:
        raise SavedSearchRefused(problem)
    counted = count_selection(session, selection)
    _log(
        session,
        agent_id,
        f"customer selection counted: {_counts(counted)}; {words(selection)}",
        None,
        AccessAction.VIEW,
    )
    return counted


def runnable(
    session: Session, search_id: int, row_version: int | None = None
) -> tuple[str, CustomerSelection]:
    """The name and the criteria of search `search_id` to run; refused when gone, changed since
    `row_version` was read, or unreadable. The caller has checked the agent may (`affected.attach_search`)."""
    row = session.get(SavedSearchRow, search_id)
    if row is None:
        raise SavedSearchRefused(message("selection.gone"))
    if row_version is not None and row.row_version != row_version:
        raise SavedSearchRefused(message("selection.changed", name=row.name))
    listed = _listed(row, "")
    if listed.problem is not None:
        raise SavedSearchRefused(message("selection.unreadable", name=row.name, reason=listed.problem))
    return row.name, listed.selection


def _counts(counted: SelectionCount) -> str:
    return (
        f"{counted.total} customers ({counted.erased} erased, {counted.deceased} deceased,"
        f" {counted.no_address} without address)"
    )


def words(selection: CustomerSelection) -> str:
    """The criteria in English words, as the access log says them."""
    return render(describe_all(selection), ENGLISH)


def _current(session: Session, search_id: int, row_version: int | None) -> SavedSearchRow:
    row = session.get(SavedSearchRow, search_id)
    if row is None:
        raise SavedSearchRefused(message("selection.gone"))
    if row_version is None:
        raise ValueError("changing a saved search needs the row version it was read at")
    if row.row_version != row_version:
        raise SavedSearchRefused(message("selection.changed", name=row.name))
    return row


def _listed(row: SavedSearchRow, login: str) -> SavedSearch:
    try:
        selection, problem = from_json(row.criteria), None
    except SelectionError as exc:
        selection, problem = CustomerSelection(), exc.explanation
    if problem is None:
        problem = selection_problem(selection)
    return SavedSearch(
        id=row.id,
        name=row.name,
        selection=selection,
        updated_at=row.updated_at,
        updated_by=login,
        row_version=row.row_version,
        problem=problem,
    )


def _login(session: Session, agent_id: int) -> str:
    return session.scalar(select(Agent.login).where(Agent.id == agent_id)) or ""


def _require_keeper(session: Session, agent_id: int) -> None:
    try:
        require_keeper(session, agent_id)
    except IncidentRefused as exc:
        raise SavedSearchRefused(exc.explanation) from None


def _log(
    session: Session,
    agent_id: int,
    detail: str,
    now: dt.datetime | None,
    action: AccessAction = AccessAction.CHANGE,
) -> None:
    record_access(
        session,
        agent_id=agent_id,
        action=action,
        customer_ids=[None],
        detail=detail,
        now=now,
    )
