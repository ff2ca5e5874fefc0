"""A refusal of a suspension, deletion or stop of provision (APPI Art. 35): the ground the customer gave,
the exception it rests on with its own paragraph, and the measure taken instead."""

from __future__ import annotations

import dataclasses

import pytest

from desk_app.config import CompanyProfile
from desk_app.domain.enums import CaseKind, ProvisionStopGround, RefusalGround, SuspensionGround
from desk_app.letters.content import Mailing, RefusalLetter
from desk_app.letters.render import render_letter
from tests.core.letters.test_letters import pages_text, whole_text
from tests.support import sample_letters

COMPANY = CompanyProfile()
APPI = "個人情報の保護に関する法律"


def exception_letter(**changes: object) -> RefusalLetter:
    letter = sample_letters.every_kind()["refusal_exception"]
    assert isinstance(letter, RefusalLetter)
    return dataclasses.replace(letter, **changes)  # type: ignore[arg-type]


def test_a_deletion_refused_on_the_exception_cites_its_proviso_and_the_measure_taken() -> None:
    pages = pages_text(render_letter(exception_letter(), COMPANY))
    assert len(pages) == 1
    text = "".join(pages)
    assert "保有個人データの消去のご請求についてのご回答" in text
    # What the customer asked on, repeated under their request.
    assert f"お申し出の理由：当社が利用する必要がなくなったとのお申し出（{APPI}第35条第5項）" in text
    # A request under paragraph 5 is excepted by paragraph 6's proviso.
    assert (
        "・消去に多額の費用を要する場合その他の消去を行うことが困難な場合であって、ご本人の権利利益を保護するため"
        f"必要なこれに代わるべき措置をとるため（{APPI}第35条第6項ただし書）。"
    ) in text
    assert "4.ご本人の権利利益を保護するため代わりにとる措置保証期間が満了するまでの間" in text
    assert "第35条第2項" not in text


@pytest.mark.parametrize(
    ("request_kind", "asked_on", "cited"),
    [
        (CaseKind.SUSPENSION, SuspensionGround.BEYOND_PURPOSE, "利用停止に多額の費用を要する場合"),
        (CaseKind.SUSPENSION, SuspensionGround.IMPROPER_USE, f"{APPI}第35条第2項ただし書"),
        (CaseKind.DELETION, SuspensionGround.IMPROPER_ACQUISITION, f"{APPI}第35条第2項ただし書"),
        (CaseKind.DELETION, SuspensionGround.LEAK, f"{APPI}第35条第6項ただし書"),
        (CaseKind.STOP_PROVISION, ProvisionStopGround.WITHOUT_CONSENT, f"{APPI}第35条第4項ただし書"),
        (CaseKind.STOP_PROVISION, ProvisionStopGround.RIGHTS_AT_RISK, f"{APPI}第35条第6項ただし書"),
        # A stop whose ground is not on file: both provisos that may except it.
        (CaseKind.STOP_PROVISION, None, f"{APPI}第35条第4項ただし書又は第6項ただし書"),
        (CaseKind.STOP_PROVISION, None, "第三者への提供の停止に多額の費用を要する場合"),
    ],
)
def test_the_exception_cites_the_proviso_of_the_paragraph_asked_under(
    request_kind: CaseKind, asked_on: SuspensionGround | ProvisionStopGround | None, cited: str
) -> None:
    letter = exception_letter(request=request_kind, asked_on=asked_on)
    assert cited in whole_text(render_letter(letter, COMPANY))


@pytest.mark.parametrize(
    ("asked_on", "cited"),
    [
        (
            SuspensionGround.BEYOND_PURPOSE,
            f"取り扱われている事実は認められなかったため（{APPI}第18条、第35条第1項",
        ),
        (SuspensionGround.IMPROPER_USE, f"（{APPI}第19条、第35条第1項及び第2項）"),
        (SuspensionGround.IMPROPER_ACQUISITION, f"（{APPI}第20条、第35条第1項及び第2項）"),
        (
            SuspensionGround.NO_LONGER_NEEDED,
            "引き続き利用する必要があり、利用する必要がなくなった場合には当たらない",
        ),
        (SuspensionGround.LEAK, f"{APPI}第26条第1項本文に規定する漏えい等の事態は生じていないため"),
        (SuspensionGround.RIGHTS_AT_RISK, "害されるおそれがある場合には当たらないため"),
    ],
)
def test_a_ground_that_does_not_apply_says_why_with_the_articles(
    asked_on: SuspensionGround, cited: str
) -> None:
    letter = exception_letter(
        ground=RefusalGround.GROUND_NOT_MET,
        asked_on=asked_on,
        alternative=None,
        reasons=("社内の取扱い記録を確認いたしました。",),
    )
    text = whole_text(render_letter(letter, COMPANY))
    assert cited in text
    assert "代わりにとる措置" not in text


def test_a_refused_suspension_says_the_mailings_stopped_all_the_same() -> None:
    letter = exception_letter(
        request=CaseKind.SUSPENSION,
        ground=RefusalGround.GROUND_NOT_MET,
        asked_on=SuspensionGround.BEYOND_PURPOSE,
        alternative=None,
        mailings_stopped=(Mailing.CATALOGUE, Mailing.DIRECT_MAIL),
    )
    text = whole_text(render_letter(letter, COMPANY))
    assert "保有個人データの利用停止のご請求についてのご回答" in text
    assert (
        "なお、カタログ、ダイレクトメールの送付は、当社の個人情報保護方針に基づき、お客様のご希望として"
        "停止しております。"
    ) in text


def test_a_wish_is_repeated_as_one() -> None:
    letter = exception_letter(
        ground=RefusalGround.IDENTITY_UNCONFIRMED, asked_on=SuspensionGround.CUSTOMER_WISH
    )
    text = whole_text(render_letter(letter, COMPANY))
    assert "お申し出の理由：お客様のご希望（法律上の理由のお申し出はございません）" in text
