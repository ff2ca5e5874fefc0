"""`desk-app db upgrade|current`: the database's schema, for administrators."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, ExitCode, add_command

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "db"


def register(commands: Subcommands) -> None:
    db = commands.add_parser(NAME, help="database administration")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    for action, text in (("upgrade", "apply pending migrations"), ("current", "print the schema revision")):
        add_command(actions, action, help=text, description=text)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.storage import migrate as migrations
    from desk_app.storage.engine import describe

    engine = context.open_database(migrate=False)
    if args.db_command == "upgrade":
        applied = migrations.upgrade(engine)
        state = "upgraded to" if applied else "already at"
        print(
            f"{describe(engine)}: {state} revision {migrations.current_revision(engine)}", file=context.stdout
        )
    else:
        print(migrations.current_revision(engine) or "empty (no schema)", file=context.stdout)
    return ExitCode.OK
