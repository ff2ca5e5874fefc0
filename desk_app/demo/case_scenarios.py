"""Which cases the demo makes: one of every kind, state and letter kind first, then the rest by weight."""

from __future__ import annotations

from desk_app.domain.enums import CaseKind

K = CaseKind

# How often each kind of request is made.
CASE_KIND_WEIGHTS = {
    "disclosure": 25,
    "provision_disclosure": 8,
    "correction": 15,
    "suspension": 25,
    "deletion": 8,
    "complaint": 8,
    "suspicious_report": 11,
    "stop_provision": 6,
    "purposes_notice": 3,
    "foreign_transfer": 2,
    "joint_use": 3,
    "leak_inquiry": 2,
}
# (kind, outcome) in the order the first cases are made: every kind, state and letter kind at least once.
COVERAGE: tuple[tuple[CaseKind, str], ...] = (
    (K.DISCLOSURE, "letter_waiting"),
    (K.DISCLOSURE, "completed_mailed"),
    (K.DISCLOSURE, "fee_pending"),
    (K.DISCLOSURE, "identity_pending"),
    (K.PROVISION_DISCLOSURE, "completed_waiting"),
    (K.PROVISION_DISCLOSURE, "completed_mailed"),
    (K.CORRECTION, "completed_waiting"),
    (K.CORRECTION, "completed_mailed"),
    (K.CORRECTION, "refused_waiting"),
    (K.SUSPENSION, "completed_waiting"),
    (K.SUSPENSION, "completed_mailed"),
    (K.SUSPENSION, "withdrawn"),
    (K.DELETION, "awaiting_approval"),
    (K.DELETION, "erased_waiting"),
    (K.DELETION, "erased_mailed"),
    (K.DISCLOSURE, "refusal_pending"),
    (K.DISCLOSURE, "refused_mailed"),
    (K.COMPLAINT, "escalated"),
    (K.COMPLAINT, "answered"),
    (K.COMPLAINT, "escalated_answered"),
    (K.SUSPICIOUS_REPORT, "received"),
    (K.SUSPICIOUS_REPORT, "recorded"),
    (K.CORRECTION, "received"),
    (K.CORRECTION, "identity_verified"),
    (K.DISCLOSURE, "fee_received"),
    (K.STOP_PROVISION, "completed_waiting"),
    (K.STOP_PROVISION, "completed_mailed"),
    (K.DELETION, "refused_on_exception"),
    (K.PURPOSES_NOTICE, "completed_waiting"),
    (K.PURPOSES_NOTICE, "completed_mailed"),
    (K.FOREIGN_TRANSFER, "completed_waiting"),
    (K.FOREIGN_TRANSFER, "completed_mailed"),
    (K.JOINT_USE, "answered"),
    (K.LEAK_INQUIRY, "answered"),
)
OUTCOMES: dict[CaseKind, tuple[tuple[str, float], ...]] = {
    K.DISCLOSURE: (
        ("completed_mailed", 40),
        ("completed_waiting", 6),
        ("letter_waiting", 6),
        ("fee_pending", 8),
        ("fee_received", 4),
        ("identity_pending", 6),
        ("received", 3),
        ("refused_mailed", 4),
        ("refusal_pending", 2),
        ("withdrawn", 5),
    ),
    K.CORRECTION: (
        ("completed_mailed", 50),
        ("completed_waiting", 8),
        ("identity_pending", 6),
        ("identity_verified", 3),
        ("refused_mailed", 4),
        ("refused_waiting", 1),
        ("withdrawn", 5),
        ("received", 3),
    ),
    K.SUSPENSION: (("completed_mailed", 60), ("completed_waiting", 10), ("in_progress", 5), ("withdrawn", 5)),
    K.DELETION: (
        ("erased_mailed", 40),
        ("erased_waiting", 6),
        ("awaiting_approval", 6),
        ("identity_pending", 4),
        ("refused_mailed", 3),
        ("refused_on_exception", 1),
        ("withdrawn", 6),
    ),
    K.COMPLAINT: (("answered", 50), ("escalated", 15), ("escalated_answered", 25)),
    K.SUSPICIOUS_REPORT: (("recorded", 85), ("received", 15)),
    K.STOP_PROVISION: (
        ("completed_mailed", 60),
        ("completed_waiting", 10),
        ("identity_pending", 6),
        ("in_progress", 4),
        ("withdrawn", 5),
        ("received", 3),
    ),
    # The purposes from the configuration; a refusal only on the law's few grounds (Art. 32(2)).
    K.PURPOSES_NOTICE: (
        ("completed_mailed", 60),
        ("completed_waiting", 10),
        ("identity_pending", 6),
        ("received", 3),
        ("withdrawn", 5),
        ("refused_mailed", 2),
    ),
    K.FOREIGN_TRANSFER: (
        ("completed_mailed", 60),
        ("completed_waiting", 10),
        ("identity_pending", 6),
        ("in_progress", 3),
        ("withdrawn", 5),
        ("received", 3),
    ),
    K.JOINT_USE: (("answered", 90), ("received", 5), ("withdrawn", 5)),
    K.LEAK_INQUIRY: (("answered", 90), ("received", 5), ("withdrawn", 5)),
}
OUTCOMES[K.PROVISION_DISCLOSURE] = OUTCOMES[K.DISCLOSURE]
OPEN_OUTCOMES = frozenset(
    {
        "letter_waiting",
        "fee_pending",
        "identity_pending",
        "received",
        "refusal_pending",
        "in_progress",
        "awaiting_approval",
        "escalated",
        "identity_verified",
        "fee_received",
    }
)
