"""Retention: what is past its period (`plan`, counts only) and its deletion in one transaction (`run`).

Four rules, each from `[retention]` in the configuration (README "Retention" gives the reasons):

- calls that began more than `call_log_months` ago; access-log entries made during them stay and lose
  their link to the call, as `desk-app calls purge` does (`call_ref` keeps it under the audit hash);
- cases closed (completed, refused, withdrawn) more than `closed_case_years` ago — but not a case about
  a leak incident (a question, or a suspicious-contact report linked to it), kept with the incident —
  with everything that belongs to them: their events, their letters, their complaint or report entry,
  script drafts left on them and the access-log entries made in them (who saw what in a case is kept as
  long as the case). A case's age is read from its chained events, never from the unchained `cases` row:
  it goes when its row and its latest state event both say it is closed and that event is older than the
  cut-off, so a `closed_at` or state edited in SQL deletes nothing early;
- letters of cases closed more than `letters_years` ago (never longer than the case: a letter goes with
  its case's file), and a leak incident's notices once the incident has been closed that long (its
  customers' links stay, without the letter);
- what an erasure leaves behind: an erased customer's orders (with their lines) and provision records
  older than `erasure_remnant_years`, the periods the law requires them for, and then the blank customer
  row itself once nothing refers to it any more (an incident that affected them refers to it for as long
  as the incident is kept) — its number kept, as a keyed hash, in the erased-customer
  register (erasure puts it there; an erasure from before the register gets there now), so that no
  import re-creates the customer.

Open cases, and anything an open or recent case refers to, are never touched. Case events and access-log
entries are hash-chained: each deleted one leaves a tombstone in `audit_tombstones` (chain, id and hashes,
no content, and the run), itself a chained row, written in the same transaction, so `desk-app audit verify`
stays intact. Each run is a row of the `retention_runs` chain and a line in the application log with counts
only, never a name, a number or an id of what went.

A run first takes the chains' heads (so no desk appends until it commits) and verifies the whole audit
trail: while anything is broken it deletes nothing (`AuditTrailBroken`), since deleting then could carry an
edited row away with a genuine tombstone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Executable,
    Select,
    String,
    Table,
    and_,
    cast,
    delete,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from desk_app.audit.append import append, lock_head
from desk_app.audit.canonical import ACCESS_LOG, CASE_EVENTS, RETENTION_RUNS, TOMBSTONES
from desk_app.audit.verify import ChainProblem, verify
from desk_app.config import Config
from desk_app.domain.enums import CustomerState
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.lifecycle import FINAL_STATES
from desk_app.domain.periods import Age
from desk_app.erased_register_key import KeySource
from desk_app.services.agents import require_active
from desk_app.services.cases.scripts import DRAFT_PREFIX
from desk_app.services.erased_register import register_erased
from desk_app.storage.models import (
    AccessLogEntry,
    CallRecord,
    Case,
    CaseEvent,
    Complaint,
    Customer,
    DeskChange,
    Incident,
    IncidentCase,
    IncidentCustomer,
    IncidentSuspiciousLink,
    Letter,
    Order,
    OrderLine,
    Phone,
    ProvisionRecord,
    ProvisionStop,
    ScriptDraftRow,
    SuspiciousReport,
    table_of,
)

log = logging.getLogger(__name__)

# Ids per DELETE: keeps each statement's parameter list and lock set small on a large purge.
BATCH = 500
CALL_DRAFT_PREFIX = "call:"

_calls, _cases, _events = table_of(CallRecord), table_of(Case), table_of(CaseEvent)
_access, _letters, _drafts = table_of(AccessLogEntry), table_of(Letter), table_of(ScriptDraftRow)
_complaints, _reports = table_of(Complaint), table_of(SuspiciousReport)
_customers, _phones, _orders = table_of(Customer), table_of(Phone), table_of(Order)
_lines, _provisions = table_of(OrderLine), table_of(ProvisionRecord)
_desk_changes = table_of(DeskChange)
_stops = table_of(ProvisionStop)
_incidents, _affected = table_of(Incident), table_of(IncidentCustomer)
_incident_cases, _incident_reports = table_of(IncidentCase), table_of(IncidentSuspiciousLink)
_FINAL = [state.value for state in FINAL_STATES]
# The events that move a case: the latest of them says whether, and since when, it is closed.
_STATE_EVENTS = ("opened", "state_changed", "reopened")


class AuditTrailBroken(Exception):
    """The audit trail does not verify, so retention deletes nothing."""

    def __init__(self, problem: ChainProblem) -> None:
        super().__init__(
            f"retention deletes nothing while the audit trail is broken ({problem});"
            " run `desk-app audit verify` and have it investigated"
        )
        self.problem = problem


@dataclass(frozen=True)
class Cutoffs:
    """Rows older than these moments are past retention (computed by the calendar in Japan time)."""

    calls: dt.datetime
    cases: dt.datetime
    letters: dt.datetime
    erasure_remnants: dt.datetime

    def as_json(self) -> dict[str, str]:
        return {name: moment.isoformat() for name, moment in dataclasses.asdict(self).items()}


@dataclass(frozen=True)
class RetentionCounts:
    """Rows per category, to go (a plan) or gone (a run). `call_access_links` are emptied, not deleted."""

    calls: int = 0
    call_access_links: int = 0
    cases: int = 0
    case_events: int = 0
    case_access_log: int = 0
    letters: int = 0
    complaints: int = 0
    suspicious_reports: int = 0
    script_drafts: int = 0
    erased_orders: int = 0
    erased_order_lines: int = 0
    erased_provision_records: int = 0
    erased_customers: int = 0

    def as_json(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    @property
    def deleted(self) -> int:
        return sum(self.as_json().values()) - self.call_access_links


@dataclass(frozen=True)
class RetentionPlan:
    cutoffs: Cutoffs
    counts: RetentionCounts


@dataclass(frozen=True)
class RetentionReport:
    cutoffs: Cutoffs
    counts: RetentionCounts
    dry_run: bool
    run_id: int | None  # the `retention_runs` row; None for a dry run, which records nothing


def cutoffs_for(config: Config, *, now: dt.datetime) -> Cutoffs:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    local = now.astimezone(TOKYO)
    retention = config.retention
    letters = Age(years=retention.letters_years).before(local)
    return Cutoffs(
        calls=Age(months=retention.call_log_months).before(local),
        # A case goes only with its letters, even if a caller built a Retention with longer letters.
        cases=min(Age(years=retention.closed_case_years).before(local), letters),
        letters=letters,
        erasure_remnants=Age(years=retention.erasure_remnant_years).before(local),
    )


def _closed_by_events(cutoff: dt.datetime) -> Select[Any]:
    """The cases whose latest state event closed them before `cutoff` (their chained age)."""
    latest = (
        select(_events.c.case_id, func.max(_events.c.id).label("event_id"))
        .where(_events.c.kind.in_(_STATE_EVENTS))
        .group_by(_events.c.case_id)
        .subquery()
    )
    return (
        select(latest.c.case_id)
        .join(_events, _events.c.id == latest.c.event_id)
        .where(_events.c.detail["to"].as_string().in_(_FINAL), _events.c.at < cutoff)
    )


def _closed_before(cutoff: dt.datetime) -> ColumnElement[bool]:
    # The row must say closed too: a row its events contradict is left for an administrator to look at.
    return and_(_cases.c.state.in_(_FINAL), _cases.c.id.in_(_closed_by_events(cutoff)))


class _Rules:
    """The four rules as SQL conditions, shared by the counts of `plan` and the deletes of `run`."""

    def __init__(self, cutoffs: Cutoffs) -> None:
        self.calls = _calls.c.started_at < cutoffs.calls
        # A case about a leak incident (a question, or a suspicious-contact report linked to it) is part
        # of the incident's file, kept as long as the incident is.
        about_incident = or_(
            _cases.c.id.in_(select(_incident_cases.c.case_id)),
            _cases.c.id.in_(
                select(_reports.c.case_id).join(
                    _incident_reports, _incident_reports.c.suspicious_report_id == _reports.c.id
                )
            ),
        )
        self.cases = and_(_closed_before(cutoffs.cases), not_(about_incident))
        closed_before_letters = select(_cases.c.id).where(_closed_before(cutoffs.letters))
        # An incident's notices go once it has been closed as long (no case file holds them).
        closed_incidents = select(_incidents.c.id).where(_incidents.c.closed_at < cutoffs.letters)
        self.letters = or_(
            _letters.c.case_id.in_(closed_before_letters), _letters.c.incident_id.in_(closed_incidents)
        )
        erased = select(_customers.c.id).where(_customers.c.state == CustomerState.ERASED)
        self.orders = and_(_orders.c.customer_id.in_(erased), _orders.c.ordered_at < cutoffs.erasure_remnants)
        self.provisions = and_(
            _provisions.c.customer_id.in_(erased),
            _provisions.c.provided_on < cutoffs.erasure_remnants.date(),
        )
        self.case_ids = select(_cases.c.id).where(self.cases)
        self.call_ids = select(_calls.c.id).where(self.calls)
        self.order_ids = select(_orders.c.id).where(self.orders)
        customer = _customers.c.id
        # The blank row goes once nothing that stays refers to it; phones go with it (an erased
        # customer has none, but the foreign key must hold whatever happened before).
        self.customers = and_(
            _customers.c.state == CustomerState.ERASED,
            ~exists().where(_orders.c.customer_id == customer, not_(self.orders)),
            ~exists().where(_provisions.c.customer_id == customer, not_(self.provisions)),
            # By id: a closed case without a closing time (from before closed_at) makes `not_` NULL.
            ~exists().where(_cases.c.customer_id == customer, _cases.c.id.not_in(self.case_ids)),
            ~exists().where(_calls.c.customer_id == customer, not_(self.calls)),
            ~exists().where(_affected.c.customer_id == customer),
            ~exists().where(
                _access.c.customer_id == customer,
                or_(_access.c.case_id.is_(None), _access.c.case_id.not_in(self.case_ids)),
            ),
        )

    def drafts(self) -> ColumnElement[bool]:
        return or_(
            _drafts.c.draft_key.in_(select(_draft_key(DRAFT_PREFIX, _cases.c.id)).where(self.cases)),
            _drafts.c.draft_key.in_(select(_draft_key(CALL_DRAFT_PREFIX, _calls.c.id)).where(self.calls)),
        )


def _draft_key(prefix: str, column: Any) -> ColumnElement[str]:
    return literal(prefix, String) + cast(column, String)


def _count(session: Session, table: Table, condition: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(table).where(condition)) or 0)


def plan(session: Session, config: Config, *, now: dt.datetime) -> RetentionPlan:
    """What a run at `now` would delete, counted in SQL; changes nothing."""
    cutoffs = cutoffs_for(config, now=now)
    rules = _Rules(cutoffs)
    counts = RetentionCounts(
        calls=_count(session, _calls, rules.calls),
        call_access_links=_count(session, _access, _access.c.call_id.in_(rules.call_ids)),
        cases=_count(session, _cases, rules.cases),
        case_events=_count(session, _events, _events.c.case_id.in_(rules.case_ids)),
        case_access_log=_count(session, _access, _access.c.case_id.in_(rules.case_ids)),
        letters=_count(session, _letters, rules.letters),
        complaints=_count(session, _complaints, _complaints.c.case_id.in_(rules.case_ids)),
        suspicious_reports=_count(session, _reports, _reports.c.case_id.in_(rules.case_ids)),
        script_drafts=_count(session, _drafts, rules.drafts()),
        erased_orders=_count(session, _orders, rules.orders),
        erased_order_lines=_count(session, _lines, _lines.c.order_id.in_(rules.order_ids)),
        erased_provision_records=_count(session, _provisions, rules.provisions),
        erased_customers=_count(session, _customers, rules.customers),
    )
    return RetentionPlan(cutoffs=cutoffs, counts=counts)


def _batches(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield list(ids[start : start + BATCH])


def _ids(session: Session, statement: Select[Any]) -> list[int]:
    return [int(row_id) for row_id in session.scalars(statement.order_by(statement.selected_columns[0]))]


def _deleted(session: Session, statement: Executable) -> int:
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def _prune(session: Session, chain: str, table: Table, condition: ColumnElement[bool], run_id: int) -> int:
    """Tombstone, then delete, the chained rows of `table` meeting `condition`; returns how many went."""
    rows = session.execute(
        select(table.c.id, table.c.prev_hash, table.c.row_hash).where(condition).order_by(table.c.id)
    ).all()
    if not rows:
        return 0
    # In the caller's transaction, before the delete: a row never goes without its tombstone.
    tombstones = [
        {
            "pruned_chain": chain,
            "pruned_id": row_id,
            "pruned_prev_hash": prev_hash,
            "pruned_row_hash": hash_,
            "retention_run_id": run_id,
        }
        for row_id, prev_hash, hash_ in rows
    ]
    append(session, TOMBSTONES, tombstones)
    deleted = _deleted(session, delete(table).where(condition))
    if deleted != len(rows):  # the heads are held, so only a row written around the chain can differ
        raise RuntimeError(f"{chain}: {deleted} rows deleted, {len(rows)} tombstoned; rolled back")
    return deleted


def run(
    session: Session,
    config: Config,
    *,
    now: dt.datetime,
    dry_run: bool,
    agent_id: int | None = None,
    register_key: KeySource | None = None,
) -> RetentionReport:
    """Delete what is past retention in the caller's transaction, or with `dry_run` only count it.

    Deletes go in foreign-key order, a batch of ids at a time. A real run is recorded in `retention_runs`
    (when, by whom, counts) and in the application log, with counts only. `register_key` is read only when
    blank customer rows go: their numbers go into the erased-customer register first. A real run holds the
    audit chains' heads until the caller commits, and raises `AuditTrailBroken` (deleting nothing) unless the
    whole trail verifies first; `HeadSealBroken` if the runs' head lacks this desk's seal.
    """
    if agent_id is not None:
        require_active(session, agent_id)
    if dry_run:
        planned = plan(session, config, now=now)
        return RetentionReport(cutoffs=planned.cutoffs, counts=planned.counts, dry_run=True, run_id=None)
    # The heads first: the trail cannot change between its check and the purge (on SQLite this is the
    # write lock, on PostgreSQL every head's row lock).
    run_id = lock_head(session, RETENTION_RUNS)[0] + 1
    problem = verify(session).first_problem
    if problem is not None:
        raise AuditTrailBroken(problem)
    cutoffs = cutoffs_for(config, now=now)
    rules = _Rules(cutoffs)
    # Decided before anything goes, with the same conditions `plan` counts with.
    call_ids = _ids(session, rules.call_ids)
    case_ids = _ids(session, rules.case_ids)
    customer_ids = _ids(session, select(_customers.c.id).where(rules.customers))
    totals: dict[str, int] = dict.fromkeys(RetentionCounts().as_json(), 0)

    totals["script_drafts"] += _deleted(session, delete(_drafts).where(rules.drafts()))
    for batch in _batches(call_ids):
        unlink = update(_access).where(_access.c.call_id.in_(batch)).values(call_id=None)
        totals["call_access_links"] += _deleted(session, unlink)
        totals["calls"] += _deleted(session, delete(_calls).where(_calls.c.id.in_(batch)))
    for batch_ids in _batches(_ids(session, select(_letters.c.id).where(rules.letters))):
        totals["letters"] += _deleted(session, delete(_letters).where(_letters.c.id.in_(batch_ids)))
    for batch in _batches(case_ids):
        complaints = delete(_complaints).where(_complaints.c.case_id.in_(batch))
        totals["complaints"] += _deleted(session, complaints)
        reports = delete(_reports).where(_reports.c.case_id.in_(batch))
        totals["suspicious_reports"] += _deleted(session, reports)
        events = _events.c.case_id.in_(batch)
        totals["case_events"] += _prune(session, CASE_EVENTS, _events, events, run_id)
        entries = _access.c.case_id.in_(batch)
        totals["case_access_log"] += _prune(session, ACCESS_LOG, _access, entries, run_id)
        totals["cases"] += _deleted(session, delete(_cases).where(_cases.c.id.in_(batch)))
    for batch in _batches(_ids(session, rules.order_ids)):
        lines = delete(_lines).where(_lines.c.order_id.in_(batch))
        totals["erased_order_lines"] += _deleted(session, lines)
        totals["erased_orders"] += _deleted(session, delete(_orders).where(_orders.c.id.in_(batch)))
    totals["erased_provision_records"] += _deleted(session, delete(_provisions).where(rules.provisions))
    if customer_ids:
        if register_key is None:
            raise ValueError("purging erased customers needs the erased-customer register's key")
        key = register_key.load()
        for batch in _batches(customer_ids):
            numbers = session.scalars(select(_customers.c.customer_no).where(_customers.c.id.in_(batch)))
            register_erased(session, key, list(numbers))
    for batch in _batches(customer_ids):
        session.execute(delete(_desk_changes).where(_desk_changes.c.customer_id.in_(batch)))
        # Erasure removes a customer's stops of provision; whatever happened since, none may hold the row.
        session.execute(delete(_stops).where(_stops.c.customer_id.in_(batch)))
        session.execute(delete(_phones).where(_phones.c.customer_id.in_(batch)))
        gone = delete(_customers).where(_customers.c.id.in_(batch))
        totals["erased_customers"] += _deleted(session, gone)

    counts = RetentionCounts(**totals)
    # Last, once its counts are known: the tombstones' reference to it is checked at the commit.
    record: dict[str, Any] = {"ran_at": now, "agent_id": agent_id, "counts": counts.as_json()}
    append(session, RETENTION_RUNS, [record])
    assert record["id"] == run_id, "the runs' head moved while it was held"
    # Counts only: the log may be kept where anyone on the desk's PC can read it.
    log.info(
        "retention run %d: %s",
        run_id,
        ", ".join(f"{name}={count}" for name, count in counts.as_json().items()),
    )
    return RetentionReport(cutoffs=cutoffs, counts=counts, dry_run=False, run_id=run_id)
