"""The erased-customer register's key: a secret kept in a file outside the database.

The register (`services/erased_register.py`) stores keyed hashes of erased customer numbers; with the
key, a number can be checked against it, without it the register gives nothing back. The file is named by
`[security] erased_register_key_file`, or is `erased-register.key` beside the configuration file, made
owner-only on first use. Every desk on one database needs a copy of the same file. No SQLAlchemy here:
the command line catches `RegisterKeyError` without loading it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desk_app import paths
from desk_app.config import Config

KEY_FILE_NAME = "erased-register.key"
KEY_BYTES = 32
SETTING = "[security] erased_register_key_file"
_CHECK = b"inquiry-desk erased register key check"


class RegisterKeyError(Exception):
    """The register's key cannot be used; the message is one line for the administrator."""


class RegisterKeyMismatch(RegisterKeyError):
    """The register was made with another key than this desk's."""


class RegisterKey:
    """The secret the register's hashes are made with; never printed, never stored in the database."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < KEY_BYTES:
            raise RegisterKeyError(f"the erased-register key must be at least {KEY_BYTES} bytes")
        self._secret = secret

    def __repr__(self) -> str:
        return "RegisterKey(…)"

    def digest(self, customer_no: str) -> str:
        return hmac.new(self._secret, b"customer:" + customer_no.encode(), hashlib.sha256).hexdigest()

    def check_digest(self) -> str:
        return hmac.new(self._secret, _CHECK, hashlib.sha256).hexdigest()

    @classmethod
    def generate(cls) -> RegisterKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    def load(self) -> RegisterKey:
        return self


class KeySource(Protocol):
    """A key, or the file it is read from when first needed (`RegisterKey`, `RegisterKeyFile`)."""

    def load(self) -> RegisterKey: ...


@dataclass(frozen=True)
class RegisterKeyFile:
    """Where the key is kept; `create`: the default file, made on first use (a named one must exist)."""

    path: Path
    create: bool = False

    def load(self) -> RegisterKey:
        """Read the key (making the default file first if it is missing); `RegisterKeyError` if unusable."""
        if self.create and not self.path.exists():
            _create_key_file(self.path)
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            raise RegisterKeyError(
                f"the erased-register key file {self.path} does not exist ({SETTING}): copy it from the"
                " desk that made it"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a key file"
            raise RegisterKeyError(
                f"cannot read the erased-register key file {self.path}: {reason}"
            ) from None
        try:
            secret = bytes.fromhex(text)
        except ValueError:
            raise RegisterKeyError(f"{self.path} is not an erased-register key file") from None
        if len(secret) < KEY_BYTES:
            raise RegisterKeyError(f"{self.path} is not an erased-register key file (too short)")
        return RegisterKey(secret)


def key_file_for(config: Config) -> RegisterKeyFile:
    """The key file `config` names (relative to the configuration file's folder), else the default one."""
    folder = config.source.parent if config.source is not None else paths.config_dir()
    named = config.security.erased_register_key_file
    if named is not None:
        return RegisterKeyFile(named if named.is_absolute() else folder / named)
    return RegisterKeyFile(folder / KEY_FILE_NAME, create=True)


def _create_key_file(path: Path) -> None:
    """Write a new key readable by its owner only; if another process made one meanwhile, keep theirs."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(handle, "w", encoding="ascii") as stream:
                stream.write(secrets.token_hex(KEY_BYTES) + "\n")
            # A link never replaces an existing file: two desks starting at once end up with one key.
            with contextlib.suppress(FileExistsError):
                os.link(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    except OSError as exc:
        raise RegisterKeyError(
            f"cannot create the erased-register key file {path}: {exc.strerror or exc}"
        ) from None
