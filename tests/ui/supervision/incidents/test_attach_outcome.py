"""What an attachment did, in words: a search's name is shown as typed, whatever it holds."""

from __future__ import annotations

from desk_app.services.incidents.affected import AttachReport
from ui.supervision.incidents.attach_outcome import counts_text


def _report(source: str, encoding: str | None) -> AttachReport:
    return AttachReport(
        incident_no="2026-L001",
        source=source,
        encoding=encoding,
        read=5,
        attached=4,
        already_attached=1,
        repeated=0,
        erased=0,
        deceased=1,
        no_address=0,
        noticed=0,
        problems=(),
        committed=True,
        seconds=0.1,
    )


def test_a_name_with_placeholders_or_brackets_is_shown_as_typed(qapp: object) -> None:
    said = counts_text(_report("50%2 off () 顧客（）", None)).splitlines()[0]
    assert said == "50%2 off () 顧客（）: 4 customers attached, 1 already attached."
    assert counts_text(_report("対象顧客.csv", "cp932")).splitlines()[0] == (
        "対象顧客.csv (cp932): 4 customers attached, 1 already attached."
    )
