"""`desk-app import customers|orders|provisions FILE`: the mail-order system's CSV exports into the desk."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.config import Config
from desk_app.domain.messages import Message, MessageError, language_from_environment, message_of, render
from desk_app.domain.safe_text import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk_app.services.admin.imports import ImportReport

EXIT_IMPORTED = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3
SHOWN_PROBLEMS = 20


class ImportCommandError(MessageError):
    """A file or database problem, printed as one line with its exit code."""

    def __init__(self, message: Message | str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_import_parser(commands: Any, common_options: Any) -> None:
    """`import` with its arguments; `common_options` adds --db and --config as for every command."""
    parser = commands.add_parser(
        "import",
        help="import customers, orders or provision records from the mail-order system's CSV",
        description="Exit status: 0 imported, 1 rejected (nothing written), 2 file or usage problem (or the"
        " erased-customer register's key), 3 database problem. The column mapping is in the README.",
    )
    common_options(parser, suppress=True)
    parser.add_argument("kind", choices=("customers", "orders", "provisions"), help="what the file holds")
    parser.add_argument("file", type=Path, metavar="FILE", help="the CSV file")
    parser.add_argument(
        "--encoding", metavar="NAME", help="cp932 (Shift_JIS) or utf-8 (default: detected from the file)"
    )
    parser.add_argument(
        "--skip-bad",
        type=Path,
        metavar="REJECTS.csv",
        help="import the good rows and write the bad ones here, with a 問題 column (same encoding)",
    )
    parser.add_argument(
        "--overwrite-desk-changes",
        action="store_true",
        help="let the file replace fields corrected at the desk since the last import (default: keep the"
        " desk's value and report the conflict)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")


def run_import(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    """Import and print the report (counts, the first problems); returns the exit code."""
    from sqlalchemy.exc import DBAPIError

    from desk_app.erased_register_key import RegisterKeyError, key_file_for
    from desk_app.services.admin.imports import ImportConflict, ImportFileError, import_file
    from desk_app.storage.engine import session_factory
    from desk_app.storage.errors import MESSAGES, classify

    if not args.file.is_file():
        raise ImportCommandError(f"no such file: {for_terminal(str(args.file))}", EXIT_USAGE)
    try:
        report = import_file(
            session_factory(engine),
            args.kind,
            args.file,
            register_key=key_file_for(config).load(),
            encoding=args.encoding,
            skip_bad=args.skip_bad,
            overwrite_desk_changes=args.overwrite_desk_changes,
            progress=None if args.json else _progress_printer(),
        )
    except ImportFileError as exc:
        raise ImportCommandError(for_terminal(f"{args.file.name}: {exc}"), EXIT_USAGE) from None
    except RegisterKeyError as exc:
        raise ImportCommandError(f"nothing imported: {exc}", EXIT_USAGE) from None
    except ImportConflict as exc:
        raise ImportCommandError(message_of(exc), EXIT_DATABASE) from None
    except DBAPIError as exc:
        problem = classify(exc)
        reason = MESSAGES[problem] if problem else type(exc.orig).__name__
        raise ImportCommandError(f"database problem, nothing imported: {reason}", EXIT_DATABASE) from None
    if sys.stderr.isatty() and not args.json:
        print(file=sys.stderr)
    _print(report, as_json=args.json)
    return EXIT_IMPORTED if report.committed else EXIT_REJECTED


def _progress_printer() -> Any:
    last = [-1]

    def report(done: int, total: int) -> bool:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            width = 30
            bar = "#" * (percent * width // 100)
            end = "\r" if sys.stderr.isatty() else "\n"
            if sys.stderr.isatty() or percent % 10 == 0:
                print(f"  [{bar:<{width}}] {done:,} / {total:,} rows", end=end, file=sys.stderr, flush=True)
        return True

    return report


def _print(report: ImportReport, *, as_json: bool) -> None:
    if as_json:
        payload = {
            "kind": report.kind.value,
            "file": report.file_name,
            "encoding": report.encoding,
            "committed": report.committed,
            "read": report.read,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
            "erased_not_revived": list(report.not_revived),
            "stops_kept": report.stops_kept,
            "ignored_columns": list(report.ignored_columns),
            "desk_change_conflicts": [
                {"customer_no": c.customer_no, "field": c.field, "desk_value_kept": c.kept}
                for c in report.conflicts
            ],
            "problems": [{"line": p.line, "field": p.field, "message": p.message} for p in report.problems],
            "rejects_file": report.rejects_file,
            "seconds": round(report.seconds, 3),
        }
        print(json_for_terminal(payload))
        return
    # File names and the file's own headers are the file's words: shown escaped.
    state = "imported" if report.committed else "REJECTED, nothing written"
    print(f"{for_terminal(report.file_name)} ({report.encoding}), {report.kind.value}: {state}")
    print(
        f"  read {report.read:,}, inserted {report.inserted:,}, updated {report.updated:,}, "
        f"unchanged {report.unchanged:,}, rejected {report.rejected:,}, "
        f"erased not revived {report.erased_not_revived:,}"
    )
    if report.stops_kept:
        print(f"  {report.stops_kept:,} mailings stopped at the desk stay stopped")
    if report.ignored_columns:
        print(f"  columns not imported: {for_terminal(', '.join(report.ignored_columns))}")
    for number in report.not_revived[:SHOWN_PROBLEMS]:
        print(f"  customer {number} was erased; not revived")
    kept = sum(conflict.kept for conflict in report.conflicts)
    if kept:
        print(
            f"  {kept:,} fields corrected at the desk kept although the file differs"
            " (--overwrite-desk-changes lets the file win)"
        )
    for conflict in report.conflicts[:SHOWN_PROBLEMS]:
        print(f"  {conflict}")
    for problem in report.problems[:SHOWN_PROBLEMS]:
        print(f"  {for_terminal(render(problem.said, language_from_environment()))}")
    if len(report.problems) > SHOWN_PROBLEMS or report.rejected > len(report.problems):
        more = (
            f"rejects in {for_terminal(report.rejects_file)}"
            if report.rejects_file
            else "use --skip-bad to list them all"
        )
        print(f"  … and more problems ({more})")
    if report.rejects_file and report.rejected:
        print(f"  {report.rejected:,} rejected rows written to {for_terminal(report.rejects_file)}")
