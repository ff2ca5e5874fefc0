"""What an import did (`ImportReport`, a frozen value for the command line and the window), how one fails."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desk_app.domain.messages import MessageError
from desk_app.imports.columns import ImportKind

# Kept beside the reading of files (a leak incident's list of customers is read the same way), named here too.
from desk_app.imports.reading import ImportFileError as ImportFileError
from desk_app.imports.validate import Problem


class ImportConflict(MessageError):
    """A customer changed at a desk while the import ran; nothing was written, run the import again."""


@dataclass(frozen=True)
class DeskChangeConflict:
    """A field corrected at the desk that the file gives another value: which customer and column (the
    values are not reported); `kept` is True when the desk's value stayed, False when the file's replaced it
    (`overwrite_desk_changes`)."""

    customer_no: str
    field: str
    kept: bool

    def __str__(self) -> str:
        outcome = "the desk's value kept" if self.kept else "overwritten by the file"
        return f"customer {self.customer_no}: {self.field} was corrected at the desk; {outcome}"


@dataclass(frozen=True)
class ProvisionStopKept:
    """A customer's stop of third-party provision that the file went against: its 第三者提供 flag would
    have allowed provision on consent again (the desk's stop kept: `provided_on` None), or it records a
    provision on consent made after the stop (`recipient` and `provided_on`: the record is stored, since it
    happened, and reported so that it can be looked into). Stops are never overwritten by a file."""

    customer_no: str
    recipient: str | None = None
    provided_on: dt.date | None = None

    def __str__(self) -> str:
        if self.provided_on is None:
            return (
                f"customer {self.customer_no}: third-party provision stays stopped;"
                " the file's 第三者提供 not applied"
            )
        return (
            f"customer {self.customer_no}: provision to {self.recipient} on {self.provided_on.isoformat()}"
            " came after the stop recorded at the desk"
        )


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the command line and the window; frozen, holds no ORM objects."""

    kind: ImportKind
    file_name: str
    encoding: str
    read: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    # Customer numbers of erased customers the file named: reported, never revived.
    not_revived: tuple[str, ...]
    # Mailings a known customer had stopped that the file would have turned back on.
    stops_kept: int
    problems: tuple[Problem, ...]
    ignored_columns: tuple[str, ...]
    committed: bool
    # Fields corrected at the desk that the file gives another value (see `DeskChangeConflict`).
    conflicts: tuple[DeskChangeConflict, ...]
    cancelled: bool
    rejects_file: str | None
    seconds: float
    # Stops of third-party provision the file went against (see `ProvisionStopKept`).
    provision_stops_kept: tuple[ProvisionStopKept, ...] = ()

    @property
    def erased_not_revived(self) -> int:
        return len(self.not_revived)

    @property
    def changed(self) -> int:
        return self.inserted + self.updated


@dataclass
class Counts:
    """The running tallies of one import; the report keeps them only if it commits."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    stops_kept: int = 0
    not_revived: list[str] = field(default_factory=list)
    conflicts: list[DeskChangeConflict] = field(default_factory=list)
    provision_stops_kept: list[ProvisionStopKept] = field(default_factory=list)
