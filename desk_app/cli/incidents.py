"""`desk-app incidents notices INCIDENT --as LOGIN`: make the notices of a leak incident (漏えい等のお知らせ)
to every customer it affects who has none yet, for the print room's next batch."""

# The command runs as a named supervisor or administrator (`--as`), who proves it (`desk_app.cli.identity`):
# the notices are made in their name, and the access log says who read whose address to make them. It
# prints counts only; `--json` adds the customer numbers with no postal address, for the public notice.

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.cli.identity import add_password_stdin_option, authenticate, read_credentials
from desk_app.domain.messages import message, message_of

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "incidents"


def register(commands: Subcommands) -> None:
    incidents = commands.add_parser(NAME, help="leak incidents (漏えい等), for supervisors")
    actions = incidents.add_subparsers(dest="incidents_command", metavar="ACTION", required=True)
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


def run(args: argparse.Namespace, context: CommandContext) -> int:
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
