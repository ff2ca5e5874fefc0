"""Anchors: each chain's head exported to a file, so a later rewind of everything after it shows.

The seal on a head (`desk_app.audit.key`) stops anyone without the key from moving a head, but a head
put back from an older copy of the database carries an older, genuine seal. An anchor, written by
`desk-app audit anchor --out FILE` to a place the database's users cannot write (another machine, write-once
storage, a printout of the file), records each chain's last id and hash at that moment;
`desk-app audit verify --anchor FILE` then requires every chain still to hold exactly that row (or its
tombstone). The file carries an HMAC with the audit key, so it cannot be edited to fit a rewound database.

File: UTF-8 JSON, `{"desk_app_audit_anchor": 1, "made_at": "…Z", "chains": {name: {"last_id", "last_hash"}},
"mac": "…"}`, the MAC over the same object without "mac", keys sorted, no spaces. Written owner-only.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk_app.audit.canonical import CHAINS, utc_text
from desk_app.audit.key import AuditKey
from desk_app.domain.messages import MessageError, message

FORMAT = 1


class AnchorError(MessageError):
    """An anchor file that cannot be read or trusted; the message names the file and why."""


@dataclass(frozen=True)
class Anchor:
    made_at: dt.datetime
    heads: dict[str, tuple[int, str]]  # chain → (last id, last hash)

    @property
    def made_text(self) -> str:
        return self.made_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    def summary(self) -> dict[str, Any]:
        """What `audit verify --json` reports of the anchor it checked: when, and up to which rows."""
        return {"made_at": utc_text(self.made_at), "chains": {c: head[0] for c, head in self.heads.items()}}


_HEADS = text("SELECT chain, last_id, last_hash FROM audit_chain_heads")


def take_anchor(session: Session, *, now: dt.datetime | None = None) -> Anchor:
    """The chains' heads as they are now."""
    heads = {chain: (int(last_id), str(last_hash)) for chain, last_id, last_hash in session.execute(_HEADS)}
    return Anchor(made_at=now or dt.datetime.now(dt.UTC), heads={c: heads[c] for c in CHAINS if c in heads})


def _body(anchor: Anchor) -> dict[str, Any]:
    return {
        "desk_app_audit_anchor": FORMAT,
        "made_at": utc_text(anchor.made_at),
        "chains": {c: {"last_id": i, "last_hash": h} for c, (i, h) in anchor.heads.items()},
    }


def _signed_text(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def anchor_json(anchor: Anchor, key: AuditKey) -> str:
    body = _body(anchor)
    return (
        json.dumps({**body, "mac": key.anchor_mac(_signed_text(body))}, ensure_ascii=False, indent=1) + "\n"
    )


def write_anchor(path: Path, anchor: Anchor, key: AuditKey) -> None:
    """Write the anchor to `path`, owner-only, whole or not at all (a temporary file renamed at the end)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(anchor_json(anchor, key))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_anchor(path: Path, key: AuditKey) -> Anchor:
    """The anchor in `path`, its MAC checked with `key`; `AnchorError` otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnchorError(message("audit.anchor.missing", path=str(path))) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = str(getattr(exc, "strerror", None) or exc)
        raise AnchorError(message("audit.anchor.unreadable", path=str(path), reason=reason)) from None
    except ValueError:
        raise AnchorError(message("audit.anchor.not_json", path=str(path))) from None
    try:
        if data["desk_app_audit_anchor"] != FORMAT:
            said = message(
                "audit.anchor.other_format", path=str(path), format=str(data["desk_app_audit_anchor"])
            )
            raise AnchorError(said)
        mac = data.pop("mac")
        body = {"desk_app_audit_anchor": FORMAT, "made_at": data["made_at"], "chains": data["chains"]}
        if set(data) != set(body) or not isinstance(mac, str):
            raise KeyError("mac")
        heads = {
            str(chain): (int(head["last_id"]), str(head["last_hash"]))
            for chain, head in data["chains"].items()
        }
        made_at = dt.datetime.fromisoformat(str(data["made_at"]).replace("Z", "+00:00"))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise AnchorError(message("audit.anchor.malformed", path=str(path))) from None
    if not hmac.compare_digest(key.anchor_mac(_signed_text(body)), mac):
        raise AnchorError(message("audit.anchor.mac_mismatch", path=str(path)))
    return Anchor(made_at=made_at, heads=heads)
