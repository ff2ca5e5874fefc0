"""What a leak notice (漏えい等のお知らせ) to a customer will meet, as SQL over the customer table: the
reasons `services.incidents.notices` records for making none. An attachment's report and a saved search's
count (`services.incidents.affected`, `services.customers.selections`) count customers by it in the
database, without reading their rows."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, func, or_

from desk_app.domain.enums import CustomerState
from desk_app.storage.models import Customer, table_of

ERASED, DECEASED, NO_ADDRESS = "erased", "deceased", "no_address"

_C = table_of(Customer).c
# A notice can be posted only with a name, a postal code and a line of address (as `notices` decides).
NO_ADDRESS_SQL = or_(
    *(func.coalesce(column, "") == "" for column in (_C.name, _C.postal_code)),
    and_(*(func.coalesce(column, "") == "" for column in (_C.prefecture, _C.city, _C.street, _C.building))),
)
# What a customer's notice will meet, the first that applies; "" for a notice that can be made.
NOTICE_STATE: ColumnElement[str] = case(
    (_C.state == CustomerState.ERASED, ERASED),
    (_C.death_reported_at.is_not(None), DECEASED),
    (NO_ADDRESS_SQL, NO_ADDRESS),
    else_="",
)
