"""A request made by a proxy: who they are, the papers that show their authority, and the person's word.

Identity is then two checks (APPI Art. 37(3)): the proxy's authority, by papers recorded here, and the
person's existence in the record, by documents showing the registered name and address (`identity.py`).
An appointed agent's request is also confirmed with the person, at a registered number or by the reply to a
letter sent to the registered address, before anything is disclosed, changed or erased: whichever of the
documents and the confirmation comes second verifies the case. Letters go to the person's registered
address unless the papers say otherwise, and then to the address they give, as recorded here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.lifecycle import IDENTITY_KINDS, IllegalTransition
from desk_app.domain.messages import InvalidRequest, MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.proxies import (
    PersonConfirmation,
    ProxyDocument,
    ProxyKind,
    authority_shown,
    needs_person_confirmation,
    papers_needed,
)
from desk_app.domain.safe_text import text_problem
from desk_app.services.cases.records import (
    S,
    add_event,
    load_agent,
    load_case,
    registered_numbers,
    update_details,
    utc_now,
)
from desk_app.services.cases.transitions import move
from desk_app.storage.models import Case

_POSTAL_CODE = re.compile(r"^\d{3}-?\d{4}$")
_MAX_TEXT = 200


class ProxyPapersMissing(MessageError, ValueError):
    """The papers recorded do not show this kind of proxy's authority."""


class ProxyConfirmationRefused(MessageError, ValueError):
    """No appointed agent on the case, or a number dialled that the person did not register."""


@dataclass(frozen=True)
class ProxyRequest:
    """What the agent records of a proxy, from the papers in hand."""

    name: str
    kind: ProxyKind
    # The proxy's relationship to the person, in the agent's words (母, 成年後見人の弁護士, 長男).
    relationship: str
    documents: frozenset[ProxyDocument]
    received_on: dt.date
    # The papers name the proxy's address for the answer: letters go there, and the papers' words why.
    letters_to_proxy: bool = False
    proxy_postal_code: str | None = None
    proxy_address: str | None = None
    address_basis: str | None = None


@dataclass(frozen=True)
class PersonAnswer:
    """What the person said of their appointed agent's request (`confirm_with_person`)."""

    result: PersonConfirmation
    dialled: str | None = None
    replied_on: dt.date | None = None


@dataclass(frozen=True)
class ProxyView:
    """A case's proxy as the desk shows it; `confirmation` is None until the person was asked."""

    name: str
    kind: ProxyKind
    relationship: str
    documents: tuple[ProxyDocument, ...]
    received_on: dt.date
    letters_to_proxy: bool
    confirmation: PersonConfirmation | None

    @property
    def awaits_person(self) -> bool:
        """An appointed agent whose request the person has not yet confirmed (or denied)."""
        return needs_person_confirmation(self.kind) and self.confirmation is None

    @property
    def denied(self) -> bool:
        return self.confirmation is PersonConfirmation.DENIED


def _clean(text: str | None, what: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not cleaned or len(cleaned) > _MAX_TEXT or text_problem(cleaned) is not None:
        raise InvalidRequest(message("proxy.text_needed", what=what, limit=_MAX_TEXT))
    return cleaned


def proxy_of(case: Case) -> ProxyView | None:
    """The case's proxy; None when the person asked themselves."""
    stored = (case.details or {}).get("proxy")
    if not isinstance(stored, dict):
        return None
    confirmation = (stored.get("confirmation") or {}).get("result")
    return ProxyView(
        name=str(stored["name"]),
        kind=ProxyKind(stored["kind"]),
        relationship=str(stored["relationship"]),
        documents=tuple(ProxyDocument(item) for item in stored["documents"]),
        received_on=dt.date.fromisoformat(stored["received_on"]),
        letters_to_proxy=bool(stored.get("letters_to_proxy")),
        confirmation=PersonConfirmation(confirmation) if confirmation else None,
    )


def proxy_address(case: Case) -> tuple[str, str, tuple[str, ...]] | None:
    """Where the case's letters go instead of the registered address: (name, postal code, address lines),
    when a proxy's papers say so and the person has not denied the agent; None otherwise."""
    stored = (case.details or {}).get("proxy")
    if not isinstance(stored, dict) or not stored.get("letters_to_proxy"):
        return None
    if (stored.get("confirmation") or {}).get("result") == PersonConfirmation.DENIED.value:
        return None  # an agent the person denied appointing gets nothing: the answer goes to the person
    lines = tuple(line for line in str(stored["address"]).split("\n") if line.strip())
    return str(stored["name"]), str(stored["postal_code"]), lines


def _pending_identity_case(session: Session, case_id: int) -> Case:
    case = load_case(session, case_id)
    if case.kind not in IDENTITY_KINDS or case.customer_id is None:
        raise IllegalTransition(message("identity.not_needed", kind=case.kind))
    if case.state not in (S.RECEIVED, S.IDENTITY_PENDING):
        raise IllegalTransition(message("proxy.only_before_verified", state=case.state))
    return case


def record_proxy(
    session: Session, case_id: int, *, agent_id: int, proxy: ProxyRequest, now: dt.datetime | None = None
) -> ProxyView:
    """Record that `case_id` is asked for by `proxy`, whose papers the agent checked; a new record replaces
    one made in error while the case is still unverified.

    `ProxyPapersMissing` unless the papers show that kind of proxy's authority; `InvalidRequest` for a name,
    a relationship or (letters to the proxy) an address or its basis missing, and papers dated in the
    future. Nothing is written before every check has passed.
    """
    case = _pending_identity_case(session, case_id)
    load_agent(session, agent_id)
    require_not_denied(case)
    documents = frozenset(ProxyDocument(item) for item in proxy.documents)
    if not authority_shown(proxy.kind, documents):
        needed = papers_needed(proxy.kind)
        raise ProxyPapersMissing(message("proxy.papers_missing", kind=proxy.kind, needed=needed))
    at = utc_now(now)
    if proxy.received_on > at.astimezone(TOKYO).date():
        raise InvalidRequest(message("proxy.received_in_future"))
    stored: dict[str, Any] = {
        "name": _clean(proxy.name, "name"),
        "kind": proxy.kind.value,
        "relationship": _clean(proxy.relationship, "relationship"),
        "documents": sorted(document.value for document in documents),
        "received_on": proxy.received_on.isoformat(),
        "checked_by": agent_id,
        "checked_at": at.isoformat(),
        "letters_to_proxy": proxy.letters_to_proxy,
    }
    if proxy.letters_to_proxy:
        postal = unicodedata.normalize("NFKC", proxy.proxy_postal_code or "").strip()
        if not _POSTAL_CODE.match(postal):
            raise InvalidRequest(message("proxy.postal_code"))
        address = "\n".join(line for line in (proxy.proxy_address or "").splitlines() if line.strip())
        _clean(address.replace("\n", " "), "address")
        stored.update(
            postal_code=postal.replace("-", ""),
            address=unicodedata.normalize("NFKC", address),
            address_basis=_clean(proxy.address_basis, "basis"),
        )
    if case.state is S.RECEIVED:
        move(session, case, S.IDENTITY_PENDING, agent_id=agent_id, now=at)
    # The log keeps what was checked and where letters go, not the proxy's name or address.
    logged = {key: stored[key] for key in ("kind", "documents", "received_on", "letters_to_proxy")}
    add_event(session, case, agent_id=agent_id, kind="proxy_recorded", detail=logged, at=at)
    update_details(case, proxy=stored)
    session.flush()
    view = proxy_of(case)
    assert view is not None
    return view


def confirm_with_person(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    result: PersonConfirmation,
    dialled: str | None = None,
    replied_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ProxyView:
    """Record what the person said of their appointed agent's request: confirmed on a callback to a
    registered number (`dialled`), confirmed by the reply to a letter (`replied_on`), or denied.

    A confirmation completes the identity when the documents already showed the person on the record
    (`identity.py` keeps their check until then). `ProxyConfirmationRefused` when the case has no appointed
    agent or the number dialled is not registered; nothing is written then.
    """
    case = _pending_identity_case(session, case_id)
    load_agent(session, agent_id)
    require_not_denied(case)
    stored = (case.details or {}).get("proxy")
    if not isinstance(stored, dict) or not needs_person_confirmation(ProxyKind(stored["kind"])):
        raise ProxyConfirmationRefused(message("proxy.no_appointed_agent", case_no=case.case_no))
    at = utc_now(now)
    how: dict[str, Any] = {"result": result.value, "by": agent_id, "at": at.isoformat()}
    if result is PersonConfirmation.CALLBACK_CONFIRMED:
        try:
            e164 = normalise(dialled or "").e164
        except InvalidPhoneNumber:
            e164 = None
        assert case.customer_id is not None
        if e164 is None or e164 not in registered_numbers(session, case.customer_id):
            raise ProxyConfirmationRefused(message("identity.callback_registered_only"))
        how["dialled"] = e164
    elif result is PersonConfirmation.LETTER_CONFIRMED:
        if replied_on is None or replied_on > at.astimezone(TOKYO).date():
            raise InvalidRequest(message("proxy.reply_date"))
        how["replied_on"] = replied_on.isoformat()
    add_event(session, case, agent_id=agent_id, kind="proxy_confirmation", detail=dict(how), at=at)
    update_details(case, proxy={**stored, "confirmation": how})
    documents_check = stored.get("documents_check")
    if result is not PersonConfirmation.DENIED and isinstance(documents_check, dict):
        verify(session, case, documents_check, agent_id=agent_id, at=at)
    session.flush()
    view = proxy_of(case)
    assert view is not None
    return view


def verify(session: Session, case: Case, check: dict[str, Any], *, agent_id: int, at: dt.datetime) -> None:
    """The case's identity complete: kept on the case (what the gate reads) and the case verified."""
    update_details(case, identity=check)
    move(session, case, S.IDENTITY_VERIFIED, agent_id=agent_id, now=at)


def documents_only(case: Case) -> bool:
    """A proxy's case is verified by documents only: a proxy on the phone is not the person, whatever
    number they call from or whatever they know."""
    return isinstance((case.details or {}).get("proxy"), dict)


def require_not_denied(case: Case) -> None:
    """`IllegalTransition` when the person denied appointing the case's agent: the request can only be
    refused, whatever papers come."""
    stored = (case.details or {}).get("proxy")
    if isinstance(stored, dict) and (stored.get("confirmation") or {}).get("result") == "denied":
        raise IllegalTransition(message("proxy.person_denied", case_no=case.case_no))


def hold_documents_check(case: Case, check: dict[str, Any]) -> bool:
    """Called with a passing documents check on a proxy's case: True when it verifies the case now; False
    when the person has still to confirm (the check is kept for then)."""
    stored = (case.details or {}).get("proxy")
    assert isinstance(stored, dict)
    result = (stored.get("confirmation") or {}).get("result")
    if needs_person_confirmation(ProxyKind(stored["kind"])) and result is None:
        update_details(case, proxy={**stored, "documents_check": check})
        return False
    return True


def proxy_step(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    step: ProxyRequest | PersonAnswer,
    now: dt.datetime | None = None,
) -> ProxyView:
    """The proxy recorded, or the person's answer: what the identity step's proxy panel sends."""
    if isinstance(step, ProxyRequest):
        return record_proxy(session, case_id, agent_id=agent_id, proxy=step, now=now)
    return confirm_with_person(
        session,
        case_id,
        agent_id=agent_id,
        result=step.result,
        dialled=step.dialled,
        replied_on=step.replied_on,
        now=now,
    )
