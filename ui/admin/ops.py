"""The background work of the administrators' tools: made from plain values, run by the runner in a session
of its own, returning frozen values and touching no widget."""

from __future__ import annotations

import threading
from pathlib import Path

from desk_app.erased_register_key import KeySource
from desk_app.imports.columns import ImportKind
from desk_app.services.admin.imports import ImportReport, import_file
from desk_app.services.database import Session
from ui.common.background import Work


class ImportRun:
    """What a running import shares with the GUI thread: rows done of expected, and whether to stop."""

    def __init__(self) -> None:
        self.done = 0
        self.expected = 0
        self.stop = threading.Event()

    def progress(self, done: int, expected: int) -> bool:
        self.done, self.expected = done, expected
        return not self.stop.is_set()


def import_csv(
    kind: ImportKind,
    source: Path,
    *,
    register_key: KeySource,
    encoding: str | None,
    rejects: Path | None,
    overwrite_desk_changes: bool,
    agent_id: int,
    run: ImportRun,
) -> Work[ImportReport]:
    """The mail-order system's CSV file imported as `desk-app import` does it, all or nothing unless the bad
    rows go to `rejects`; `run` follows its progress and stops it. The key is read off the GUI thread."""

    def work(session: Session) -> ImportReport:
        return import_file(
            session,
            kind,
            source,
            register_key=register_key.load(),
            encoding=encoding,
            skip_bad=rejects,
            overwrite_desk_changes=overwrite_desk_changes,
            progress=run.progress,
            agent_id=agent_id,
        )

    return work
