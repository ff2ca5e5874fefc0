"""The script wizard walks the real talk scripts by keyboard, branches, goes back, resumes and cancels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from desk_app.config import CompanyProfile
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Script
from desk_app.scripts.progress import ScriptDraft
from ui.cases.script_wizard import ScriptWizard

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def scripts() -> dict[str, Script]:
    return load_scripts(resources_dir() / "scripts")


def open_wizard(
    qtbot: QtBot, script: Script, draft: ScriptDraft | None = None, *, host: bool = True
) -> ScriptWizard:
    """The wizard alone; with `host`, a stand-in for case work that accepts every action at once."""
    wizard = ScriptWizard(script, CompanyProfile(), draft=draft)
    if host:
        wizard.action_requested.connect(lambda step_id, _answers, _inputs: wizard.action_succeeded(step_id))
    qtbot.addWidget(wizard)
    wizard.resize(900, 600)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    wizard.focus_step()
    return wizard


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press_next(qtbot: QtBot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)


def choose_option(qtbot: QtBot, wizard: ScriptWizard, number: int) -> None:
    """Alt+number, the option's mnemonic; Qt clicks the button a moment later (animateClick)."""
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
    options = wizard.page.options
    assert options is not None
    qtbot.waitUntil(lambda: options.checkedId() == number)


def press_back(qtbot: QtBot, wizard: ScriptWizard) -> None:
    with qtbot.waitSignal(wizard.step_changed):
        qtbot.keyClick(focused(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)


def walk_to(qtbot: QtBot, wizard: ScriptWizard, step_id: str) -> None:
    """Ctrl+Return until `step_id`, ticking confirms with Space and taking the first option."""
    while wizard.current_step != step_id:
        if wizard.page.confirm_box is not None or wizard.page.options is not None:
            qtbot.keyClick(focused(), Qt.Key.Key_Space)
        before = wizard.current_step
        press_next(qtbot)
        assert wizard.current_step != before, f"stuck at {before}"


def test_the_disclosure_script_runs_from_first_to_last_step_by_keyboard(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    wizard = open_wizard(qtbot, scripts["disclosure"])
    walk_to(qtbot, wizard, "delivery")
    choose_option(qtbot, wizard, 2)  # electronic (PDF)
    press_next(qtbot)
    # Where an electronic record may go is said, never asked: an address given on the call is not used.
    assert wizard.current_step == "electronic_address"
    assert "お電話で伺ったメールアドレスへお送りすることはいたしかねます" in wizard.talk_label.text()
    assert wizard.page.answer_field is None
    walk_to(qtbot, wizard, "notes")
    assert wizard.progress_label.text() == "Step 12 of 12"
    qtbot.keyClicks(focused(), "Wants the PDF soon")
    with qtbot.waitSignal(wizard.finished) as finished:
        press_next(qtbot)
    assert finished.args == [
        {
            "fee": "yes",
            "request_fee": "done",
            "delivery": "electronic",
            "prepare_letter": "done",
            "notes": "Wants the PDF soon",
        }
    ]
    assert not wizard.next_button.isEnabled()


def test_japanese_talk_text_and_progress_are_shown(qtbot: QtBot, scripts: dict[str, Script]) -> None:
    wizard = open_wizard(qtbot, scripts["disclosure"])
    text = wizard.talk_label.text()
    assert "お電話" in text
    assert CompanyProfile().name in text
    assert "{" not in text
    # A letter, the first option, passes over what an electronic record needs.
    assert wizard.progress_label.text() == "Step 1 of 11"
    assert wizard.title_label.text() == "保有個人データの開示請求"
    assert not wizard.back_button.isEnabled()


def test_action_and_identity_steps_say_case_work_carries_them_out(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    wizard = open_wizard(qtbot, scripts["disclosure"])
    walk_to(qtbot, wizard, "verify_identity")
    assert wizard.page.note_label.text() == "(this step is carried out by case work)"
    assert wizard.next_button.isEnabled()


def test_a_confirm_step_blocks_next_until_ticked(qtbot: QtBot, scripts: dict[str, Script]) -> None:
    wizard = open_wizard(qtbot, scripts["disclosure"])
    walk_to(qtbot, wizard, "fee")
    assert "404円" in wizard.talk_label.text()
    assert not wizard.next_button.isEnabled()
    press_next(qtbot)
    assert wizard.current_step == "fee"
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert wizard.next_button.isEnabled()
    press_next(qtbot)
    assert wizard.current_step == "request_fee"


def test_an_invalid_answer_shows_the_reason_and_stays(qtbot: QtBot, scripts: dict[str, Script]) -> None:
    wizard = open_wizard(qtbot, scripts["correction"])
    walk_to(qtbot, wizard, "target")
    wizard.page.options.button(4).setChecked(True)  # type: ignore[union-attr]
    press_next(qtbot)
    qtbot.keyClicks(focused(), "abc")
    press_next(qtbot)
    assert wizard.current_step == "new_email"
    assert "not an e-mail address" in wizard.page.error_label.text()
    assert wizard.page.error_label.isVisible()


def test_an_invalid_postal_code_is_refused_then_stored_as_7_digits(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    wizard = open_wizard(qtbot, scripts["correction"])
    walk_to(qtbot, wizard, "target")
    choose_option(qtbot, wizard, 1)  # the address
    press_next(qtbot)
    assert wizard.current_step == "new_postal_code"
    qtbot.keyClicks(focused(), "abc")
    press_next(qtbot)
    assert wizard.current_step == "new_postal_code"
    assert "7 digits" in wizard.page.error_label.text()
    focused().clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(focused(), "530-0001")
    assert wizard.page.error_label.text() == ""
    with qtbot.waitSignal(wizard.draft_changed) as saved:
        press_next(qtbot)
    assert saved.args[0].answers["new_postal_code"] == "5300001"


def test_keep_skips_the_erasure_confirm_and_back_retraces_the_path(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    wizard = open_wizard(qtbot, scripts["deletion"])
    walk_to(qtbot, wizard, "consequence")
    choose_option(qtbot, wizard, 2)  # keep
    press_next(qtbot)
    assert wizard.current_step == "keep_closing"
    with qtbot.waitSignal(wizard.step_changed) as changed:
        qtbot.keyClick(focused(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert changed.args == ["consequence"]
    assert wizard.page.options.checkedButton().property("option_value") == "keep"  # type: ignore[union-attr]
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # arrow keys move between the options
    press_next(qtbot)
    assert wizard.current_step == "confirm_consequence"
    assert not wizard.next_button.isEnabled()


def test_a_draft_after_each_move_resumes_at_the_same_step_with_answers(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    script = scripts["disclosure"]
    wizard = open_wizard(qtbot, script)
    drafts: list[ScriptDraft] = []
    wizard.draft_changed.connect(drafts.append)
    walk_to(qtbot, wizard, "delivery")
    assert [draft.current_step for draft in drafts] == [
        "request",
        "verify_identity",
        "items",
        "fee",
        "request_fee",
        "delivery",
    ]
    wizard.page.options.button(2).setChecked(True)  # type: ignore[union-attr]
    press_next(qtbot)
    press_next(qtbot)
    assert wizard.current_step == "response_time"
    press_back(qtbot, wizard)
    saved = ScriptDraft.from_json(drafts[-1].to_json())
    assert saved.current_step == "electronic_address"
    assert saved.answers == {"fee": "yes", "request_fee": "done", "delivery": "electronic"}

    resumed = open_wizard(qtbot, script, saved)
    assert resumed.current_step == "electronic_address"
    assert resumed.progress_label.text() == "Step 8 of 12"
    press_back(qtbot, resumed)
    assert resumed.current_step == "delivery"
    assert resumed.page.options.checkedButton().property("option_value") == "electronic"  # type: ignore[union-attr]


def test_a_draft_from_another_version_is_refused(qtbot: QtBot, scripts: dict[str, Script]) -> None:
    script = scripts["disclosure"]
    with pytest.raises(ValueError, match="version"):
        ScriptWizard(script, CompanyProfile(), draft=ScriptDraft(script.id, script.version + 1, "fee", {}))


def test_cancel_needs_a_reason(
    qtbot: QtBot, scripts: dict[str, Script], monkeypatch: pytest.MonkeyPatch
) -> None:
    replies = iter([("  ", True), ("Caller withdrew the request", True)])
    prompts: list[str] = []

    def get_text(_parent: QWidget, _title: str, label: str, *_args: object) -> tuple[str, bool]:
        prompts.append(label)
        return next(replies)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    wizard = open_wizard(qtbot, scripts["disclosure"])
    requested: list[bool] = []
    wizard.cancel_requested.connect(lambda: requested.append(True))
    with qtbot.waitSignal(wizard.cancelled) as cancelled:
        wizard.cancel()
    assert requested == [True]
    assert cancelled.args == ["Caller withdrew the request"]
    assert len(prompts) == 2
    assert "reason is needed" in prompts[1]
    assert not wizard.next_button.isEnabled()


def test_dismissing_the_reason_keeps_the_script_going(
    qtbot: QtBot, scripts: dict[str, Script], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args: ("", False))
    wizard = open_wizard(qtbot, scripts["disclosure"])
    with qtbot.assertNotEmitted(wizard.cancelled):
        wizard.cancel()
    assert wizard.next_button.isEnabled()


def test_an_action_step_waits_for_case_work_and_stays_on_a_refusal(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    wizard = open_wizard(qtbot, scripts["disclosure"], host=False)
    walk_to(qtbot, wizard, "request_fee")
    with qtbot.waitSignal(wizard.action_requested) as requested:
        press_next(qtbot)
    assert requested.args[0] == "request_fee"
    assert requested.args[1]["fee"] == "yes"
    assert requested.args[2] == {}
    # While case work runs, nothing can be pressed twice.
    assert wizard.busy
    assert not wizard.next_button.isEnabled()
    assert not wizard.back_button.isEnabled()
    assert not wizard.cancel_button.isEnabled()
    wizard.action_failed("Not done: the caller's identity is not verified")
    assert wizard.current_step == "request_fee"
    assert wizard.page.error_label.text() == "Not done: the caller's identity is not verified"
    assert wizard.next_button.isEnabled()
    with qtbot.waitSignal(wizard.action_requested):
        press_next(qtbot)
    with qtbot.waitSignal(wizard.step_changed) as changed:
        wizard.action_succeeded("request_fee")
    assert changed.args == ["delivery"]
    assert wizard.answers["request_fee"] == "done"


def test_back_never_goes_before_a_step_that_changed_the_record(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    wizard = open_wizard(qtbot, scripts["disclosure"])
    walk_to(qtbot, wizard, "delivery")
    # The fee was requested one step ago: going back would offer to request it again.
    assert not wizard.back_button.isEnabled()
    choose_option(qtbot, wizard, 1)
    press_next(qtbot)
    assert wizard.current_step == "response_time"
    assert wizard.back_button.isEnabled()
    press_back(qtbot, wizard)
    assert wizard.current_step == "delivery"
    assert not wizard.back_button.isEnabled()


def test_a_resumed_action_already_carried_out_is_not_requested_again(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    script = scripts["disclosure"]
    draft = ScriptDraft(
        script_id=script.id,
        version=script.version,
        current_step="request_fee",
        answers={"fee": "yes", "request_fee": "done"},
    )
    wizard = open_wizard(qtbot, script, draft, host=False)
    with qtbot.assertNotEmitted(wizard.action_requested):
        press_next(qtbot)
    assert wizard.current_step == "delivery"


def test_the_confirm_sentence_wraps_and_a_click_on_it_ticks_the_box(
    qtbot: QtBot, scripts: dict[str, Script]
) -> None:
    wizard = open_wizard(qtbot, scripts["disclosure"])
    walk_to(qtbot, wizard, "fee")
    box, label = wizard.page.confirm_box, wizard.page.confirm_label
    assert box is not None
    assert label.wordWrap()
    assert box.accessibleName() == label.text()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    assert wizard.next_button.isEnabled()
