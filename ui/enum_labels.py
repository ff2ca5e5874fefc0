"""The core's enumerations in words for the agent, each wrapped for translation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.callerid.events import CallState
from desk_app.callerid.source import SourceState
from desk_app.cases.refusal_grounds import RefusalGround
from desk_app.services.search import SearchKind
from desk_app.storage.models import (
    CaseKind,
    CaseState,
    ComplaintCategory,
    LetterKind,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
    ReportChannel,
)


def phone_kind_label(kind: PhoneKind | None) -> str:
    labels = {
        PhoneKind.HOME: QCoreApplication.translate("EnumLabels", "Home"),
        PhoneKind.MOBILE: QCoreApplication.translate("EnumLabels", "Mobile"),
        PhoneKind.WORK: QCoreApplication.translate("EnumLabels", "Work"),
    }
    return "" if kind is None else labels.get(kind, str(kind))


def call_state_label(state: CallState) -> str:
    labels = {
        CallState.RINGING: QCoreApplication.translate("EnumLabels", "Ringing"),
        CallState.ANSWERED: QCoreApplication.translate("EnumLabels", "On the line"),
        CallState.ENDED: QCoreApplication.translate("EnumLabels", "Ended"),
        CallState.MISSED: QCoreApplication.translate("EnumLabels", "Missed"),
    }
    return labels.get(state, str(state))


def source_state_label(state: SourceState) -> str:
    labels = {
        SourceState.STARTING: QCoreApplication.translate("EnumLabels", "starting"),
        SourceState.CONNECTED: QCoreApplication.translate("EnumLabels", "connected"),
        SourceState.LISTENING: QCoreApplication.translate("EnumLabels", "listening"),
        SourceState.DISCONNECTED: QCoreApplication.translate("EnumLabels", "disconnected, retrying"),
        SourceState.STOPPED: QCoreApplication.translate("EnumLabels", "stopped"),
        SourceState.FAILED: QCoreApplication.translate("EnumLabels", "failed"),
    }
    return labels.get(state, str(state))


def order_channel_label(channel: OrderChannel) -> str:
    labels = {
        OrderChannel.TV: QCoreApplication.translate("EnumLabels", "TV"),
        OrderChannel.CATALOGUE: QCoreApplication.translate("EnumLabels", "Catalogue"),
        OrderChannel.WEB: QCoreApplication.translate("EnumLabels", "Web"),
        OrderChannel.PHONE: QCoreApplication.translate("EnumLabels", "Phone"),
    }
    return labels.get(channel, str(channel))


def provision_basis_label(basis: ProvisionBasis) -> str:
    labels = {
        ProvisionBasis.CONSENT: QCoreApplication.translate("EnumLabels", "Consent"),
        ProvisionBasis.ENTRUSTMENT: QCoreApplication.translate("EnumLabels", "Entrustment"),
        ProvisionBasis.LAW: QCoreApplication.translate("EnumLabels", "Required by law"),
    }
    return labels.get(basis, str(basis))


def case_kind_label(kind: CaseKind) -> str:
    labels = {
        CaseKind.DISCLOSURE: QCoreApplication.translate("EnumLabels", "Disclosure"),
        # Short enough for the Cases dock's column beside the state and due date.
        CaseKind.PROVISION_DISCLOSURE: QCoreApplication.translate(
            "EnumLabels", "Provision records", "case kind"
        ),
        CaseKind.CORRECTION: QCoreApplication.translate("EnumLabels", "Correction"),
        CaseKind.SUSPENSION: QCoreApplication.translate("EnumLabels", "Suspension of use"),
        CaseKind.DELETION: QCoreApplication.translate("EnumLabels", "Deletion"),
        CaseKind.COMPLAINT: QCoreApplication.translate("EnumLabels", "Complaint"),
        CaseKind.SUSPICIOUS_REPORT: QCoreApplication.translate("EnumLabels", "Suspicious contact"),
    }
    return labels.get(kind, str(kind))


def letter_kind_label(kind: LetterKind) -> str:
    labels = {
        LetterKind.DISCLOSURE: QCoreApplication.translate("EnumLabels", "Disclosure"),
        LetterKind.PROVISION_RECORDS: QCoreApplication.translate("EnumLabels", "Provision records"),
        LetterKind.CORRECTION_COMPLETED: QCoreApplication.translate("EnumLabels", "Correction completed"),
        LetterKind.MAILING_STOPPED: QCoreApplication.translate("EnumLabels", "Mailing stopped"),
        LetterKind.DELETION_COMPLETED: QCoreApplication.translate("EnumLabels", "Deletion completed"),
        LetterKind.REFUSAL: QCoreApplication.translate("EnumLabels", "Refusal"),
        LetterKind.NO_DATA_HELD: QCoreApplication.translate("EnumLabels", "No personal data held"),
        LetterKind.FEE_PAYMENT_NOTICE: QCoreApplication.translate("EnumLabels", "Fee-payment notice"),
    }
    return labels.get(kind, str(kind))


def refusal_ground_label(ground: RefusalGround) -> str:
    """The ground as the agent chooses it, with the article the letter cites."""
    labels = {
        RefusalGround.HARM_TO_PERSON: QCoreApplication.translate(
            "EnumLabels",
            "Harm to the life, body, property or other rights of the person or others (Art. 33(2)(i))",
        ),
        RefusalGround.BUSINESS_INTERFERENCE: QCoreApplication.translate(
            "EnumLabels", "Serious interference with the proper conduct of our business (Art. 33(2)(ii))"
        ),
        RefusalGround.VIOLATION_OF_LAW: QCoreApplication.translate(
            "EnumLabels", "Disclosing would violate another law (Art. 33(2)(iii))"
        ),
        RefusalGround.IDENTITY_UNCONFIRMED: QCoreApplication.translate(
            "EnumLabels", "The caller's identity could not be confirmed"
        ),
        RefusalGround.OTHER: QCoreApplication.translate(
            "EnumLabels", "Another reason, explained in the text"
        ),
    }
    return labels.get(ground, str(ground))


def case_state_label(state: CaseState) -> str:
    labels = {
        CaseState.RECEIVED: QCoreApplication.translate("EnumLabels", "Received"),
        CaseState.IDENTITY_PENDING: QCoreApplication.translate("EnumLabels", "Identity pending"),
        CaseState.IDENTITY_VERIFIED: QCoreApplication.translate("EnumLabels", "Identity verified"),
        CaseState.FEE_PENDING: QCoreApplication.translate("EnumLabels", "Fee pending"),
        CaseState.FEE_RECEIVED: QCoreApplication.translate("EnumLabels", "Fee received"),
        CaseState.IN_PROGRESS: QCoreApplication.translate("EnumLabels", "In progress"),
        CaseState.AWAITING_APPROVAL: QCoreApplication.translate("EnumLabels", "Awaiting approval"),
        CaseState.COMPLETED: QCoreApplication.translate("EnumLabels", "Completed"),
        CaseState.REFUSED: QCoreApplication.translate("EnumLabels", "Refused"),
        CaseState.WITHDRAWN: QCoreApplication.translate("EnumLabels", "Withdrawn"),
    }
    return labels.get(state, str(state))


def search_kind_label(kind: SearchKind) -> str:
    labels = {
        SearchKind.PHONE: QCoreApplication.translate("EnumLabels", "phone number"),
        SearchKind.CUSTOMER_NO: QCoreApplication.translate("EnumLabels", "customer number"),
        SearchKind.POSTAL_CODE: QCoreApplication.translate("EnumLabels", "postal code"),
        SearchKind.KANA: QCoreApplication.translate("EnumLabels", "kana"),
        SearchKind.NAME: QCoreApplication.translate("EnumLabels", "name"),
        SearchKind.EMPTY: "",
    }
    return labels.get(kind, str(kind))


def complaint_category_label(category: ComplaintCategory) -> str:
    labels = {
        ComplaintCategory.UNWANTED_MAILINGS: QCoreApplication.translate(
            "EnumLabels", "Unwanted catalogues, mail or contact"
        ),
        ComplaintCategory.WRONG_DATA: QCoreApplication.translate("EnumLabels", "Wrong registered details"),
        ComplaintCategory.LEAK_OR_MISUSE: QCoreApplication.translate(
            "EnumLabels", "Suspected leak or misuse"
        ),
        ComplaintCategory.REQUEST_HANDLING: QCoreApplication.translate(
            "EnumLabels", "How a request was handled"
        ),
        ComplaintCategory.STAFF_CONDUCT: QCoreApplication.translate("EnumLabels", "Staff conduct"),
        ComplaintCategory.OTHER: QCoreApplication.translate("EnumLabels", "Other"),
    }
    return labels.get(category, str(category))


def report_channel_label(channel: ReportChannel) -> str:
    labels = {
        ReportChannel.POST: QCoreApplication.translate("EnumLabels", "Post"),
        ReportChannel.PHONE: QCoreApplication.translate("EnumLabels", "Phone"),
        ReportChannel.SMS: QCoreApplication.translate("EnumLabels", "SMS"),
        ReportChannel.EMAIL: QCoreApplication.translate("EnumLabels", "E-mail"),
        ReportChannel.WEB: QCoreApplication.translate("EnumLabels", "Website"),
    }
    return labels.get(channel, str(channel))
