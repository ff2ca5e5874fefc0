"""The demo's staff: its agents, reusing logins already there, and their telephone extensions."""

from __future__ import annotations

from desk_app.demo import vocabulary as vocab
from desk_app.demo.loader import DAY, _Clock, _Loader


def add_staff(loader: _Loader, clock: _Clock) -> list[tuple[int, str, str]]:
    """The demo staff as (id, login, role), reusing any login already there (an admin set up before the
    demo, say). Only the agents made here get extensions, and none another agent already holds."""
    rows = loader.query("SELECT id, login, role FROM agents")
    existing = {login: (agent_id, role) for agent_id, login, role in rows}
    taken = {extension for (extension,) in loader.query("SELECT extension FROM agent_extensions")}
    next_id = max((agent_id for agent_id, _ in existing.values()), default=0)
    created = clock.at(clock.now_key - 400 * DAY)
    agents, new_rows, extensions = [], [], []
    for login, display_name, role in vocab.AGENTS:
        if login in existing:
            agents.append((existing[login][0], login, existing[login][1]))
        else:
            next_id += 1
            agents.append((next_id, login, role))
            new_rows.append((next_id, login, display_name, role, True, created, None, None, 0, None))
            numbers = vocab.EXTENSIONS.get(login, ())
            extensions += [(number, next_id) for number in numbers if number not in taken]
    loader.write("agents", new_rows)
    loader.write("agent_extensions", extensions)
    return agents
