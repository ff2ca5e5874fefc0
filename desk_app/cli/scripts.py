"""`desk-app scripts check [FOLDER]`: every talk script loaded and validated, as the desk does at start."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app import paths
from desk_app.cli.common import CommandContext, CommandError, ExitCode

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands
    from desk_app.scripts.model import Script

NAME = "scripts"


def register(commands: Subcommands) -> None:
    scripts = commands.add_parser(NAME, help="the guided talk scripts")
    actions = scripts.add_subparsers(dest="scripts_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate every talk script",
        description="Exit status: 0 all valid, 2 one is not (the message names file, step and field).",
    )
    check.add_argument("folder", nargs="?", type=Path, help="default: the scripts shipped with the desk")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    for script_id, script in sorted(load_talk_scripts(args.folder).items()):
        print(f"{script_id}: version {script.version}, {len(script.steps)} steps", file=context.stdout)
    return ExitCode.OK


def load_talk_scripts(folder: Path | None = None) -> dict[str, Script]:
    """Every talk script in `folder` (default: those shipped with the desk), validated; a broken one is a
    usage error naming file, step and field. The desk refuses to start with one rather than fail in the
    middle of a call."""
    from desk_app.scripts.loader import ScriptError, load_scripts

    try:
        return load_scripts(folder or paths.resources_dir() / "scripts")
    except ScriptError as exc:
        raise CommandError(f"talk script error: {exc}", ExitCode.USAGE) from None
