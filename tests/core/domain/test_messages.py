"""The core's messages: every code has Japanese keeping its placeholders, every enum a word; both render."""

from __future__ import annotations

import ast
import enum
import re
import string
from pathlib import Path

import pytest

from desk_app.audit.canonical import CHAINS
from desk_app.audit.verify import CASES, ChainProblem, ProblemKind
from desk_app.domain.enums import CallState, CaseKind, CaseState, LetterKind
from desk_app.domain.letter_rules import LetterNotApplicable, answering_letter, stored_reason
from desk_app.domain.lifecycle import IllegalTransition, check_transition
from desk_app.domain.messages import (
    ENGLISH,
    JAPANESE,
    Message,
    command_line_words,
    message,
    message_of,
    render,
)
from desk_app.domain.messages.labels import FIELD_LABELS, enum_labels
from desk_app.domain.messages.texts import TEXTS
from desk_app.services.accounts import RefusalReason
from desk_app.services.admin.doctor import CHECKS, Problem

ROOT = Path(__file__).resolve().parents[3]
_LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_every_code_has_japanese_keeping_its_placeholders(code: str) -> None:
    english, japanese = TEXTS[code]
    assert japanese.strip() or not english.strip(), f"{code} has no Japanese"
    assert _fields(japanese) == _fields(english), f"{code}: the Japanese drops or adds a placeholder"


def test_every_code_the_core_uses_is_in_the_catalogue() -> None:
    """A `message("code", …)` anywhere in the core names a code with texts (an unknown one would show raw)."""
    used = set()
    for path in (ROOT / "desk_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "message"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    assert used, "the scan found the core's messages"
    assert sorted(used - set(TEXTS)) == []


def test_every_enumeration_member_has_words_in_both_languages() -> None:
    for kind, words in enum_labels().items():
        assert set(words) == set(kind), kind.__name__
        for member, (english, japanese) in words.items():
            assert bool(english) == bool(japanese), member
    assert all(japanese for _, japanese in FIELD_LABELS.values())


def test_english_is_the_historical_wording_and_japanese_says_states_in_words() -> None:
    with pytest.raises(LetterNotApplicable) as raised:
        answering_letter(CaseKind.DISCLOSURE, CaseState.FEE_PENDING, {}, "2026-000077")
    assert str(raised.value) == (
        "case 2026-000077 is fee_pending: a disclosure letter is made once the fee is received or waived"
    )
    japanese = render(raised.value.explanation, JAPANESE)
    assert japanese == (
        "案件 2026-000077 は「手数料待ち」です。開示の通知書は、手数料の受領または免除の後に作成します"
    )
    assert "fee_pending" not in japanese


def test_a_list_of_states_is_words_joined_the_japanese_way() -> None:
    with pytest.raises(IllegalTransition) as raised:
        check_transition(CaseKind.DISCLOSURE, CaseState.FEE_PENDING, CaseState.COMPLETED)
    assert "(allowed: fee_received, in_progress, withdrawn)" in str(raised.value)
    assert "（進める先: 手数料受領、対応中、取下げ）" in render(raised.value.explanation, JAPANESE)


def test_an_exception_without_a_code_says_its_english_in_every_language() -> None:
    error = ValueError("something plain")
    assert render(message_of(error), JAPANESE) == "something plain"
    assert isinstance(message_of(error), Message)


def test_the_command_line_speaks_japanese_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    error = IllegalTransition(message("case.already_final", state=CaseState.REFUSED))
    monkeypatch.delenv("DESK_APP_LANGUAGE", raising=False)
    assert command_line_words(error) == "the case is already refused"
    monkeypatch.setenv("DESK_APP_LANGUAGE", "ja")
    assert command_line_words(error) == "この案件はすでに「拒否」です"


def test_no_japanese_text_is_left_in_english() -> None:
    """A Japanese text may quote a format (YYYY-MM-DD) or a law's name, never an English sentence."""
    allowed = {"YYYYMMDD", "SHA-256", "name@example.jp", "SMS", "Shift_JIS"}
    for code, (_, japanese) in TEXTS.items():
        stripped = string.Formatter()
        literal = "".join(text for text, _, _, _ in stripped.parse(japanese))
        for word in _LATIN_WORD.findall(literal):
            assert any(word in item for item in allowed), f"{code}: {word!r} in {japanese!r}"


def test_enum_parameters_render_as_words_in_japanese() -> None:
    said = message("case.already_final", state=CaseState.WITHDRAWN)
    assert render(said, ENGLISH) == "the case is already withdrawn"
    assert render(said, JAPANESE) == "この案件はすでに「取下げ」です"
    assert isinstance(CaseState.WITHDRAWN, enum.Enum)


def test_every_name_a_code_is_made_from_has_its_texts() -> None:
    """Codes built from a name — a chain, a doctor check, a sign-in refusal — each have their texts."""
    built = {
        *(f"audit.chain.{chain}" for chain in (*CHAINS, CASES)),
        *(f"doctor.check.{check}" for check in CHECKS),
        *(f"sign_in.{reason.value}" for reason in RefusalReason),
    }
    assert sorted(built - set(TEXTS)) == []


@pytest.mark.parametrize(
    "said",
    [
        message("letter.awaits_decision", case_no="2026-000001"),
        message(
            "letter.calls_for_another",
            case_no="2026-000002",
            state=CaseState.REFUSED,
            wanted=LetterKind.REFUSAL,
        ),
        message("letter.case_reopened", case_no="2026-000003"),
        message("letter.not_by_letter", kind=CaseKind.COMPLAINT),
        message("letter.administrative", case_no="2026-000004"),
        message("letter.disclosure_after_fee", case_no="2026-000005", state=CaseState.FEE_PENDING),
        message("letter.nothing_decided", case_no="2026-000006", state=CaseState.IN_PROGRESS),
    ],
)
def test_a_void_reason_stored_in_english_reads_back_as_its_message(said: Message) -> None:
    assert stored_reason(str(said)) == said
    assert render(stored_reason(str(said)), JAPANESE) == render(said, JAPANESE)


def test_a_stored_reason_of_another_wording_is_shown_as_written() -> None:
    assert render(stored_reason("voided by hand before 2026"), JAPANESE) == "voided by hand before 2026"
    assert render(stored_reason("case 1 is nonsense: nothing is decided to write"), JAPANESE) == (
        "case 1 is nonsense: nothing is decided to write"
    )


def test_an_audit_problem_and_a_doctor_problem_keep_their_english_and_speak_japanese() -> None:
    chained = ChainProblem("case_events", ProblemKind.CHANGED, 5, message("audit.row_changed", row=5))
    assert str(chained) == "case_events: row 5 was changed"
    assert render(chained.line, JAPANESE) == "案件イベント: 5行目が変更されています"
    problem = Problem(
        "calls", message("subject.call", call_id=7), message("doctor.stale_call", state=CallState.RINGING)
    )
    assert str(problem) == "calls: call 7: is still ringing hours after it began"
    assert problem.as_json() == {
        "check": "calls",
        "subject": "call 7",
        "message": "is still ringing hours after it began",
    }
    assert render(problem.line, JAPANESE) == "通話: 通話 7: 始まってから何時間もたつのに、まだ「呼出中」です"


def test_why_a_letter_was_not_made_reads_back_in_japanese_from_its_stored_english() -> None:
    from desk_app.domain.letter_rules import stored_reason

    stored = "case 2026-000123: the customer's name or postal address is not held"
    assert (
        render(stored_reason(stored), JAPANESE)
        == "案件 2026-000123: お客様の氏名または住所が登録されていません"
    )
