"""Why a request is refused: the grounds the law allows, which fit which case, and the customer's answer."""

# A refusal letter cites its ground (APPI Art. 36 asks for the reason). A disclosure may be refused only
# on Art. 33(2)'s three grounds (applied to provision records by Art. 33(5)); any request whose caller
# could not be verified is refused for that. A suspension or deletion asked on a ground of Art. 35(1) or (5)
# is refused only on Art. 35's own exceptions: the ground does not apply, or complying would cost too much
# or be otherwise difficult and an alternative measure protects the customer instead (the provisos of
# Art. 35(2) and (6), which need that measure recorded); a stop of third-party provision may be refused on
# the same proviso (Art. 35(4), (6)). Which exception fits which ground, and why a customer's wish is never
# refused on one, is `suspension_grounds.py`. A correction, and a request whose ground is not known, has no
# such list: its refusal is explained in the text alone, so no article of the wrong request is cited.

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.enums import CaseKind, RefusalGround, SuspensionGround
from desk_app.domain.lifecycle import DISCLOSURE_KINDS, IDENTITY_KINDS
from desk_app.domain.messages import MessageError, message
from desk_app.domain.suspension_grounds import (
    ART_35_KINDS,
    SUSPENSION_KINDS,
    exceptions_for,
    needs_alternative,
)


class UnknownRefusalGround(MessageError, ValueError):
    """A ground that is not one of `RefusalGround`."""


class GroundNotAllowed(MessageError, ValueError):
    """A ground that does not fit the case: another request's, or an unverified caller's for one verified."""


class AlternativeRequired(MessageError, ValueError):
    """A refusal on an exception that holds only with an alternative measure, and none is recorded."""


@dataclass(frozen=True)
class RefusalAnswer:
    """What the customer is told: the ground, the explanation printed on the letter under it, and the
    measure taken instead where the ground is an exception that needs one (`suspension_grounds`)."""

    ground: RefusalGround
    text: str
    alternative: str | None = None


def parse_ground(value: object) -> RefusalGround:
    """The ground named `value`; `UnknownRefusalGround` for anything else."""
    try:
        return RefusalGround(str(value))
    except ValueError:
        raise UnknownRefusalGround(
            message("ground.unknown", value=value, known=tuple(RefusalGround))
        ) from None


def grounds_for(
    kind: CaseKind, *, verified: bool, asked_on: SuspensionGround | None = None
) -> tuple[RefusalGround, ...]:
    """The grounds a `kind` request may be refused on; none for complaints and reports (no letter).

    `asked_on`: the ground a suspension or deletion was asked on, as the case recorded it (None: not known).
    """
    if kind not in IDENTITY_KINDS:
        return ()
    if kind in DISCLOSURE_KINDS:
        grounds = [
            RefusalGround.HARM_TO_PERSON,
            RefusalGround.BUSINESS_INTERFERENCE,
            RefusalGround.VIOLATION_OF_LAW,
        ]
    elif kind in ART_35_KINDS:
        grounds = list(exceptions_for(kind, asked_on))
    elif kind is CaseKind.PURPOSES_NOTICE:
        grounds = list(PURPOSES_NOTICE_GROUNDS)
    else:
        grounds = [RefusalGround.OTHER]
    if not verified:
        grounds.insert(0, RefusalGround.IDENTITY_UNCONFIRMED)
    return tuple(grounds)


def check_ground(
    kind: CaseKind, ground: RefusalGround, *, verified: bool, asked_on: SuspensionGround | None = None
) -> None:
    """`GroundNotAllowed` unless a `kind` request (caller `verified` or not, asked on `asked_on`) may be
    refused on `ground`."""
    allowed = grounds_for(kind, verified=verified, asked_on=asked_on)
    if ground not in allowed:
        if allowed:
            said = message("ground.not_allowed", kind=kind, ground=ground, allowed=allowed)
        elif kind in SUSPENSION_KINDS:
            said = message("ground.customer_wish_honoured", kind=kind, ground=ground)
        else:
            said = message("ground.not_allowed_none", kind=kind, ground=ground)
        raise GroundNotAllowed(said)


def check_alternative(answer: RefusalAnswer) -> str | None:
    """The alternative measure `answer` records, stripped: required by an exception that needs one
    (`AlternativeRequired`), refused beside any other ground (`GroundNotAllowed`: no letter prints it)."""
    alternative = (answer.alternative or "").strip() or None
    if needs_alternative(answer.ground) and alternative is None:
        raise AlternativeRequired(message("ground.alternative_needed", ground=answer.ground))
    if not needs_alternative(answer.ground) and alternative is not None:
        raise GroundNotAllowed(message("ground.alternative_not_taken", ground=answer.ground))
    return alternative


# --- a notice of the purposes of use (利用目的の通知) ---------------------------------------------------
# Not given when the purposes are already clear from what the company made known (APPI Art. 32(2)(i)), or
# when a notice would fall under Art. 21(4)(i)-(iii) (Art. 32(2)(ii)); the customer is told so, with the
# reason (Art. 32(3), Art. 36). Art. 21(4)(iv), purposes clear from how the data was obtained, excuses a
# notice at collection only, not this one.
PURPOSES_NOTICE_GROUNDS = (
    RefusalGround.PURPOSES_CLEAR,
    RefusalGround.NOTICE_HARMS_PERSON,
    RefusalGround.NOTICE_HARMS_COMPANY,
    RefusalGround.NOTICE_HINDERS_AUTHORITIES,
)
