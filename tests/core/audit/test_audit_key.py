"""The audit key: where it is read from, made owner-only when missing (and said so), refused when others may
read it or it is no key; the seal it makes is the head's and nothing else's."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.audit import key as audit_key
from desk_app.audit.key import KEY_ENV, AuditKey, AuditKeyError, create_key, key_path, read_key
from desk_app.config import ConfigError, load_config, parse_config


@pytest.fixture
def own_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No key from the suite's environment: the configured or default file, which a test then inspects."""
    monkeypatch.delenv(KEY_ENV)
    monkeypatch.setattr("desk_app.paths.config_dir", lambda: tmp_path / "config")
    yield tmp_path / "config" / "audit.key"
    audit_key.configure(None)


def test_a_missing_key_is_made_owner_only_and_announced_once(own_key: Path) -> None:
    announced: list[Path] = []
    audit_key.configure(None, announce=announced.append)
    made = audit_key.current()
    assert announced == [own_key]
    assert made.path == own_key
    text = own_key.read_text(encoding="ascii").strip()
    assert len(text) == 64
    assert bytes.fromhex(text) == made.secret
    if os.name == "posix":
        assert stat.S_IMODE(own_key.stat().st_mode) == 0o600
    # Read again, not made again: the same key, no second announcement.
    audit_key.configure(None, announce=announced.append)
    assert audit_key.current() == made
    assert announced == [own_key]
    assert [path.name for path in own_key.parent.iterdir()] == ["audit.key"]  # no temporary file left


def test_the_configured_file_is_relative_to_the_configuration(own_key: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "site" / "desk.toml"
    config_file.parent.mkdir()
    config_file.write_text('[audit]\nkey_file = "keys/audit.key"\n', encoding="utf-8")
    config = load_config(config_file)
    assert key_path(config) == tmp_path / "site" / "keys" / "audit.key"
    assert key_path(None) == own_key
    os.environ[KEY_ENV] = str(tmp_path / "from-environment.key")
    try:
        assert key_path(config) == tmp_path / "from-environment.key"  # as DESK_APP_DB wins over the file
    finally:
        del os.environ[KEY_ENV]
    with pytest.raises(ConfigError) as raised:
        parse_config('[audit]\nkey = "x"\n')
    assert raised.value.key == "audit.key"


def test_a_key_other_accounts_may_read_is_refused(own_key: Path) -> None:
    create_key(own_key)
    own_key.chmod(0o640)
    if os.name != "posix":  # Windows keeps the per-user folder's access list; there is no mode to read
        assert read_key(own_key).path == own_key
        return
    with pytest.raises(AuditKeyError, match="other accounts may read this audit key") as raised:
        read_key(own_key)
    assert str(own_key) in str(raised.value)
    assert isinstance(raised.value, ConfigError)  # the command line prints it in one line, exit 2


def test_a_file_that_is_no_key_is_refused(own_key: Path) -> None:
    own_key.parent.mkdir(parents=True)
    descriptor = os.open(own_key, os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write("password123\n")
    with pytest.raises(AuditKeyError, match="not an audit key"):
        read_key(own_key)


def test_seals_depend_on_the_key_and_every_part_of_the_head() -> None:
    key = AuditKey(secret=b"k" * 32)
    seal = key.seal("access_log", 7, "a" * 64)
    assert key.holds_seal("access_log", 7, "a" * 64, seal)
    for chain, last_id, last_hash in (
        ("case_events", 7, "a" * 64),
        ("access_log", 6, "a" * 64),
        ("access_log", 7, "b" * 64),
    ):
        assert not key.holds_seal(chain, last_id, last_hash, seal)
    assert not AuditKey(secret=b"K" * 32).holds_seal("access_log", 7, "a" * 64, seal)
    assert not key.holds_seal("access_log", 7, "a" * 64, None)
    # An anchor's MAC is never a head's seal, even over the same text.
    assert key.anchor_mac("access_log\n7\n" + "a" * 64) != seal
    assert "k" * 32 not in repr(key)
