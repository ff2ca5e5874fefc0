"""Case work: opening and moving a case, verifying its caller, its letters, registers, log and talk script.

The modules from the bottom up; each imports only modules listed before it:

- `records`: a case as read and written (`load_case`, `view_of`, `add_event`), the errors, who may act
- `pauses`: the case's clock paused while the desk waits for the customer, and run again
- `transitions`: every change of state — `move` checks it and applies it; `transition` and `reopen`
- `opening` (on a call, or a written request on the day it arrived), `assignment` (reassigning, the
  deadline's extension), `verified` (the gate every operation on a caller's data passes), `knowledge` and
  `identity` (verifying a caller), `delivery` (the form a disclosure goes in, and where an electronic
  record may be sent)
- `letter_views`, `letter_assembly` (a letter's values, read from the database), `letters` (made, stored,
  printed, mailed)
- `corrections`, `operations` (fee, delivery, stopped mailings, correction, erasure), `register_rows`,
  `registers`, `register_search`
- `drafts`, `script_steps`, `scripts` (a talk script run on a case)
- `actions` (what the window offers and does), `queue`, `links`, `log_filters`, `log_csv` (the CSV's cells),
  `log`
"""
