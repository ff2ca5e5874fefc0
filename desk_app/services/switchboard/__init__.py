"""Many desks on one gateway: calls stored once and routed to desks, presence, missed calls, the blocklist.

`call_events.accept` is the gateway's one write; `feed` is what a desk reads of it; `presence` is where
each agent is; `missed` the shared list of calls nobody answered; `blocklist` the numbers rejected as busy;
`board` the supervisors' live view. Announcements go by PostgreSQL `NOTIFY` (`channels`).
"""
