"""Which third-party provision a customer may stop, and how a stop is named (APPI Art. 35(3) and (5))."""

# The company's policy (§3) provides personal data to third parties on the customer's consent (a credit
# company's inquiry, a manufacturer's recall contact, another company whose product the customer asked
# about) and where a law requires it (a court, the police). Only the first can be stopped at the
# customer's request: a provision a law requires goes on, and entrusting data to a delivery or printing
# company (§4) is not provision to a third party at all (Art. 27(5)(i)). "All provision not required"
# therefore means every provision on consent, now and to come.

from __future__ import annotations

from desk_app.domain.enums import ProvisionBasis

# The bases a customer's request can stop.
STOPPABLE_BASES = frozenset({ProvisionBasis.CONSENT})
# The scope of a stop of every provision not required, as the case and the script name it.
ALL_NOT_REQUIRED = "all"
# The scope of a stop of one recipient's provision; the recipient is named beside it.
ONE_RECIPIENT = "recipient"
SCOPES = (ALL_NOT_REQUIRED, ONE_RECIPIENT)


def stoppable(basis: ProvisionBasis) -> bool:
    """Whether a provision on `basis` stops at the customer's request."""
    return basis in STOPPABLE_BASES
