"""The verify-identity step offers only the questions the record can check, and says when there is none."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desk_app.cases.identity_methods import IdentityMethod
from desk_app.config import CompanyProfile
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Step
from desk_app.services.identity import KnowledgeItem
from ui.identity_step_page import IdentityStepPage


@pytest.fixture(scope="module")
def step() -> Step:
    return load_scripts(resources_dir() / "scripts")["disclosure"].step("verify_identity")


def _page(
    qtbot: QtBot, step: Step, items: tuple[KnowledgeItem, ...], checks: list[IdentityMethod]
) -> IdentityStepPage:
    page = IdentityStepPage(
        step,
        CompanyProfile(),
        "ja",
        None,
        caller_number="06-6123-4567",
        registered_numbers=("06-6123-4567",),
        knowledge_items=items,
        check=lambda method, _inputs: checks.append(method),
    )
    qtbot.addWidget(page)
    return page


def test_a_question_the_record_cannot_check_is_not_offered(qtbot: QtBot, step: Step) -> None:
    checks: list[IdentityMethod] = []
    page = _page(qtbot, step, (KnowledgeItem.ADDRESS, KnowledgeItem.RECENT_ORDER), checks)
    offered = [page.knowledge_item.itemData(row) for row in range(page.knowledge_item.count())]
    assert offered == ["address", "recent_order"]  # no date of birth on file: never asked


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
