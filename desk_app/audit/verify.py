"""`verify`: walk each audit chain in id order and name the first row that was changed, lost or added.

Each row's hash is recomputed from its columns and its `prev_hash`, each `prev_hash` is compared with the
previous row's hash, and the chain's head with its last row, so that deleting the newest rows shows too.
The head's seal is checked with the audit key (`desk_app.audit.key`), which is not in the database: a head
moved back after the newest rows were deleted, or moved on after rows were rewritten and rehashed, has no
valid seal. Rows are read a page at a time, never all at once. Reading needs no lock: an append writes its
rows and the head in one transaction, and the head is read after the rows, so it is never behind them.

Rows deleted by retention (`desk_app.services.retention`) leave a tombstone in `audit_tombstones`: the row's
id, `prev_hash` and `row_hash`, no content. The walk reads tombstones merged with the rows and steps over
one by its stored hashes, so the links on either side still hold; deleting or changing a tombstone breaks
them as deleting the row would, and a row deleted without a tombstone is still missing. Tombstones and
retention runs are chains of their own, walked the same way, and every tombstone must belong to a recorded
run whose counts it matches.

An access-log entry's `call_id` must still be its `call_ref` (under the hash), or be empty because that
call was purged. With `cases=True`, every case row is compared with its events (`desk_app.audit.case_rows`).
With an `anchor` (`desk_app.audit.anchor`, exported earlier to a place the database's users cannot write),
each chain must still hold the row the anchor recorded as its head: a rewind to an older head that carries
an older, genuine seal (restored from a copy of the database) shows there.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from desk_app.audit.anchor import Anchor
from desk_app.audit.canonical import (
    ACCESS_LOG,
    CHAINS,
    COLUMNS,
    GENESIS,
    JSON_COLUMNS,
    NO_CALL,
    PRUNABLE,
    TOMBSTONES,
    canonical,
    row_hash,
)
from desk_app.audit.case_rows import CaseRowProblem, CaseRowReport, check_case_rows
from desk_app.audit.key import AuditKey, current

PAGE = 5000
_NO_LIMIT = 2**62
# The counts a retention run records for the rows of each chain it pruned (services/retention.py).
PRUNED_COUNTS = {"case_events": "case_events", ACCESS_LOG: "case_access_log"}
CASES = "cases"  # the name case-row problems go by, beside the chains'


class ProblemKind(enum.StrEnum):
    CHANGED = "changed"  # a row's columns no longer give its hash
    MISSING = "missing"  # rows between two others were deleted
    REHASHED = "rehashed"  # a row was changed and its hash recomputed: the next row's link breaks
    TRUNCATED = "truncated"  # the newest rows were deleted
    HEAD_MISSING = "head_missing"
    HEAD_MISMATCH = "head_mismatch"  # the head names the last row but not its hash
    UNCHAINED = "unchained"  # rows after the one the head names
    UNSEALED = "unsealed"  # the head's seal is not the audit key's: the head was moved outside the program
    REWOUND = "rewound"  # the chain no longer holds the row an exported anchor recorded
    CALL_LINK = "call_link"  # an access-log entry names another call than the one it was made in
    UNRECORDED = "unrecorded"  # tombstones no recorded retention run accounts for
    CASE_ROW = "case_row"  # a case row its chained events contradict (chain "cases")


@dataclass(frozen=True)
class ChainProblem:
    chain: str
    kind: ProblemKind
    row_id: int | None
    message: str  # "row 1234 was changed", without the chain's name

    def __str__(self) -> str:
        return f"{self.chain}: {self.message}"


@dataclass(frozen=True)
class ChainReport:
    chain: str
    rows_checked: int  # rows found intact, up to the first problem
    problem: ChainProblem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class VerifyResult:
    chains: tuple[ChainReport, ...]
    cases: CaseRowReport | None = None  # None when the case rows were not checked
    anchor: Anchor | None = None  # the anchor checked against, if any

    @property
    def intact(self) -> bool:
        return all(report.intact for report in self.chains) and not (self.cases and self.cases.problems)

    @property
    def first_problem(self) -> ChainProblem | None:
        chained = next((report.problem for report in self.chains if report.problem is not None), None)
        if chained is not None or self.cases is None or not self.cases.problems:
            return chained
        return _case_problem(self.cases.problems[0])

    @property
    def rows_checked(self) -> int:
        return sum(report.rows_checked for report in self.chains)

    def as_json(self) -> dict[str, Any]:
        return {
            "intact": self.intact,
            "chains": [
                {
                    "chain": report.chain,
                    "rows_checked": report.rows_checked,
                    "problem": None
                    if report.problem is None
                    else {
                        "kind": report.problem.kind.value,
                        "row_id": report.problem.row_id,
                        "message": report.problem.message,
                    },
                }
                for report in self.chains
            ],
            "cases": None if self.cases is None else self.cases.as_json(),
            "anchor": None if self.anchor is None else self.anchor.summary(),
        }


def _case_problem(problem: CaseRowProblem) -> ChainProblem:
    return ChainProblem(CASES, ProblemKind.CASE_ROW, problem.case_id, str(problem))


def _page_statement(chain: str) -> Any:
    # Raw driver values: a row edited into something the ORM types cannot read must still be named, not
    # crash the check. JSON as text on both databases (PostgreSQL's json keeps the text as written).
    json_column = JSON_COLUMNS.get(chain)
    columns = ", ".join(f"CAST({c} AS TEXT)" if c == json_column else c for c in COLUMNS[chain])
    extra = extra_none = ""
    if chain == ACCESS_LOG:
        # Whether the call an entry names under its hash is still on file, for an emptied call_id.
        extra = (
            ", call_ref, call_id, CASE WHEN call_id IS NULL AND call_ref > 0 AND EXISTS"
            " (SELECT 1 FROM call_log WHERE call_log.id = access_log.call_ref)"
            " THEN 1 ELSE 0 END AS call_on_file"
        )
        extra_none = ", NULL, NULL, 0"
    rows = (
        f"SELECT {columns}, prev_hash, row_hash, 0 AS pruned{extra} FROM {chain}"
        " WHERE id > :after AND id <= :upto"
    )
    if chain not in PRUNABLE:
        return text(f"{rows} ORDER BY id LIMIT :page")
    no_content = ", ".join("NULL" for _ in COLUMNS[chain][1:])
    # A tombstone comes after a row of the same id, which `_Walk` then ignores: the row is what counts.
    return text(
        f"{rows} UNION ALL SELECT pruned_id, {no_content}, pruned_prev_hash, pruned_row_hash, 1{extra_none}"
        f" FROM {TOMBSTONES} WHERE pruned_chain = '{chain}' AND pruned_id > :after AND pruned_id <= :upto"
        " ORDER BY 1, pruned LIMIT :page"
    )


_PAGES = {chain: _page_statement(chain) for chain in CHAINS}
_HEAD = text("SELECT last_id, last_hash, seal FROM audit_chain_heads WHERE chain = :chain")
_FIRST_AFTER = {chain: text(f"SELECT min(id) FROM {chain} WHERE id > :after") for chain in CHAINS}
_TOMBSTONES_PER_RUN = text(
    f"SELECT retention_run_id, pruned_chain, count(*) FROM {TOMBSTONES}"
    " GROUP BY retention_run_id, pruned_chain"
)
_RUNS = text("SELECT id, CAST(counts AS TEXT) FROM retention_runs ORDER BY id")


def _computed_hash(chain: str, row: Row[Any]) -> str | None:
    values = dict(zip(COLUMNS[chain], row, strict=False))
    if chain == ACCESS_LOG:
        values["call_ref"] = row.call_ref
    try:
        if chain in JSON_COLUMNS:
            values[JSON_COLUMNS[chain]] = json.loads(values[JSON_COLUMNS[chain]])
        return row_hash(row.prev_hash or "", canonical(chain, values))
    except (ValueError, TypeError):  # a time or detail edited into something unreadable
        return None


def _broken_link(chain: str, prev_id: int, row_id: int) -> ChainProblem:
    start = str(prev_id) if prev_id else "the start"
    link = f"({start} → {row_id} breaks the link)"
    if row_id - prev_id == 2:
        return ChainProblem(chain, ProblemKind.MISSING, prev_id + 1, f"row {prev_id + 1} is missing {link}")
    if row_id - prev_id > 2:
        message = f"rows {prev_id + 1} to {row_id - 1} are missing {link}"
        return ChainProblem(chain, ProblemKind.MISSING, prev_id + 1, message)
    if not prev_id:
        message = f"row {row_id} was changed and its hash recomputed (it no longer links to the start)"
        return ChainProblem(chain, ProblemKind.REHASHED, row_id, message)
    message = f"row {prev_id} was changed and its hash recomputed {link}"
    return ChainProblem(chain, ProblemKind.REHASHED, prev_id, message)


def _call_link(chain: str, row: Row[Any]) -> ChainProblem | None:
    """An entry's call_id is its call_ref, or empty once that call is no longer on file."""
    reference = row.call_ref
    if reference is None:  # written before call_ref existed: its call link was never under the hash
        return None
    if row.call_id is None:
        if not row.call_on_file:
            return None
        message = f"row {row.id} lost its link to call {reference}, which is still on file"
    elif reference == NO_CALL:
        message = f"row {row.id} was made outside any call, but now names call {row.call_id}"
    elif row.call_id != reference:
        message = f"row {row.id} was made in call {reference}, but now names call {row.call_id}"
    else:
        return None
    return ChainProblem(chain, ProblemKind.CALL_LINK, row.id, message)


class _Walk:
    """One chain walked in id order; stops at the first problem."""

    def __init__(self, session: Session, chain: str, key: AuditKey, anchored: tuple[int, str] | None) -> None:
        self.session, self.chain, self.key = session, chain, key
        self.prev_id, self.prev_hash = 0, GENESIS
        self.prev_pruned = False
        self.checked = 0
        self.problem: ChainProblem | None = None
        self.anchored = anchored
        self.anchored_hash: str | None = None  # the hash found at the anchored id, if reached

    def rows_up_to(self, upto: int) -> None:
        while self.problem is None:
            page = self.session.execute(
                _PAGES[self.chain], {"after": self.prev_id, "upto": upto, "page": PAGE}
            ).all()
            for row in page:
                if row.pruned and row.id == self.prev_id and not self.prev_pruned:
                    continue  # a tombstone beside its row, which was checked
                self.problem = self._check(row)
                if self.problem is not None:
                    return
                self.prev_id, self.prev_hash, self.prev_pruned = row.id, row.row_hash, bool(row.pruned)
                self.checked += 0 if row.pruned else 1
                if self.anchored is not None and row.id == self.anchored[0]:
                    self.anchored_hash = row.row_hash
            if len(page) < PAGE:
                return

    def _check(self, row: Row[Any]) -> ChainProblem | None:
        # A tombstone's hash cannot be recomputed (its content is gone): its links both ways are the check.
        if not row.pruned and (row.row_hash is None or _computed_hash(self.chain, row) != row.row_hash):
            return ChainProblem(self.chain, ProblemKind.CHANGED, row.id, f"row {row.id} was changed")
        if row.prev_hash != self.prev_hash:
            if (self.prev_pruned or row.pruned) and row.id == self.prev_id + 1:
                pruned = self.prev_id if self.prev_pruned else row.id
                link = f"({self.prev_id} → {row.id} breaks the link)"
                message = f"the tombstone of pruned row {pruned} was changed {link}"
                return ChainProblem(self.chain, ProblemKind.REHASHED, pruned, message)
            return _broken_link(self.chain, self.prev_id, row.id)
        if self.chain == ACCESS_LOG and not row.pruned:
            return _call_link(self.chain, row)
        return None

    def head(self) -> None:
        head = self.session.execute(_HEAD, {"chain": self.chain}).first()
        if head is None:
            self.problem = ChainProblem(self.chain, ProblemKind.HEAD_MISSING, None, "the head is missing")
            return
        last_id, last_hash, seal = head
        if last_id > self.prev_id:
            # Rows another desk appended while this walk ran are there now, unless someone deleted them.
            self.rows_up_to(last_id)
            if self.problem is not None:
                return
        if last_id > self.prev_id:
            message = (
                f"the newest rows after {self.prev_id} were deleted (the head names row {last_id})"
                if self.prev_id
                else f"every row was deleted (the head names row {last_id})"
            )
            self.problem = ChainProblem(self.chain, ProblemKind.TRUNCATED, self.prev_id + 1, message)
        elif last_id < self.prev_id:
            first = self.session.execute(_FIRST_AFTER[self.chain], {"after": last_id}).scalar()
            message = f"row {first} and those after it are not in the chain (the head ends at row {last_id})"
            self.problem = ChainProblem(self.chain, ProblemKind.UNCHAINED, first, message)
        elif last_hash != self.prev_hash:
            message = f"the head does not match row {last_id} (the head was changed, or the rows rehashed)"
            self.problem = ChainProblem(self.chain, ProblemKind.HEAD_MISMATCH, last_id, message)
        elif not self.key.holds_seal(self.chain, last_id, last_hash, seal):
            message = (
                f"the head (row {last_id}) does not carry the audit key's seal: it was moved outside the"
                " program (rows deleted, or rewritten and rehashed), or this desk's key is not the one in use"
            )
            self.problem = ChainProblem(self.chain, ProblemKind.UNSEALED, last_id, message)

    def against_anchor(self, made: str) -> None:
        if self.anchored is None or self.anchored[0] == 0:
            return
        anchored_id, anchored_hash = self.anchored
        if self.anchored_hash == anchored_hash:
            return
        if self.prev_id < anchored_id:
            message = (
                f"the chain ends at row {self.prev_id}, but the anchor of {made} holds it up to row"
                f" {anchored_id}: its newest rows were deleted and an older head put back"
            )
        else:
            message = f"row {anchored_id} is not the one the anchor of {made} holds: the chain was rewritten"
        self.problem = ChainProblem(self.chain, ProblemKind.REWOUND, anchored_id, message)


def _runs_account_for_tombstones(session: Session) -> ChainProblem | None:
    """Every tombstone belongs to a recorded retention run, which counted exactly as many of its chain."""
    found: dict[tuple[int, str], int] = {
        (run_id, chain): int(count) for run_id, chain, count in session.execute(_TOMBSTONES_PER_RUN)
    }
    runs: dict[int, dict[str, Any]] = {}
    for run_id, counts in session.execute(_RUNS):
        try:
            parsed = json.loads(counts)
        except (TypeError, ValueError):
            parsed = {}
        runs[run_id] = parsed if isinstance(parsed, dict) else {}
    for run_id, _ in sorted(found):
        if run_id not in runs:
            message = f"tombstones name retention run {run_id}, which is not on record"
            return ChainProblem(TOMBSTONES, ProblemKind.UNRECORDED, None, message)
    for run_id, counts in runs.items():
        for chain, name in PRUNED_COUNTS.items():
            recorded, tombstones = counts.get(name, 0), found.get((run_id, chain), 0)
            if recorded != tombstones:
                message = (
                    f"retention run {run_id} deleted {recorded} {chain} rows,"
                    f" but {tombstones} tombstones name it"
                )
                return ChainProblem(TOMBSTONES, ProblemKind.UNRECORDED, None, message)
    return None


def verify_chain(
    session: Session, chain: str, *, key: AuditKey | None = None, anchor: Anchor | None = None
) -> ChainReport:
    walk = _Walk(session, chain, key or current(), anchor.heads.get(chain) if anchor is not None else None)
    walk.rows_up_to(_NO_LIMIT)
    if walk.problem is None:
        walk.head()
    if walk.problem is None and anchor is not None:
        walk.against_anchor(anchor.made_text)
    if walk.problem is None and chain == TOMBSTONES:
        walk.problem = _runs_account_for_tombstones(session)
    return ChainReport(chain=chain, rows_checked=walk.checked, problem=walk.problem)


def verify(
    session: Session, *, cases: bool = True, anchor: Anchor | None = None, key: AuditKey | None = None
) -> VerifyResult:
    """Check every audit chain (and, with `cases`, every case row against its events; with `anchor`, that
    no chain went back behind it); each report names its chain's first problem, if any."""
    used = key or current()
    reports = tuple(verify_chain(session, chain, key=used, anchor=anchor) for chain in CHAINS)
    return VerifyResult(chains=reports, cases=check_case_rows(session) if cases else None, anchor=anchor)
