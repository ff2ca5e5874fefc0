"""The desk's words for kinds and states: what a case, a customer, a call or a letter can be.

Plain enumerations (stdlib only). The tables in `desk_app.storage.models` store them as text; the core
and the window name them from here, so neither needs the database layer to speak of them."""

from __future__ import annotations

import enum


class CustomerState(enum.StrEnum):
    ACTIVE = "active"
    DELETION_PENDING = "deletion_pending"
    ERASED = "erased"


class PhoneKind(enum.StrEnum):
    HOME = "home"
    MOBILE = "mobile"
    WORK = "work"


class OrderChannel(enum.StrEnum):
    TV = "tv"
    CATALOGUE = "catalogue"
    WEB = "web"
    PHONE = "phone"


class ProvisionBasis(enum.StrEnum):
    CONSENT = "consent"
    ENTRUSTMENT = "entrustment"
    LAW = "law"


class ProvisionStopGround(enum.StrEnum):
    """Why a customer asks that their data no longer be provided to third parties."""

    # The customer's wish: they withdraw the consent the provision rests on (policy §3).
    CONSENT_WITHDRAWN = "consent_withdrawn"
    # Art. 35(3): provided without the consent Art. 27(1) or 28 requires.
    WITHOUT_CONSENT = "without_consent"
    # Art. 35(5): the company no longer needs to provide it.
    NO_LONGER_NEEDED = "no_longer_needed"
    # Art. 35(5): a leak or other incident of Art. 26(1) concerns the data.
    LEAK = "leak"
    # Art. 35(5): the provision is likely to harm the customer's rights or legitimate interests.
    RIGHTS_AT_RISK = "rights_at_risk"


class AgentRole(enum.StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class CaseKind(enum.StrEnum):
    DISCLOSURE = "disclosure"
    PROVISION_DISCLOSURE = "provision_disclosure"
    CORRECTION = "correction"
    SUSPENSION = "suspension"
    DELETION = "deletion"
    COMPLAINT = "complaint"
    SUSPICIOUS_REPORT = "suspicious_report"
    # Stop third-party provision (APPI Art. 35(3) and (5); company policy §3).
    STOP_PROVISION = "stop_provision"
    # Notification of the purposes of use (利用目的の通知: APPI Art. 32(2); company policy §2).
    PURPOSES_NOTICE = "purposes_notice"
    # Information on provision to third parties in foreign countries (APPI Art. 28(3); company policy §5).
    FOREIGN_TRANSFER = "foreign_transfer"
    # A question about joint use within the group (共同利用: APPI Art. 27(5)(iii); company policy §6),
    # answered on the call from the configuration: no identity check, no letter.
    JOINT_USE = "joint_use"
    # A question about a leak incident (漏えい等: APPI Art. 26) the company is handling, answered on the call
    # from the incident's record (`cases.incident_id`): no identity check, no letter.
    LEAK_INQUIRY = "leak_inquiry"


class CaseState(enum.StrEnum):
    RECEIVED = "received"
    IDENTITY_PENDING = "identity_pending"
    IDENTITY_VERIFIED = "identity_verified"
    FEE_PENDING = "fee_pending"
    FEE_RECEIVED = "fee_received"
    IN_PROGRESS = "in_progress"
    AWAITING_APPROVAL = "awaiting_approval"
    COMPLETED = "completed"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class PauseReason(enum.StrEnum):
    """What the desk waits for from the customer while a case's clock is paused (`domain/deadlines.py`)."""

    FEE = "fee"  # the disclosure fee (a fee-pending case pauses by itself)
    DOCUMENTS = "documents"  # identity or supporting documents
    PROXY_PAPERS = "proxy_papers"  # a proxy's papers: the power of attorney and the proxy's own identity
    CONFIRMATION = "confirmation"  # confirming the request with the person


class ClockPaused(enum.StrEnum):
    """What a case's days left say while its clock is paused: no count, this word (一時停止中)."""

    PAUSED = "paused"


class Proposal(enum.StrEnum):
    """What a case awaiting approval asks a supervisor to approve."""

    ERASURE = "erasure"
    REFUSAL = "refusal"


class RefusalGround(enum.StrEnum):
    """Why a request is refused (`desk_app.domain.refusal_grounds`: which fit which case)."""

    HARM_TO_PERSON = "harm_to_person"  # Art. 33(2)(i): harm to the life, body, property or rights of anyone
    BUSINESS_INTERFERENCE = "business_interference"  # Art. 33(2)(ii): the business seriously interfered with
    VIOLATION_OF_LAW = "violation_of_law"  # Art. 33(2)(iii): disclosing would break another law
    IDENTITY_UNCONFIRMED = "identity_unconfirmed"  # the caller could not be confirmed to be the person
    OTHER = "other"  # a correction, or a request whose legal ground is not known: the customer's text
    # Art. 35(2), (4), (6) provisos: too costly or otherwise difficult, and an alternative measure is taken.
    DIFFICULT_WITH_ALTERNATIVE = "difficult_with_alternative"
    # Art. 35(1), (5): the ground the customer gave does not apply (no violation found, still needed).
    GROUND_NOT_MET = "ground_not_met"
    # A notice of the purposes of use is not given (APPI Art. 32(2) provisos, Art. 32(3)):
    PURPOSES_CLEAR = "purposes_clear"  # Art. 32(2)(i): the purposes are already clear from what is published
    NOTICE_HARMS_PERSON = "notice_harms_person"  # Art. 21(4)(i): harm to the life, body, property or rights
    NOTICE_HARMS_COMPANY = "notice_harms_company"  # Art. 21(4)(ii): harm to the company's rights or interests
    NOTICE_HINDERS_AUTHORITIES = "notice_hinders_authorities"  # Art. 21(4)(iii): hinders a public body's work


class SuspensionGround(enum.StrEnum):
    """Why a customer asks that their data no longer be used, or be erased (APPI Art. 35: 利用停止等)."""

    # Art. 35(1): handled beyond the purposes of use without consent (Art. 18).
    BEYOND_PURPOSE = "beyond_purpose"
    # Art. 35(1): used in a way that may encourage or induce unlawful or unjust acts (Art. 19).
    IMPROPER_USE = "improper_use"
    # Art. 35(1): acquired by deceit or other improper means (Art. 20).
    IMPROPER_ACQUISITION = "improper_acquisition"
    # Art. 35(5): the company no longer needs to use it.
    NO_LONGER_NEEDED = "no_longer_needed"
    # Art. 35(5): a leak or other incident to be reported under Art. 26(1) concerns it.
    LEAK = "leak"
    # Art. 35(5): its handling is likely to harm the customer's rights or legitimate interests.
    RIGHTS_AT_RISK = "rights_at_risk"
    # No legal ground given: the customer's wish, which the company's policy honours (§8, §9).
    CUSTOMER_WISH = "customer_wish"


class AccessAction(enum.StrEnum):
    VIEW = "view"
    REVEAL = "reveal"
    CHANGE = "change"
    PRINT = "print"
    EXPORT = "export"
    ERASE = "erase"


class LetterKind(enum.StrEnum):
    DISCLOSURE = "disclosure"
    PROVISION_RECORDS = "provision_records"
    CORRECTION_COMPLETED = "correction_completed"
    MAILING_STOPPED = "mailing_stopped"
    DELETION_COMPLETED = "deletion_completed"
    REFUSAL = "refusal"
    NO_DATA_HELD = "no_data_held"
    # How to pay a disclosure's fee, sent when the fee is requested (a text column: no migration needed).
    FEE_PAYMENT_NOTICE = "fee_payment_notice"
    # Confirms that third-party provision stopped (a stop-provision case completed).
    PROVISION_STOPPED = "provision_stopped"
    # 利用目的の通知書: the purposes of use, with the version of the configuration they came from.
    PURPOSES_NOTICE = "purposes_notice"
    # 外国にある第三者への提供に関する情報のご案内: each country, its protection system and the recipient's
    # measures.
    FOREIGN_TRANSFER_INFO = "foreign_transfer_info"
    # 漏えい等のお知らせ: a leak incident's notice to a customer it affects (the incident's letter, no case).
    LEAK_NOTICE = "leak_notice"


class ComplaintCategory(enum.StrEnum):
    """The complaint talk script's categories (resources/scripts/complaint.toml), value for value."""

    UNWANTED_MAILINGS = "unwanted_mailings"
    WRONG_DATA = "wrong_data"
    LEAK_OR_MISUSE = "leak_or_misuse"
    REQUEST_HANDLING = "request_handling"
    STAFF_CONDUCT = "staff_conduct"
    OTHER = "other"


class ReportChannel(enum.StrEnum):
    """How a suspicious contact reached the caller (resources/scripts/suspicious_report.toml)."""

    POST = "post"
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    WEB = "web"


class CallState(enum.StrEnum):
    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"
    MISSED = "missed"


class PresenceState(enum.StrEnum):
    """Where an agent is on the floor (the switchboard's presence); stored with its time on every change."""

    AVAILABLE = "available"  # 受付可: queue calls ring this desk
    ON_CALL = "on_call"  # 通話中: set by the answer
    AFTER_CALL = "after_call"  # 後処理: from the hang-up until a wrap-up code or the timer runs out
    AWAY = "away"  # 離席, with a reason
    SIGNED_OUT = "signed_out"  # no desk open for this agent

    @property
    def japanese(self) -> str:
        return _PRESENCE_JAPANESE[self]


_PRESENCE_JAPANESE = {
    PresenceState.AVAILABLE: "受付可",
    PresenceState.ON_CALL: "通話中",
    PresenceState.AFTER_CALL: "後処理",
    PresenceState.AWAY: "離席",
    PresenceState.SIGNED_OUT: "サインアウト",
}


class NoNumberReason(enum.StrEnum):
    """Why a call came without a number: Number Display's reason codes P, O, C, S and E."""

    WITHHELD = "withheld"
    OUT_OF_AREA = "out_of_area"
    PUBLIC_PHONE = "public_phone"
    SERVICE_CONFLICT = "service_conflict"
    ERROR = "error"

    @classmethod
    def from_code(cls, code: str) -> NoNumberReason | None:
        """The reason for a one-letter Number Display code (any case), or None for anything else."""
        return _BY_CODE.get(code.strip().upper())

    @property
    def japanese(self) -> str:
        """What the agent reads on the banner."""
        return _JAPANESE[self]


_BY_CODE = {
    "P": NoNumberReason.WITHHELD,
    "O": NoNumberReason.OUT_OF_AREA,
    "C": NoNumberReason.PUBLIC_PHONE,
    "S": NoNumberReason.SERVICE_CONFLICT,
    "E": NoNumberReason.ERROR,
}
_JAPANESE = {
    NoNumberReason.WITHHELD: "非通知",
    NoNumberReason.OUT_OF_AREA: "表示圏外",
    NoNumberReason.PUBLIC_PHONE: "公衆電話",
    NoNumberReason.SERVICE_CONFLICT: "サービス競合",
    NoNumberReason.ERROR: "受信エラー",
}


class CallSource(enum.StrEnum):
    SERIAL = "serial"
    CTI = "cti"
    SIMULATOR = "simulator"


class SourceState(enum.StrEnum):
    STARTING = "starting"
    CONNECTED = "connected"
    LISTENING = "listening"
    # Lost its device or server and is trying again on its own.
    DISCONNECTED = "disconnected"
    STOPPED = "stopped"
    # Cannot work without the user changing something (port in use, bad setting); no retry.
    FAILED = "failed"


class FeeStatus(enum.StrEnum):
    REQUESTED = "requested"
    RECEIVED = "received"
    WAIVED = "waived"


class Delivery(enum.StrEnum):
    """How a disclosure reaches the caller (APPI Art. 33 lets them ask for an electronic record)."""

    LETTER = "letter"
    ELECTRONIC = "electronic"


class RequestChannel(enum.StrEnum):
    """How a request reached the desk: on a call, or in writing by post (the form and its documents)."""

    PHONE = "phone"
    POST = "post"


class DeliveryAddress(enum.StrEnum):
    """Where an electronic record may be sent: the only two addresses the desk trusts (APPI Art. 33(1))."""

    REGISTERED = "registered"  # the e-mail address on the customer's record
    CONFIRMED = "confirmed"  # confirmed by this case's identity check: a callback or the documents


class DeliveryObstacle(enum.StrEnum):
    """Why the form the customer asked for could not be used; the letter says so (APPI Art. 33(2), (3))."""

    # No e-mail address on the record and none confirmed in the case: the record goes in writing.
    NO_ADDRESS = "no_address"


class SearchKind(enum.StrEnum):
    PHONE = "phone"
    CUSTOMER_NO = "customer_no"
    POSTAL_CODE = "postal_code"
    KANA = "kana"
    NAME = "name"
    EMPTY = "empty"
