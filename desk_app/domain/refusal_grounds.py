"""Why a request is refused: the grounds the law allows, which fit which case, and the customer's answer."""

# A refusal letter cites its ground (APPI Art. 36 asks for the reason). A disclosure may be refused only
# on Art. 33(2)'s three grounds (applied to provision records by Art. 33(5)); any request whose caller
# could not be verified is refused for that. Corrections, suspensions, deletions and stops of third-party
# provision have no such list (a stop may be refused under Art. 35(4) or (6) when it would cost too much and
# the customer's rights are protected otherwise): their refusal is explained in the text alone, so no
# article of the wrong request is cited.

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.enums import CaseKind, RefusalGround
from desk_app.domain.lifecycle import DISCLOSURE_KINDS, IDENTITY_KINDS
from desk_app.domain.messages import MessageError, message


class UnknownRefusalGround(MessageError, ValueError):
    """A ground that is not one of `RefusalGround`."""


class GroundNotAllowed(MessageError, ValueError):
    """A ground that does not fit the case: another request's, or an unverified caller's for one verified."""


@dataclass(frozen=True)
class RefusalAnswer:
    """What the customer is told: the ground, and the explanation printed on the letter under it."""

    ground: RefusalGround
    text: str


def parse_ground(value: object) -> RefusalGround:
    """The ground named `value`; `UnknownRefusalGround` for anything else."""
    try:
        return RefusalGround(str(value))
    except ValueError:
        raise UnknownRefusalGround(
            message("ground.unknown", value=value, known=tuple(RefusalGround))
        ) from None


def grounds_for(kind: CaseKind, *, verified: bool) -> tuple[RefusalGround, ...]:
    """The grounds a `kind` request may be refused on; none for complaints and reports (no letter)."""
    if kind not in IDENTITY_KINDS:
        return ()
    if kind in DISCLOSURE_KINDS:
        grounds = [
            RefusalGround.HARM_TO_PERSON,
            RefusalGround.BUSINESS_INTERFERENCE,
            RefusalGround.VIOLATION_OF_LAW,
        ]
    else:
        grounds = [RefusalGround.OTHER]
    if not verified:
        grounds.insert(0, RefusalGround.IDENTITY_UNCONFIRMED)
    return tuple(grounds)


def check_ground(kind: CaseKind, ground: RefusalGround, *, verified: bool) -> None:
    """`GroundNotAllowed` unless a `kind` request (caller `verified` or not) may be refused on `ground`."""
    allowed = grounds_for(kind, verified=verified)
    if ground not in allowed:
        said = (
            message("ground.not_allowed", kind=kind, ground=ground, allowed=allowed)
            if allowed
            else message("ground.not_allowed_none", kind=kind, ground=ground)
        )
        raise GroundNotAllowed(said)
