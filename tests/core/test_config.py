"""The TOML configuration: defaults, every section, and errors that name the key at fault."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from desk_app.config import (
    Config,
    ConfigError,
    DeskGroup,
    Switchboard,
    load_config,
    parse_config,
    resolve_database_url,
)
from desk_app.erased_register_key import RegisterKeyError, RegisterKeyFile, key_file_for

FULL = """
[company]
name = "株式会社テスト通販"
desk_name = "個人情報お問い合わせ窓口"
toll_free = "0120-111-222"
postal_code = "8570001"
address = "長崎県佐世保市テスト町1-1"
disclosure_fee_yen = 500
response_target_days = 10

[database]
url = "postgresql+psycopg://desk@db.example/desk"

[[callerid.serial]]
port = "COM3"
baudrate = 9600

[[callerid.cti]]
token = "s3cret"
port = 9000

[retention]
call_log_months = 6
closed_case_years = 7
"""


def test_every_section_is_read() -> None:
    config = parse_config(FULL)
    assert config.company.name == "株式会社テスト通販"
    assert config.company.disclosure_fee_yen == 500
    assert config.company.response_target_days == 10
    assert config.database_url == "postgresql+psycopg://desk@db.example/desk"
    assert config.serial_sources[0].port == "COM3"
    assert config.serial_sources[0].baudrate == 9600
    assert config.serial_sources[0].enable_command == "AT+VCID=1"
    assert config.cti_sources[0].token == "s3cret"
    assert config.cti_sources[0].host == "127.0.0.1"
    assert config.retention.call_log_months == 6


def test_an_empty_file_means_the_policy_defaults() -> None:
    config = parse_config("")
    assert config.company.disclosure_fee_yen == 404
    assert config.company.response_target_days == 14
    assert config.retention.call_log_months == 12
    assert config.serial_sources == ()


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("[company]\ndisclosure_fee_yen = 'free'", "company.disclosure_fee_yen", "must be a whole number"),
        ("[company]\ndisclosure_fee_yen = true", "company.disclosure_fee_yen", "must be a whole number"),
        ("[company]\ndisclosure_fee_yen = -1", "company.disclosure_fee_yen", "between 0 and"),
        ("[company]\nresponse_target_days = 0", "company.response_target_days", "between 1 and"),
        ("[company]\npostal_code = '857-0001'", "company.postal_code", "7 digits"),
        ("[company]\nname = ''", "company.name", "must not be empty"),
        ("[company]\nnmae = 'x'", "company.nmae", "not a known setting"),
        ("[databse]\nurl = 'x'", "databse", "not a known setting"),
        ("company = 3", "company", "must be a table"),
        ("[[callerid.serial]]\nbaudrate = 1200", "callerid.serial[0].port", "is required"),
        ("[[callerid.cti]]\ntoken = 'x'\nport = 70000", "callerid.cti[0].port", "between 1 and 65535"),
        ("[retention]\ncall_log_months = 1.5", "retention.call_log_months", "must be a whole number"),
    ],
)
def test_a_bad_value_names_its_key_and_the_problem(text: str, key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text, "desk.toml")
    assert raised.value.key == key
    assert problem in raised.value.problem
    assert str(raised.value).startswith(f"desk.toml: {key}: ")


def test_broken_toml_is_reported_with_its_position() -> None:
    with pytest.raises(ConfigError, match=r"not valid TOML: .*line 2"):
        parse_config("[company]\nname = \n")


def test_missing_explicit_file_is_an_error_but_missing_default_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")
    monkeypatch.setattr("desk_app.paths.default_config_path", lambda: tmp_path / "absent.toml")
    assert load_config().source is None


def test_file_not_in_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sjis.toml"
    path.write_bytes('[company]\nname = "株式会社"\n'.encode("cp932"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(path)


def test_database_url_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse_config("[database]\nurl = 'sqlite:///from-config.sqlite3'")
    monkeypatch.setenv("DESK_APP_DB", "sqlite:///from-env.sqlite3")
    assert resolve_database_url("sqlite:///from-cli.sqlite3", config) == "sqlite:///from-cli.sqlite3"
    assert resolve_database_url(None, config) == "sqlite:///from-env.sqlite3"
    monkeypatch.delenv("DESK_APP_DB")
    assert resolve_database_url(None, config) == "sqlite:///from-config.sqlite3"
    monkeypatch.setattr("desk_app.paths.default_database_path", lambda: tmp_path / "desk.sqlite3")
    assert (
        resolve_database_url(None, parse_config("")) == f"sqlite:///{(tmp_path / 'desk.sqlite3').as_posix()}"
    )


def test_the_shipped_example_states_the_real_defaults() -> None:
    from desk_app.paths import resources_dir

    example = parse_config((resources_dir() / "config.example.toml").read_text(encoding="utf-8"))
    assert example == parse_config("")


def test_the_erased_register_key_file_is_read_beside_the_configuration(tmp_path: Path) -> None:
    config_file = tmp_path / "desk.toml"
    config_file.write_text('[security]\nerased_register_key_file = "keys/register.key"\n', encoding="utf-8")
    named = key_file_for(load_config(config_file))
    assert named == RegisterKeyFile(tmp_path / "keys" / "register.key", create=False)
    with pytest.raises(RegisterKeyError, match=r"register\.key does not exist"):
        named.load()
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "register.key").write_text("not hex\n", encoding="ascii")
    with pytest.raises(RegisterKeyError, match="is not an erased-register key file"):
        named.load()
    default = key_file_for(dataclasses.replace(Config(), source=config_file))
    assert default == RegisterKeyFile(tmp_path / "erased-register.key", create=True)
    first = default.load()
    assert (tmp_path / "erased-register.key").stat().st_mode & 0o777 == 0o600
    # Made once: every later load reads the same key.
    assert default.load().digest("10000001") == first.digest("10000001")
    assert list(tmp_path.glob(".*part")) == []


def test_the_switchboard_settings_are_read_and_checked() -> None:
    settings = parse_config(
        "[switchboard]\nafter_call_seconds = 0\nwrap_up_codes = ['完了', '折り返し']\n"
        "[[switchboard.groups]]\nto = '0120-000-222'\ndesks = ['sato', '202']\n"
    ).switchboard
    assert (settings.after_call_seconds, settings.wrap_up_codes) == (0, ("完了", "折り返し"))
    assert settings.groups == (DeskGroup(to="0120-000-222", desks=("sato", "202")),)
    assert parse_config("").switchboard == Switchboard()
    for text, problem in (
        ("wrap_up_codes = []", "switchboard.wrap_up_codes: must be a non-empty list of texts"),
        ("wrap_up_codes = ['完了', '完了']", "switchboard.wrap_up_codes: must not repeat an item"),
        (
            "away_reasons = ['" + "長" * 33 + "']",
            "switchboard.away_reasons: each must be at most 32 characters",
        ),
        ("after_call_seconds = 3601", "switchboard.after_call_seconds: must be between 0 and 3600"),
        ("[[switchboard.groups]]\nto = '0120'", "switchboard.groups[0].desks: is required"),
    ):
        with pytest.raises(ConfigError, match=re.escape(problem)):
            parse_config(f"[switchboard]\n{text}\n")


def test_the_preliminary_report_days_are_three_to_five() -> None:
    assert parse_config("").incidents.preliminary_days == 5
    assert parse_config("[incidents]\npreliminary_days = 3\n").incidents.preliminary_days == 3
    for text, problem in (
        ("preliminary_days = 6", "incidents.preliminary_days: must be between 3 and 5"),
        ("preliminary_days = 2", "incidents.preliminary_days: must be between 3 and 5"),
        ("final_days = 30", "incidents.final_days: is not a known setting"),
    ):
        with pytest.raises(ConfigError, match=re.escape(problem)):
            parse_config(f"[incidents]\n{text}\n")


def test_the_published_policy_sections_default_to_the_policy_and_are_versioned() -> None:
    company = parse_config("").company
    assert company.purposes.version == 1
    assert len(company.purposes.items) == 13  # policy §2, item for item
    assert company.purposes.fee_yen == 0
    assert company.purposes.items[-1].startswith("テレビ番組への参加または観覧")
    changed = parse_config("[purposes]\nversion = 3\nfee_yen = 300\nitems = ['商品のお届けのため']\n").company
    assert (changed.purposes.version, changed.purposes.items, changed.purposes.fee_yen) == (
        3,
        ("商品のお届けのため",),
        300,
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # A changed list must say which version it is: letters cite it.
        ("[purposes]\nitems = ['a']", "purposes.version: is required when the section is given"),
        ("[purposes]\nversion = 0", "purposes.version: must be between 1 and"),
        ("[purposes]\nversion = 2\nitems = []", "purposes.items: must be a non-empty list of texts"),
        ("[purposes]\nversion = 2\nitems = ['a', 'a']", "purposes.items: must not repeat an item"),
        ("[purposes]\nversion = 2\nitems = ['" + "目" * 301 + "']", "each must be at most 300 characters"),
        ('[purposes]\nversion = 2\nitems = ["a\\u202eb"]', "purposes.items: contains a text-direction"),
        ("[purposes]\nversion = 2\nfee_yen = -1", "purposes.fee_yen: must be between 0 and 100000"),
        ("[purposes]\nversion = 2\nlist = ['a']", "purposes.list: is not a known setting"),
        (
            "[foreign_transfer]\nversion = 2\n[[foreign_transfer.countries]]\ncountry = '米国'",
            "foreign_transfer.countries[0].recipient: is required",
        ),
        (
            "[foreign_transfer]\nversion = 2\n"
            + "[[foreign_transfer.countries]]\ncountry = '米国'\nrecipient = 'a'\nsystem = 'b'\n"
            "measures = 'c'\n" * 2,
            "foreign_transfer.countries: must not name a country twice",
        ),
        ("[joint_use]\nversion = 2\ncompanies = []", "joint_use.companies: must be a non-empty list"),
        ("[joint_use]\nversion = 2\nresponsible = ''", "joint_use.responsible: must not be empty"),
    ],
)
def test_a_published_policy_section_that_cannot_be_used_is_named(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(problem)):
        parse_config(text, "desk.toml")
