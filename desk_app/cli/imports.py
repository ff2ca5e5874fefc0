"""`desk-app import customers|orders|provisions FILE`: the mail-order system's CSV exports into the desk."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.domain.messages import message_of
from desk_app.domain.safe_text import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands
    from desk_app.services.admin.imports import ImportReport

NAME = "import"
SHOWN_PROBLEMS = 20


def register(commands: Subcommands) -> None:
    parser = add_command(
        commands,
        NAME,
        help="import customers, orders or provision records from the mail-order system's CSV",
        description="Exit status: 0 imported, 1 rejected (nothing written), 2 file or usage problem (or the"
        " erased-customer register's key), 3 database problem. The column mapping is in the README.",
    )
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


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """Import and print the report (counts, the first problems); returns the exit code."""
    from sqlalchemy.exc import DBAPIError

    from desk_app.erased_register_key import RegisterKeyError, key_file_for
    from desk_app.services.admin.imports import ImportConflict, ImportFileError, import_file
    from desk_app.storage.engine import session_factory
    from desk_app.storage.errors import MESSAGES, classify

    engine = context.open_database()
    if not args.file.is_file():
        raise CommandError(f"no such file: {for_terminal(str(args.file))}", ExitCode.USAGE)
    try:
        report = import_file(
            session_factory(engine),
            args.kind,
            args.file,
            register_key=key_file_for(context.config).load(),
            encoding=args.encoding,
            skip_bad=args.skip_bad,
            overwrite_desk_changes=args.overwrite_desk_changes,
            progress=None if args.json else _progress_printer(context.stderr),
        )
    except ImportFileError as exc:
        raise CommandError(for_terminal(f"{args.file.name}: {exc}"), ExitCode.USAGE) from None
    except RegisterKeyError as exc:
        raise CommandError(f"nothing imported: {exc}", ExitCode.USAGE) from None
    except ImportConflict as exc:
        raise CommandError(message_of(exc), ExitCode.DATABASE) from None
    except DBAPIError as exc:
        problem = classify(exc)
        reason = MESSAGES[problem] if problem else type(exc.orig).__name__
        raise CommandError(f"database problem, nothing imported: {reason}", ExitCode.DATABASE) from None
    if context.stderr.isatty() and not args.json:
        print(file=context.stderr)
    _print(report, context, as_json=args.json)
    return ExitCode.OK if report.committed else ExitCode.REFUSED


def _progress_printer(stream: TextIO) -> Callable[[int, int], bool]:
    last = [-1]

    def report(done: int, total: int) -> bool:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            width = 30
            bar = "#" * (percent * width // 100)
            end = "\r" if stream.isatty() else "\n"
            if stream.isatty() or percent % 10 == 0:
                print(f"  [{bar:<{width}}] {done:,} / {total:,} rows", end=end, file=stream, flush=True)
        return True

    return report


def _print(report: ImportReport, context: CommandContext, *, as_json: bool) -> None:
    def say(line: str) -> None:
        print(line, file=context.stdout)

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
            "provision_stops_kept": [
                {
                    "customer_no": kept.customer_no,
                    "recipient": kept.recipient,
                    "provided_on": kept.provided_on.isoformat() if kept.provided_on else None,
                }
                for kept in report.provision_stops_kept
            ],
            "ignored_columns": list(report.ignored_columns),
            "desk_change_conflicts": [
                {"customer_no": c.customer_no, "field": c.field, "desk_value_kept": c.kept}
                for c in report.conflicts
            ],
            "problems": [{"line": p.line, "field": p.field, "message": p.message} for p in report.problems],
            "rejects_file": report.rejects_file,
            "seconds": round(report.seconds, 3),
        }
        say(json_for_terminal(payload))
        return
    # File names and the file's own headers are the file's words: shown escaped.
    state = "imported" if report.committed else "REJECTED, nothing written"
    say(f"{for_terminal(report.file_name)} ({report.encoding}), {report.kind.value}: {state}")
    say(
        f"  read {report.read:,}, inserted {report.inserted:,}, updated {report.updated:,}, "
        f"unchanged {report.unchanged:,}, rejected {report.rejected:,}, "
        f"erased not revived {report.erased_not_revived:,}"
    )
    if report.stops_kept:
        say(f"  {report.stops_kept:,} mailings stopped at the desk stay stopped")
    if report.ignored_columns:
        say(f"  columns not imported: {for_terminal(', '.join(report.ignored_columns))}")
    for number in report.not_revived[:SHOWN_PROBLEMS]:
        say(f"  customer {number} was erased; not revived")
    kept = sum(conflict.kept for conflict in report.conflicts)
    if kept:
        say(
            f"  {kept:,} fields corrected at the desk kept although the file differs"
            " (--overwrite-desk-changes lets the file win)"
        )
    for conflict in report.conflicts[:SHOWN_PROBLEMS]:
        say(f"  {conflict}")
    # A recipient is the file's words: shown escaped.
    for stop in report.provision_stops_kept[:SHOWN_PROBLEMS]:
        say(f"  {for_terminal(str(stop))}")
    for problem in report.problems[:SHOWN_PROBLEMS]:
        say(f"  {for_terminal(context.words(problem.said))}")
    if len(report.problems) > SHOWN_PROBLEMS or report.rejected > len(report.problems):
        more = (
            f"rejects in {for_terminal(report.rejects_file)}"
            if report.rejects_file
            else "use --skip-bad to list them all"
        )
        say(f"  … and more problems ({more})")
    if report.rejects_file and report.rejected:
        say(f"  {report.rejected:,} rejected rows written to {for_terminal(report.rejects_file)}")
