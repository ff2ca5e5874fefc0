"""Talk scripts: shipped files load, broken ones are refused precisely, text is filled, answers checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.config import CompanyProfile
from desk_app.domain.enums import CaseKind, SuspensionGround
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.published_policy import ForeignTransfer, JointUse, PurposesOfUse
from desk_app.scripts.answers import AnswerError, check_answer
from desk_app.scripts.loader import ScriptError, load_script, load_scripts
from desk_app.scripts.model import (
    Action,
    Ask,
    CaseFacts,
    Choose,
    Confirm,
    InputType,
    LocalText,
    Note,
    Operation,
    Script,
    StepKind,
    VerifyIdentity,
)
from desk_app.scripts.progress import (
    FactsMissing,
    Position,
    ProgressError,
    ScriptDraft,
    next_step,
    path_to,
    position,
    previous_step,
    values_on_path,
)
from desk_app.scripts.render import local_text, read_back, talk_text

SCRIPTS_DIR = Path(__file__).resolve().parents[3] / "resources" / "scripts"
COMPANY = CompanyProfile()


@pytest.fixture(scope="module")
def scripts() -> dict[str, Script]:
    return load_scripts(SCRIPTS_DIR)


def test_every_case_kind_has_a_shipped_script(scripts: dict[str, Script]) -> None:
    assert {script.kind for script in scripts.values()} == set(CaseKind)
    assert all(script.id == script.kind.value and script.version >= 1 for script in scripts.values())


def all_texts(script: Script) -> list[tuple[str, str]]:
    texts = [("title", script.title.ja), ("title", script.title.en)]
    for step in script.steps:
        texts += [(step.id, step.text.ja), (step.id, step.text.en)]
        if isinstance(step.detail, Confirm):
            texts += [(step.id, step.detail.label.ja), (step.id, step.detail.label.en)]
        if isinstance(step.detail, Choose):
            texts += [(step.id, text) for o in step.detail.options for text in (o.label.ja, o.label.en)]
    return texts


def test_every_placeholder_in_the_shipped_scripts_is_filled(scripts: dict[str, Script]) -> None:
    for script in scripts.values():
        for step in script.steps:
            for language in ("ja", "en"):
                assert "{" not in talk_text(step, COMPANY, language), (script.id, step.id)
        for where, text in all_texts(script):
            filled = local_text(LocalText(ja=text, en=text), COMPANY, "ja")
            assert "{" not in filled, (script.id, where)
            assert "}" not in filled, (script.id, where)


@pytest.mark.parametrize("kind", ["disclosure", "provision_disclosure"])
def test_disclosure_fee_comes_from_the_company_profile(scripts: dict[str, Script], kind: str) -> None:
    fee = scripts[kind].step("fee")
    assert "404円" in talk_text(fee, COMPANY, "ja")
    assert "404 yen" in talk_text(fee, COMPANY, "en")
    assert isinstance(fee.detail, Confirm)
    assert "404円" in local_text(fee.detail.label, COMPANY, "ja")
    dearer = CompanyProfile(disclosure_fee_yen=1100, response_target_days=10, toll_free="0120-111-222")
    assert "1,100円" in talk_text(fee, dearer, "ja")
    assert "1,100 yen" in talk_text(fee, dearer, "en")
    assert "10日" in talk_text(scripts[kind].step("response_time"), dearer, "ja")
    assert "0120-111-222" in talk_text(scripts[kind].step("closing"), dearer, "ja")
    operations = {s.detail.operation for s in scripts[kind].steps if isinstance(s.detail, Action)}
    assert {Operation.REQUEST_FEE, Operation.PREPARE_LETTER} <= operations


def test_greeting_names_the_desk_and_company(scripts: dict[str, Script]) -> None:
    greeting = talk_text(scripts["complaint"].step("greeting"), COMPANY, "ja")
    assert greeting.startswith("お電話ありがとうございます。株式会社みらい通販、個人情報お問い合わせ窓口の")


def test_every_greeting_says_the_signed_in_agents_name(scripts: dict[str, Script]) -> None:
    for script in scripts.values():
        greeting = script.step("greeting")
        ja = talk_text(greeting, COMPANY, "ja", "山田 花子")
        assert (
            ja
            == "お電話ありがとうございます。株式会社みらい通販、"
            + "個人情報お問い合わせ窓口の山田 花子でございます。"
        )
        en = talk_text(greeting, COMPANY, "en", "山田 花子")
        assert (
            en
            == "Thank you for calling. This is 山田 花子 "
            + "at the 個人情報お問い合わせ窓口 of 株式会社みらい通販."
        )
        # Where no one is signed in (a script being checked), the agent says their own name at the gap.
        assert "の〇〇でございます" in talk_text(greeting, COMPANY, "ja")


def test_the_response_time_is_said_once_not_twice_hedged(scripts: dict[str, Script]) -> None:
    for kind in ("disclosure", "provision_disclosure"):
        said = talk_text(scripts[kind].step("response_time"), COMPANY, "ja")
        assert not ("おおむね" in said and "ほど" in said), said


def test_disclosure_items_follow_the_policy(scripts: dict[str, Script]) -> None:
    items = scripts["disclosure"].step("items").text
    for word in (
        "お名前",
        "ご住所",
        "お電話番号",
        "生年月日",
        "ご購入履歴",
        "ショッピングクレジット",
        "お勤め先",
        # Whatever else the record holds is disclosed too.
        "お客様番号",
        "すべてのお電話番号",
        "メールアドレス",
        "カタログ",
        "ダイレクトメール",
        "メールマガジン",
        "最後に変更された日",
    ):
        assert word in items.ja
    assert "only if we hold them" in items.en
    for word in ("e-mail address", "catalogue", "direct mail", "e-mail magazine", "the date it last changed"):
        assert word in items.en


@pytest.mark.parametrize("kind", ["correction", "suspension", "deletion", "stop_provision"])
def test_no_fee_for_correction_suspension_deletion(scripts: dict[str, Script], kind: str) -> None:
    script = scripts[kind]
    assert all("{fee_yen}" not in text for _, text in all_texts(script))
    assert all(
        s.detail.operation not in (Operation.REQUEST_FEE, Operation.RECORD_FEE)
        for s in script.steps
        if isinstance(s.detail, Action)
    )
    assert "手数料はかかりません" in script.step("no_fee").text.ja


@pytest.mark.parametrize(
    "kind",
    [
        "disclosure",
        "provision_disclosure",
        "correction",
        "suspension",
        "deletion",
        "stop_provision",
        "purposes_notice",
        "foreign_transfer",
    ],
)
def test_identity_is_verified_with_a_callback_to_the_registered_number(
    scripts: dict[str, Script], kind: str
) -> None:
    verify = [s for s in scripts[kind].steps if isinstance(s.detail, VerifyIdentity)]
    assert len(verify) == 1
    assert IdentityMethod.CALLBACK in verify[0].detail.methods
    assert "ご登録のお電話番号へ折り返し" in verify[0].text.ja


def test_the_notice_of_purposes_charges_the_configured_fee_only_when_one_is_set(
    scripts: dict[str, Script],
) -> None:
    notice = scripts["purposes_notice"]
    free, charged = CaseFacts(True, True, fee=False), CaseFacts(True, True, fee=True)
    assert next_step(notice, "what_is_sent", facts=free) == "no_fee"
    assert next_step(notice, "what_is_sent", facts=charged) == "fee"
    assert next_step(notice, "request_fee", facts=charged) == "record_purposes"
    assert "手数料はかかりません" in talk_text(notice.step("no_fee"), COMPANY, "ja")
    assert all("{fee_yen}" not in text for _, text in all_texts(notice))
    dearer = CompanyProfile(purposes=PurposesOfUse(version=2, fee_yen=1100))
    assert "1,100円（税込）" in talk_text(notice.step("fee"), dearer, "ja")
    fee = notice.step("fee").detail
    assert isinstance(fee, Confirm)
    assert "1,100円" in local_text(fee.label, dearer, "ja")
    actions = [step.detail.operation for step in notice.steps if isinstance(step.detail, Action)]
    assert actions == [Operation.REQUEST_FEE, Operation.RECORD_PURPOSES]


def test_the_foreign_recipients_script_names_the_configured_countries(scripts: dict[str, Script]) -> None:
    said = talk_text(scripts["foreign_transfer"].step("countries"), COMPANY, "ja")
    assert "提供する場合がある外国は、アメリカ合衆国、大韓民国でございます。" in said
    nowhere = CompanyProfile(foreign_transfer=ForeignTransfer(version=2, countries=()))
    assert "外国は、なしでございます" in talk_text(
        scripts["foreign_transfer"].step("countries"), nowhere, "ja"
    )
    actions = [s.detail.operation for s in scripts["foreign_transfer"].steps if isinstance(s.detail, Action)]
    assert actions == [Operation.RECORD_FOREIGN_TRANSFER]
    assert "手数料はかかりません" in scripts["foreign_transfer"].step("no_fee").text.ja


def test_joint_use_is_read_out_from_the_configuration_and_answered_on_the_call(
    scripts: dict[str, Script],
) -> None:
    joint = scripts["joint_use"]
    said = " ".join(talk_text(step, COMPANY, "ja") for step in joint.steps)
    assert "株式会社みらい通販、株式会社みらいコミュニケーションズ、株式会社みらいロジスティクス" in said
    assert "お名前、ご住所、お電話番号、ご連絡先、お取引履歴" in said
    assert "「2. 個人情報の利用目的」）と同じでございます" in said
    # Policy §6: the company itself is responsible, unless the section names another.
    assert "管理について責任を有するのは、株式会社みらい通販でございます。" in said
    other = CompanyProfile(
        joint_use=JointUse(version=2, companies=("甲株式会社", "乙株式会社"), responsible="甲株式会社")
    )
    assert "当社グループの甲株式会社、乙株式会社と共同で" in talk_text(joint.step("companies"), other, "ja")
    assert "責任を有するのは、甲株式会社でございます" in talk_text(joint.step("responsible"), other, "ja")
    actions = [s.detail.operation for s in joint.steps if isinstance(s.detail, Action)]
    assert actions == [Operation.ANSWER_JOINT_USE]


def test_a_leak_inquiry_reads_the_case_s_incident_and_tells_what_the_caller_can_do(
    scripts: dict[str, Script],
) -> None:
    leak = scripts["leak_inquiry"]
    incident = {
        "incident_no": "2026-L001",
        "incident_what_happened": "委託先のサーバーが不正アクセスを受けました。",
        "incident_measures": "サーバーを停止し、調査しております。",
    }
    about = CaseFacts(customer=True, registered_number=True, incident=True)
    unnamed = CaseFacts(customer=False, registered_number=False, incident=False)

    def said(facts: CaseFacts) -> str:
        shown = [step for step in leak.steps if step.when is None or facts.holds(step.when)]
        return " ".join(talk_text(step, COMPANY, "ja", case_values=incident) for step in shown)

    assert "心より深くお詫び申し上げます" in said(about)
    assert (
        "現在までに判明しております内容をご説明いたします。委託先のサーバーが不正アクセスを受けました。"
        in said(about)
    )
    assert "次のとおり対応を進めております。サーバーを停止し、調査しております。" in said(about)
    assert "委託先" not in said(unnamed)
    assert "事実関係を確認しております" in said(unnamed)
    for facts in (about, unnamed):
        # Art. 35(5): the desk takes a request to stop using or erase the data on the call; and misuse.
        assert "利用停止や消去をご請求いただけます" in said(facts)
        assert "不審なメールやお電話" in said(facts)
    # Without the case's values the incident reads as a gap, never as a placeholder.
    assert "〇〇" in talk_text(leak.step("what_happened"), COMPANY, "ja")
    wishes = leak.step("wishes").detail
    assert isinstance(wishes, Choose)
    assert [option.value for option in wishes.options] == ["none", "suspension", "deletion", "report"]
    actions = [s.detail.operation for s in leak.steps if isinstance(s.detail, Action)]
    assert actions == [Operation.ANSWER_LEAK_INQUIRY]


@pytest.mark.parametrize("kind", ["complaint", "suspicious_report", "joint_use", "leak_inquiry"])
def test_complaints_and_reports_need_no_identity_check(scripts: dict[str, Script], kind: str) -> None:
    assert all(step.kind is not StepKind.VERIFY_IDENTITY for step in scripts[kind].steps)


def test_deletion_reads_out_the_consequence_and_needs_a_tick(scripts: dict[str, Script]) -> None:
    deletion = scripts["deletion"]
    confirms = [s for s in deletion.steps if isinstance(s.detail, Confirm)]
    assert any(
        "保証" in s.detail.label.ja
        and "リコール" in s.detail.label.ja
        and "warranty" in s.detail.label.en
        and "recall" in s.detail.label.en
        for s in confirms
    )
    read_out = deletion.step("consequence").text
    assert "保証" in read_out.ja
    assert "リコール" in read_out.ja
    # Only the caller's "proceed" leads to the tick box and on to the erasure proposal.
    assert next_step(deletion, "consequence", "proceed") == "confirm_consequence"
    assert next_step(deletion, "consequence", "keep") == "keep_closing"
    erase = deletion.index("propose_erasure")
    assert deletion.index("confirm_consequence") < erase < deletion.index("keep_closing")


@pytest.mark.parametrize(
    ("script_id", "action"), [("suspension", "stop_mailings"), ("deletion", "propose_erasure")]
)
def test_suspension_and_deletion_ask_every_ground_of_article_35_before_acting(
    scripts: dict[str, Script], script_id: str, action: str
) -> None:
    script = scripts[script_id]
    ground = script.step("ground").detail
    assert isinstance(ground, Choose)
    # The caller's wish first (the commonest), then paragraph 1's grounds and paragraph 5's, with articles.
    g = SuspensionGround
    assert [option.value for option in ground.options] == [
        g.CUSTOMER_WISH,
        g.BEYOND_PURPOSE,
        g.IMPROPER_USE,
        g.IMPROPER_ACQUISITION,
        g.NO_LONGER_NEEDED,
        g.LEAK,
        g.RIGHTS_AT_RISK,
    ]
    assert all("第35条" in option.label.ja and "Art. 35" in option.label.en for option in ground.options[1:])
    assert script.index("verify_identity") < script.index("ground") < script.index(action)
    # No branch passes the ground by: every way to the action answers it.
    assert all(option.next is None for option in ground.options)


def test_the_suspension_stops_the_mailings_whatever_the_ground_as_the_policy_promises(
    scripts: dict[str, Script],
) -> None:
    said = scripts["suspension"].step("ground").text
    assert "ご理由にかかわらず承ります" in said.ja
    assert "whatever the reason" in said.en


def test_suspicious_report_asks_what_the_register_needs(scripts: dict[str, Script]) -> None:
    report = scripts["suspicious_report"]
    channel = report.step("channel").detail
    assert isinstance(channel, Choose)
    assert [o.value for o in channel.options] == ["post", "phone", "sms", "email", "web"]
    asks = {s.detail.field: s.detail.input for s in report.steps if isinstance(s.detail, Ask)}
    assert asks["received_on"] is InputType.DATE
    assert asks["shown_number"] is InputType.PHONE
    assert {"claimed_sender", "shown_url", "details"} <= set(asks)
    assert isinstance(report.step("paid_or_disclosed").detail, Choose)
    assert isinstance(report.step("record_report").detail, Action)


def test_complaint_records_category_details_escalation_and_answer(scripts: dict[str, Script]) -> None:
    complaint = scripts["complaint"]
    for step_id in ("category", "details", "escalation", "answer_given"):
        complaint.step(step_id)
    assert next_step(complaint, "escalation", "answered") == "answer_given"
    assert next_step(complaint, "answer_given") == "record_complaint"


CUSTOMER_WITH_NUMBER = CaseFacts(customer=True, registered_number=True)
CUSTOMER_WITHOUT_NUMBER = CaseFacts(customer=True, registered_number=False)
NO_CUSTOMER = CaseFacts(customer=False, registered_number=False)
ALL_FACTS = (CUSTOMER_WITH_NUMBER, CUSTOMER_WITHOUT_NUMBER, NO_CUSTOMER)


def test_an_escalated_complaint_asks_for_no_answer(scripts: dict[str, Script]) -> None:
    complaint = scripts["complaint"]
    escalated = {"category": "other", "escalation": "escalate", "callback_to": "registered"}
    path = path_to(complaint, "notes", escalated, facts=CUSTOMER_WITH_NUMBER)
    assert path[path.index("escalation") :] == [
        "escalation",
        "callback_to",
        "escalate",
        "record_complaint",
        "closing",
        "notes",
    ]
    assert "ご登録のお電話番号" in complaint.step("callback_to").text.ja


@pytest.mark.parametrize("facts", [CUSTOMER_WITHOUT_NUMBER, NO_CUSTOMER])
def test_a_caller_without_a_registered_number_is_asked_for_one(
    scripts: dict[str, Script], facts: CaseFacts
) -> None:
    complaint = scripts["complaint"]
    assert next_step(complaint, "escalation", "escalate", facts=facts) == "callback_number"
    path = path_to(complaint, "notes", {"category": "other", "escalation": "escalate"}, facts=facts)
    assert path[path.index("escalation") :] == [
        "escalation",
        "callback_number",
        "callback_read_back",
        "escalate",
        "record_complaint",
        "closing",
        "notes",
    ]
    ask = complaint.step("callback_number").detail
    assert isinstance(ask, Ask)
    assert (ask.field, ask.input, ask.required) == ("callback_number", InputType.PHONE, True)
    # Back from the number goes to the choice that escalated, not to a question never asked.
    escalated = {"category": "other", "escalation": "escalate"}
    assert previous_step(complaint, "callback_number", escalated, facts=facts) == "escalation"


def test_a_customer_may_ask_to_be_called_at_another_number(scripts: dict[str, Script]) -> None:
    complaint = scripts["complaint"]
    answers = {"category": "other", "escalation": "escalate", "callback_to": "other"}
    assert next_step(complaint, "callback_to", "other", facts=CUSTOMER_WITH_NUMBER) == "callback_number"
    assert "callback_read_back" in path_to(complaint, "notes", answers, facts=CUSTOMER_WITH_NUMBER)


def test_a_step_for_some_cases_is_never_guessed_without_the_facts(scripts: dict[str, Script]) -> None:
    complaint = scripts["complaint"]
    with pytest.raises(FactsMissing, match="'callback_to' is shown only when registered_number"):
        next_step(complaint, "escalation", "escalate")
    with pytest.raises(FactsMissing):
        path_to(complaint, "notes", {"category": "other", "escalation": "escalate"})
    # The branch that meets no such step needs none.
    assert next_step(complaint, "escalation", "answered") == "answer_given"


def _walks(script: Script, facts: CaseFacts) -> list[list[str]]:
    """Every way through `script` for a case with `facts`: each choice's every option."""
    finished: list[list[str]] = []
    pending: list[tuple[list[str], dict[str, str]]] = [([script.steps[0].id], {})]
    while pending:
        path, answers = pending.pop()
        step = script.step(path[-1])
        choices = [o.value for o in step.detail.options] if isinstance(step.detail, Choose) else [None]
        for choice in choices:
            chosen = {**answers, step.id: choice} if choice is not None else answers
            following = next_step(script, step.id, choice, facts=facts)
            if following is None:
                finished.append(path)
            else:
                pending.append(([*path, following], chosen))
    return finished


def _answer_names(script: Script, path: list[str]) -> set[str]:
    names = set()
    for step_id in path:
        detail = script.step(step_id).detail
        if isinstance(detail, Ask):
            names.add(detail.field)
        elif isinstance(detail, Choose):
            names.add(step_id)
    return names


def test_every_way_through_every_script_asks_only_what_can_be_answered(scripts: dict[str, Script]) -> None:
    """Each branch, for a caller on file with a number, without one, and for no customer at all."""
    for script in scripts.values():
        for facts in ALL_FACTS:
            walks = _walks(script, facts)
            assert walks, script.id
            for path in walks:
                where = f"{script.id} for {facts}: {' > '.join(path)}"
                steps = [script.step(step_id) for step_id in path]
                # Every way ends with the note, so nothing the agent wants to add is lost.
                assert isinstance(steps[-1].detail, Note), where
                for number, step in enumerate(steps):
                    # A read-back has something to read back on every way that reaches it.
                    if isinstance(step.detail, Confirm) and step.detail.shows:
                        asked = _answer_names(script, path[:number])
                        assert {shown.field for shown in step.detail.shows} & asked, where
                    # Nobody is asked to confirm a registered number there is not.
                    if step.kind is not StepKind.VERIFY_IDENTITY and not facts.registered_number:
                        assert "ご登録のお電話番号" not in step.text.ja, where
                if script.id == "complaint" and "escalate" in path:
                    assert "answer_given" not in path, where
                    if not facts.registered_number:
                        assert "callback_number" in path, where


def test_the_correction_read_back_shows_the_new_values_in_words(scripts: dict[str, Script]) -> None:
    correction = scripts["correction"]
    answers = {
        "target": "phone",
        "new_phone": "+819012345678",
        # Left behind when the agent went Back from the address: not read back.
        "new_postal_code": "5300012",
    }
    values = values_on_path(correction, "read_back", answers)
    assert values == {"target": "phone", "new_phone": "+819012345678"}
    step = correction.step("read_back")
    assert read_back(correction, step, values, COMPANY, "ja") == (("お電話番号", "090-1234-5678"),)
    address = values_on_path(
        correction,
        "read_back",
        {"target": "address", "new_postal_code": "5300012", "new_address": "大阪府大阪市北区芝田2-4-6"},
    )
    assert read_back(correction, step, address, COMPANY, "en") == (
        ("Postal code", "〒530-0012"),
        ("Address", "大阪府大阪市北区芝田2-4-6"),
    )
    assert correction.step("new_address").detail == Ask(
        field="new_address",
        input=InputType.TEXT,
        required=True,
        max_length=200,
        from_postal_code="new_postal_code",
    )


def test_a_correction_passed_on_reads_back_the_request_and_promises_no_change_now(
    scripts: dict[str, Script],
) -> None:
    correction = scripts["correction"]
    path = path_to(correction, "notes", {"target": "other"})
    assert path[path.index("target") :] == [
        "target",
        "other_details",
        "other_read_back",
        "pass_on",
        "closing",
        "notes",
    ]
    assert "read_back" not in path
    assert "apply_correction" not in path
    values = values_on_path(correction, "other_read_back", {"target": "other", "other_details": "旧姓の併記"})
    shown = read_back(correction, correction.step("other_read_back"), values, COMPANY, "ja")
    assert shown == (("ご依頼の内容", "旧姓の併記"),)


BASE = """\
id = "deletion"
version = 1
kind = "deletion"
title = { ja = "削除", en = "Deletion" }

[[steps]]
id = "greeting"
kind = "say"
ja = "{desk_name}でございます。"
en = "This is the {desk_name}."

[[steps]]
id = "decide"
kind = "choose"
ja = "続けますか。"
en = "Go on?"
options = [
    { value = "proceed", label = { ja = "続ける", en = "Go on" }, next = "confirm_consequence" },
    { value = "keep", label = { ja = "やめる", en = "Stop" }, next = "end" },
]

[[steps]]
id = "confirm_consequence"
kind = "confirm"
ja = "よろしいですか。"
en = "All right?"
label = { ja = "保証とリコール", en = "Warranty and recall" }

[[steps]]
id = "phone"
kind = "ask"
ja = "お電話番号は。"
en = "Phone?"
field = "phone"
input = "phone"
required = true
max_length = 20

[[steps]]
id = "verify"
kind = "verify_identity"
ja = "確認します。"
en = "Checking."
methods = ["callback"]

[[steps]]
id = "ground"
kind = "choose"
ja = "理由は。"
en = "Why?"
options = [
    { value = "customer_wish", label = { ja = "希望", en = "Wish" } },
    { value = "no_longer_needed", label = { ja = "不要", en = "Not needed" } },
]

[[steps]]
id = "erase"
kind = "action"
ja = "削除します。"
en = "Deleting."
operation = "propose_erasure"

[[steps]]
id = "notes"
kind = "note"
ja = "メモ"
en = "Notes"
"""

STEP = "deletion.toml: step "
BROKEN = [
    ('label = { ja = "保証とリコール", ', "label = { ", STEP + "'confirm_consequence': label.ja is required"),
    (
        'en = "Warranty and recall"',
        'en = "Warranty {fee}"',
        STEP + "'confirm_consequence': label.en has an unknown",
    ),
    (
        'label = { ja = "保証とリコール", en = "Warranty and recall" }',
        "",
        STEP + "'confirm_consequence': label is",
    ),
    (
        'label = { ja = "保証とリコール", en = "Warranty and recall" }',
        'label = "保証"',
        STEP + "'confirm_consequence': label must",
    ),
    ("version = 1\n", 'version = 1\nauthor = "x"\n', "deletion.toml: author is not a known field"),
    ("version = 1\n", "", "deletion.toml: version is required"),
    ("version = 1", 'version = "1"', "deletion.toml: version must be a whole number"),
    ("version = 1", "version = true", "deletion.toml: version must be a whole number"),
    ("version = 1", "version = 0", "deletion.toml: version must be at least 1"),
    ('kind = "deletion"', 'kind = "refund"', "deletion.toml: kind 'refund' is not one of: disclosure,"),
    (
        'id = "deletion"',
        'id = "erasure"',
        "deletion.toml: id 'erasure' must match the file name (deletion.toml)",
    ),
    (', en = "Deletion" }', " }", "deletion.toml: title.en is required"),
    ('title = { ja = "削除", en = "Deletion" }', 'title = "削除"', "deletion.toml: title must be a table"),
    ("title = { ja = ", "title = { ja = ", None),  # the base itself loads
    ('en = "Deletion" }', 'en = "Deletion"', "deletion.toml: file is not valid TOML"),
    ('kind = "say"', 'kind = "say"\ncolour = "red"', STEP + "'greeting': colour is not a known field"),
    ('id = "greeting"\n', "", STEP + "#1: id is required"),
    ('id = "greeting"', 'id = "Greeting"', STEP + "#1: id 'Greeting' must be lower-case"),
    ('id = "greeting"', "id = 7", STEP + "#1: id must be text"),
    ('id = "greeting"', 'id = "end"', STEP + "#1: id 'end' is reserved"),
    ('kind = "say"', 'kind = "sing"', STEP + "'greeting': kind 'sing' is not one of: say, confirm,"),
    ('kind = "say"\n', "", STEP + "'greeting': kind is required"),
    ('ja = "メモ"\n', "", STEP + "'notes': ja is required"),
    ('ja = "メモ"', 'ja = " "', STEP + "'notes': ja must not be empty"),
    ('id = "notes"', 'id = "erase"', STEP + "#8: id 'erase' is already used by step #7"),
    # The action keeps the caller's ground: the step asking it is there, offering only grounds the desk knows.
    (
        'id = "ground"',
        'id = "why"',
        STEP + "'erase': operation propose_erasure needs a choose step 'ground' before it",
    ),
    (
        'value = "no_longer_needed"',
        'value = "too_many_catalogues"',
        STEP + "'ground': options too_many_catalogues is no ground (known: beyond_purpose, customer_wish,",
    ),
    (
        'next = "confirm_consequence"',
        'next = "confirm"',
        STEP + "'decide': options[0].next points to 'confirm'",
    ),
    ('en = "Notes"', 'en = "Notes"\nnext = "greeting"', STEP + "'notes': next points back to 'greeting'"),
    (
        'en = "Notes"',
        'en = "Notes"\nnext = "nowhere"',
        STEP + "'notes': next points to 'nowhere', which is not",
    ),
    ('en = "Notes"', 'en = "Notes"\nnext = 3', STEP + "'notes': next must be text"),
    ('"propose_erasure"', '"erase_everything"', STEP + "'erase': operation 'erase_everything' is not one of"),
    (
        'ja = "{desk_name}で',
        'ja = "{agent_nmae}で',
        STEP + "'greeting': ja has an unknown placeholder {agent_nmae}",
    ),
    (
        'en = "This is the {desk_name}."',
        'en = "This is {}."',
        STEP + "'greeting': en has an unknown placeholder {}",
    ),
    ('input = "phone"', 'input = "telephone"', STEP + "'phone': input 'telephone' is not one of: text,"),
    ("required = true", 'required = "yes"', STEP + "'phone': required must be true or false"),
    ("max_length = 20", "max_length = 0", STEP + "'phone': max_length must be at least 1"),
    ('field = "phone"\n', "", STEP + "'phone': field is required"),
    ('field = "phone"', 'field = "Phone No"', STEP + "'phone': field 'Phone No' must be lower-case"),
    (
        'operation = "propose_erasure"',
        'operation = "propose_erasure"\nfield = "x"',
        STEP + "'erase': field is not",
    ),
    (
        'en = "All right?"',
        'en = "All right?"\noperation = "escalate"',
        STEP + "'confirm_consequence': operation",
    ),
    ('["callback"]', '["telepathy"]', STEP + "'verify': methods[0] 'telepathy' is not one of: caller_id_and"),
    ('["callback"]', "[]", STEP + "'verify': methods must not be empty"),
    ('["callback"]', '"callback"', STEP + "'verify': methods must be a list"),
    ('["callback"]', '["callback", "callback"]', STEP + "'verify': methods names a method twice"),
    (
        'value = "keep"',
        'value = "proceed"',
        STEP + "'decide': options[1].value 'proceed' is used by another option",
    ),
    ('label = { ja = "やめる", en = "Stop" }, ', "", STEP + "'decide': options[1].label is required"),
    (
        '{ value = "keep"',
        '{ colour = "red", value = "keep"',
        STEP + "'decide': options[1].colour is not a known",
    ),
    (
        'label = { ja = "続ける", en = "Go on" }',
        'label = { ja = "続ける" }',
        STEP + "'decide': options[0].label.en is",
    ),
    ('kind = "say"', 'kind = "say"\nwhen = "customer"', STEP + "'greeting': when cannot be set on the first"),
    (
        'kind = "action"',
        'kind = "action"\nwhen = "rich"',
        STEP + "'erase': when 'rich' is not one of: customer,",
    ),
    ('kind = "action"', 'kind = "action"\nwhen = "no_customer"', None),
    # The incident's account is read only where the case has one.
    (
        'en = "Go on?"',
        'en = "Go on? {incident_what_happened}"',
        STEP + "'decide': when must be \"incident\": the text reads the incident the case is about",
    ),
    ('en = "Go on?"', 'en = "Go on? {incident_measures}"\nwhen = "incident"', None),
    (
        'label = { ja = "保証とリコール", en = "Warranty and recall" }',
        'label = { ja = "保証", en = "W" }\nshows = [{ field = "decide", label = { ja = "選", en = "C" } }]',
        None,
    ),
    (
        'label = { ja = "保証とリコール", en = "Warranty and recall" }',
        'label = { ja = "保証", en = "W" }\nshows = [{ field = "phone", label = { ja = "電", en = "P" } }]',
        STEP
        + "'confirm_consequence': shows[0].field 'phone' is not an ask's field or a choose step's id before",
    ),
    (
        'label = { ja = "保証とリコール", en = "Warranty and recall" }',
        'label = { ja = "保証", en = "W" }\nshows = [{ field = "decide" }]',
        STEP + "'confirm_consequence': shows[0].label is required",
    ),
    (
        "max_length = 20",
        'max_length = 20\nfrom_postal_code = "decide"',
        STEP + "'phone': from_postal_code fills only a text or multiline answer",
    ),
    (
        'input = "phone"\nrequired = true',
        'input = "text"\nrequired = true\nfrom_postal_code = "decide"',
        STEP + "'phone': from_postal_code 'decide' is not a postal_code answer asked before this step",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN, ids=[str(n) for n in range(len(BROKEN))])
def test_a_broken_script_is_refused_naming_file_step_and_field(
    tmp_path: Path, old: str, new: str, message: str | None
) -> None:
    assert BASE.count(old) == 1, old
    path = tmp_path / "deletion.toml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    if message is None:
        assert [step.id for step in load_script(path).steps][-1] == "notes"
        return
    with pytest.raises(ScriptError) as caught:
        load_script(path)
    assert str(caught.value).startswith(message)


def test_a_read_back_that_a_branch_leaves_empty_is_refused(tmp_path: Path) -> None:
    """The check walks every branch: the address branch would reach a read-back of the phone alone."""
    text = (SCRIPTS_DIR / "correction.toml").read_text(encoding="utf-8")
    start = text.index('    { field = "new_postal_code"')
    end = text.index('    { field = "new_phone"')
    path = tmp_path / "correction.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ScriptError) as caught:
        load_script(path)
    assert str(caught.value) == (
        "correction.toml: step 'read_back': shows has nothing to show on the way greeting > request > "
        "verify_identity > no_fee > target > new_postal_code > new_address > read_back"
    )


def test_a_script_without_steps_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deletion.toml"
    path.write_text(BASE.split("\n[[steps]]")[0] + "\nsteps = []\n", encoding="utf-8")
    with pytest.raises(ScriptError, match=r"^deletion\.toml: steps must not be empty$"):
        load_script(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deletion.toml"
    path.write_bytes(BASE.encode("shift_jis"))
    with pytest.raises(ScriptError, match=r"^deletion\.toml: file is not"):
        load_script(path)


def test_two_asks_for_one_field_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "deletion.toml"
    path.write_text(BASE + ASK_PHONE_AGAIN, encoding="utf-8")
    with pytest.raises(ScriptError, match=r"^deletion\.toml: step 'phone_again': field 'phone' is asked by"):
        load_script(path)


ASK_PHONE_AGAIN = """
[[steps]]
id = "phone_again"
kind = "ask"
ja = "もう一度。"
en = "Again?"
field = "phone"
input = "phone"
required = false
"""


def test_the_folder_needs_one_script_per_case_kind(tmp_path: Path) -> None:
    (tmp_path / "deletion.toml").write_text(BASE, encoding="utf-8")
    with pytest.raises(ScriptError, match=r"no script for disclosure, provision_disclosure, correction"):
        load_scripts(tmp_path)
    for path in SCRIPTS_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert set(load_scripts(tmp_path)) == {kind.value for kind in CaseKind}
    (tmp_path / "deletion_short.toml").write_text(
        BASE.replace('"deletion"\nv', '"deletion_short"\nv'), "utf-8"
    )
    with pytest.raises(ScriptError, match=r"^deletion_short\.toml: kind 'deletion' already has a script"):
        load_scripts(tmp_path)


PHONE = Ask(field="phone", input=InputType.PHONE, required=True)
ANSWERS = [
    (PHONE, "03-1234-5678", "+81312345678"),
    (PHONE, "０９０－１２３４－５６７８", "+819012345678"),
    (Ask("postal", InputType.POSTAL_CODE, True), "〒857-0000", "8570000"),
    (Ask("postal", InputType.POSTAL_CODE, True), "８５７－００００", "8570000"),
    (Ask("postal", InputType.POSTAL_CODE, True), "857ー0000", "8570000"),
    (Ask("postal", InputType.POSTAL_CODE, True), "8570000", "8570000"),
    (Ask("date", InputType.DATE, True), "2026-04-01", "2026-04-01"),
    (Ask("date", InputType.DATE, True), "２０２６／４／１", "2026-04-01"),
    (Ask("fee", InputType.YEN, True), "404", "404"),
    (Ask("fee", InputType.YEN, True), "¥1,100", "1100"),
    (Ask("fee", InputType.YEN, True), "４０４円", "404"),
    (Ask("fee", InputType.YEN, True), "0", "0"),
    (Ask("email", InputType.EMAIL, True), " taro@example.jp ", "taro@example.jp"),
    (Ask("email", InputType.EMAIL, True), "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
    (Ask("name", InputType.TEXT, True, max_length=5), " 山田太郎 ", "山田太郎"),
    (Ask("details", InputType.MULTILINE, True), "一行目\n二行目\n", "一行目\n二行目"),
    (Ask("number", InputType.PHONE, False), "  ", ""),
]


@pytest.mark.parametrize(("ask", "typed", "expected"), ANSWERS)
def test_answers_are_normalised(ask: Ask, typed: str, expected: str) -> None:
    assert check_answer(ask, typed) == expected


WRONG_ANSWERS = [
    (PHONE, "", "an answer is required"),
    (PHONE, "03-1234", "not a phone number"),
    (PHONE, "abc", "not a phone number"),
    (Ask("postal", InputType.POSTAL_CODE, True), "857-000", "a postal code has 7 digits"),
    (Ask("postal", InputType.POSTAL_CODE, True), "857-00001", "a postal code has 7 digits"),
    (Ask("date", InputType.DATE, True), "2026-02-30", "2026-02-30 is not a date in the calendar"),
    (Ask("date", InputType.DATE, True), "1 April 2026", "a date is written YYYY-MM-DD"),
    (Ask("date", InputType.DATE, True), "20260401", "a date is written YYYY-MM-DD"),
    (Ask("fee", InputType.YEN, True), "-5", "an amount cannot be negative"),
    (Ask("fee", InputType.YEN, True), "4.5", "an amount in yen is a whole number"),
    (Ask("email", InputType.EMAIL, True), "taro@example", "not an e-mail address"),
    (Ask("email", InputType.EMAIL, True), "taro@@example.jp", "not an e-mail address"),
    (Ask("email", InputType.EMAIL, True), "taro yamada@example.jp", "not an e-mail address"),
    (Ask("name", InputType.TEXT, True, max_length=3), "山田太郎", "at most 3 characters, not 4"),
    (Ask("name", InputType.TEXT, True), "山田\n太郎", "one line only"),
    (Ask("name", InputType.TEXT, True), "\x1b]0;pwned\x07山田", "contains a control character (U+001B)"),
    (Ask("name", InputType.TEXT, True), "山田\u202e太郎", "contains a text-direction control character"),
    (Ask("details", InputType.MULTILINE, True), "届いた\r\n手紙", "contains a control character (U+000D)"),
    (Ask("details", InputType.MULTILINE, True), "届いた\u2066手紙", "contains a text-direction control"),
    (Ask("sender", InputType.TEXT, True), "みらい\x9b通販", "contains a control character (U+009B)"),
]


def test_a_multiline_answer_keeps_its_line_feeds_and_tabs() -> None:
    assert check_answer(Ask("details", InputType.MULTILINE, True), "一行目\n\t二行目") == "一行目\n\t二行目"


@pytest.mark.parametrize(("ask", "typed", "reason"), WRONG_ANSWERS)
def test_wrong_answers_get_a_plain_reason(ask: Ask, typed: str, reason: str) -> None:
    with pytest.raises(AnswerError) as caught:
        check_answer(ask, typed)
    assert str(caught.value).startswith(reason)


def test_navigator_branches_goes_back_and_finishes(scripts: dict[str, Script]) -> None:
    deletion = scripts["deletion"]
    assert next_step(deletion, "greeting") == "request"
    assert next_step(deletion, "closing") == "notes"  # skips the withdrawn caller's closing
    assert next_step(deletion, "notes") is None
    kept = {"ground": "customer_wish", "consequence": "keep"}
    assert previous_step(deletion, "keep_closing", kept) == "consequence"
    assert previous_step(deletion, "notes", kept) == "keep_closing"
    assert previous_step(deletion, "notes", {"ground": "leak", "consequence": "proceed"}) == "closing"
    assert previous_step(deletion, "greeting", {}) is None
    assert position(deletion, "greeting", {}) == Position(1, 10)
    assert position(deletion, "keep_closing", kept) == Position(6, 7)
    with pytest.raises(ProgressError, match="has no option 'maybe'"):
        next_step(deletion, "consequence", "maybe")
    with pytest.raises(ProgressError, match="has no step 'nowhere'"):
        next_step(deletion, "nowhere")
    with pytest.raises(ProgressError, match="do not lead to step 'keep_closing'"):
        previous_step(deletion, "keep_closing", {"ground": "leak", "consequence": "proceed"})


def test_a_choice_ending_the_script_finishes(tmp_path: Path) -> None:
    path = tmp_path / "deletion.toml"
    path.write_text(BASE, encoding="utf-8")
    script = load_script(path)
    assert next_step(script, "decide", "keep") is None
    assert next_step(script, "decide", "proceed") == "confirm_consequence"


def test_draft_round_trips_through_json(scripts: dict[str, Script]) -> None:
    answers = {"ground": "customer_wish", "consequence": "keep", "notes": "山田様、再度ご連絡予定"}
    draft = ScriptDraft("deletion", 3, "keep_closing", answers)
    text = draft.to_json()
    assert "山田様" in text
    restored = ScriptDraft.from_json(text)
    assert restored == draft
    restored.check_fits(scripts["deletion"])
    with pytest.raises(ProgressError, match="follows deletion version 2, not deletion version 3"):
        ScriptDraft("deletion", 2, "greeting").check_fits(scripts["deletion"])


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "[]",
        '{"script": "deletion", "version": 1, "step": "greeting"}',
        '{"script": "deletion", "version": "1", "step": "greeting", "answers": {}}',
        '{"script": "deletion", "version": 1, "step": "greeting", "answers": {"a": 1}}',
    ],
)
def test_a_damaged_draft_is_refused(text: str) -> None:
    with pytest.raises(ProgressError, match="saved draft"):
        ScriptDraft.from_json(text)
