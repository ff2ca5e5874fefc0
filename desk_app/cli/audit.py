"""`desk-app audit verify [--json] [--anchor FILE]` and `audit anchor --out FILE`: the audit trail."""

# verify: exit status 0 every chain intact and every case row as its events say (rows checked per chain
# printed), 1 broken (the first broken link printed: chain, row and what happened), 2 the anchor file
# cannot be used, 3 the database cannot be reached or does not exist. anchor: 0 written, 1 the trail is
# broken (nothing written), 2 the file cannot be written, 3 as verify. Nothing personal is printed, only
# chain names, row ids, case numbers and counts, so a scheduler may keep the output in its logs.

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.config import Config
from desk_app.domain.messages import Message, command_line_words, language_from_environment, message, render

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from desk_app.audit.verify import VerifyResult

EXIT_INTACT = 0
EXIT_BROKEN = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3


def add_audit_parser(commands: Any, common_options: Callable[..., None]) -> None:
    """`audit verify` and `audit anchor` under the program's sub-commands; `common_options` adds --db
    and --config."""
    audit = commands.add_parser("audit", help="the tamper-evident audit chains")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="check that no case event or access-log entry was changed or deleted behind the program's back",
        description="Read-only. Exit status: 0 intact, 1 a chain or a case row is broken (the first broken"
        " link is named), 2 the anchor file cannot be used, 3 the database cannot be reached or does not"
        " exist.",
    )
    common_options(verify, suppress=True)
    verify.add_argument("--json", action="store_true", help="print one JSON object")
    verify.add_argument(
        "--anchor",
        metavar="FILE",
        type=Path,
        help="also check that no chain went back behind this anchor (written earlier by `audit anchor`)",
    )
    anchor = actions.add_parser(
        "anchor",
        help="write each chain's head to a file, to keep where the database's users cannot change it",
        description="Verifies the chains first and writes nothing if one is broken. Keep the file away from"
        " the database (another machine, write-once storage): `audit verify --anchor FILE` then catches a"
        " rewind of everything after it. Exit status: 0 written, 1 a chain is broken, 2 the file cannot be"
        " written, 3 the database cannot be reached or does not exist.",
    )
    common_options(anchor, suppress=True)
    anchor.add_argument("--out", metavar="FILE", type=Path, required=True, help="the anchor file to write")
    anchor.add_argument("--json", action="store_true", help="print one JSON object")


def run_audit(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    """The chosen action; returns its exit status."""
    if args.audit_command == "anchor":
        return run_anchor(args, config, engine)
    return run_verify(args, config, engine)


def _read_only(engine: Engine, work: Callable[[Session], Any]) -> Any:
    """`work(session)` in one session that is rolled back; a database error becomes `_Unreadable`."""
    from sqlalchemy.exc import OperationalError

    from desk_app.storage.engine import session_factory
    from desk_app.storage.errors import MESSAGES, classify

    try:
        with session_factory(engine)() as session:
            try:
                return work(session)
            finally:
                session.rollback()
    except OperationalError as exc:
        problem = classify(exc)
        raise _Unreadable(MESSAGES[problem] if problem else type(exc.orig).__name__) from None


class _Unreadable(Exception):
    pass


def run_verify(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    """Verify every chain and case row in one read-only session; print the counts or the first problem."""
    del config  # the command takes --config like every other, for the database URL and the key
    from desk_app.audit.anchor import AnchorError, read_anchor
    from desk_app.audit.key import current
    from desk_app.audit.verify import verify

    anchor = None
    if args.anchor is not None:
        try:
            anchor = read_anchor(args.anchor, current())
        except AnchorError as exc:
            print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
            return EXIT_USAGE
    try:
        result: VerifyResult = _read_only(engine, lambda session: verify(session, anchor=anchor))
    except _Unreadable as exc:
        print(f"desk-app: cannot read the database: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        _print_result(result)
    if result.first_problem is not None:
        broken = message("audit.verify.chain_broken", problem=result.first_problem.line)
        print(f"desk-app: {_words(broken)}", file=sys.stderr)
        return EXIT_BROKEN
    return EXIT_INTACT


def _words(said: Message) -> str:
    """A line of the report: English, or Japanese with `DESK_APP_LANGUAGE=ja`."""
    return render(said, language_from_environment())


def _print_result(result: VerifyResult) -> None:
    from desk_app.audit.verify import chain_name

    for report in result.chains:
        chain, rows = chain_name(report.chain), report.rows_checked
        if report.problem is None:
            print(_words(message("audit.verify.intact", chain=chain, rows=rows)))
        else:
            said = message("audit.verify.broken", chain=chain, problem=report.problem.said, rows=rows)
            print(_words(said))
    if result.cases is not None:
        problems = result.cases.problems
        if not problems:
            print(_words(message("audit.verify.cases_intact", cases=result.cases.cases_checked)))
        elif len(problems) > 1:
            more = len(problems) - 1
            print(_words(message("audit.verify.cases_broken_more", problem=problems[0].line, more=more)))
        else:
            print(_words(message("audit.verify.cases_broken", problem=problems[0].line)))
    if result.anchor is not None and all(report.intact for report in result.chains):
        print(_words(message("audit.verify.anchor_holds", made=result.anchor.made_text)))


def run_anchor(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    """Take the heads, check the chains pass through them, and write the anchor file (owner-only)."""
    del config
    from desk_app.audit.anchor import take_anchor, write_anchor
    from desk_app.audit.key import current
    from desk_app.audit.verify import verify

    key = current()

    def anchored(session: Session) -> Any:
        taken = take_anchor(session)
        return taken, verify(session, cases=False, anchor=taken, key=key)

    try:
        anchor, result = _read_only(engine, anchored)
    except _Unreadable as exc:
        print(f"desk-app: cannot read the database: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    if result.first_problem is not None:
        print(f"desk-app: audit chain broken, no anchor written: {result.first_problem}", file=sys.stderr)
        return EXIT_BROKEN
    try:
        write_anchor(args.out, anchor, key)
    except OSError as exc:
        print(f"desk-app: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps({"file": str(args.out), **anchor.summary()}, ensure_ascii=False))
    else:
        heads = ", ".join(f"{chain} up to row {head[0]:,}" for chain, head in anchor.heads.items())
        print(f"anchor written to {args.out}: {heads}")
    return EXIT_INTACT
