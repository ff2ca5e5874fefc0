"""`desk-app incidents searches list|save|delete`: the saved searches supervisors attach affected customers
by (`desk-app incidents attach INCIDENT --search NAME`).

A search's criteria are the JSON a selection is kept as (`desk_app.domain.selections`), e.g.
``{"version": 1, "ordered_from": "2026-07-01", "ordered_to": "2026-07-31", "order_channels": ["web"]}``;
the keys are the selection's fields. Listing counts each search's customers now, and says nothing of any
one customer; the access log has an entry for every count, save and deletion.
"""

# Run by `incidents.run`, which authenticates the --as person, opens the transaction and turns a refusal
# into its one line and exit status.

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.cli.identity import add_password_stdin_option
from desk_app.domain.messages import message
from desk_app.domain.safe_text import for_terminal, json_for_terminal
from desk_app.domain.selections import describe_all

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.cli.common import Subcommands
    from desk_app.domain.selections import CustomerSelection
    from desk_app.services.customers.selections import SelectionCount
    from desk_app.services.incidents.saved_searches import SavedSearch

ACTION = "searches"
EXIT_STATUS = (
    "Exit status: 0 done, 1 refused (not authenticated, not a supervisor or administrator, a name or"
    " criteria that will not do, a search changed by someone else meanwhile), 2 usage, no such search or"
    " a file that is no search's criteria, 3 no database at that address or it cannot be read."
)


def add_searches(actions: Subcommands) -> None:
    searches = add_command(
        actions,
        ACTION,
        help="the saved searches customers are attached by (list, save, delete)",
        description=__doc__,
    )
    steps = searches.add_subparsers(dest="searches_command", metavar="STEP", required=True)
    listing = add_command(
        steps,
        "list",
        help="every saved search: its name, criteria, last change and how many customers it finds now",
        description=EXIT_STATUS,
    )
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    save = add_command(
        steps,
        "save",
        help="save criteria (a JSON file) under a name",
        description="The criteria are checked as the window checks them; an existing search of that name is"
        " kept unless --replace. " + EXIT_STATUS,
    )
    save.add_argument("name", metavar="NAME", help="the search's name (at most 100 characters)")
    save.add_argument("--criteria", required=True, type=Path, metavar="FILE", help="FILE.json: the criteria")
    save.add_argument("--replace", action="store_true", help="replace the criteria of the search NAME")
    delete = add_command(steps, "delete", help="delete a saved search", description=EXIT_STATUS)
    delete.add_argument("name", metavar="NAME", help="the search's name")
    for parser in (listing, save, delete):
        parser.add_argument(
            "--as", dest="as_login", metavar="LOGIN", required=True, help="the supervisor or administrator"
        )
        add_password_stdin_option(parser, whose="the --as person's")


def run_searches(session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext) -> int:
    if args.searches_command == "list":
        return _list(session, agent_id, args, context)
    if args.searches_command == "save":
        return _save(session, agent_id, args, context)
    return _delete(session, agent_id, args, context)


def read_criteria(path: Path) -> CustomerSelection:
    """The selection FILE holds; a usage mistake (exit 2) for a file that cannot be read or holds none."""
    from desk_app.domain.selections import MAX_JSON, SelectionError, from_json

    try:
        with path.open(encoding="utf-8-sig") as stream:
            # One character more than a selection may have: from_json refuses it without reading on.
            text = stream.read(MAX_JSON + 1)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise CommandError(for_terminal(f"cannot read {path}: {reason}"), ExitCode.USAGE) from None
    try:
        return from_json(text)
    except SelectionError as exc:
        raise CommandError(exc.explanation, ExitCode.USAGE) from None


def _list(session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.services.incidents.saved_searches import count_matching, list_saved_searches

    listed = []
    for search in list_saved_searches(session, agent_id):
        counted = None if search.problem else count_matching(session, agent_id, search.selection)
        listed.append((search, counted))
    if args.json:
        payload = {"searches": [_listed(search, counted, context) for search, counted in listed]}
        print(json_for_terminal(payload), file=context.stdout)
        return ExitCode.OK
    for search, counted in listed:
        print(_line(search, counted, context), file=context.stdout)
    if not listed:
        print("no saved searches", file=context.stdout)
    return ExitCode.OK


def _criteria(search: SavedSearch, context: CommandContext) -> list[str]:
    from desk_app.domain.selections import describe

    return [context.words(said) for said in describe(search.selection)]


def _listed(search: SavedSearch, counted: SelectionCount | None, context: CommandContext) -> dict[str, Any]:
    return {
        "name": search.name,
        "criteria": _criteria(search, context),
        "updated_at": search.updated_at.isoformat(),
        "updated_by": search.updated_by,
        "count": None
        if counted is None
        else {
            "total": counted.total,
            "erased": counted.erased,
            "deceased": counted.deceased,
            "no_address": counted.no_address,
        },
        "problem": None if search.problem is None else context.words(search.problem),
    }


def _line(search: SavedSearch, counted: SelectionCount | None, context: CommandContext) -> str:
    from desk_app.domain.japan_time import TOKYO

    changed = search.updated_at.astimezone(TOKYO)
    fields = [
        search.name,
        context.words(describe_all(search.selection)) or "-",
        f"updated {changed:%Y-%m-%d %H:%M} by {search.updated_by}",
        _counted(counted) if search.problem is None else f"cannot be run: {context.words(search.problem)}",
    ]
    # Each field escaped on its own (a name is a supervisor's words), so the tabs between them stay tabs.
    return "\t".join(for_terminal(field) for field in fields)


def _counted(counted: SelectionCount | None) -> str:
    if counted is None:
        return "-"
    return (
        f"{counted.total:,} customers ({counted.erased:,} erased, {counted.deceased:,} deceased,"
        f" {counted.no_address:,} without address)"
    )


def _save(session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.services.incidents.saved_searches import (
        SavedSearchRefused,
        count_matching,
        find_search,
        save_search,
    )

    selection = read_criteria(args.criteria)
    try:
        existing = find_search(session, agent_id, args.name)
    except SavedSearchRefused as exc:
        if exc.explanation.code != "selection.unknown_search":
            raise
        existing = None
    if existing is not None and not args.replace:
        said = message(
            "incident.report_file_exists", name=f"saved search {existing.name}", option="--replace"
        )
        raise CommandError(said, ExitCode.USAGE)
    saved = save_search(
        session,
        agent_id,
        args.name,
        selection,
        now=dt.datetime.now(dt.UTC),
        search_id=None if existing is None else existing.id,
        row_version=None if existing is None else existing.row_version,
    )
    counted = count_matching(session, agent_id, saved.selection)
    verb = "saved" if existing is None else "replaced"
    print(
        for_terminal(f"{verb} {saved.name}: {context.words(describe_all(saved.selection))}"),
        file=context.stdout,
    )
    print(f"  finds {_counted(counted)} now", file=context.stdout)
    return ExitCode.OK


def _delete(session: Session, agent_id: int, args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.services.incidents.saved_searches import delete_search, find_search

    search = find_search(session, agent_id, args.name)
    delete_search(session, agent_id, search.id, row_version=search.row_version, now=dt.datetime.now(dt.UTC))
    print(for_terminal(f"deleted {search.name}"), file=context.stdout)
    return ExitCode.OK
