"""`verify`: walk each audit chain in id order and name the first row that was changed, lost or added.

Each row's hash is recomputed from its columns and its `prev_hash`, each `prev_hash` is compared with the
previous row's hash, and the chain's head with its last row, so that deleting the newest rows shows too.
The head's seal is checked with the audit key (`desk_app.audit.key`), which is not in the database: a head
moved back after the newest rows were deleted, or moved on after rows were rewritten and rehashed, has no
valid seal. Rows are read a page at a time, never all at once. Reading needs no lock: an append writes its
rows and the head in one transaction, and the head is read after the rows, so it is never behind them.

Rows deleted by retention (`desk_app.services.admin.retention`) leave a tombstone in
`audit_tombstones`: the row's
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
from desk_app.domain.messages import Message, message

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


def chain_name(chain: str) -> Message:
    """A chain's name: its table in English (what the command line prints), in words in Japanese."""
    return message(f"audit.chain.{chain}")


@dataclass(frozen=True)
class ChainProblem:
    chain: str
    kind: ProblemKind
    row_id: int | None
    said: Message  # "row 1234 was changed", without the chain's name

    @property
    def message(self) -> str:
        return str(self.said)

    @property
    def line(self) -> Message:
        """The chain's name and what is wrong with it, as `str()` says it in English."""
        return message("audit.chain_problem", chain=chain_name(self.chain), problem=self.said)

    def __str__(self) -> str:
        return str(self.line)


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
    return ChainProblem(CASES, ProblemKind.CASE_ROW, problem.case_id, problem.line)


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


def _link(prev_id: int, row_id: int) -> Message:
    if prev_id:
        return message("audit.link_breaks", before=prev_id, after=row_id)
    return message("audit.link_breaks_at_start", after=row_id)


def _broken_link(chain: str, prev_id: int, row_id: int) -> ChainProblem:
    link = _link(prev_id, row_id)
    if row_id - prev_id == 2:
        said = message("audit.row_missing", row=prev_id + 1, link=link)
        return ChainProblem(chain, ProblemKind.MISSING, prev_id + 1, said)
    if row_id - prev_id > 2:
        said = message("audit.rows_missing", first=prev_id + 1, last=row_id - 1, link=link)
        return ChainProblem(chain, ProblemKind.MISSING, prev_id + 1, said)
    if not prev_id:
        said = message("audit.rehashed_first", row=row_id)
        return ChainProblem(chain, ProblemKind.REHASHED, row_id, said)
    said = message("audit.rehashed", row=prev_id, link=link)
    return ChainProblem(chain, ProblemKind.REHASHED, prev_id, said)


def _call_link(chain: str, row: Row[Any]) -> ChainProblem | None:
    """An entry's call_id is its call_ref, or empty once that call is no longer on file."""
    reference = row.call_ref
    if reference is None:  # written before call_ref existed: its call link was never under the hash
        return None
    if row.call_id is None:
        if not row.call_on_file:
            return None
        said = message("audit.call_link_lost", row=row.id, call=reference)
    elif reference == NO_CALL:
        said = message("audit.call_link_added", row=row.id, call=row.call_id)
    elif row.call_id != reference:
        said = message("audit.call_link_changed", row=row.id, call=reference, now=row.call_id)
    else:
        return None
    return ChainProblem(chain, ProblemKind.CALL_LINK, row.id, said)


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
            said = message("audit.row_changed", row=row.id)
            return ChainProblem(self.chain, ProblemKind.CHANGED, row.id, said)
        if row.prev_hash != self.prev_hash:
            if (self.prev_pruned or row.pruned) and row.id == self.prev_id + 1:
                pruned = self.prev_id if self.prev_pruned else row.id
                link = message("audit.link_breaks", before=self.prev_id, after=row.id)
                said = message("audit.tombstone_changed", row=pruned, link=link)
                return ChainProblem(self.chain, ProblemKind.REHASHED, pruned, said)
            return _broken_link(self.chain, self.prev_id, row.id)
        if self.chain == ACCESS_LOG and not row.pruned:
            return _call_link(self.chain, row)
        return None

    def head(self) -> None:
        head = self.session.execute(_HEAD, {"chain": self.chain}).first()
        if head is None:
            said = message("audit.head_missing")
            self.problem = ChainProblem(self.chain, ProblemKind.HEAD_MISSING, None, said)
            return
        last_id, last_hash, seal = head
        if last_id > self.prev_id:
            # Rows another desk appended while this walk ran are there now, unless someone deleted them.
            self.rows_up_to(last_id)
            if self.problem is not None:
                return
        if last_id > self.prev_id:
            said = (
                message("audit.truncated", row=self.prev_id, head=last_id)
                if self.prev_id
                else message("audit.emptied", head=last_id)
            )
            self.problem = ChainProblem(self.chain, ProblemKind.TRUNCATED, self.prev_id + 1, said)
        elif last_id < self.prev_id:
            first = self.session.execute(_FIRST_AFTER[self.chain], {"after": last_id}).scalar()
            said = message("audit.unchained", row=first, head=last_id)
            self.problem = ChainProblem(self.chain, ProblemKind.UNCHAINED, first, said)
        elif last_hash != self.prev_hash:
            said = message("audit.head_mismatch", head=last_id)
            self.problem = ChainProblem(self.chain, ProblemKind.HEAD_MISMATCH, last_id, said)
        elif not self.key.holds_seal(self.chain, last_id, last_hash, seal):
            said = message("audit.unsealed", head=last_id)
            self.problem = ChainProblem(self.chain, ProblemKind.UNSEALED, last_id, said)

    def against_anchor(self, made: str) -> None:
        if self.anchored is None or self.anchored[0] == 0:
            return
        anchored_id, anchored_hash = self.anchored
        if self.anchored_hash == anchored_hash:
            return
        if self.prev_id < anchored_id:
            said = message("audit.rewound", row=self.prev_id, made=made, anchored=anchored_id)
        else:
            said = message("audit.rewritten", anchored=anchored_id, made=made)
        self.problem = ChainProblem(self.chain, ProblemKind.REWOUND, anchored_id, said)


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
            said = message("audit.run_not_on_record", run=run_id)
            return ChainProblem(TOMBSTONES, ProblemKind.UNRECORDED, None, said)
    for run_id, counts in runs.items():
        for chain, name in PRUNED_COUNTS.items():
            recorded, tombstones = counts.get(name, 0), found.get((run_id, chain), 0)
            if recorded != tombstones:
                said = message(
                    "audit.run_miscounted",
                    run=run_id,
                    recorded=recorded,
                    chain=chain_name(chain),
                    tombstones=tombstones,
                )
                return ChainProblem(TOMBSTONES, ProblemKind.UNRECORDED, None, said)
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
