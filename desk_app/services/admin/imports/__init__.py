"""`import_file`: one CSV export into the database, all or nothing, in one transaction.

The rows stream through once: each is validated, good rows are upserted a batch at a time, and the
transaction is committed only at the end. A bad row (without `skip_bad`) stops the writing, the rest of
the file is still checked so the report is complete, and everything is rolled back: nothing written.
Reading the file twice instead (validate, then write) would double the cost of checking a million phone
numbers, and keeping a million clean rows in memory would not fit a desk PC.

Upserts key on the customer number and the order number; provision records, which have no number, on
the whole record. A row equal to what is stored is counted unchanged and not written, so a re-run
changes nothing and bumps no `row_version`. An erased customer is never updated, re-inserted or given
new orders or provision records: the row is reported instead — also once retention has purged the blank
row, since the erased-customer register (`services/erased_register.py`) still names the number. A mailing
the customer stopped (at the desk, where stop requests are recorded) is never turned back on by an import:
the stop is kept and counted. So is provision to third parties on consent that the customer stopped
(`provision_stops`): a 第三者提供 flag that would allow it again is not applied, and a provision record on
consent dated after a stop that covers it is stored (it happened) but reported; both are listed by customer.

The file speaks only for its columns: a column the file does not have keeps every stored value (a blank
cell in a column it has clears an optional field). A field corrected at the desk since the mail-order
system last exported it (`desk_changes`) is the desk's until the export agrees: a different value in the
file is reported as a conflict and the desk's kept, unless `overwrite_desk_changes`; the same value
settles it.

Auditing: one access-log CHANGE entry per committed import, not one per customer — who (the agent, empty
for the command line), when, the kind, the file's name, its encoding and the counts; never personal data.
Which customers an import inserted or changed stays answerable: their `updated_at` is the entry's time.
"""

# The rules above are kept by `run.py` (the pass over the file), `customers.py` with
# `customer_comparison.py`, `orders.py` and `provisions.py` (the writers) and `report.py` (the outcome).

from desk_app.services.admin.imports.report import (
    DeskChangeConflict,
    ImportConflict,
    ImportFileError,
    ImportReport,
    ProvisionStopKept,
)
from desk_app.services.admin.imports.run import import_file

__all__ = [
    "DeskChangeConflict",
    "ImportConflict",
    "ImportFileError",
    "ImportReport",
    "ProvisionStopKept",
    "import_file",
]
