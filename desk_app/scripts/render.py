"""Talk text with its placeholders (`{fee_yen}`, `{desk_name}`…) filled from the company profile,
`{agent_name}` from the signed-in agent and `{incident_…}` from the leak incident the case is about."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from desk_app.config import CompanyProfile
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.scripts.model import Ask, Choose, Confirm, InputType, Language, LocalText, Script, Step

# Every placeholder a script may use; the loader refuses any other name.
PLACEHOLDERS: dict[str, Callable[[CompanyProfile], str]] = {
    "company_name": lambda company: company.name,
    "desk_name": lambda company: company.desk_name,
    "toll_free": lambda company: company.toll_free,
    "fee_yen": lambda company: f"{company.disclosure_fee_yen:,}",
    "response_days": lambda company: str(company.response_target_days),
    "purposes_fee_yen": lambda company: f"{company.purposes.fee_yen:,}",
    "joint_use_companies": lambda company: "、".join(company.joint_use.companies),
    "joint_use_items": lambda company: company.joint_use.items,
    "joint_use_purpose": lambda company: company.joint_use.purpose,
    "joint_use_responsible": lambda company: company.joint_use.responsible_name(company.name),
    "foreign_countries": lambda company: (
        "、".join(country.country for country in company.foreign_transfer.countries) or "なし"
    ),
}
# Filled from who is on the call, not the company: the signed-in agent's display name.
AGENT_NAME = "agent_name"
# What is read aloud where no agent is known (`desk-app scripts check`, a preview): a gap for the agent.
UNNAMED_AGENT = "〇〇"
# Filled from the case: the leak incident it is about, as its record says now. Only a step shown `when`
# the case has an incident may use them (the loader checks); with none given they read as a gap.
CASE_PLACEHOLDERS = ("incident_no", "incident_title", "incident_what_happened", "incident_measures")
KNOWN_PLACEHOLDERS = (*PLACEHOLDERS, AGENT_NAME, *CASE_PLACEHOLDERS)
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders_in(text: str) -> list[str]:
    """The placeholder names in `text`, in order (known or not)."""
    return PLACEHOLDER.findall(text)


def fill(
    text: str,
    company: CompanyProfile,
    agent_name: str | None = None,
    case_values: Mapping[str, str] | None = None,
) -> str:
    """`text` with its placeholders replaced; the loader has refused unknown ones. `{agent_name}` is
    `agent_name` (the signed-in agent's display name), or 〇〇 where none is given; a `CASE_PLACEHOLDERS`
    name is its value in `case_values`, or 〇〇."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == AGENT_NAME:
            return (agent_name or "").strip() or UNNAMED_AGENT
        if name in CASE_PLACEHOLDERS:
            return (case_values or {}).get(name, "").strip() or UNNAMED_AGENT
        return PLACEHOLDERS[name](company)

    return PLACEHOLDER.sub(value, text)


def local_text(
    text: LocalText,
    company: CompanyProfile,
    language: Language,
    agent_name: str | None = None,
    case_values: Mapping[str, str] | None = None,
) -> str:
    """A title, label or talk text in `language`, filled."""
    return fill(text.in_language(language), company, agent_name, case_values)


def talk_text(
    step: Step,
    company: CompanyProfile,
    language: Language,
    agent_name: str | None = None,
    case_values: Mapping[str, str] | None = None,
) -> str:
    """What the agent reads aloud at `step`, in `language`, their own name where it says `{agent_name}`
    and the case's leak incident where it names one (`case_values`, by `CASE_PLACEHOLDERS` name)."""
    return local_text(step.text, company, language, agent_name, case_values)


def read_back(
    script: Script, step: Step, values: Mapping[str, str], company: CompanyProfile, language: Language
) -> tuple[tuple[str, str], ...]:
    """What a confirm step `shows`, as (label, value) in `language`: the answers given (by name, as
    `progress.values_on_path` gives them), written as people read them: a phone number in its national
    form, a postal code as 〒123-4567, an option by its label. Answers not given are left out."""
    if not isinstance(step.detail, Confirm):
        return ()
    lines = []
    for shown in step.detail.shows:
        value = values.get(shown.field, "")
        if value:
            text = _as_read(script, shown.field, value, company, language)
            lines.append((local_text(shown.label, company, language), text))
    return tuple(lines)


def _as_read(script: Script, name: str, value: str, company: CompanyProfile, language: Language) -> str:
    for step in script.steps:
        detail = step.detail
        if isinstance(detail, Choose) and step.id == name:
            option = detail.option(value)
            return local_text(option.label, company, language) if option else value
        if isinstance(detail, Ask) and detail.field == name:
            if detail.input is InputType.PHONE:
                try:
                    return normalise(value).national
                except InvalidPhoneNumber:
                    return value
            if detail.input is InputType.POSTAL_CODE and len(value) == 7:
                return f"〒{value[:3]}-{value[3:]}"
            if detail.input is InputType.YEN and value.isdigit():
                return f"{int(value):,}円" if language == "ja" else f"{int(value):,} yen"
            return value
    return value
