"""Every message code with its English and its Japanese text (the placeholders are `str.format` fields).

English is the core's own wording (what `str(exc)` and the command line print); `{x:code}` keeps an
enumeration's or a field's code word there. Japanese names the same placeholders, always in words.
`tests/core/domain/test_messages.py` fails on a code without Japanese or a Japanese text that drops a
placeholder.

The texts are kept by area, one module each; `TEXTS` is their one table.
"""

from __future__ import annotations

from collections.abc import Mapping

from desk_app.domain.messages.texts import (
    accounts,
    audit,
    cases,
    doctor,
    general,
    imports,
    incident_calls,
    incident_upkeep,
    incidents,
    letters,
    pauses,
    policy,
    provisions,
    proxies,
    request_grounds,
    selections,
    switchboard,
)


def _one_table(*areas: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    # A code given in two areas would silently say one of the two: refused at import instead.
    table: dict[str, tuple[str, str]] = {}
    for area in areas:
        for code, words in area.items():
            if code in table:
                raise ValueError(f"message code {code!r} has texts in two places")
            table[code] = words
    return table


TEXTS = _one_table(
    general.TEXTS,
    cases.TEXTS,
    letters.TEXTS,
    accounts.TEXTS,
    imports.TEXTS,
    audit.TEXTS,
    doctor.TEXTS,
    switchboard.TEXTS,
    pauses.TEXTS,
    provisions.TEXTS,
    proxies.TEXTS,
    request_grounds.TEXTS,
    policy.TEXTS,
    incidents.TEXTS,
    selections.TEXTS,
    incident_upkeep.TEXTS,
    incident_calls.TEXTS,
)
