"""What the company's published privacy policy tells a customer who asks, kept as data in the configuration:
the purposes of use (policy §2), the third parties in foreign countries (§5) and joint use (§6).

Each is a versioned section (`[purposes]`, `[foreign_transfer]`, `[joint_use]`); a case records the version
it told the customer, and its letter cites it. A section left out keeps the defaults below, which are the
policy's own words; a section that changes anything must name its `version`, so that no changed text is
ever sent under the version of another.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.config_sections import Section
from desk_app.domain.safe_text import text_problem

# Longest texts accepted: a purpose or a country's text is a paragraph of a letter, a name one line.
PURPOSE_LONGEST = 300
PARAGRAPH_LONGEST = 600
NAME_LONGEST = 100
MOST_ITEMS = 40
MOST_VERSION = 1_000_000

# Policy §2, item for item, in the Japanese the notice (利用目的の通知書) prints.
DEFAULT_PURPOSES = (
    "ご注文いただいた商品のお届け・設置、ご依頼いただいたサービスのご提供、取り扱い商品・サービスの"
    "ダイレクトメールおよびカタログの送付のため",
    "商品ご購入前のお問い合わせおよびご購入後のアフターサービスにおける商品の使用方法のご説明、"
    "返品・交換・修理・商品に関する情報のご提供のため",
    "当社のウェブサイトおよびモバイルサイトにおける会員登録、メールマガジンおよびオークションのため",
    "アンケートの実施、キャンペーン・懸賞およびその当選者のご案内、賞品の発送のため",
    "ショッピングクレジット払いまたはクレジットカード払いの与信審査、お客様のご依頼による返品時の"
    "商品代金および送料のお支払い、与信管理（督促業務）ならびに不正利用の防止のため",
    "お客様のご購入履歴、アンケート、性別、年齢その他の属性情報をもとに、個人を認識または特定できない"
    "よう加工した統計データを作成し、新たな商品・サービスの開発およびご提供に利用するため",
    "発信者番号通知サービス（ナンバー・ディスプレイその他の電話番号表示サービス）により通知された"
    "お電話番号によりお電話をおかけの方を確認し、ご本人確認の一部として利用するため",
    "お客様との通話を録音し、ご購入商品やお問い合わせ内容を確認することにより、お客様への電話での"
    "サービスを充実・向上させるため",
    "採用に関する情報のご提供および採用の判断のため（採用に関する個人情報は、商品・サービスの"
    "ダイレクトメールの送付には利用いたしません）",
    "モニター参加のご案内および対象商品のご説明、モニター参加にあたってのご意思確認のご連絡のため",
    "ご注文をお受けする際のご本人確認のため",
    "ふるさと納税にお申し込みいただいた場合に、お申し込み内容の確認、お問い合わせへのご回答、"
    "ふるさと納税の活用方法に関するパンフレット・資料の送付およびお礼の品の送付のため",
    "テレビ番組への参加または観覧にお申し込みいただいた場合に、当選の有無のご連絡および番組に関する"
    "ご案内の送付のため",
)


@dataclass(frozen=True)
class PurposesOfUse:
    """The purposes of use a notice lists (APPI Art. 32(2)), their version, and the fee the company
    charges for a notice (Art. 38(1)); 0: none."""

    version: int = 1
    items: tuple[str, ...] = DEFAULT_PURPOSES
    fee_yen: int = 0


@dataclass(frozen=True)
class ForeignCountry:
    """One foreign country the company's recipients are in (APPI Art. 28(2), (3)): who receives the data
    there and why, the country's system for protecting personal information, and what the recipient does
    to protect it as the APPI asks."""

    country: str
    recipient: str
    system: str
    measures: str


_CONTRACT_MEASURES = (
    "当社は、提供先との契約により、お客様の個人データを当社が定める目的の範囲内でのみ取り扱うこと、"
    "安全管理措置を講じること、当社の承諾なく第三者に提供しないこと等を定め、その実施状況を年1回以上、"
    "書面により確認しています。"
)
# Policy §5 sends the customer to the company's page on foreign recipients; these are the demo company's.
DEFAULT_COUNTRIES = (
    ForeignCountry(
        country="アメリカ合衆国",
        recipient="商品の製造元（商品の保証・修理およびリコールに関するご連絡のため）",
        system=(
            "アメリカ合衆国には、個人情報の保護に関する包括的な連邦法はなく、分野ごとの連邦法（金融、医療、"
            "児童のオンライン上の個人情報等）と州法（カリフォルニア州消費者プライバシー法等）により"
            "個人情報が保護されています。また、政府機関による情報の収集に関する制度（外国情報監視法等）が"
            "あります。"
        ),
        measures=_CONTRACT_MEASURES,
    ),
    ForeignCountry(
        country="大韓民国",
        recipient="お問い合わせ受付業務の委託先（海外の拠点）",
        system=(
            "大韓民国には、個人情報の保護に関する包括的な法律として個人情報保護法があり、"
            "OECDプライバシーガイドライン8原則に対応する事業者の義務と本人の権利が定められています。"
            "独立した監督機関として個人情報保護委員会が置かれています。"
        ),
        measures=_CONTRACT_MEASURES,
    ),
)


@dataclass(frozen=True)
class ForeignTransfer:
    """The information on provision to third parties in foreign countries (APPI Art. 28(3), policy §5)."""

    version: int = 1
    countries: tuple[ForeignCountry, ...] = DEFAULT_COUNTRIES


# Policy §6: the demo company's group, what is used jointly, for what, and who is responsible.
DEFAULT_GROUP = (
    "株式会社みらい通販",
    "株式会社みらいコミュニケーションズ",
    "株式会社みらいロジスティクス",
    "株式会社みらいサービス",
)
DEFAULT_JOINT_ITEMS = (
    "インターネット、お電話、はがき、FAX、ウェブサイトのメールによる各種お申し込みにより取得した、"
    "お名前、ご住所、お電話番号、ご連絡先、お取引履歴その他の個人情報（利用目的の達成に必要な範囲に限ります）"
)
DEFAULT_JOINT_PURPOSE = "当社の個人情報の利用目的（「1. 個人情報とは」および「2. 個人情報の利用目的」）と同じ"


@dataclass(frozen=True)
class JointUse:
    """Joint use of personal data within the group (APPI Art. 27(5)(iii), policy §6). `responsible` None:
    the company itself, by the name in `[company]`."""

    version: int = 1
    companies: tuple[str, ...] = DEFAULT_GROUP
    items: str = DEFAULT_JOINT_ITEMS
    purpose: str = DEFAULT_JOINT_PURPOSE
    responsible: str | None = None

    def responsible_name(self, company_name: str) -> str:
        return self.responsible or company_name


# --- reading the sections ---------------------------------------------------------------------------------


def _version(section: Section) -> int:
    """A section that changes anything names its version; one left out is version 1 of the defaults."""
    if section.given() and not section.has("version"):
        raise section.fail("version", "is required when the section is given (letters cite it)")
    return section.integer("version", 1, minimum=1, maximum=MOST_VERSION)


def _clean(section: Section, name: str, value: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        raise section.fail(name, str(problem))
    return value.strip()


def _paragraph(section: Section, name: str, default: str | None, *, longest: int = PARAGRAPH_LONGEST) -> str:
    """A text of at most `longest` characters; `default` None: it is required."""
    value = section.text(name, default, required=default is None)
    assert value is not None
    if len(value.strip()) > longest:
        raise section.fail(name, f"must be at most {longest} characters")
    return _clean(section, name, value)


def _list(section: Section, name: str, default: tuple[str, ...], *, longest: int) -> tuple[str, ...]:
    items = section.texts(name, default, longest=longest)
    if len(items) > MOST_ITEMS:
        raise section.fail(name, f"must list at most {MOST_ITEMS} items")
    return tuple(_clean(section, name, item) for item in items)


def read_purposes(section: Section) -> PurposesOfUse:
    """`[purposes]`: `version`, `items` (the purposes, in order), `fee_yen`."""
    purposes = PurposesOfUse(
        version=_version(section),
        items=_list(section, "items", DEFAULT_PURPOSES, longest=PURPOSE_LONGEST),
        fee_yen=section.integer("fee_yen", 0, minimum=0, maximum=100_000),
    )
    section.finish()
    return purposes


def read_foreign_transfer(section: Section) -> ForeignTransfer:
    """`[foreign_transfer]`: `version` and `[[foreign_transfer.countries]]` (`country`, `recipient`,
    `system`, `measures`); `countries = []` says the company provides to no one abroad."""
    version = _version(section)
    given = section.has("countries")
    countries = tuple(_country(table) for table in section.tables("countries"))
    if not given:
        countries = DEFAULT_COUNTRIES
    if len(countries) > MOST_ITEMS:
        raise section.fail("countries", f"must list at most {MOST_ITEMS} countries")
    names = [country.country for country in countries]
    if len(set(names)) != len(names):
        raise section.fail("countries", "must not name a country twice")
    section.finish()
    return ForeignTransfer(version=version, countries=countries)


def _country(table: Section) -> ForeignCountry:
    country = ForeignCountry(
        country=_paragraph(table, "country", None, longest=NAME_LONGEST),
        recipient=_paragraph(table, "recipient", None),
        system=_paragraph(table, "system", None),
        measures=_paragraph(table, "measures", None),
    )
    table.finish()
    return country


def read_joint_use(section: Section) -> JointUse:
    """`[joint_use]`: `version`, `companies`, `items`, `purpose`, `responsible` (default: the company)."""
    responsible = section.text("responsible")
    joint = JointUse(
        version=_version(section),
        companies=_list(section, "companies", DEFAULT_GROUP, longest=NAME_LONGEST),
        items=_paragraph(section, "items", DEFAULT_JOINT_ITEMS),
        purpose=_paragraph(section, "purpose", DEFAULT_JOINT_PURPOSE),
        responsible=_clean(section, "responsible", responsible) if responsible else None,
    )
    if joint.responsible is not None and len(joint.responsible) > NAME_LONGEST:
        raise section.fail("responsible", f"must be at most {NAME_LONGEST} characters")
    section.finish()
    return joint
