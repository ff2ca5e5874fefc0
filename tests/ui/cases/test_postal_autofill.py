"""The correction form: a complete postal code fills prefecture, city and an empty street, or is not found."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from pytestqt.qtbot import QtBot

from desk_app import paths
from desk_app.config import CompanyProfile
from desk_app.scripts.loader import load_scripts
from tests.support.qt_input import ime_commit
from ui.cases.action_step_pages import CorrectionStepPage


@pytest.fixture(scope="module")
def step():  # type: ignore[no-untyped-def]
    return load_scripts(paths.resources_dir() / "scripts")["correction"].step("apply_correction")


def _page(qtbot: QtBot, step, proposal: Mapping[str, str]) -> CorrectionStepPage:  # type: ignore[no-untyped-def]
    page = CorrectionStepPage(
        step, CompanyProfile(), "ja", None, proposal=proposal, current={}, row_version=1
    )
    qtbot.addWidget(page)
    return page


def _texts(page: CorrectionStepPage) -> dict[str, str]:
    return {field: edit.text() for field, edit in page.fields.items()}


def test_typing_a_complete_code_fills_the_address(qtbot: QtBot, step) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, step, {"postal_code": ""})
    qtbot.keyClicks(page.fields["postal_code"], "100-000")
    assert _texts(page)["prefecture"] == ""  # not complete yet
    qtbot.keyClicks(page.fields["postal_code"], "1")
    assert _texts(page) == {
        "postal_code": "100-0001",
        "prefecture": "東京都",
        "city": "千代田区",
        "street": "千代田",
        "building": "",
    }
    assert page.postal_note.text() == ""


def test_a_prefilled_code_fills_only_what_is_empty(qtbot: QtBot, step) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, step, {"postal_code": "5300012", "street": "芝田2-4-6"})
    assert _texts(page) == {
        "postal_code": "5300012",
        "prefecture": "大阪府",
        "city": "大阪市北区",
        "street": "芝田2-4-6",
        "building": "",
    }


def test_what_the_agent_typed_since_is_kept(qtbot: QtBot, step) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, step, {"postal_code": ""})
    qtbot.keyClicks(page.fields["postal_code"], "1000001")
    page.fields["street"].clear()
    ime_commit(page.fields["street"], "千代田1-1")
    page.fields["postal_code"].clear()
    qtbot.keyClicks(page.fields["postal_code"], "5300001")
    # The autofilled prefecture and city follow the new code; the street the agent typed stays.
    assert _texts(page)["prefecture"] == "大阪府"
    assert _texts(page)["city"] == "大阪市北区"
    assert _texts(page)["street"] == "千代田1-1"


def test_a_code_that_does_not_exist_is_said(qtbot: QtBot, step) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, step, {"postal_code": ""})
    qtbot.keyClicks(page.fields["postal_code"], "000-0000")
    assert page.postal_note.text() == "〒 not found"
    assert _texts(page)["prefecture"] == ""
    page.fields["postal_code"].clear()
    assert page.postal_note.text() == ""
