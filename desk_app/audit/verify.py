"""`verify`: walk each audit chain in id order and name the first row that was changed, lost or added.

Each row's hash is recomputed from its columns and its `prev_hash`, each `prev_hash` is compared with the
previous row's hash, and the chain's head with its last row, so that deleting the newest rows shows too.
Rows are read a page at a time, never all at once. Reading needs no lock: an append writes its rows and
the head in one transaction, and the head is read after the rows, so it is never behind them.

Rows deleted by retention (`desk_app.services.retention`) leave a tombstone in `audit_pruned`: the row's
id, `prev_hash` and `row_hash`, no content. The walk reads tombstones merged with the rows and steps over
one by its stored hashes, so the links on either side still hold; deleting or changing a tombstone breaks
them as deleting the row would, and a row deleted without a tombstone is still missing.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from desk_app.audit.canonical import CHAINS, COLUMNS, GENESIS, canonical, row_hash

PAGE = 5000
_NO_LIMIT = 2**62


class ProblemKind(enum.StrEnum):
    CHANGED = "changed"  # a row's columns no longer give its hash
    MISSING = "missing"  # rows between two others were deleted
    REHASHED = "rehashed"  # a row was changed and its hash recomputed: the next row's link breaks
    TRUNCATED = "truncated"  # the newest rows were deleted
    HEAD_MISSING = "head_missing"
    HEAD_MISMATCH = "head_mismatch"  # the head names the last row but not its hash
    UNCHAINED = "unchained"  # rows after the one the head names


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

    @property
    def intact(self) -> bool:
        return all(report.intact for report in self.chains)

    @property
    def first_problem(self) -> ChainProblem | None:
        return next((report.problem for report in self.chains if report.problem is not None), None)

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
        }


def _page_statement(chain: str) -> Any:
    # Raw driver values: a row edited into something the ORM types cannot read must still be named, not
    # crash the check. Details as text on both databases (PostgreSQL's json keeps the text as written).
    columns = ", ".join("CAST(detail AS TEXT)" if column == "detail" else column for column in COLUMNS[chain])
    no_content = ", ".join("NULL" for _ in COLUMNS[chain][1:])
    # A tombstone comes after a row of the same id, which `_Walk` then ignores: the row is what counts.
    return text(
        f"SELECT {columns}, prev_hash, row_hash, 0 AS pruned FROM {chain} WHERE id > :after AND id <= :upto"
        f" UNION ALL SELECT row_id, {no_content}, prev_hash, row_hash, 1 FROM audit_pruned"
        f" WHERE chain = '{chain}' AND row_id > :after AND row_id <= :upto"
        " ORDER BY 1, pruned LIMIT :page"
    )


_PAGES = {chain: _page_statement(chain) for chain in CHAINS}
_HEAD = text("SELECT last_id, last_hash FROM audit_chain_heads WHERE chain = :chain")
_FIRST_AFTER = {chain: text(f"SELECT min(id) FROM {chain} WHERE id > :after") for chain in CHAINS}


def _computed_hash(chain: str, row: Row[Any]) -> str | None:
    values = dict(zip(COLUMNS[chain], row, strict=False))
    try:
        if chain == "case_events":
            values["detail"] = json.loads(values["detail"])
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


class _Walk:
    """One chain walked in id order; stops at the first problem."""

    def __init__(self, session: Session, chain: str) -> None:
        self.session, self.chain = session, chain
        self.prev_id, self.prev_hash = 0, GENESIS
        self.prev_pruned = False
        self.checked = 0
        self.problem: ChainProblem | None = None

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
        return None

    def head(self) -> None:
        head = self.session.execute(_HEAD, {"chain": self.chain}).first()
        if head is None:
            self.problem = ChainProblem(self.chain, ProblemKind.HEAD_MISSING, None, "the head is missing")
            return
        last_id, last_hash = head
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


def verify_chain(session: Session, chain: str) -> ChainReport:
    walk = _Walk(session, chain)
    walk.rows_up_to(_NO_LIMIT)
    if walk.problem is None:
        walk.head()
    return ChainReport(chain=chain, rows_checked=walk.checked, problem=walk.problem)


def verify(session: Session) -> VerifyResult:
    """Check every audit chain; each report names its chain's first problem, if any."""
    return VerifyResult(chains=tuple(verify_chain(session, chain) for chain in CHAINS))
