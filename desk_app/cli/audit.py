"""`desk-app audit verify [--json] [--anchor FILE]` and `audit anchor --out FILE`: the audit trail."""

# verify: exit status 0 every chain intact and every case row as its events say (rows checked per chain
# printed), 1 broken (the first broken link printed: chain, row and what happened), 2 the anchor file
# cannot be used, 3 the database cannot be reached or does not exist. anchor: 0 written, 1 the trail is
# broken (nothing written), 2 the file cannot be written, 3 as verify. Nothing personal is printed, only
# chain names, row ids, case numbers and counts, so a scheduler may keep the output in its logs.

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command, read_only
from desk_app.domain.messages import message, message_of

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from desk_app.audit.anchor import Anchor
    from desk_app.audit.verify import VerifyResult
    from desk_app.cli.common import Subcommands

NAME = "audit"


def register(commands: Subcommands) -> None:
    audit = commands.add_parser(NAME, help="the tamper-evident audit chains")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = add_command(
        actions,
        "verify",
        help="check that no case event or access-log entry was changed or deleted behind the program's back",
        description="Read-only. Exit status: 0 intact, 1 a chain or a case row is broken (the first broken"
        " link is named), 2 the anchor file cannot be used, 3 the database cannot be reached or does not"
        " exist.",
    )
    verify.add_argument("--json", action="store_true", help="print one JSON object")
    verify.add_argument(
        "--anchor",
        metavar="FILE",
        type=Path,
        help="also check that no chain went back behind this anchor (written earlier by `audit anchor`)",
    )
    anchor = add_command(
        actions,
        "anchor",
        help="write each chain's head to a file, to keep where the database's users cannot change it",
        description="Verifies the chains first and writes nothing if one is broken. Keep the file away from"
        " the database (another machine, write-once storage): `audit verify --anchor FILE` then catches a"
        " rewind of everything after it. Exit status: 0 written, 1 a chain is broken, 2 the file cannot be"
        " written, 3 the database cannot be reached or does not exist.",
    )
    anchor.add_argument("--out", metavar="FILE", type=Path, required=True, help="the anchor file to write")
    anchor.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """The chosen action; returns its exit status."""
    engine = context.open_existing_database()
    if args.audit_command == "anchor":
        return _anchor(args, context, engine)
    return _verify(args, context, engine)


def _verify(args: argparse.Namespace, context: CommandContext, engine: Engine) -> int:
    """Verify every chain and case row in one read-only session; print the counts or the first problem."""
    from desk_app.audit.anchor import AnchorError, read_anchor
    from desk_app.audit.key import current
    from desk_app.audit.verify import verify

    anchor = None
    if args.anchor is not None:
        try:
            anchor = read_anchor(args.anchor, current())
        except AnchorError as exc:
            raise CommandError(message_of(exc), ExitCode.USAGE) from None
    result = read_only(engine, lambda session: verify(session, anchor=anchor))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False), file=context.stdout)
    else:
        _print_result(result, context)
    if result.first_problem is not None:
        context.warn(message("audit.verify.chain_broken", problem=result.first_problem.line))
        return ExitCode.BROKEN
    return ExitCode.OK


def _print_result(result: VerifyResult, context: CommandContext) -> None:
    from desk_app.audit.verify import chain_name

    def say(code: str, **params: object) -> None:
        # The report's lines: English, or Japanese with `DESK_APP_LANGUAGE=ja`.
        print(context.words(message(code, **params)), file=context.stdout)

    for report in result.chains:
        chain, rows = chain_name(report.chain), report.rows_checked
        if report.problem is None:
            say("audit.verify.intact", chain=chain, rows=rows)
        else:
            say("audit.verify.broken", chain=chain, problem=report.problem.said, rows=rows)
    if result.cases is not None:
        problems = result.cases.problems
        if not problems:
            say("audit.verify.cases_intact", cases=result.cases.cases_checked)
        elif len(problems) > 1:
            say("audit.verify.cases_broken_more", problem=problems[0].line, more=len(problems) - 1)
        else:
            say("audit.verify.cases_broken", problem=problems[0].line)
    if result.anchor is not None and all(report.intact for report in result.chains):
        say("audit.verify.anchor_holds", made=result.anchor.made_text)


def _anchor(args: argparse.Namespace, context: CommandContext, engine: Engine) -> int:
    """Take the heads, check the chains pass through them, and write the anchor file (owner-only)."""
    from desk_app.audit.anchor import take_anchor, write_anchor
    from desk_app.audit.key import current
    from desk_app.audit.verify import verify

    key = current()

    def anchored(session: Session) -> tuple[Anchor, VerifyResult]:
        taken = take_anchor(session)
        return taken, verify(session, cases=False, anchor=taken, key=key)

    anchor, result = read_only(engine, anchored)
    if result.first_problem is not None:
        raise CommandError(f"audit chain broken, no anchor written: {result.first_problem}", ExitCode.BROKEN)
    try:
        write_anchor(args.out, anchor, key)
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}", ExitCode.USAGE) from None
    if args.json:
        print(
            json.dumps({"file": str(args.out), **anchor.summary()}, ensure_ascii=False), file=context.stdout
        )
    else:
        heads = ", ".join(f"{chain} up to row {head[0]:,}" for chain, head in anchor.heads.items())
        print(f"anchor written to {args.out}: {heads}", file=context.stdout)
    return ExitCode.OK
