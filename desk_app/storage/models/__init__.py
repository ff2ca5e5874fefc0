"""The desk's tables as SQLAlchemy 2 typed models.

Times are stored in UTC (`UtcDateTime`) and shown in Asia/Tokyo by the layers above.
Enumerations are stored as short text so SQLite and PostgreSQL hold identical values.

The tables are kept by area — `agents`, `customers`, `cases`, `audit`, `switchboard`, `incidents` — on
`base`; every one is named here, so importing this package maps them all (the migrations and the services
import from here).
"""

from desk_app.storage.models.agents import AccessToken, Agent, AgentExtension, DemoDatabase
from desk_app.storage.models.audit import AccessLogEntry, AuditChainHead, AuditTombstone, RetentionRun
from desk_app.storage.models.base import NAMING_CONVENTION, Base, UtcDateTime, table_of
from desk_app.storage.models.cases import (
    OPEN_CASES_ONLY,
    OPEN_CASES_SQL,
    CallRecord,
    Case,
    CaseEvent,
    Complaint,
    Letter,
    ScriptDraftRow,
    SuspiciousReport,
)
from desk_app.storage.models.customers import (
    Customer,
    DeskChange,
    ErasedNumber,
    Order,
    OrderLine,
    Phone,
    ProvisionRecord,
    ProvisionStop,
)
from desk_app.storage.models.incidents import (
    Incident,
    IncidentCase,
    IncidentCustomer,
    IncidentReport,
    IncidentSuspiciousLink,
    SavedSearch,
)
from desk_app.storage.models.switchboard import (
    AgentPresence,
    BlockedNumber,
    CallEventRoute,
    CallEventRow,
    PresenceChange,
)

__all__ = [
    "NAMING_CONVENTION",
    "OPEN_CASES_ONLY",
    "OPEN_CASES_SQL",
    "AccessLogEntry",
    "AccessToken",
    "Agent",
    "AgentExtension",
    "AgentPresence",
    "AuditChainHead",
    "AuditTombstone",
    "Base",
    "BlockedNumber",
    "CallEventRoute",
    "CallEventRow",
    "CallRecord",
    "Case",
    "CaseEvent",
    "Complaint",
    "Customer",
    "DemoDatabase",
    "DeskChange",
    "ErasedNumber",
    "Incident",
    "IncidentCase",
    "IncidentCustomer",
    "IncidentReport",
    "IncidentSuspiciousLink",
    "Letter",
    "Order",
    "OrderLine",
    "Phone",
    "PresenceChange",
    "ProvisionRecord",
    "ProvisionStop",
    "RetentionRun",
    "SavedSearch",
    "ScriptDraftRow",
    "SuspiciousReport",
    "UtcDateTime",
    "table_of",
]
