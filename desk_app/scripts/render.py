"""Talk text with its placeholders (`{fee_yen}`, `{desk_name}`…) filled from the company profile."""

from __future__ import annotations

import re
from collections.abc import Callable

from desk_app.config import CompanyProfile
from desk_app.scripts.model import Language, LocalText, Step

# Every placeholder a script may use; the loader refuses any other name.
PLACEHOLDERS: dict[str, Callable[[CompanyProfile], str]] = {
    "company_name": lambda company: company.name,
    "desk_name": lambda company: company.desk_name,
    "toll_free": lambda company: company.toll_free,
    "fee_yen": lambda company: f"{company.disclosure_fee_yen:,}",
    "response_days": lambda company: str(company.response_target_days),
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders_in(text: str) -> list[str]:
    """The placeholder names in `text`, in order (known or not)."""
    return PLACEHOLDER.findall(text)


def fill(text: str, company: CompanyProfile) -> str:
    """`text` with its placeholders replaced; the loader has refused unknown ones."""
    return PLACEHOLDER.sub(lambda match: PLACEHOLDERS[match.group(1)](company), text)


def local_text(text: LocalText, company: CompanyProfile, language: Language) -> str:
    """A title, label or talk text in `language`, filled."""
    return fill(text.in_language(language), company)


def talk_text(step: Step, company: CompanyProfile, language: Language) -> str:
    """What the agent reads aloud at `step`, in `language`."""
    return local_text(step.text, company, language)
