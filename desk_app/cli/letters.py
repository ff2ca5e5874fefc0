"""`desk-app letters render` and `letters batch --ready`: the print room's stored PDFs, written to files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.cli.identity import add_password_stdin_option, authenticate, read_credentials
from desk_app.domain.messages import message, message_of

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk_app.cli.common import Subcommands
    from desk_app.domain.enums import Delivery
    from desk_app.services.cases.letter_views import LetterView

NAME = "letters"
PAGE = 200


def register(commands: Subcommands) -> None:
    letters = commands.add_parser(NAME, help="letters to customers, for the print room")
    actions = letters.add_subparsers(dest="letters_command", metavar="ACTION", required=True)
    render = add_command(
        actions,
        "render",
        help="write a case's letter as PDF (made first if the case has none)",
        description="Writes the letter on file for the case, byte for byte (the latest not yet mailed, else"
        " the latest); makes it first if the case has none. Options that shape a letter (--era) apply only"
        " to one made now. The file is written owner-only and an existing one is kept unless --force. Exit"
        " status: 0 written, 1 no such case or no letter applies, 2 the file exists or cannot be written.",
    )
    add_render_arguments(render)
    batch = add_command(
        actions,
        "batch",
        help="write every letter waiting to be mailed into a folder and mark it printed",
        description="Writes CASE_NO-kind-LETTERID.pdf per letter (a leak incident's notice is filed under its"
        " incident: INCIDENT_NO-leak_notice-LETTERID.pdf) and prints one line per file and a total.",
    )
    add_batch_arguments(batch)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """`render`: write the case's letter (made now if it has none) and print what was written: 0 written,
    1 no such case or no letter applies, 2 the file cannot be written; `--era` shapes only a letter made
    now: one on file is written as it was made, with a warning on stderr. `batch`: write every letter
    waiting to be mailed as CASE_NO-kind-LETTERID.pdf (an incident's notices under the incident's number),
    mark each printed, and print one line per file and a total: 0 (also when none waits), 2 the folder is
    unwritable."""
    engine = context.open_database()
    if args.letters_command == "render":
        return _render(args, context, engine)
    return _batch(args, context, engine)


def add_render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--case", required=True, metavar="CASE_NO", help="the case number, e.g. 2026-000123")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument(
        "--agent",
        metavar="LOGIN",
        default=argparse.SUPPRESS,
        help="the agent a new letter is made by, who is authenticated (--password-stdin, $DESK_APP_TOKEN or"
        " the terminal); without it the command acts as no one: a new letter names whoever last moved the"
        " case and is recorded as made headless",
    )
    add_password_stdin_option(parser, whose="the --agent's")
    parser.add_argument(
        "--era",
        action="store_true",
        help="date a new letter in the era (令和8年…). A letter already on file is the record: it is written"
        " out as it was made, and a warning on stderr (and era_ignored in --json) says --era was not applied",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ready", action="store_true", required=True, help="every letter waiting to be mailed"
    )
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="the folder to write into")
    parser.add_argument("--json", action="store_true", help="print a JSON list, one object per file")


def _purpose(delivery: Delivery) -> str:
    # A letter to post is printed; one the customer asked to receive electronically leaves as a file.
    from desk_app.domain.enums import Delivery

    return "export" if delivery is Delivery.ELECTRONIC else "print"


def _write(path: Path, pdf: bytes, *, replace: bool = True) -> None:
    """Whole or not at all, owner-only: a watcher on the folder never picks up half a letter."""
    from desk_app.private_files import make_private_folder, write_private_bytes

    try:
        make_private_folder(path.parent)
        if not replace and path.exists():
            raise CommandError(_exists(path), ExitCode.USAGE)
        write_private_bytes(path, pdf)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}", ExitCode.USAGE) from None


def _exists(path: Path) -> str:
    return f"{path} already exists: give --force to replace it"


def _summary(path: Path, letter: LetterView) -> str:
    return f"wrote {path} ({letter.kind.value}, {letter.size_bytes:,} bytes, sha256 {letter.sha256})"


def _record(
    path: Path, letter: LetterView, *, generated: bool | None = None, era_ignored: bool | None = None
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "file": str(path),
        "letter_id": letter.letter_id,
        "case_no": letter.case_no,
        "kind": letter.kind.value,
        "bytes": letter.size_bytes,
        "sha256": letter.sha256,
        "delivery": letter.delivery.value,
    }
    if generated is not None:
        record["generated"] = generated
    if era_ignored is not None:
        record["era_ignored"] = era_ignored
    return record


def _signed_agent(args: argparse.Namespace, context: CommandContext, engine: Engine) -> int | None:
    """The `--agent`, authenticated; None without `--agent` (the command acts as no one). The print room
    is told a refusal with the status of a file it cannot write (2)."""
    login = getattr(args, "agent", None)
    if not login:
        return None
    credentials = read_credentials(login, password_stdin=args.password_stdin)
    return authenticate(engine, credentials, security=context.config.security, refused=ExitCode.USAGE).id


def _render(args: argparse.Namespace, context: CommandContext, engine: Engine) -> int:
    from sqlalchemy import select

    from desk_app.domain.enums import LetterKind
    from desk_app.services.cases import letters
    from desk_app.storage.engine import session_factory
    from desk_app.storage.models import Case

    # Refused before anything is made or logged; checked again just before the file is written.
    if not args.force and args.out.exists():
        raise CommandError(_exists(args.out), ExitCode.USAGE)
    agent_id = _signed_agent(args, context, engine)
    with session_factory(engine).begin() as session:
        case_id = session.scalar(select(Case.id).where(Case.case_no == args.case))
        if case_id is None:
            raise CommandError(message("cli.no_case", case=args.case), ExitCode.NO_MATCH)
        on_file = letters.letters_of_case(session, case_id)
        # The letter already made is the one written out again, mailed or not: a reprint is identical. A void
        # letter (its case was refused, withdrawn or reopened after it was made) is never written out.
        current = [view for view in on_file if view.voided_at is None]
        waiting = [view for view in current if not view.mailed]
        # A fee-payment notice already mailed is not the case's answer: once the fee came, the answer is made.
        answers = [view for view in current if view.kind is not LetterKind.FEE_PAYMENT_NOTICE]
        letter = waiting[-1] if waiting else answers[-1] if answers else None
        generated = letter is None
        if letter is None:
            try:
                letter = letters.generate_letter(
                    session,
                    case_id,
                    agent_id=agent_id,
                    company=context.config.company,
                    era=args.era,
                )
            except letters.LetterNotApplicable as exc:
                raise CommandError(
                    message("cli.no_letter_for_case", case=args.case, problem=message_of(exc)),
                    ExitCode.NO_MATCH,
                ) from None
        try:
            pdf = letters.letter_pdf(
                session, letter.letter_id, agent_id=agent_id, purpose=_purpose(letter.delivery)
            )
        except (letters.LetterTampered, letters.LetterNotMailable) as exc:
            raise CommandError(
                message("cli.not_written", problem=message_of(exc)), ExitCode.NO_MATCH
            ) from None
        _write(args.out, pdf, replace=args.force)
    # The letter on file is what was (or will be) mailed: a copy dated differently would be another
    # letter, so --era shapes only a letter made now, and the print room is told when it did not.
    era_ignored = bool(args.era) and not generated
    if era_ignored:
        context.warn(
            f"--era not applied: case {args.case} already has letter {letter.letter_id} on file, "
            f"written as it was made (a letter on file is the record and is never re-dated)"
        )
    if args.json:
        record = _record(args.out, letter, generated=generated, era_ignored=era_ignored)
        print(json.dumps(record, ensure_ascii=False), file=context.stdout)
    else:
        print(_summary(args.out, letter), file=context.stdout)
    return ExitCode.OK


def _batch(args: argparse.Namespace, context: CommandContext, engine: Engine) -> int:
    from desk_app.private_files import make_private_folder
    from desk_app.services.cases import letters
    from desk_app.storage.engine import session_factory

    folder: Path = args.out
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise CommandError(f"cannot create {folder}: {exc.strerror or exc}", ExitCode.USAGE) from None
    written: list[dict[str, Any]] = []
    failure: CommandError | None = None
    with session_factory(engine).begin() as session:
        after: int | None = None
        while failure is None:
            page = letters.ready_letters(session, limit=PAGE, after_id=after)
            if not page:
                break
            done: list[int] = []
            for row in page:
                if not row.mailable:
                    # Its case awaits a decision or calls for another letter: it stays in the mail room.
                    context.warn(f"held letter {row.letter_id} ({row.case_no}): {row.held}")
                    continue
                path = folder / f"{row.case_no}-{row.kind.value}-{row.letter_id}.pdf"
                try:
                    pdf = letters.letter_pdf(
                        session, row.letter_id, agent_id=None, purpose=_purpose(row.delivery)
                    )
                    _write(path, pdf)
                except letters.LetterTampered as exc:
                    # Not handed out, and not fatal to the run: the rest of the folder is still good.
                    context.warn(f"skipped letter {row.letter_id}: {exc}")
                    continue
                except CommandError as exc:
                    # Keep what was written (logged and marked printed), then stop.
                    failure = exc
                    break
                done.append(row.letter_id)
                view = letters.get_letter(session, row.letter_id)
                written.append(_record(path, view))
                if not args.json:
                    note = (
                        "  [electronic: send the PDF, do not post]"
                        if row.delivery.value == "electronic"
                        else ""
                    )
                    print(_summary(path, view) + note, file=context.stdout)
            letters.mark_printed(session, done, agent_id=None)
            after = page[-1].letter_id
    if args.json:
        print(json.dumps(written, ensure_ascii=False), file=context.stdout)
    else:
        electronic = sum(1 for record in written if record["delivery"] == "electronic")
        total = sum(record["bytes"] for record in written)
        print(
            f"{len(written):,} letters, {total:,} bytes written to {folder}"
            f" ({len(written) - electronic:,} to post, {electronic:,} to send electronically)",
            file=context.stdout,
        )
    if failure is not None:
        raise failure
    return ExitCode.OK
