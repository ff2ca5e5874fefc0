"""The audit key: a secret kept outside the database that seals each chain's head and each exported anchor.

Hashes alone prove nothing to someone who can write the database: they can recompute every hash after a
change. What they cannot compute without this key is the head's *seal*, an HMAC-SHA256 over the chain's
name, last id and last hash, which every append checks and renews. So rewriting, reordering or dropping
rows and then moving the head to match shows as a head without a valid seal, and an append never builds on
such a head (`HeadSealBroken`).

The key is 32 random bytes written as 64 hexadecimal digits in a file of its own, never in the database:
`DESK_APP_AUDIT_KEY` (a path), else `[audit] key_file` in the configuration (relative to the configuration
file), else `audit.key` in the per-user configuration folder. A missing file is created, readable by this
account only, and announced (`configure(..., announce=)`); every desk that writes to one database needs a
copy of the same file. On POSIX a key file that other accounts may read is refused, as ssh refuses a key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desk_app import paths
from desk_app.config import Config, ConfigError

KEY_ENV = "DESK_APP_AUDIT_KEY"
KEY_FILE_NAME = "audit.key"
_KEY_BYTES = 32
# Each kind of MAC names its purpose first, so a seal can never be passed off as an anchor or the reverse.
_HEAD = "inquiry-desk audit head v1"
_ANCHOR = "inquiry-desk audit anchor v1"


class AuditKeyError(ConfigError):
    """The key file cannot be read, created or trusted; the message names the file and what to do."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(str(path), "", problem)
        self.path = path


@dataclass(frozen=True)
class AuditKey:
    secret: bytes = field(repr=False)
    path: Path | None = None

    def _mac(self, text: str) -> str:
        return hmac.new(self.secret, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def seal(self, chain: str, last_id: int, last_hash: str) -> str:
        """The seal of a chain's head: without the key, no one can seal a head they moved."""
        return self._mac(f"{_HEAD}\n{chain}\n{int(last_id)}\n{last_hash}")

    def anchor_mac(self, body: str) -> str:
        return self._mac(f"{_ANCHOR}\n{body}")

    def holds_seal(self, chain: str, last_id: int, last_hash: str, seal: str | None) -> bool:
        return seal is not None and hmac.compare_digest(self.seal(chain, last_id, last_hash), seal)


def _parse(path: Path, text: str) -> AuditKey:
    digits = text.strip()
    try:
        secret = bytes.fromhex(digits)
    except ValueError:
        secret = b""
    if len(secret) < _KEY_BYTES:
        raise AuditKeyError(path, f"not an audit key (at least {2 * _KEY_BYTES} hexadecimal digits expected)")
    return AuditKey(secret=secret, path=path)


def read_key(path: Path) -> AuditKey:
    """The key in `path`; `AuditKeyError` if it is missing, unreadable, malformed or readable by others."""
    try:
        if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise AuditKeyError(
                path, "other accounts may read this audit key: make it owner-only (chmod 600)"
            )
        return _parse(path, path.read_text(encoding="ascii"))
    except FileNotFoundError:
        raise AuditKeyError(path, "no audit key at this path") from None
    except UnicodeDecodeError:
        raise AuditKeyError(path, "not an audit key (64 hexadecimal digits expected)") from None
    except OSError as exc:
        raise AuditKeyError(path, f"the audit key cannot be read ({exc.strerror})") from None


def create_key(path: Path) -> AuditKey:
    """Write a new random key to `path`, owner-only, never replacing a file already there.

    The key is written to a temporary file first and then linked into place, so a second desk starting at
    the same moment reads either no file or a whole one; if it links first, its key is the one used.
    """
    import secrets  # only when a key is made: the command line's start stays light

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(_KEY_BYTES) + "\n")
            os.link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    except FileExistsError:
        pass  # another desk made it first: use theirs
    except OSError as exc:
        raise AuditKeyError(path, f"cannot create the audit key ({exc.strerror})") from None
    return read_key(path)


def key_path(config: Config | None = None) -> Path:
    """Where the key is: `DESK_APP_AUDIT_KEY`, else `[audit] key_file`, else the per-user folder."""
    from_environment = os.environ.get(KEY_ENV)
    if from_environment:
        return Path(from_environment)
    configured = config.audit.key_file if config is not None else None
    if configured is not None:
        if not configured.is_absolute() and config is not None and config.source is not None:
            return config.source.parent / configured
        return configured
    return paths.config_dir() / KEY_FILE_NAME


class _Process:
    """The key this process uses, loaded (or created) once, on first need."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.config: Config | None = None
        self.announce: Callable[[Path], None] | None = None
        self.key: AuditKey | None = None


_process = _Process()


def configure(config: Config | None, *, announce: Callable[[Path], None] | None = None) -> None:
    """Use the key `config` names from now on; `announce(path)` is told when a new key file is made."""
    with _process.lock:
        _process.config, _process.announce, _process.key = config, announce, None


def use_key(key: AuditKey | None) -> None:
    """Use `key` from now on (None: load it from the configured file again on next need)."""
    with _process.lock:
        _process.key = key


def current() -> AuditKey:
    """The process's key; the configured file is read, or created and announced, the first time."""
    with _process.lock:
        if _process.key is None:
            path = key_path(_process.config)
            if path.exists():
                _process.key = read_key(path)
            else:
                _process.key = create_key(path)
                if _process.announce is not None:
                    _process.announce(path)
        return _process.key
