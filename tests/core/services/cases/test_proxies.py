"""A request made by a proxy: the papers that show their authority, documents as the only identity check,
an appointed agent's request confirmed with the person, letters to the address the papers give, and no
protected field read out to a proxy on the phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import Proposal
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.domain.messages import InvalidRequest
from desk_app.domain.proxies import PersonConfirmation, ProxyDocument, ProxyKind, authority_shown
from desk_app.services.admin.doctor import examine
from desk_app.services.cases.identity import (
    AWAITING_PERSON,
    CallerIdAndKnowledge,
    DocumentCheck,
    Documents,
    IdentityCheckResult,
    record_identity_check,
)
from desk_app.services.cases.knowledge import KnowledgeItem
from desk_app.services.cases.letter_assembly import letter_for_case
from desk_app.services.cases.proxies import (
    ProxyConfirmationRefused,
    ProxyPapersMissing,
    ProxyRequest,
    confirm_with_person,
    record_proxy,
)
from desk_app.services.cases.records import get_case
from desk_app.services.cases.verified import IdentityNotVerified, require_verified
from desk_app.services.customers.reveal import RevealReason, RevealRefused, reveal_protected_details
from tests.support.case_steps import HOME, NOW, UNCONFIRMED, K, S, _events, _move, _open, _snapshot

P = ProxyDocument
PARENT = ProxyRequest(
    name="山田 花子",
    kind=ProxyKind.PARENT,
    relationship="母",
    documents=frozenset({P.FAMILY_REGISTER}),
    received_on=dt.date(2026, 11, 19),
)
APPOINTED = ProxyRequest(
    name="鈴木 一郎",
    kind=ProxyKind.APPOINTED,
    relationship="弁護士",
    documents=frozenset({P.POWER_OF_ATTORNEY, P.SEAL_CERTIFICATE}),
    received_on=dt.date(2026, 11, 19),
)
PAPERS = Documents(
    received_on=dt.date(2026, 11, 19),
    document_type="健康保険証の写し",
    matched=frozenset({DocumentCheck.NAME, DocumentCheck.ADDRESS}),
)


def _proxy(
    sessions: sessionmaker[Session], agents: dict[str, int], case_id: int, proxy: ProxyRequest
) -> None:
    with sessions.begin() as session:
        record_proxy(session, case_id, agent_id=agents["agent"], proxy=proxy, now=NOW)


def _documents(sessions: sessionmaker[Session], agents: dict[str, int], case_id: int) -> IdentityCheckResult:
    with sessions.begin() as session:
        return record_identity_check(
            session,
            case_id,
            agent_id=agents["agent"],
            method=IdentityMethod.DOCUMENTS,
            detail=PAPERS,
            now=NOW,
        )


def _confirm(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    case_id: int,
    result: PersonConfirmation,
    dialled: str | None = HOME,
) -> None:
    with sessions.begin() as session:
        confirm_with_person(
            session, case_id, agent_id=agents["agent"], result=result, dialled=dialled, now=NOW
        )


def _gate_open(sessions: sessionmaker[Session], case_id: int) -> bool:
    with sessions() as session:
        try:
            require_verified(session, case_id)
        except IdentityNotVerified:
            return False
        return True


@pytest.mark.parametrize(
    ("kind", "documents", "shown"),
    [
        (ProxyKind.PARENT, {P.FAMILY_REGISTER}, True),
        (ProxyKind.PARENT, {P.RESIDENCE_RECORD}, True),
        (ProxyKind.PARENT, {P.POWER_OF_ATTORNEY}, False),
        (ProxyKind.GUARDIAN, {P.GUARDIANSHIP_CERTIFICATE}, True),
        (ProxyKind.GUARDIAN, {P.FAMILY_REGISTER}, False),
        (ProxyKind.APPOINTED, {P.POWER_OF_ATTORNEY, P.SEAL_CERTIFICATE}, True),
        (ProxyKind.APPOINTED, {P.POWER_OF_ATTORNEY}, False),
        (ProxyKind.APPOINTED, {P.SEAL_CERTIFICATE, P.FAMILY_REGISTER}, False),
    ],
)
def test_each_kind_of_proxy_shows_authority_by_its_own_papers(
    kind: ProxyKind, documents: set[ProxyDocument], shown: bool
) -> None:
    assert authority_shown(kind, frozenset(documents)) is shown


def test_a_parent_is_verified_by_documents_alone_and_the_log_keeps_no_name(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _proxy(sessions, agents, case_id, PARENT)
    before = _snapshot(sessions)
    # A proxy on the phone is not the person, whatever they know.
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="documents only"):
        record_identity_check(
            session,
            case_id,
            agent_id=agents["agent"],
            method=IdentityMethod.CALLER_ID_AND_KNOWLEDGE,
            detail=CallerIdAndKnowledge(KnowledgeItem.BIRTH_DATE, "1980-01-01"),
        )
    assert _snapshot(sessions) == before
    assert _documents(sessions, agents, case_id).verified
    assert _gate_open(sessions, case_id)
    (logged,) = _events(sessions, case_id, "proxy_recorded")
    assert logged == {
        "kind": "parent",
        "documents": ["family_register"],
        "received_on": "2026-11-19",
        "letters_to_proxy": False,
    }
    with sessions() as session:
        assert get_case(session, case_id).state is S.IDENTITY_VERIFIED


def test_papers_that_do_not_show_the_authority_are_refused_and_nothing_is_written(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DELETION, customer)
    before = _snapshot(sessions)
    missing_seal = ProxyRequest(**{**APPOINTED.__dict__, "documents": frozenset({P.POWER_OF_ATTORNEY})})
    with sessions.begin() as session, pytest.raises(ProxyPapersMissing, match="委任状 と 印鑑登録証明書"):
        record_proxy(session, case_id, agent_id=agents["agent"], proxy=missing_seal, now=NOW)
    no_name = ProxyRequest(**{**PARENT.__dict__, "name": "  "})
    with sessions.begin() as session, pytest.raises(InvalidRequest, match="name"):
        record_proxy(session, case_id, agent_id=agents["agent"], proxy=no_name, now=NOW)
    tomorrow = ProxyRequest(**{**PARENT.__dict__, "received_on": dt.date(2026, 11, 21)})
    with sessions.begin() as session, pytest.raises(InvalidRequest, match="after today"):
        record_proxy(session, case_id, agent_id=agents["agent"], proxy=tomorrow, now=NOW)
    assert _snapshot(sessions) == before


@pytest.mark.parametrize("documents_first", [True, False])
def test_an_appointed_agents_request_waits_for_the_person_whichever_comes_first(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, documents_first: bool
) -> None:
    case_id = _open(sessions, agents, K.CORRECTION, customer)
    _proxy(sessions, agents, case_id, APPOINTED)
    if documents_first:
        result = _documents(sessions, agents, case_id)
        assert (result.verified, result.failure) == (False, AWAITING_PERSON)
        assert not _gate_open(sessions, case_id)
        # The person is reached only at a number they registered.
        before = _snapshot(sessions)
        with pytest.raises(ProxyConfirmationRefused):
            _confirm(
                sessions, agents, case_id, PersonConfirmation.CALLBACK_CONFIRMED, dialled="090-9999-0000"
            )
        assert _snapshot(sessions) == before
        _confirm(sessions, agents, case_id, PersonConfirmation.CALLBACK_CONFIRMED)
    else:
        _confirm(sessions, agents, case_id, PersonConfirmation.CALLBACK_CONFIRMED)
        assert not _gate_open(sessions, case_id)  # the documents have still to show the person
        assert _documents(sessions, agents, case_id).verified
    assert _gate_open(sessions, case_id)
    with sessions() as session:
        # The case row is what its events made, whichever came second (the replay follows the person).
        assert [str(problem) for problem in examine(session, now=NOW).problems] == []
    (confirmation,) = _events(sessions, case_id, "proxy_confirmation")
    assert (confirmation["result"], confirmation["dialled"]) == ("callback_confirmed", "+81312345678")


def test_a_person_who_denies_the_agent_leaves_only_a_refusal_and_letters_go_to_the_person(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    to_agent = ProxyRequest(
        **{
            **APPOINTED.__dict__,
            "letters_to_proxy": True,
            "proxy_postal_code": "102-0083",
            "proxy_address": "東京都千代田区麹町3-3\n鈴木法律事務所",
            "address_basis": "委任状に回答の送付先として記載",
        }
    )
    _proxy(sessions, agents, case_id, to_agent)
    _confirm(sessions, agents, case_id, PersonConfirmation.DENIED)
    before = _snapshot(sessions)
    with pytest.raises(IllegalTransition, match="denied"):
        _documents(sessions, agents, case_id)
    with pytest.raises(IllegalTransition, match="denied"):
        _proxy(sessions, agents, case_id, APPOINTED)
    assert _snapshot(sessions) == before
    _move(
        sessions, case_id, S.AWAITING_APPROVAL, agents["agent"], proposal=Proposal.REFUSAL, answer=UNCONFIRMED
    )
    _move(sessions, case_id, S.REFUSED, agents["supervisor"], reason="本人が委任を否定", answer=UNCONFIRMED)
    with sessions() as session:
        letter = letter_for_case(session, case_id, today=dt.date(2026, 11, 21))
    # Whoever the agent was, the answer goes to the person at the registered address.
    assert (letter.recipient.name, letter.recipient.postal_code) == ("山田 太郎", "1000001")


def test_letters_go_to_the_address_the_papers_give(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    guardian = ProxyRequest(
        name="佐藤 次郎",
        kind=ProxyKind.GUARDIAN,
        relationship="成年後見人（司法書士）",
        documents=frozenset({P.GUARDIANSHIP_CERTIFICATE}),
        received_on=dt.date(2026, 11, 19),
        letters_to_proxy=True,
        proxy_postal_code="１５０－０００２",
        proxy_address="東京都渋谷区渋谷2-2\n佐藤司法書士事務所",
        address_basis="登記事項証明書の後見人の住所",
    )
    _proxy(sessions, agents, case_id, guardian)
    _move(
        sessions, case_id, S.AWAITING_APPROVAL, agents["agent"], proposal=Proposal.REFUSAL, answer=UNCONFIRMED
    )
    _move(sessions, case_id, S.REFUSED, agents["supervisor"], reason="書類不備", answer=UNCONFIRMED)
    with sessions() as session:
        recipient = letter_for_case(session, case_id, today=dt.date(2026, 11, 21)).recipient
    assert (recipient.name, recipient.postal_code) == ("佐藤 次郎", "1500002")
    assert recipient.address_lines == ("東京都渋谷区渋谷2-2", "佐藤司法書士事務所")
    bad = ProxyRequest(**{**guardian.__dict__, "proxy_postal_code": "150"})
    other = _open(sessions, agents, K.DISCLOSURE, customer)
    with sessions.begin() as session, pytest.raises(InvalidRequest, match="postal code"):
        record_proxy(session, other, agent_id=agents["agent"], proxy=bad, now=NOW)


def test_no_protected_field_is_read_out_in_a_proxys_case(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    customer: int,
    add_customer: Callable[..., int],
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _proxy(sessions, agents, case_id, PARENT)
    _documents(sessions, agents, case_id)
    before = _snapshot(sessions)
    with sessions.begin() as session, pytest.raises(RevealRefused, match="proxy"):
        reveal_protected_details(
            session, customer, agent_id=agents["agent"], reason=RevealReason.CALLBACK, case_id=case_id
        )
    assert _snapshot(sessions) == before
    # The person's own case is read out as before.
    own = _open(sessions, agents, K.DISCLOSURE, customer)
    with sessions.begin() as session:
        assert reveal_protected_details(
            session, customer, agent_id=agents["agent"], reason=RevealReason.CALLBACK, case_id=own
        )


def test_a_proxy_recorded_anew_has_their_documents_checked_again(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _proxy(sessions, agents, case_id, APPOINTED)
    assert _documents(sessions, agents, case_id).failure == AWAITING_PERSON
    _proxy(sessions, agents, case_id, APPOINTED)  # recorded again: a name typed wrong, say
    _confirm(sessions, agents, case_id, PersonConfirmation.CALLBACK_CONFIRMED)
    assert not _gate_open(sessions, case_id)
    with sessions() as session:
        assert get_case(session, case_id).state is S.IDENTITY_PENDING
        # The replay agrees: the documents checked before the new record verify nothing.
        assert [str(problem) for problem in examine(session, now=NOW).problems] == []
    assert _documents(sessions, agents, case_id).verified
    assert _gate_open(sessions, case_id)
