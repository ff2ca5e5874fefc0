"""The register's people (the floor's staff, a supervisor and an administrator) and an open incident."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.support.gateway_floor import add_staff
from tests.support.incidents import KEEPERS, open_test_incident


@pytest.fixture
def staff(engine: Engine) -> dict[str, int]:
    return add_staff(engine, KEEPERS)


@pytest.fixture
def incident_no(sessions: sessionmaker[Session], staff: dict[str, int]) -> str:
    """An open incident, reportable (an improper purpose), opened by the supervisor kimura."""
    with sessions.begin() as session:
        return open_test_incident(session, staff["kimura"])
