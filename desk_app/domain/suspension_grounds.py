"""The grounds a suspension or deletion is asked on (APPI Art. 35(1) and (5)), and the exceptions a refusal of
such a request, or of a stop of third-party provision, may rest on (the provisos of Art. 35(2), (4), (6))."""

# Art. 35 gives the person a right to have their data no longer used, or erased (利用停止等), when it is
# handled beyond the purposes of use without consent (Art. 18), used improperly (Art. 19) or acquired
# improperly (Art. 20) — paragraph 1 —, and when the company no longer needs it, a leak to be reported under
# Art. 26(1) concerns it, or its handling is likely to harm their rights or legitimate interests — paragraph
# 5. The company must comply once it finds the ground applies, unless complying would cost a large amount or
# be otherwise difficult AND it takes an alternative measure that protects the person's rights instead (the
# provisos of paragraphs 2 and 6; paragraph 4's for a stop of provision asked under paragraph 3).
#
# A request on no legal ground is the customer's wish. The company's policy honours it all the same: mailings
# stop on request (§8) and data is deleted on request (§9). No exception of the law is cited against a wish,
# so such a request is refused only when the caller cannot be verified. A request whose ground was never
# recorded (made before the scripts asked it) is refused, as it always was, on the text alone.

from __future__ import annotations

from desk_app.domain.enums import CaseKind, ProvisionStopGround, RefusalGround, SuspensionGround

G = SuspensionGround

# The requests whose ground the desk records: a suspension of use and a deletion.
SUSPENSION_KINDS = frozenset({CaseKind.SUSPENSION, CaseKind.DELETION})
# The requests Art. 35's provisos may refuse: those two and a stop of third-party provision.
ART_35_KINDS = frozenset({*SUSPENSION_KINDS, CaseKind.STOP_PROVISION})
PARAGRAPH_1 = frozenset({G.BEYOND_PURPOSE, G.IMPROPER_USE, G.IMPROPER_ACQUISITION})
PARAGRAPH_5 = frozenset({G.NO_LONGER_NEEDED, G.LEAK, G.RIGHTS_AT_RISK})
LEGAL_GROUNDS = PARAGRAPH_1 | PARAGRAPH_5
# The exception that holds only with an alternative measure protecting the person's rights.
NEEDS_ALTERNATIVE = frozenset({RefusalGround.DIFFICULT_WITH_ALTERNATIVE})
# The proviso that excepts each paragraph's duty.
_PROVISO = {1: 2, 3: 4, 5: 6}

AskedOn = SuspensionGround | ProvisionStopGround


def paragraph_of(ground: AskedOn) -> int | None:
    """The paragraph of Art. 35 a request on `ground` rests on; None for the customer's wish."""
    if ground in PARAGRAPH_1:
        return 1
    if ground is ProvisionStopGround.WITHOUT_CONSENT:
        return 3
    if ground in PARAGRAPH_5 or ground in (
        ProvisionStopGround.NO_LONGER_NEEDED,
        ProvisionStopGround.LEAK,
        ProvisionStopGround.RIGHTS_AT_RISK,
    ):
        return 5
    return None


def proviso_of(ground: AskedOn) -> int | None:
    """The paragraph whose proviso excepts a request on `ground` (2, 4 or 6); None for a wish."""
    paragraph = paragraph_of(ground)
    return None if paragraph is None else _PROVISO[paragraph]


def exceptions_for(kind: CaseKind, asked_on: SuspensionGround | None) -> tuple[RefusalGround, ...]:
    """What a verified `kind` request asked on `asked_on` may be refused on (see the comment above)."""
    if kind is CaseKind.STOP_PROVISION:
        # Its ground is kept with the stop, made on the call: a refusal cites the exception, or explains.
        return (RefusalGround.DIFFICULT_WITH_ALTERNATIVE, RefusalGround.OTHER)
    if asked_on is None:
        return (RefusalGround.OTHER,)
    if asked_on in LEGAL_GROUNDS:
        return (RefusalGround.DIFFICULT_WITH_ALTERNATIVE, RefusalGround.GROUND_NOT_MET)
    return ()


def needs_alternative(ground: RefusalGround) -> bool:
    """Whether a refusal on `ground` holds only with an alternative measure recorded beside it."""
    return ground in NEEDS_ALTERNATIVE
