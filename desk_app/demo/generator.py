"""Deterministic demo data, bulk-loaded through the driver so a million customers take about a minute."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select

from desk_app.config import CompanyProfile
from desk_app.demo import vocabulary as vocab
from desk_app.demo.case_steps import Staff
from desk_app.demo.casework import build_cases
from desk_app.demo.loader import (
    BULK_TABLES,
    DAY,
    Digits,
    Row,
    _Clock,
    _cum,
    _e164,
    _PostgresLoader,
    _SqliteLoader,
)
from desk_app.demo.loader import COLUMNS as COLUMNS  # re-exported: the tests hold it against the models
from desk_app.demo.staff import add_staff
from desk_app.domain.kana import kana_key, name_key
from desk_app.erased_register_key import RegisterKey
from desk_app.storage.demo_mark import new_cti_token
from desk_app.storage.models import Base, Phone

_T = TypeVar("_T")

BATCH_CUSTOMERS = 10_000
# Cases are made one service call at a time (about ten a second with their letters), so a large demo
# stops at a number that fills every screen without making the load take minutes.
MIN_CASES = 30
MAX_CASES = 500
CUSTOMER_NO_BASE = 10_000_000
# Ten times the scale the benchmarks measure, and customer numbers keep their 8 digits; the run keeps a
# byte per customer in memory, so a mistyped count fails here rather than as a MemoryError.
MAX_CUSTOMERS = 10_000_000
ORDER_NO_BASE = 300_000_000
ORDER_DAYS = 8 * 365 + 2  # customers ordered over the last eight years (and joined over DAYS_BACK)
# UTC 00:00-13:00 is 09:00-22:00 in Japan, when the phone lines and TV shopping run.
ORDER_HOURS = 13 * 3600
# Name, kana, birth date, address, e-mail, shopping credit and workplace of an erased customer.
_ERASED = (None,) * 9 + (False, None, None)
# Tests and benchmarks that make demo data without a desk's key file: a fixed key, so seeds still give the
# same rows. A desk opening a demo database is given its own key (`desk-app demo`, `desk-app --demo`).
DEMO_REGISTER_KEY = RegisterKey(bytes(range(32)))
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


class DemoDataError(Exception):
    """The demo data cannot be written, with the reason in plain words."""


@dataclass(frozen=True)
class DemoSummary:
    customers: int
    phones: int
    orders: int
    order_lines: int
    provision_records: int
    cases: int
    agents: int
    seconds: float


def _order_count_cum_weights() -> list[float]:
    """Orders per customer: a floored log-normal, mean about 5, a fifth with none, capped at 200."""
    mu, sigma = 0.99, 1.2
    return [0.5 * (1 + math.erf((math.log(n) - mu) / (sigma * math.sqrt(2)))) for n in range(1, 201)] + [1.0]


def _raw_phone(digits: Digits, pick: float) -> str:
    """The number as customers and order forms really write it."""
    a, b, c = digits
    if pick < 0.50:
        return f"{a}-{b}-{c}"
    if pick < 0.65:
        return a + b + c
    if pick < 0.72:
        return f"({a}){b}-{c}"
    if pick < 0.77:
        return f"{a}({b}){c}"
    if pick < 0.86:
        return f"{a}-{b}-{c}".translate(_FULL_WIDTH)
    if pick < 0.95:
        return f"{a} {b} {c}"
    return f"+81 {a[1:]}-{b}-{c}"


class _Population:
    """Customers with their phones, orders and provision records, batch by batch from one random stream."""

    def __init__(self, rng: random.Random, clock: _Clock, total: int) -> None:
        self.rng, self.clock, self.total = rng, clock, total
        self.counts = dict.fromkeys(BULK_TABLES[1:5], 0)
        # Cases are drawn afterwards and need each customer's state without reading the rows back.
        self.erased = bytearray(total + 1)
        self.erased_ids: list[int] = []
        self.pending_ids: list[int] = []
        self._household: tuple[Any, ...] = ()
        self._household_left = 0
        cities = [(p, c) for p in vocab.PREFECTURES for c in p.cities]
        default = vocab.EXCHANGE_PREFIXES_DEFAULT
        self._places = [(p.name, c, vocab.EXCHANGE_PREFIXES.get(c.area_code, default)) for p, c in cities]
        self._place_cum = _cum(p.population / len(p.cities) for p, _ in cities)
        self._family_cum = _cum(1 / (rank + 8) for rank in range(len(vocab.FAMILY_NAMES)))
        self._years = list(range(1935, 2005))
        self._year_cum = _cum(min(year - 1930, 2006 - year) for year in self._years)
        self._product_cum = _cum(p.weight for p in vocab.PRODUCTS)
        self._provision_cum = _cum(p.weight for p in vocab.PROVISIONS)
        self._provisions_without_credit = [p for p in vocab.PROVISIONS if not p.shopping_credit_only]
        self._keys: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._month_days = [(dt.date(2001, 1, 1) + dt.timedelta(days=i)).isoformat()[4:] for i in range(365)]

    def _search_keys(self, name: str, name_kana: str) -> tuple[str | None, str | None]:
        # The same keys the ORM's validators store; names repeat, so each is folded only once.
        keys = self._keys.get((name, name_kana))
        if keys is None:
            keys = self._keys[name, name_kana] = (name_key(name), kana_key(name_kana))
        return keys

    def _pick(self, words: Sequence[_T]) -> _T:
        return words[int(self.rng.random() * len(words))]

    def fixed_line(self, area: str, exchange_prefixes: Sequence[str]) -> Digits:
        rnd = self.rng.random
        prefix = self._pick(exchange_prefixes)
        scale = 10 ** (6 - len(area) - len(prefix))  # area code and exchange make six digits with the 0
        exchange = prefix + str(scale + int(rnd() * scale))[1:]
        return area, exchange, str(10000 + int(rnd() * 10000))[1:]

    def mobile(self, prefix: str) -> Digits:
        rnd = self.rng.random
        return prefix, str(1000 + int(rnd() * 9000)), str(10000 + int(rnd() * 10000))[1:]

    def _given_name(self, female: bool, birth_year: int) -> vocab.Name:
        if birth_year < 1968:
            return self._pick(vocab.FEMALE_NAMES_OLDER if female else vocab.MALE_NAMES_OLDER)
        return self._pick(vocab.FEMALE_NAMES_YOUNGER if female else vocab.MALE_NAMES_YOUNGER)

    def _workplace(self) -> str:
        stem, trade = self._pick(vocab.COMPANY_STEMS), self._pick(vocab.COMPANY_TRADES)
        pick = self.rng.random()
        if pick < 0.7:
            return f"株式会社{stem}{trade}"
        return f"{stem}{trade}株式会社" if pick < 0.9 else stem + self._pick(vocab.OTHER_WORKPLACES)

    def _email(self, given: vocab.Name, family: vocab.Name, year: int) -> str:
        rnd = self.rng.random
        pick = rnd()
        if pick < 0.35:
            local = f"{given.romaji}.{family.romaji}"
        elif pick < 0.65:
            local = f"{family.romaji}{year % 100:02d}"
        elif pick < 0.85:
            local = f"{given.romaji[0]}{family.romaji}{int(rnd() * 1000)}"
        else:
            local = f"{given.romaji}_{family.romaji}{int(rnd() * 100)}"
        return f"{local}@{self._pick(vocab.EMAIL_DOMAINS)}"

    def _address(
        self, place: tuple[str, vocab.City, tuple[str, ...]]
    ) -> tuple[str, str, str, str, str | None]:
        rnd = self.rng.random
        prefecture, city, _ = place
        street = f"{self._pick(vocab.TOWNS)}{1 + int(rnd() * 6)}-{1 + int(rnd() * 30)}"
        if rnd() < 0.8:
            street += f"-{1 + int(rnd() * 25)}"
        building = None
        if rnd() < 0.35:
            name = self._pick(vocab.BUILDINGS) + self._pick(vocab.BUILDING_SUFFIXES)
            building = f"{name}{1 + int(rnd() * 9)}{1 + int(rnd() * 12):02d}"
        postal = city.postal_prefix + str(10000 + int(rnd() * 10000))[1:]
        return postal, prefecture, city.name, street, building

    def _provisions(self, customer_id: int, shopping_credit: bool, created: int, rows: list[Row]) -> None:
        rng, clock = self.rng, self.clock
        for _ in range(1 + (rng.random() < 0.3) + (rng.random() < 0.1)):
            record = rng.choices(vocab.PROVISIONS, cum_weights=self._provision_cum)[0]
            if record.shopping_credit_only and not shopping_credit:
                record = rng.choice(self._provisions_without_credit)
            title = vocab.PUBLIC_BODY_REPRESENTATIVES.get(record.recipient_name)
            title = title or rng.choice(vocab.REPRESENTATIVE_TITLES)
            family, given = rng.choice(vocab.FAMILY_NAMES), self._given_name(rng.random() < 0.3, 1960)
            day = created // DAY + 1 + int(rng.random() * (clock.today - created // DAY - 1))
            self.counts["provision_records"] += 1
            recipient = (
                record.recipient_name,
                record.recipient_address,
                f"{title} {family.kanji} {given.kanji}",
            )
            provided = (clock.dates[day], *recipient, record.items, record.purpose, record.basis)
            rows.append((self.counts["provision_records"], customer_id, *provided))

    def batch(self, first_id: int, count: int) -> dict[str, list[Row]]:
        rng, rnd, at, now_key = self.rng, self.rng.random, self.clock.at, self.clock.now_key
        families = rng.choices(vocab.FAMILY_NAMES, cum_weights=self._family_cum, k=count)
        places = rng.choices(self._places, cum_weights=self._place_cum, k=count)
        years = rng.choices(self._years, cum_weights=self._year_cum, k=count)
        rows: dict[str, list[Row]] = {table: [] for table in BULK_TABLES[:5]}
        customers, phones = rows["customers"], rows["phones"]
        phone_id = itertools.count(self.counts["phones"] + 1).__next__
        spans: list[tuple[int, int, int]] = []  # customer id and the time span their orders fall in
        ids = range(first_id, first_id + count)
        for customer_id, family, place, year in zip(ids, families, places, years, strict=True):
            created = int(rnd() * (self.clock.today - 1)) * DAY + int(rnd() * ORDER_HOURS)
            updated = created + int(rnd() * (now_key - created)) if rnd() < 0.3 else created
            customer_no, home_pick = str(CUSTOMER_NO_BASE + customer_id), rnd()
            if self._household_left:
                # A spouse, parent or grown child at the same address, on the same landline.
                self._household_left -= 1
                family, place, address, home = self._household
            else:
                address, home = self._address(place), None
                if rnd() < 0.6:
                    landline = rnd() < 0.92
                    home = self.fixed_line(place[1].area_code, place[2]) if landline else self.mobile("050")
                    if landline and rnd() < 0.03:
                        self._household = (family, place, address, home)
                        self._household_left = 1 + (rnd() < 0.25)
            pick = rnd()
            if pick < 0.006:
                # Erased: the row stays only as the anchor of the orders the law requires to be kept.
                self.erased[customer_id] = 1
                self.erased_ids.append(customer_id)
                gone = max(updated, created + DAY)
                # No mailings to an erased customer, and no provision, from the erasure on.
                stopped = (False, at(gone))
                tail = ("erased", at(created), at(gone), 1, None, None)
                customers.append((customer_id, customer_no, *_ERASED, *(stopped * 4), None, None, *tail))
                spans.append((customer_id, created, gone))
                continue
            state = "active" if pick >= 0.010 else "deletion_pending"
            if state == "deletion_pending":
                self.pending_ids.append(customer_id)
            given = self._given_name(rnd() < 0.55, year)
            birth = None if rnd() < 0.15 else str(year) + self._month_days[int(rnd() * 365)]
            email = self._email(given, family, year) if rnd() < 0.45 else None
            workplace = work_phone = work = None
            if rnd() < 0.2:  # shopping credit needs the workplace (policy §8)
                workplace, work = self._workplace(), self.fixed_line(place[1].area_code, place[2])
                work_phone = "-".join(work)
            # Opt-outs and magazine sign-ups carry the time they changed, as the desk records them.
            mailings: list[Any] = []
            for share, default in ((0.12, True), (0.15, True), (0.4 if email else 0.0, False)):
                if rnd() < share:
                    change = created + int(rnd() * (now_key - created))
                    mailings += (not default, at(change))
                    updated = max(updated, change)
                else:
                    mailings += (default, None)
            # A relative reported the customer's death: every mailing stopped then (`customers.deceased`).
            death = (at(updated), None) if 0.010 <= pick < 0.012 else (None, None)
            mailings = [False, at(updated)] * 3 if death[0] else mailings
            name, name_kana = f"{family.kanji} {given.kanji}", f"{family.kana} {given.kana}"
            person = (name, name_kana, birth, *address, email)
            credit = (work is not None, workplace, work_phone)
            stamps = (state, at(created), at(updated), 1, *self._search_keys(name, name_kana))
            # Provision on consent is allowed until a stop-provision case stops it (those come later).
            provision = (True, None)
            row = (customer_id, customer_no, *person, *credit, *mailings, *provision, *death, *stamps)
            customers.append(row)
            if home is not None:
                phones.append((phone_id(), customer_id, "home", _raw_phone(home, home_pick), _e164(home)))
            if home is None or rnd() < 0.7:
                pick = rnd()
                mobile = self.mobile("090" if pick < 0.55 else "080" if pick < 0.9 else "070")
                phones.append((phone_id(), customer_id, "mobile", _raw_phone(mobile, rnd()), _e164(mobile)))
            if work is not None and rnd() < 0.4:
                phones.append((phone_id(), customer_id, "work", _raw_phone(work, rnd()), _e164(work)))
            if rnd() < 0.05:
                self._provisions(customer_id, work is not None, created, rows["provision_records"])
            spans.append((customer_id, created, now_key))
        self.counts["phones"] += len(phones)
        self._orders(spans, rows["orders"], rows["order_lines"])
        return rows

    def _orders(self, spans: list[tuple[int, int, int]], orders: list[Row], lines: list[Row]) -> None:
        rng, rnd = self.rng, self.rng.random
        days, times, today = self.clock.days, self.clock.times, self.clock.today
        counts = rng.choices(range(201), cum_weights=_ORDER_COUNT_CUM, k=len(spans))
        channels = rng.choices(_CHANNELS, cum_weights=(35, 55, 85, 100), k=sum(counts))
        line_counts = rng.choices((1, 2, 3), cum_weights=(80, 95, 100), k=len(channels))
        products = iter(rng.choices(vocab.PRODUCTS, cum_weights=self._product_cum, k=sum(line_counts)))
        order_id, line_id = self.counts["orders"], self.counts["order_lines"]
        order_index = 0
        for (customer_id, created, until), count in zip(spans, counts, strict=True):
            first_day = max(created // DAY + 1, today - ORDER_DAYS)
            span = until // DAY - first_day  # orders fall on whole days before the end of the span
            if span < 1:
                order_index += count
                continue
            keys = [(first_day + int(rnd() * span)) * DAY + int(rnd() * ORDER_HOURS) for _ in range(count)]
            keys.sort()
            for key in keys:
                order_id += 1
                amount = 0
                for line_no in range(1, line_counts[order_index] + 1):
                    product = next(products)
                    quantity = 1 if product.max_quantity == 1 or rnd() < 0.8 else product.max_quantity
                    line_id += 1
                    line_amount = product.price_yen * quantity
                    amount += line_amount
                    lines.append(
                        (line_id, order_id, line_no, product.code, product.name, quantity, line_amount)
                    )
                day, second = divmod(key, DAY)
                order_no, channel = str(ORDER_NO_BASE + order_id), channels[order_index]
                orders.append((order_id, order_no, customer_id, days[day] + times[second], channel, amount))
                order_index += 1
        self.counts["orders"], self.counts["order_lines"] = order_id, line_id


_ORDER_COUNT_CUM = _order_count_cum_weights()
_CHANNELS = ("tv", "catalogue", "web", "phone")


def _remove_loaded(engine: Engine, agent_ids: Sequence[int]) -> None:
    """Delete what the bulk load committed (the database held none of it before), newest tables first."""
    with engine.begin() as connection:
        for table in reversed(BULK_TABLES):
            connection.execute(Base.metadata.tables[table].delete())
        extensions = Base.metadata.tables["agent_extensions"]
        connection.execute(extensions.delete().where(extensions.c.agent_id.in_(list(agent_ids))))
        agents = Base.metadata.tables["agents"]
        connection.execute(agents.delete().where(agents.c.id.in_(list(agent_ids))))
        connection.execute(Base.metadata.tables["demo_database"].delete())


def generate_demo_data(
    engine: Engine,
    *,
    customers: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
    now: dt.datetime | None = None,
    company: CompanyProfile | None = None,
    register_key: RegisterKey | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with `customers` demo customers and everything around them.

    The same seed, customer count and `now` give the same rows (but for the demo mark's random CTI
    token). Raises `DemoDataError` when the database already holds customers, orders or cases, or demo
    data; nothing is written then, nor on any failure. The database is marked as the demo's
    (`desk_app.storage.demo_mark`) in the commit that writes the customers.
    `progress(done, total)` is called after every batch of customers and once more when committed.
    The demo's erasures go into the erased-customer register under `register_key`: the key of the desk
    that will open the database (a fixed demo key when None, for tests and benchmarks).
    """
    if not 1 <= customers <= MAX_CUSTOMERS:
        raise ValueError(f"customers must be from 1 to {MAX_CUSTOMERS:,}")
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    started = time.perf_counter()
    loader = _PostgresLoader(engine) if engine.dialect.name == "postgresql" else _SqliteLoader(engine)
    failed = True
    try:
        # The loader only reports a filled table, so that DemoDataError stays with the public API here.
        occupied = loader.begin()
        if occupied is not None:
            raise DemoDataError(
                f"the database already holds {occupied.replace('_', ' ')}: demo data goes only into an"
                " empty database, never mixed with real records"
            )
        if loader.query("SELECT 1 FROM demo_database LIMIT 1"):
            raise DemoDataError("the database already holds demo data")
        clock = _Clock(now, loader.time_suffix)
        rng = random.Random(seed)
        existing_max = max((row[0] for row in loader.query("SELECT id FROM agents")), default=0)
        agents = add_staff(loader, clock)
        # Marked in the same commit as the customers: a database holding demo data is a demo database, and
        # only such a database lets the demo desk sign its staff in without a password.
        loader.write("demo_database", [(1, clock.at(clock.now_key), new_cti_token())])
        people = _Population(rng, clock, customers)
        if progress is not None:
            progress(0, customers)
        for first in range(1, customers + 1, BATCH_CUSTOMERS):
            count = min(BATCH_CUSTOMERS, customers + 1 - first)
            for table, rows in people.batch(first, count).items():
                loader.write(table, rows)
            # The last report waits for the indexes and the commit, so that "done" means done.
            if progress is not None and first + count <= customers:
                progress(first + count - 1, customers)
        loader.finish()
        failed = False
    finally:
        loader.close(failed)
    # Cases go through the real services on the loaded customers, so every history, letter and register
    # entry is one the desk itself would have written (the bulk path above is for what has no rules).
    new_agents = [agent_id for agent_id, _, _ in agents if agent_id > existing_max]
    reported = [_e164(people.mobile(rng.choice(("090", "080", "070", "050")))) for _ in range(12)]
    staff = Staff(
        agents=tuple(agent_id for agent_id, _, role in agents if role == "agent"),
        supervisors=tuple(agent_id for agent_id, _, role in agents if role == "supervisor"),
    )
    try:
        made = build_cases(
            engine,
            rng=rng,
            now=now,
            count=min(MAX_CASES, max(MIN_CASES, customers // 50)),
            staff=staff,
            company=company or CompanyProfile(),
            reported_numbers=reported,
            register_key=register_key or DEMO_REGISTER_KEY,
        )
    except BaseException:
        # The cases' transaction rolled back; take the bulk rows with it, so a failure leaves nothing.
        _remove_loaded(engine, new_agents)
        raise
    if progress is not None:
        progress(customers, customers)
    counts = dict(people.counts)
    with engine.connect() as connection:
        # Erasures took some phones away again.
        counts["phones"] = connection.scalar(select(func.count()).select_from(Phone)) or 0
    return DemoSummary(
        customers=customers,
        phones=counts["phones"],
        orders=counts["orders"],
        order_lines=counts["order_lines"],
        provision_records=counts["provision_records"],
        cases=made,
        agents=len(agents),
        seconds=time.perf_counter() - started,
    )
