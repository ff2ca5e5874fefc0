"""Cases and their event history, drawn after the customers so they can point at erased ones."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desk_app.demo import vocabulary as vocab
from desk_app.demo.loader import DAY, Row, _Clock, _cum, _e164

if TYPE_CHECKING:  # generator.py imports this module, so the type may only be named for the checker
    from desk_app.demo.generator import _Population

DISCLOSURE_FEE_YEN = 404
_MILESTONES = ("identity_verified", "fee_received", "awaiting_approval")


def _state_path(rng: random.Random, kind: str, state: str) -> tuple[str, ...]:
    path = vocab.CASE_PATHS[kind]
    if state in path:
        return path[: path.index(state) + 1]
    # Refusals and withdrawals branch off a step that was still open.
    refusal_points = ("identity_pending", "identity_verified", "awaiting_approval")
    stop = rng.choice([s for s in path[:-1] if state == "withdrawn" or s in refusal_points])
    return (*path[: path.index(stop) + 1], state)


def _case_details(rng: random.Random, kind: str, reported: Sequence[str]) -> tuple[dict[str, Any], str]:
    identity = rng.choice(("caller_id", "callback", "caller_id_and_callback"))
    if kind == "suspicious_report":
        channel = rng.randrange(len(vocab.SUSPICIOUS_CHANNELS))
        sender, url = rng.choice(vocab.SUSPICIOUS_SENDERS)
        details: dict[str, Any] = {"channel": vocab.SUSPICIOUS_CHANNELS[channel], "claimed_sender": sender}
        if details["channel"] in ("sms", "call"):
            # A few numbers come up again and again, as they do in real impersonation waves.
            number = rng.choices(reported, cum_weights=_cum(range(len(reported), 0, -1)))[0]
            details["reported_number"] = number
        if details["channel"] in ("sms", "email"):
            details["url"] = url
        details.update(paid=rng.random() < 0.05, disclosed=rng.random() < 0.15)
        return details, vocab.CASE_SUMMARIES[kind][channel]
    if kind in ("disclosure", "provision_disclosure"):
        details = {"identity_method": identity, "delivery": "mail"}
    elif kind == "correction":
        details = {"identity_method": identity, "field": rng.choice(vocab.CORRECTION_FIELDS)}
    elif kind == "suspension":
        mailings = ("catalogue", "direct_mail", "email_magazine")
        details = {"mailings": sorted(rng.sample(mailings, rng.randint(1, 3)))}
    elif kind == "deletion":
        details = {"identity_method": identity, "consequences_explained": True}
    else:
        details = {"topic": rng.choice(vocab.COMPLAINT_TOPICS), "escalated": rng.random() < 0.5}
    return details, rng.choice(vocab.CASE_SUMMARIES[kind])


def _case_customer(rng: random.Random, people: _Population, kind: str, state: str) -> int | None:
    if kind == "deletion" and state == "completed" and people.erased_ids:
        return rng.choice(people.erased_ids)
    if kind == "deletion" and state not in ("completed", "refused", "withdrawn") and people.pending_ids:
        return rng.choice(people.pending_ids)
    # Complaints and reports also come from callers who are not customers.
    if rng.random() < {"complaint": 0.3, "suspicious_report": 0.6}.get(kind, 0.0):
        return None
    customer = 1 + int(rng.random() * people.total)
    for _ in range(5):
        if not people.erased[customer]:
            break
        customer = 1 + int(rng.random() * people.total)
    return customer


def _cases(
    rng: random.Random, clock: _Clock, agents: Sequence[tuple[int, str, str]], people: _Population, count: int
) -> tuple[list[Row], list[Row]]:
    rnd = rng.random
    staff = [agent_id for agent_id, _, role in agents if role == "agent"] or [agents[0][0]]
    supervisors = [agent_id for agent_id, _, role in agents if role == "supervisor"] or staff
    reported = [_e164(people.mobile(rng.choice(("090", "080", "070", "050")))) for _ in range(12)]
    kinds, kind_cum = list(vocab.CASE_KIND_WEIGHTS), _cum(vocab.CASE_KIND_WEIGHTS.values())
    drafts: list[tuple[int, Row, list[tuple[int, int, str, dict[str, Any]]]]] = []
    for index in range(count):
        if index < len(vocab.CASE_COVERAGE):
            kind, state = vocab.CASE_COVERAGE[index]
        else:
            kind, pick = rng.choices(kinds, cum_weights=kind_cum)[0], rnd()
            if pick < 0.5:
                state = "completed"
            elif pick < 0.55 and kind != "suspicious_report":
                state = "withdrawn"
            elif pick < 0.59 and kind in vocab.REFUSABLE_KINDS:
                state = "refused"
            else:
                state = rng.choice(vocab.CASE_PATHS[kind][:-1])
        path = _state_path(rng, kind, state)
        closed = state in ("completed", "refused", "withdrawn")
        # Open cases are recent, some already past due; closed ones reach back two years.
        back = 3 + int(rnd() * 727) if closed else int(rnd() ** 2 * 60)
        received = (clock.today - back) * DAY + int(rnd() * 9 * 3600)  # 09:00-18:00 in Japan
        if received >= clock.now_key - 120:
            received -= DAY
        end = min(received + int((1 + rnd() * 19) * DAY) if closed else clock.now_key, clock.now_key - 60)
        moments = [received, *sorted(received + int(rnd() * (end - received)) for _ in path[1:])]
        if closed:
            moments[-1] = end
        opened_by = rng.choice(staff)
        assigned: int | None = supervisors[0] if state == "awaiting_approval" else rng.choice(staff)
        if state == "received" and rnd() < 0.5:
            assigned = None
        handler = assigned or opened_by
        # The history keeps the first and last step, the milestones, and enough others to make five.
        kept = {0, len(path) - 1} | {i for i, step in enumerate(path) if step in _MILESTONES}
        others = [i for i in range(len(path)) if i not in kept]
        kept |= set(rng.sample(others, max(0, min(len(others), 5 - len(kept)))))
        events = [(received, opened_by, "opened", {"state": "received"})]
        for before, after in itertools.pairwise(sorted(kept)):
            approving = "awaiting_approval" in (path[before], path[after]) or path[after] == "refused"
            by = rng.choice(supervisors) if approving else handler
            events.append((moments[after], by, "state_changed", {"from": path[before], "to": path[after]}))
        if len(events) < 5 and rnd() < 0.4:
            note = {"text": rng.choice(vocab.CASE_NOTES)}
            events.append((received + int(rnd() * (moments[-1] - received)), handler, "note", note))
        events.sort(key=lambda event: event[0])
        details, summary = _case_details(rng, kind, reported)
        fee = DISCLOSURE_FEE_YEN if kind in ("disclosure", "provision_disclosure") else 0
        fee_at = clock.at(moments[path.index("fee_received")]) if "fee_received" in path else None
        due = (clock.in_japan(received).date() + dt.timedelta(days=14)).isoformat()
        who: Row = (_case_customer(rng, people, kind, state), opened_by, assigned)
        when: Row = (clock.at(received), due, clock.at(end) if closed else None)
        row = (kind, state, *who, *when, summary, fee, fee_at, None, None, json.dumps(details), 1)
        drafts.append((received, row, events))
    # Case numbers run by year of receipt in Japan, in the order the cases came in.
    drafts.sort(key=lambda draft: draft[0])
    cases: list[Row] = []
    case_events: list[Row] = []
    per_year: dict[int, int] = {}
    for case_id, (received, row, events) in enumerate(drafts, start=1):
        year = clock.in_japan(received).year
        per_year[year] = per_year.get(year, 0) + 1
        cases.append((case_id, f"{year}-{per_year[year]:06d}", *row))
        for key, by, event_kind, detail in events:
            event = (case_id, clock.at(key), by, event_kind, json.dumps(detail))
            case_events.append((len(case_events) + 1, *event))
    return cases, case_events
