"""The verify-identity step offers only the questions the record can check, and says when there is none."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot

from desk_app.config import CompanyProfile
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Step
from desk_app.services.cases.identity import DocumentCheck
from desk_app.services.cases.knowledge import KnowledgeItem
from ui.cases.identity_step_page import IdentityStepPage


@pytest.fixture(scope="module")
def step() -> Step:
    return load_scripts(resources_dir() / "scripts")["disclosure"].step("verify_identity")


def _page(
    qtbot: QtBot,
    step: Step,
    items: tuple[KnowledgeItem, ...],
    checks: list[IdentityMethod],
    *,
    caller_id_checks_left: int = 3,
    inputs: list[dict[str, object]] | None = None,
) -> IdentityStepPage:
    def check(method: IdentityMethod, given: dict[str, object]) -> None:
        checks.append(method)
        if inputs is not None:
            inputs.append(given)

    page = IdentityStepPage(
        step,
        CompanyProfile(),
        "ja",
        None,
        caller_number="06-6123-4567",
        registered_numbers=("06-6123-4567",),
        knowledge_items=items,
        check=check,
        caller_id_checks_left=caller_id_checks_left,
    )
    qtbot.addWidget(page)
    return page


def test_a_question_the_record_cannot_check_is_not_offered(qtbot: QtBot, step: Step) -> None:
    checks: list[IdentityMethod] = []
    page = _page(qtbot, step, (KnowledgeItem.STREET_NUMBER, KnowledgeItem.RECENT_ORDER), checks)
    offered = [page.knowledge_item.itemData(row) for row in range(page.knowledge_item.count())]
    assert offered == ["street_number", "recent_order"]  # no date of birth on file: never asked


def test_with_nothing_to_ask_the_agent_is_told_to_use_another_method(qtbot: QtBot, step: Step) -> None:
    checks: list[IdentityMethod] = []
    page = _page(qtbot, step, (), checks)
    assert page.knowledge_item.count() == 0
    page.said.setText("1972-03-14")
    page.check_button.click()
    assert checks == []
    assert page.result_label.text() == (
        "The record holds nothing to ask the caller about: use another method."
    )


def _method_button(page: IdentityStepPage, method: IdentityMethod) -> QRadioButton:
    (button,) = [b for b in page.findChildren(QRadioButton) if b.property("method") == method.value]
    return button


def test_the_caller_id_check_sends_the_question_and_answer_and_never_a_number(
    qtbot: QtBot, step: Step
) -> None:
    checks: list[IdentityMethod] = []
    sent: list[dict[str, object]] = []
    page = _page(qtbot, step, (KnowledgeItem.STREET_NUMBER,), checks, inputs=sent)
    assert "number only" in page.said.placeholderText()
    page.said.setText("1-2-3")
    page.check_button.click()
    assert sent == [{"knowledge_item": "street_number", "said": "1-2-3"}]


def test_documents_send_what_the_agent_found_the_same_as_the_record(qtbot: QtBot, step: Step) -> None:
    checks: list[IdentityMethod] = []
    sent: list[dict[str, object]] = []
    page = _page(qtbot, step, (), checks, inputs=sent)
    _method_button(page, IdentityMethod.DOCUMENTS).setChecked(True)
    page.document_type.setText("運転免許証の写し")
    # Nothing is ticked for the agent: each is what they compared and found the same.
    assert not any(box.isChecked() for box in page.document_matches.values())
    page.document_matches[DocumentCheck.NAME].setChecked(True)
    page.document_matches[DocumentCheck.ADDRESS].setChecked(True)
    page.check_button.click()
    assert checks == [IdentityMethod.DOCUMENTS]
    assert sent[0]["matched"] == ["name", "address"]
    assert sent[0]["email"] == ""  # the request form gave none


def test_a_callback_sends_the_e_mail_address_the_customer_confirmed(qtbot: QtBot, step: Step) -> None:
    checks: list[IdentityMethod] = []
    sent: list[dict[str, object]] = []
    page = _page(qtbot, step, (), checks, inputs=sent)
    _method_button(page, IdentityMethod.CALLBACK).setChecked(True)
    page.callback_answered.setChecked(True)
    assert page.callback_email.placeholderText().startswith("optional")
    page.callback_email.setText(" jiro@example.jp ")
    page.check_button.click()
    assert sent == [{"dialled": "06-6123-4567", "result": "answered", "email": "jiro@example.jp"}]
    # The caller-ID check carries no address: one said on the call the request came in on is never kept.
    _method_button(page, IdentityMethod.CALLER_ID_AND_KNOWLEDGE).setChecked(True)
    assert "email" not in page.inputs()


def test_after_three_failed_caller_id_checks_that_method_is_no_longer_offered(
    qtbot: QtBot, step: Step
) -> None:
    checks: list[IdentityMethod] = []
    page = _page(qtbot, step, (KnowledgeItem.BIRTH_DATE,), checks, caller_id_checks_left=1)
    caller_id = _method_button(page, IdentityMethod.CALLER_ID_AND_KNOWLEDGE)
    assert caller_id.isEnabled()
    assert caller_id.isChecked()
    page.said.setText("1972-03-15")
    page.check_button.click()
    page.show_result(False, "the knowledge check failed", 0)
    assert not caller_id.isEnabled()
    assert page.chosen_method() is not IdentityMethod.CALLER_ID_AND_KNOWLEDGE
    assert "callback or documents" in page.result_label.text()
    # Opened again on a case that has used its three checks, the page offers only the others.
    reopened = _page(qtbot, step, (KnowledgeItem.BIRTH_DATE,), checks, caller_id_checks_left=0)
    assert not _method_button(reopened, IdentityMethod.CALLER_ID_AND_KNOWLEDGE).isEnabled()
    assert reopened.chosen_method() is not IdentityMethod.CALLER_ID_AND_KNOWLEDGE
