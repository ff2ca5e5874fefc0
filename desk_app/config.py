"""The desk's one TOML configuration file: company profile (with what its published policy tells customers,
`published_policy.py`), database, caller-ID sources, retention, security, the audit key's file.

A bad file raises `ConfigError` naming the key and the problem, never a bare traceback.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desk_app import paths
from desk_app.config_sections import ConfigError as ConfigError
from desk_app.config_sections import Section
from desk_app.published_policy import (
    ForeignTransfer,
    JointUse,
    PurposesOfUse,
    read_foreign_transfer,
    read_joint_use,
    read_purposes,
)


@dataclass(frozen=True)
class FeePaymentMethod:
    """One way a customer may pay the disclosure fee, as the fee-payment notice prints it."""

    name: str  # e.g. 定額小為替, 銀行振込
    how: str  # what the customer does, with any account details


# Postal money orders need no account details, so they are the one way offered until the desk configures
# others (a bank account, say) under [[company.fee_payment_methods]].
DEFAULT_FEE_PAYMENT_METHODS = (
    FeePaymentMethod(
        name="定額小為替",
        how=(
            "郵便局で手数料の金額分の定額小為替証書をお求めいただき、受取人欄は何も記入せずに、"
            "整理番号を書き添えて上記の送付先へ郵送してください。"
            "定額小為替の発行手数料と郵送料は、お客様のご負担となります。"
        ),
    ),
)


@dataclass(frozen=True)
class CompanyProfile:
    name: str = "株式会社みらい通販"
    desk_name: str = "個人情報お問い合わせ窓口"
    toll_free: str = "0120-000-000"
    postal_code: str = "8570000"
    address: str = "長崎県佐世保市架空町1-2-3"
    disclosure_fee_yen: int = 404
    response_target_days: int = 14
    # The fee-payment notice: how the fee may be paid, and how many days after the notice it should arrive.
    fee_payment_methods: tuple[FeePaymentMethod, ...] = DEFAULT_FEE_PAYMENT_METHODS
    fee_payment_days: int = 14
    # What the published policy tells a customer who asks ([purposes], [foreign_transfer], [joint_use]).
    purposes: PurposesOfUse = field(default_factory=PurposesOfUse)
    foreign_transfer: ForeignTransfer = field(default_factory=ForeignTransfer)
    joint_use: JointUse = field(default_factory=JointUse)


@dataclass(frozen=True)
class SerialSource:
    port: str
    baudrate: int = 1200
    enable_command: str = "AT+VCID=1"


@dataclass(frozen=True)
class CtiSource:
    token: str
    host: str = "127.0.0.1"
    port: int = 8765


# The endpoint `desk-app --demo` listens on when the configuration names none, so a trainer can ring
# the demo desk from a terminal with `desk-app ring --demo NUMBER`. Loopback only. Its token is random
# per demo database, kept with the demo mark (`desk_app.storage.demo_mark`), never a word anyone knows.
DEMO_CTI_HOST = "127.0.0.1"
DEMO_CTI_PORT = 8765


def demo_cti_source(token: str) -> CtiSource:
    """The demo desk's loopback CTI endpoint with the demo database's own token."""
    return CtiSource(token=token, host=DEMO_CTI_HOST, port=DEMO_CTI_PORT)


@dataclass(frozen=True)
class Retention:
    """How long each kind of record is kept (`desk-app retention run`; README "Retention" says why)."""

    call_log_months: int = 12
    closed_case_years: int = 5
    # The erased customer's orders (and provision records) the law still requires: tax records are kept
    # seven years (Corporation Tax Act), APPI provision records three.
    erasure_remnant_years: int = 7
    # Never longer than closed_case_years: a letter belongs to its case's file and goes with it.
    letters_years: int = 5


@dataclass(frozen=True)
class Security:
    """Sign-in rules: a lockout after repeated refusals, and the idle lock that hides personal data."""

    max_failed_sign_ins: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 5
    # The key of the erased-customer register (services/erased_register.py), kept outside the database.
    # None: `erased-register.key` beside the configuration file, made on first use. A relative path is
    # read from the configuration file's folder. Every desk on one database needs the same key.
    erased_register_key_file: Path | None = None


@dataclass(frozen=True)
class Audit:
    """Where the audit key is (`desk_app.audit.key`): a file outside the database, None for the default."""

    key_file: Path | None = None


DEFAULT_WRAP_UP_CODES = ("案内完了", "手続き受付", "折り返し予定", "他部署へ転送", "間違い電話", "その他")
DEFAULT_AWAY_REASONS = ("休憩", "研修", "会議", "その他")


@dataclass(frozen=True)
class DeskGroup:
    """The desks a call to one inbound number rings (`[[switchboard.groups]]`): logins, names, extensions."""

    to: str
    desks: tuple[str, ...]


@dataclass(frozen=True)
class Switchboard:
    """Many desks on one gateway (`desk-app gateway`, docs/GATEWAY.md): after-call work and routing."""

    after_call_seconds: int = 60
    # After-call work may be extended once, by this long.
    after_call_extension_seconds: int = 60
    # 応対区分: the agent picks one to end after-call work; it is kept on the call.
    wrap_up_codes: tuple[str, ...] = DEFAULT_WRAP_UP_CODES
    away_reasons: tuple[str, ...] = DEFAULT_AWAY_REASONS
    groups: tuple[DeskGroup, ...] = ()


@dataclass(frozen=True)
class Incidents:
    """Leak incidents (`[incidents]`): how many days after discovery the preliminary report (速報) is due,
    day 1 being the day of discovery. The Commission's guidelines say about three to five days."""

    preliminary_days: int = 5


@dataclass(frozen=True)
class Config:
    company: CompanyProfile = field(default_factory=CompanyProfile)
    database_url: str | None = None
    serial_sources: tuple[SerialSource, ...] = ()
    cti_sources: tuple[CtiSource, ...] = ()
    retention: Retention = field(default_factory=Retention)
    security: Security = field(default_factory=Security)
    audit: Audit = field(default_factory=Audit)
    switchboard: Switchboard = field(default_factory=Switchboard)
    incidents: Incidents = field(default_factory=Incidents)
    source: Path | None = None


def _fee_payment_methods(company: Section) -> tuple[FeePaymentMethod, ...]:
    """The `[[company.fee_payment_methods]]` tables; none given keeps the default."""
    methods = []
    for section in company.tables("fee_payment_methods"):
        name, how = section.text("name", required=True), section.text("how", required=True)
        assert name is not None
        assert how is not None
        methods.append(FeePaymentMethod(name=name.strip(), how=how.strip()))
        section.finish()
    return tuple(methods)


def parse_config(text: str, source: str = "<config>") -> Config:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, "", f"not valid TOML: {exc}") from None
    root = Section(source, "", raw)
    defaults = CompanyProfile()

    company = root.table("company")
    postal = company.text("postal_code", defaults.postal_code)
    assert postal is not None
    if not (len(postal) == 7 and postal.isascii() and postal.isdigit()):
        raise ConfigError(source, "company.postal_code", "must be 7 digits without a hyphen")
    profile = CompanyProfile(
        name=company.text("name", defaults.name) or defaults.name,
        desk_name=company.text("desk_name", defaults.desk_name) or defaults.desk_name,
        toll_free=company.text("toll_free", defaults.toll_free) or defaults.toll_free,
        postal_code=postal,
        address=company.text("address", defaults.address) or defaults.address,
        disclosure_fee_yen=company.integer(
            "disclosure_fee_yen", defaults.disclosure_fee_yen, minimum=0, maximum=100_000
        ),
        response_target_days=company.integer(
            "response_target_days", defaults.response_target_days, minimum=1, maximum=365
        ),
        fee_payment_methods=_fee_payment_methods(company) or defaults.fee_payment_methods,
        fee_payment_days=company.integer(
            "fee_payment_days", defaults.fee_payment_days, minimum=1, maximum=90
        ),
        purposes=read_purposes(root.table("purposes")),
        foreign_transfer=read_foreign_transfer(root.table("foreign_transfer")),
        joint_use=read_joint_use(root.table("joint_use")),
    )
    company.finish()

    database = root.table("database")
    database_url = database.text("url")
    database.finish()

    callerid = root.table("callerid")
    serial_sources = []
    for section in callerid.tables("serial"):
        port = section.text("port", required=True)
        assert port is not None
        serial_sources.append(
            SerialSource(
                port=port,
                baudrate=section.integer("baudrate", 1200, minimum=300, maximum=115_200),
                enable_command=section.text("enable_command", "AT+VCID=1") or "AT+VCID=1",
            )
        )
        section.finish()
    cti_sources = []
    for section in callerid.tables("cti"):
        token = section.text("token", required=True)
        assert token is not None
        cti_sources.append(
            CtiSource(
                token=token,
                host=section.text("host", "127.0.0.1") or "127.0.0.1",
                port=section.integer("port", 8765, minimum=1, maximum=65_535),
            )
        )
        section.finish()
    callerid.finish()

    retention_section = root.table("retention")
    closed_case_years = retention_section.integer("closed_case_years", 5, minimum=1, maximum=30)
    retention = Retention(
        call_log_months=retention_section.integer("call_log_months", 12, minimum=1, maximum=120),
        closed_case_years=closed_case_years,
        erasure_remnant_years=retention_section.integer("erasure_remnant_years", 7, minimum=1, maximum=30),
        letters_years=retention_section.integer("letters_years", closed_case_years, minimum=1, maximum=30),
    )
    retention_section.finish()
    if retention.letters_years > retention.closed_case_years:
        raise ConfigError(
            source,
            "retention.letters_years",
            f"must not be longer than retention.closed_case_years ({closed_case_years}):"
            " a letter is purged with its case",
        )

    security_section = root.table("security")
    security = Security(
        max_failed_sign_ins=security_section.integer("max_failed_sign_ins", 5, minimum=1, maximum=100),
        lockout_minutes=security_section.integer("lockout_minutes", 15, minimum=1, maximum=24 * 60),
        idle_lock_minutes=security_section.integer("idle_lock_minutes", 5, minimum=1, maximum=120),
        erased_register_key_file=_path(security_section.text("erased_register_key_file")),
    )
    security_section.finish()

    audit_section = root.table("audit")
    key_file = audit_section.text("key_file")
    audit_section.finish()
    switchboard = _switchboard(root.table("switchboard"))
    incidents_section = root.table("incidents")
    incidents = Incidents(
        preliminary_days=incidents_section.integer("preliminary_days", 5, minimum=3, maximum=5)
    )
    incidents_section.finish()
    root.finish()
    return Config(
        company=profile,
        database_url=database_url,
        serial_sources=tuple(serial_sources),
        cti_sources=tuple(cti_sources),
        retention=retention,
        security=security,
        audit=Audit(key_file=Path(key_file) if key_file else None),
        switchboard=switchboard,
        incidents=incidents,
    )


def _switchboard(section: Section) -> Switchboard:
    groups = []
    for group in section.tables("groups"):
        to = group.text("to", required=True)
        assert to is not None
        desks = group.texts("desks", longest=100, required=True)
        groups.append(DeskGroup(to=to.strip(), desks=desks))
        group.finish()
    settings = Switchboard(
        after_call_seconds=section.integer("after_call_seconds", 60, minimum=0, maximum=3600),
        after_call_extension_seconds=section.integer(
            "after_call_extension_seconds", 60, minimum=0, maximum=3600
        ),
        wrap_up_codes=section.texts("wrap_up_codes", DEFAULT_WRAP_UP_CODES, longest=32),
        away_reasons=section.texts("away_reasons", DEFAULT_AWAY_REASONS, longest=32),
        groups=tuple(groups),
    )
    section.finish()
    return settings


def _path(text: str | None) -> Path | None:
    return Path(text).expanduser() if text else None


def load_config(path: Path | None = None) -> Config:
    """Read the config file: a missing default file means the defaults; a missing `path` is an error."""
    explicit = path is not None
    target = path if path is not None else paths.default_config_path()
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(str(target), "", "file not found") from None
        return Config()
    except UnicodeDecodeError:
        raise ConfigError(str(target), "", "must be saved as UTF-8") from None
    except OSError as exc:
        raise ConfigError(str(target), "", f"cannot be read ({exc.strerror})") from None
    return dataclasses.replace(parse_config(text, str(target)), source=target)


def resolve_database_url(cli_url: str | None, config: Config) -> str:
    """`--db` wins over `DESK_APP_DB`, which wins over the config file; else the per-user SQLite file."""
    for candidate in (cli_url, os.environ.get("DESK_APP_DB"), config.database_url):
        if candidate:
            return candidate
    return sqlite_url(paths.default_database_path())


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"
