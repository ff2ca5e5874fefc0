"""The call gateway (`desk-app gateway`) and the desks' side of it, on PostgreSQL.

The gateway takes the PBX's Generic CTI posts and the Number Display adapters' rings, stores each event
once (`writer`, through `desk_app.services.switchboard`) and lets PostgreSQL announce it (`NOTIFY`).
Each desk, and `desk-app callerid follow`, `LISTEN`s for its agent (`follower`) and reads the rows.
docs/GATEWAY.md is the operator's guide.
"""
