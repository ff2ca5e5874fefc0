"""`desk-app incidents list|attach|report|notices|searches`: leak incidents (漏えい等) for supervisors — the
register with its deadlines, affected customers attached from a CSV or by a saved search, the items of the
report to the Commission written as data, the notices (漏えい等のお知らせ) made for the print room's next
batch, and the saved searches kept (`incident_searches`)."""

# Each action runs as a named supervisor or administrator (`--as`), who proves it (`desk_app.cli.identity`):
# what is attached, written or made is in their name, and the access log says who did it. Nothing printed
# or written names a customer, but for `notices --json`: the customer numbers with no postal address, for
# the public notice.

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.cli.identity import add_password_stdin_option, authenticate, read_credentials
from desk_app.cli.incident_searches import ACTION as SEARCHES
from desk_app.cli.incident_searches import add_searches, run_searches
from desk_app.domain.messages import Message, message, message_of
from desk_app.domain.safe_text import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.cli.common import Subcommands
    from desk_app.services.incidents.affected import AttachReport
    from desk_app.services.incidents.register import IncidentSummary

NAME = "incidents"
SHOWN_PROBLEMS = 20
_EXIT_STATUS = (
    "Exit status: 0 done, 1 refused (not authenticated, not a supervisor or administrator{more}), 2 usage or"
    " no such incident, 3 no database at that address or it cannot be read."
)


def register(commands: Subcommands) -> None:
    incidents = commands.add_parser(NAME, help="leak incidents (漏えい等), for supervisors")
    actions = incidents.add_subparsers(dest="incidents_command", metavar="ACTION", required=True)
    listing = add_command(
        actions,
        "list",
        help="every incident with its deadlines, reports and affected customers",
        description=_EXIT_STATUS.format(more=""),
    )
    attach = add_command(
        actions,
        "attach",
        help="attach the customers a CSV names (its 顧客番号 column), or a saved search finds, to an open"
        " incident",
        description="The file is read as the customer import reads one (UTF-8 or CP932, detected) and is"
        " all or nothing: every wrong line is named and nothing is attached. A saved search (`incidents"
        " searches`) attaches every customer it finds now, all or nothing as well. "
        + _EXIT_STATUS.format(more=", the incident closed, the file rejected, or the search unreadable")
        + " A search no one saved is a usage mistake too.",
    )
    attach.add_argument("incident", metavar="INCIDENT", help="the incident's number, e.g. 2026-L001")
    source = attach.add_mutually_exclusive_group(required=True)
    source.add_argument("--csv", type=Path, metavar="FILE", help="the CSV file")
    source.add_argument("--search", metavar="NAME", help="the saved search's name")
    attach.add_argument(
        "--encoding",
        metavar="NAME",
        help="with --csv: cp932 (Shift_JIS) or utf-8 (default: detected from the file)",
    )
    report = add_command(
        actions,
        "report",
        help="write the items of the report to the Commission (Rules Art. 8(1)) as CSV, or JSON (.json)",
        description="Counts only, never a customer's name or address. The file is written owner-only; an"
        " existing one is kept unless --force. " + _EXIT_STATUS.format(more=""),
    )
    report.add_argument("incident", metavar="INCIDENT", help="the incident's number, e.g. 2026-L001")
    report.add_argument("--out", required=True, type=Path, metavar="FILE", help="FILE.csv or FILE.json")
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")
    for parser in (listing, attach):
        parser.add_argument("--json", action="store_true", help="print one JSON object")
    for parser in (listing, attach, report):
        parser.add_argument(
            "--as", dest="as_login", metavar="LOGIN", required=True, help="the supervisor or administrator"
        )
        add_password_stdin_option(parser, whose="the --as person's")
    _add_notices(actions)
    add_searches(actions)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from sqlalchemy.exc import OperationalError

    from desk_app.services.incidents.register import IncidentRefused
    from desk_app.storage.engine import session_factory
    from desk_app.storage.errors import MESSAGES, classify

    if args.incidents_command == "notices":
        return _notices(args, context)
    if args.incidents_command == "report" and not args.force and args.out.exists():
        raise CommandError(_exists(args.out), ExitCode.USAGE)
    if args.incidents_command == "attach" and args.search is not None and args.encoding is not None:
        raise CommandError("--encoding is for --csv only", ExitCode.USAGE)
    credentials = read_credentials(args.as_login, password_stdin=args.password_stdin)
    engine = context.open_existing_database()
    try:
        agent = authenticate(engine, credentials, security=context.config.security, refused=ExitCode.REFUSED)
        with session_factory(engine).begin() as session:
            if args.incidents_command == "list":
                return _list(session, agent.id, args, context)
            if args.incidents_command == "attach":
                return _attach(session, agent.id, args, context)
            if args.incidents_command == SEARCHES:
                return run_searches(session, agent.id, args, context)
            return _report(session, agent.id, args, context)
    except IncidentRefused as exc:
        # An incident or a search that is not there is a mistake in the command; anything else the register
        # refuses.
        unknown = exc.explanation.code in ("incident.unknown", "selection.unknown_search")
        raise CommandError(message_of(exc), ExitCode.USAGE if unknown else ExitCode.REFUSED) from None
    except OperationalError as exc:
        problem = classify(exc)
        reason = MESSAGES[problem] if problem else type(exc.orig).__name__
        raise CommandError(f"database problem, nothing changed: {reason}", ExitCode.DATABASE) from None
    finally:
        engine.dispose()


def _exists(path: Path) -> Message:
    return message("incident.report_file_exists", name=str(path), option="--force")


def _today(context: CommandContext) -> tuple[dt.datetime, dt.date, int]:
    from desk_app.domain.japan_time import today_in_japan

    now = dt.datetime.now(dt.UTC)
    return now, today_in_japan(now), context.config.incidents.preliminary_days


def _list(session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.services.incidents.register import list_incidents

    _now, today, days = _today(context)
    summaries = list_incidents(session, agent_id, today=today, preliminary_days=days)
    if args.json:
        print(
            json_for_terminal({"incidents": [_listed(summary) for summary in summaries]}), file=context.stdout
        )
        return ExitCode.OK
    for summary in summaries:
        print(_line(summary, context), file=context.stdout)
    if not summaries:
        print("no incidents", file=context.stdout)
    return ExitCode.OK


def _listed(summary: IncidentSummary) -> dict[str, Any]:
    deadlines = summary.deadlines
    return {
        "incident_no": summary.incident_no,
        "title": summary.title,
        "discovered_on": summary.discovered_on.isoformat(),
        "categories": sorted(category.value for category in summary.categories),
        "deadlines": None
        if deadlines is None
        else {"preliminary": deadlines.preliminary_due.isoformat(), "final": deadlines.final_due.isoformat()},
        "reports": [
            {
                "kind": report.kind.value,
                "submitted_on": report.submitted_on.isoformat(),
                "reference": report.reference,
                "recorded_by": report.recorded_by,
            }
            for report in summary.reports
        ],
        "overdue": [kind.value for kind in summary.overdue],
        "affected": summary.affected,
        "closed": summary.closed,
        # The public announcement (公表): null and "" while none is recorded.
        "published_on": None if summary.published_on is None else summary.published_on.isoformat(),
        "publication": summary.publication,
    }


def _line(summary: IncidentSummary, context: CommandContext) -> str:
    from desk_app.domain.incidents import ReportKind
    from desk_app.domain.messages.labels import enum_label

    def words(member: Any) -> str:
        return enum_label(member, context.language)

    categories = ", ".join(words(category) for category in sorted(summary.categories)) or "not reportable"
    reports = []
    if summary.deadlines is not None:
        for kind in ReportKind:
            on_file = summary.report(kind)
            state = (
                f"filed {on_file.submitted_on}"
                if on_file
                else "OVERDUE"
                if kind in summary.overdue
                else "due"
            )
            reports.append(f"{words(kind)} {state} (by {summary.deadlines.due(kind)})")
    fields = [
        summary.incident_no,
        summary.discovered_on.isoformat(),
        summary.title,
        categories,
        "; ".join(reports) or "no reports due",
        f"{summary.affected:,} affected",
    ]
    if summary.closed:
        fields.append("closed")
    # Last, after the fields scripts already read by their place.
    if summary.published_on is not None:
        fields.append(f"announced {summary.published_on.isoformat()}")
    # Each field escaped on its own (a title is the register's words), so the tabs between them stay tabs.
    return "\t".join(for_terminal(field) for field in fields)


def _attach(session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.services.incidents.affected import attach_search, refusal
    from desk_app.services.incidents.saved_searches import find_search

    now, _day, _days = _today(context)
    if args.search is not None:
        search = find_search(session, agent_id, args.search)
        # Every customer a search finds is on file: the erased-customer register has nothing to add.
        report = attach_search(session, agent_id, args.incident, search.id, now=now)
    elif not args.csv.is_file():
        raise CommandError(f"no such file: {for_terminal(str(args.csv))}", ExitCode.USAGE)
    else:
        report = _attach_csv(session, agent_id, args, context, now)
    _print_attached(report, context, as_json=args.json, searched=args.search is not None)
    if not report.committed:
        context.warn(refusal(report))
    return ExitCode.OK if report.committed else ExitCode.REFUSED


def _attach_csv(
    session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext, now: dt.datetime
) -> AttachReport:
    from desk_app.erased_register_key import key_file_for
    from desk_app.imports.reading import ImportFileError
    from desk_app.services.incidents.affected import attach_csv

    try:
        return attach_csv(
            session,
            agent_id,
            args.incident,
            args.csv,
            now=now,
            encoding=args.encoding,
            register_key=key_file_for(context.config).load(),
        )
    except ImportFileError as exc:
        raise CommandError(for_terminal(f"{args.csv.name}: {exc}"), ExitCode.USAGE) from None


def _print_attached(report: AttachReport, context: CommandContext, *, as_json: bool, searched: bool) -> None:
    counts = {
        "read": report.read,
        "attached": report.attached,
        "already_attached": report.already_attached,
        "repeated": report.repeated,
        "erased": report.erased,
        "deceased": report.deceased,
        "no_address": report.no_address,
        "noticed": report.noticed,
    }
    if as_json:
        payload = {
            "incident_no": report.incident_no,
            # The CSV's file name, or the saved search's name.
            "search" if searched else "file": report.source,
            "encoding": report.encoding,
            "committed": report.committed,
            **counts,
            "problems": [{"line": p.line, "field": p.field, "message": p.message} for p in report.problems],
            "seconds": round(report.seconds, 3),
        }
        print(json_for_terminal(payload), file=context.stdout)
        return
    state = "attached" if report.committed else "REJECTED, nothing attached"
    source = f"saved search {report.source}" if searched else f"{report.source} ({report.encoding})"
    print(for_terminal(f"{source} to incident {report.incident_no}: {state}"), file=context.stdout)
    print(
        "  " + ", ".join(f"{name.replace('_', ' ')} {count:,}" for name, count in counts.items()),
        file=context.stdout,
    )
    for problem in report.problems[:SHOWN_PROBLEMS]:
        print(f"  {for_terminal(context.words(problem.said))}", file=context.stdout)
    if len(report.problems) > SHOWN_PROBLEMS:
        more = len(report.problems) - SHOWN_PROBLEMS
        print(f"  … and {more:,} more wrong lines (--json lists them all)", file=context.stdout)


def _report(session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.private_files import make_private_folder, write_private_bytes
    from desk_app.services.incidents.report_form import report_csv, report_items, report_json

    now, today, days = _today(context)
    items = report_items(session, agent_id, args.incident, today=today, preliminary_days=days, now=now)
    as_json = args.out.suffix.lower() == ".json"
    data = report_json(items).encode("utf-8") if as_json else report_csv(items).encode("utf-8-sig")
    try:
        make_private_folder(args.out.parent)
        if not args.force and args.out.exists():
            raise CommandError(_exists(args.out), ExitCode.USAGE)
        write_private_bytes(args.out, data)
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}", ExitCode.USAGE) from None
    print(
        for_terminal(
            f"wrote {args.out} ({len(items)} items of incident {args.incident}, {len(data):,} bytes)"
        ),
        file=context.stdout,
    )
    return ExitCode.OK


def _add_notices(actions: Subcommands) -> None:
    notices = add_command(
        actions,
        "notices",
        help="make the notice to every affected customer who has none yet",
        description="Makes and stores a notice (漏えい等のお知らせ) for each customer of the incident without"
        " one; customers erased or reported deceased are skipped, and those with no postal address listed"
        " for the public notice. Running it again makes only what is missing. The print room's `letters"
        " batch --ready` then writes them out. Exit status: 0 done, 1 the --as person is not authenticated"
        " or may not, or the incident is closed or lacks what every notice states, 2 no such incident or a"
        " bad option.",
    )
    notices.add_argument("incident", metavar="INCIDENT", help="the incident number, e.g. 2026-L001")
    notices.add_argument(
        "--as",
        dest="as_login",
        metavar="LOGIN",
        required=True,
        help="the supervisor or administrator the notices are made by, who is authenticated",
    )
    add_password_stdin_option(notices, whose="the --as person's")
    notices.add_argument("--era", action="store_true", help="date the notices in the era (令和8年…)")
    notices.add_argument("--json", action="store_true", help="print one JSON object")


def _notices(args: argparse.Namespace, context: CommandContext) -> int:
    """Make the notices, a transaction per chunk; 0 done, 1 refused, 2 no such incident."""
    from desk_app.services.incidents.notices import make_notices
    from desk_app.services.incidents.register import IncidentRefused
    from desk_app.storage.engine import session_factory

    credentials = read_credentials(args.as_login, password_stdin=args.password_stdin)
    engine = context.open_database()
    try:
        agent = authenticate(engine, credentials, security=context.config.security, refused=ExitCode.REFUSED)
        try:
            batch = make_notices(
                session_factory(engine),
                agent.id,
                args.incident,
                now=dt.datetime.now(dt.UTC),
                company=context.config.company,
                era=args.era,
            )
        except IncidentRefused as exc:
            said = message_of(exc)
            status = ExitCode.USAGE if said.code == "incident.unknown" else ExitCode.REFUSED
            raise CommandError(said, status) from None
    finally:
        engine.dispose()
    if args.json:
        payload = {
            "incident": batch.incident_no,
            "made": batch.made,
            "already": batch.already,
            "skipped": batch.skipped,
            "erased": batch.erased,
            "deceased": batch.deceased,
            "no_address": len(batch.no_address),
            "no_address_customers": list(batch.no_address),
        }
        print(json.dumps(payload, ensure_ascii=False), file=context.stdout)
        return ExitCode.OK
    said = message(
        "incident.notices_made",
        incident_no=batch.incident_no,
        made=batch.made,
        already=batch.already,
        skipped=batch.skipped,
        erased=batch.erased,
        deceased=batch.deceased,
        no_address=len(batch.no_address),
    )
    print(context.words(said), file=context.stdout)
    return ExitCode.OK
