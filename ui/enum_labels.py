"""The core's enumerations in words for the agent, each wrapped for translation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.callerid.events import CallState
from desk_app.callerid.source import SourceState
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


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnumLabels", text)


def phone_kind_label(kind: PhoneKind | None) -> str:
    labels = {PhoneKind.HOME: _tr("Home"), PhoneKind.MOBILE: _tr("Mobile"), PhoneKind.WORK: _tr("Work")}
    return "" if kind is None else labels.get(kind, str(kind))


def call_state_label(state: CallState) -> str:
    labels = {
        CallState.RINGING: _tr("Ringing"),
        CallState.ANSWERED: _tr("On the line"),
        CallState.ENDED: _tr("Ended"),
        CallState.MISSED: _tr("Missed"),
    }
    return labels.get(state, str(state))


def source_state_label(state: SourceState) -> str:
    labels = {
        SourceState.STARTING: _tr("starting"),
        SourceState.CONNECTED: _tr("connected"),
        SourceState.LISTENING: _tr("listening"),
        SourceState.DISCONNECTED: _tr("disconnected, retrying"),
        SourceState.STOPPED: _tr("stopped"),
        SourceState.FAILED: _tr("failed"),
    }
    return labels.get(state, str(state))


def order_channel_label(channel: OrderChannel) -> str:
    labels = {
        OrderChannel.TV: _tr("TV"),
        OrderChannel.CATALOGUE: _tr("Catalogue"),
        OrderChannel.WEB: _tr("Web"),
        OrderChannel.PHONE: _tr("Phone"),
    }
    return labels.get(channel, str(channel))


def provision_basis_label(basis: ProvisionBasis) -> str:
    labels = {
        ProvisionBasis.CONSENT: _tr("Consent"),
        ProvisionBasis.ENTRUSTMENT: _tr("Entrustment"),
        ProvisionBasis.LAW: _tr("Required by law"),
    }
    return labels.get(basis, str(basis))


def case_kind_label(kind: CaseKind) -> str:
    labels = {
        CaseKind.DISCLOSURE: _tr("Disclosure"),
        CaseKind.PROVISION_DISCLOSURE: _tr("Provision-record disclosure"),
        CaseKind.CORRECTION: _tr("Correction"),
        CaseKind.SUSPENSION: _tr("Suspension of use"),
        CaseKind.DELETION: _tr("Deletion"),
        CaseKind.COMPLAINT: _tr("Complaint"),
        CaseKind.SUSPICIOUS_REPORT: _tr("Suspicious contact"),
    }
    return labels.get(kind, str(kind))


def letter_kind_label(kind: LetterKind) -> str:
    labels = {
        LetterKind.DISCLOSURE: _tr("Disclosure"),
        LetterKind.PROVISION_RECORDS: _tr("Provision records"),
        LetterKind.CORRECTION_COMPLETED: _tr("Correction completed"),
        LetterKind.MAILING_STOPPED: _tr("Mailing stopped"),
        LetterKind.DELETION_COMPLETED: _tr("Deletion completed"),
        LetterKind.REFUSAL: _tr("Refusal"),
        LetterKind.NO_DATA_HELD: _tr("No personal data held"),
    }
    return labels.get(kind, str(kind))


def case_state_label(state: CaseState) -> str:
    labels = {
        CaseState.RECEIVED: _tr("Received"),
        CaseState.IDENTITY_PENDING: _tr("Identity pending"),
        CaseState.IDENTITY_VERIFIED: _tr("Identity verified"),
        CaseState.FEE_PENDING: _tr("Fee pending"),
        CaseState.FEE_RECEIVED: _tr("Fee received"),
        CaseState.IN_PROGRESS: _tr("In progress"),
        CaseState.AWAITING_APPROVAL: _tr("Awaiting approval"),
        CaseState.COMPLETED: _tr("Completed"),
        CaseState.REFUSED: _tr("Refused"),
        CaseState.WITHDRAWN: _tr("Withdrawn"),
    }
    return labels.get(state, str(state))


def search_kind_label(kind: SearchKind) -> str:
    labels = {
        SearchKind.PHONE: _tr("phone number"),
        SearchKind.CUSTOMER_NO: _tr("customer number"),
        SearchKind.POSTAL_CODE: _tr("postal code"),
        SearchKind.KANA: _tr("kana"),
        SearchKind.NAME: _tr("name"),
        SearchKind.EMPTY: "",
    }
    return labels.get(kind, str(kind))


def complaint_category_label(category: ComplaintCategory) -> str:
    labels = {
        ComplaintCategory.UNWANTED_MAILINGS: _tr("Unwanted catalogues, mail or contact"),
        ComplaintCategory.WRONG_DATA: _tr("Wrong registered details"),
        ComplaintCategory.LEAK_OR_MISUSE: _tr("Suspected leak or misuse"),
        ComplaintCategory.REQUEST_HANDLING: _tr("How a request was handled"),
        ComplaintCategory.STAFF_CONDUCT: _tr("Staff conduct"),
        ComplaintCategory.OTHER: _tr("Other"),
    }
    return labels.get(category, str(category))


def report_channel_label(channel: ReportChannel) -> str:
    labels = {
        ReportChannel.POST: _tr("Post"),
        ReportChannel.PHONE: _tr("Phone"),
        ReportChannel.SMS: _tr("SMS"),
        ReportChannel.EMAIL: _tr("E-mail"),
        ReportChannel.WEB: _tr("Website"),
    }
    return labels.get(channel, str(channel))
