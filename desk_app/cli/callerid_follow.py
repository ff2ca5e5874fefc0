"""`desk-app callerid follow --agent LOGIN`: the events the gateway routes to one desk, printed headless."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from desk_app.callerid.events import CallEvent
from desk_app.cli.callerid_monitor import print_events
from desk_app.cli.common import CommandContext, CommandError, ExitCode
from desk_app.domain.enums import PresenceState
from desk_app.domain.messages import message_of


def follow(args: argparse.Namespace, context: CommandContext) -> int:
    from sqlalchemy.orm import Session

    from desk_app.gateway.follower import GatewayFollower
    from desk_app.services.agents import UnknownAgent, agent_by_login
    from desk_app.services.switchboard.presence import set_state

    url = context.database_url()
    if not url.startswith("postgresql"):
        raise CommandError(
            "callerid follow needs the gateway's PostgreSQL database (--db postgresql+psycopg://…)",
            ExitCode.USAGE,
        )
    engine = context.open_existing_database()
    try:
        with Session(engine) as session:
            agent = agent_by_login(session, args.agent)
    except UnknownAgent as exc:
        raise CommandError(message_of(exc), ExitCode.REFUSED) from None

    def mark(state: PresenceState) -> None:
        with Session(engine) as session, session.begin():
            set_state(
                session, agent.id, state, now=dt.datetime.now(dt.UTC), settings=context.config.switchboard
            )

    def as_json(event: CallEvent) -> dict[str, Any]:
        return {**event.to_json(), "desk": agent.login, "answered_by": event.answered_by}

    if args.available:
        mark(PresenceState.AVAILABLE)
    # The follower's own connection is the desk's one connection to the server while it follows: the one
    # the lookup used goes back now, not at the end (300 desks would otherwise hold 600).
    engine.dispose()
    try:
        follower = GatewayFollower(url, agent.id, agent.login)
        return print_events([follower], args, out=context.stdout, err=context.stderr, as_json=as_json)
    finally:
        if args.available:
            mark(PresenceState.SIGNED_OUT)
        engine.dispose()
