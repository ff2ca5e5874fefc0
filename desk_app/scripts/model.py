"""A talk script as frozen values: the script, its ordered steps and what each kind of step needs."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

from desk_app.domain.enums import CaseKind
from desk_app.domain.identity_methods import IdentityMethod

Language = Literal["ja", "en"]
# A `next` that finishes the script instead of naming a step, e.g. when the caller withdraws.
END = "end"


class StepKind(enum.StrEnum):
    SAY = "say"
    CONFIRM = "confirm"
    ASK = "ask"
    CHOOSE = "choose"
    VERIFY_IDENTITY = "verify_identity"
    ACTION = "action"
    NOTE = "note"


class InputType(enum.StrEnum):
    TEXT = "text"
    PHONE = "phone"
    POSTAL_CODE = "postal_code"
    DATE = "date"
    YEN = "yen"
    EMAIL = "email"
    MULTILINE = "multiline"


class Condition(enum.StrEnum):
    """What a step's `when` asks of the case. The desk knows it; the agent is never asked."""

    CUSTOMER = "customer"  # the case is about a customer on file (not erased)
    NO_CUSTOMER = "no_customer"
    REGISTERED_NUMBER = "registered_number"  # that customer has a phone number on file to call back
    NO_REGISTERED_NUMBER = "no_registered_number"
    FEE = "fee"  # the request charges a fee (a notice of purposes only where the configuration sets one)
    NO_FEE = "no_fee"
    INCIDENT = "incident"  # the case is about a leak incident (`cases.incident_id`): its record is read out
    NO_INCIDENT = "no_incident"


@dataclass(frozen=True)
class CaseFacts:
    """What the desk knows about a case that decides which `when` steps are shown."""

    customer: bool
    registered_number: bool
    fee: bool = False
    incident: bool = False

    def holds(self, condition: Condition) -> bool:
        if condition in (Condition.FEE, Condition.NO_FEE):
            return self.fee is (condition is Condition.FEE)
        if condition in (Condition.INCIDENT, Condition.NO_INCIDENT):
            return self.incident is (condition is Condition.INCIDENT)
        if condition is Condition.CUSTOMER:
            return self.customer
        if condition is Condition.NO_CUSTOMER:
            return not self.customer
        if condition is Condition.REGISTERED_NUMBER:
            return self.registered_number
        return not self.registered_number


class Operation(enum.StrEnum):
    """The service operations an action step may name; case services implement each one."""

    REQUEST_FEE = "request_fee"
    RECORD_FEE = "record_fee"
    STOP_MAILINGS = "stop_mailings"
    APPLY_CORRECTION = "apply_correction"
    PROPOSE_ERASURE = "propose_erasure"
    RECORD_COMPLAINT = "record_complaint"
    RECORD_REPORT = "record_report"
    ESCALATE = "escalate"
    PREPARE_LETTER = "prepare_letter"
    STOP_PROVISION = "stop_provision"
    RECORD_PURPOSES = "record_purposes"
    RECORD_FOREIGN_TRANSFER = "record_foreign_transfer"
    ANSWER_JOINT_USE = "answer_joint_use"
    ANSWER_LEAK_INQUIRY = "answer_leak_inquiry"


@dataclass(frozen=True)
class LocalText:
    ja: str
    en: str

    def in_language(self, language: Language) -> str:
        return self.ja if language == "ja" else self.en


@dataclass(frozen=True)
class Say:
    """Talk text only."""


@dataclass(frozen=True)
class Shown:
    """An earlier answer a confirm step shows for the agent to read back (`field`: an ask's field or a
    choose step's id)."""

    field: str
    label: LocalText


@dataclass(frozen=True)
class Confirm:
    """A box the agent must tick before going on; `shows` the answers it reads back, as answered."""

    label: LocalText
    shows: tuple[Shown, ...] = ()


@dataclass(frozen=True)
class Ask:
    """Typed input, checked by `desk_app.scripts.answers.check_answer`."""

    field: str
    input: InputType
    required: bool
    max_length: int | None = None
    # The field of an earlier postal-code answer: this answer starts as that code's address.
    from_postal_code: str | None = None


@dataclass(frozen=True)
class Option:
    value: str
    label: LocalText
    next: str | None = None


@dataclass(frozen=True)
class Choose:
    """One option among several; an option's `next` branches."""

    options: tuple[Option, ...]

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class VerifyIdentity:
    """The identity check; the answer is the method that succeeded."""

    methods: tuple[IdentityMethod, ...]


@dataclass(frozen=True)
class Action:
    """A service operation the wizard runs at this point."""

    operation: Operation


@dataclass(frozen=True)
class Note:
    """A free text box for the agent."""


StepDetail = Say | Confirm | Ask | Choose | VerifyIdentity | Action | Note


@dataclass(frozen=True)
class Step:
    id: str
    kind: StepKind
    text: LocalText
    detail: StepDetail
    # The step after this one when it is not the following one; `END` finishes the script.
    next: str | None = None
    # Shown only when this holds for the case; otherwise passed over: the walk goes on to the step that
    # would follow it (its `next`, or the following one).
    when: Condition | None = None


@dataclass(frozen=True)
class Script:
    id: str
    version: int
    kind: CaseKind
    title: LocalText
    steps: tuple[Step, ...]

    def index(self, step_id: str) -> int:
        """The position of `step_id` (from 0); `KeyError` if the script has no such step."""
        for number, step in enumerate(self.steps):
            if step.id == step_id:
                return number
        raise KeyError(f"script {self.id!r} has no step {step_id!r}")

    def step(self, step_id: str) -> Step:
        return self.steps[self.index(step_id)]
