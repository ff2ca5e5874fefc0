"""The letters that answer from the published policy: the notice of the purposes of use (paid or free) and
its refusal on the law's grounds, and the information on recipients in foreign countries."""

from __future__ import annotations

import dataclasses

import pytest

from desk_app.config import CompanyProfile
from desk_app.domain.enums import CaseKind, RefusalGround
from desk_app.letters.content import FeeWaived, PurposesNoticeLetter, RefusalLetter, RefusalScope
from desk_app.letters.render import render_letter
from desk_app.published_policy import DEFAULT_PURPOSES, ForeignTransfer
from tests.core.letters.test_letters import pages_text, whole_text
from tests.support import sample_letters

COMPANY = CompanyProfile()


def test_the_notice_lists_every_purpose_of_the_policy_with_its_version() -> None:
    pdf = render_letter(sample_letters.every_kind()["purposes_notice"], COMPANY)
    text = whole_text(pdf)
    assert "利用目的の通知書" in text
    assert "保有個人データの利用目的の通知のお求めにつきまして" in text
    assert "個人情報の保護に関する法律第32条第2項に基づき" in text
    # Policy §2, item for item and in its order, numbered ①…⑬.
    positions = [text.index("".join(purpose.split())) for purpose in DEFAULT_PURPOSES]
    assert positions == sorted(positions)
    assert "⑬テレビ番組への参加" in text
    assert "当社の個人情報保護方針に定める利用目的（第1版）です。" in text
    # No fee is charged by default, and the letter says nothing of one.
    assert "手数料" not in text
    # Thirteen purposes run onto a second page, its running header naming the case; no more than that.
    pages = pages_text(pdf)
    assert len(pages) == 2
    assert pages[1].startswith(f"{COMPANY.name}整理番号2026-000123")


def test_a_notice_that_charged_a_fee_says_when_it_was_received() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["purposes_notice_paid"], COMPANY))
    assert "①ご注文いただいた商品のお届けのため②ご本人確認のため" in text
    assert "（第3版）" in text
    assert "手数料¥404（税込）は、2026年11月18日に郵便定額小為替にて受領いたしました。" in text
    waived = dataclasses.replace(
        sample_letters.every_kind()["purposes_notice_paid"],  # type: ignore[type-var]
        fee=FeeWaived(),
    )
    assert "手数料" not in whole_text(render_letter(waived, COMPANY))


@pytest.mark.parametrize(
    ("ground", "cited"),
    [
        (RefusalGround.PURPOSES_CLEAR, "個人情報の保護に関する法律第32条第2項第1号"),
        (RefusalGround.NOTICE_HARMS_PERSON, "第32条第2項第2号及び第21条第4項第1号"),
        (RefusalGround.NOTICE_HARMS_COMPANY, "第32条第2項第2号及び第21条第4項第2号"),
        (RefusalGround.NOTICE_HINDERS_AUTHORITIES, "第32条第2項第2号及び第21条第4項第3号"),
    ],
)
def test_a_refused_notice_cites_the_exception_it_rests_on(ground: RefusalGround, cited: str) -> None:
    letter = RefusalLetter(
        **sample_letters.COMMON,
        request=CaseKind.PURPOSES_NOTICE,
        scope=RefusalScope.FULL,
        ground=ground,
        reasons=("当社ウェブサイトの個人情報保護方針をご覧ください。",),
    )
    text = whole_text(render_letter(letter, COMPANY))
    assert "保有個人データの利用目的の通知のお求めにつきまして" in text
    assert f"{cited}）。" in text
    assert "当社ウェブサイトの個人情報保護方針をご覧ください。" in text


def test_the_notice_is_made_from_what_the_case_recorded_not_from_todays_configuration() -> None:
    # The letter takes the list as given: a company whose configuration says otherwise signs the same text.
    letter = PurposesNoticeLetter(**sample_letters.COMMON, purposes=("旧版の利用目的",), version=1, fee=None)
    changed = dataclasses.replace(
        COMPANY, purposes=dataclasses.replace(COMPANY.purposes, version=2, items=("新しい利用目的",))
    )
    text = whole_text(render_letter(letter, changed))
    assert "①旧版の利用目的" in text
    assert "新しい利用目的" not in text


def test_the_foreign_recipients_letter_gives_each_country_its_system_and_the_measures() -> None:
    pdf = render_letter(sample_letters.every_kind()["foreign_transfer_info"], COMPANY)
    text = whole_text(pdf)
    assert "外国にある第三者への提供に関する情報のご案内" in text
    assert "外国にある第三者への提供に関する情報のお求めにつきまして" in text
    assert "個人情報の保護に関する法律第28条第3項に基づき" in text
    for number, country in enumerate(ForeignTransfer().countries, start=1):
        assert f"{number}.{country.country}" in text
        for said in (country.recipient, country.system, country.measures):
            assert "".join(said.split()) in text
    assert "当該国の個人情報の保護に関する制度" in text
    assert "提供先が講ずる措置" in text
    assert "外国にある第三者への提供に関する情報（第1版）です。" in text
    assert len(pages_text(pdf)) == 1


def test_with_no_foreign_recipients_the_letter_says_so() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["foreign_transfer_none"], COMPANY))
    assert "現在、当社はお客様の個人データを外国にある第三者に提供しておりません。" in text
    assert "提供先が講ずる措置" not in text
    assert "（第2版）" in text
