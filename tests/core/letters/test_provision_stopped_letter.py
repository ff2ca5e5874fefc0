"""The letter confirming a stop of third-party provision, and the provision setting on the disclosure."""

from __future__ import annotations

import dataclasses
import datetime as dt

from desk_app.config import CompanyProfile
from desk_app.letters.content import ProvisionSetting
from desk_app.letters.render import render_letter
from tests.core.letters.test_letters import whole_text
from tests.support import sample_letters

COMPANY = CompanyProfile()


def test_a_stop_of_one_recipient_names_it_with_the_ground_and_the_day() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["provision_stopped"], COMPANY))
    assert "第三者提供停止のご通知" in text
    assert "保有個人データの第三者提供の停止のご請求につきまして、2026年11月20日に下記のとおり" in text
    assert "停止した提供「株式会社ひかりクレジット」への提供" in text
    assert "お申し出の理由ご同意の撤回（お客様のご希望）" in text
    assert "停止日2026年11月20日" in text
    # What goes on: provision a law requires, entrustment, and provision to anyone else on consent.
    assert "法令に基づく提供（裁判所や警察からの照会へのご回答など）は、停止の対象外となります。" in text
    assert "上記以外の提供先への提供は、ご同意いただいた内容のとおり行います。" in text


def test_a_stop_of_all_provision_covers_what_is_to_come_and_cites_its_article() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["provision_stopped_all"], COMPANY))
    assert "停止した提供ご本人の同意に基づく第三者への提供のすべて（今後の提供を含みます）" in text
    assert (
        "ご本人の権利又は正当な利益が害されるおそれがあるとのお申し出（個人情報の保護に関する法律第35条第5項）"
    ) in text
    assert "その都度あらためてご同意をお願いいたします" in text
    assert "上記以外の提供先" not in text


def test_the_disclosure_gives_the_provision_setting_only_when_it_is_held() -> None:
    plain = sample_letters.disclosure(order_count=1)
    assert "第三者への提供" not in whole_text(render_letter(plain, COMPANY))
    setting = ProvisionSetting(
        allowed=False,
        changed_on=dt.date(2026, 11, 21),
        stopped=(("株式会社ひかりクレジット", dt.date(2026, 11, 20)),),
    )
    text = whole_text(render_letter(dataclasses.replace(plain, provision=setting), COMPANY))
    assert "第三者への提供同意に基づく提供行わない（最終変更日：2026年11月21日）" in text
    assert "「株式会社ひかりクレジット」への提供停止（2026年11月20日から）" in text
