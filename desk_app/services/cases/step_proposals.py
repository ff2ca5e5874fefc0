"""What an action step's page starts from: the caller's answers on the way to it, turned into the mailings
to stop or the record fields a correction proposes (the agent checks and completes them)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from desk_app.services.cases.operations import mailings_named


def mailings_to_stop(values: Mapping[str, str]) -> tuple[str, ...]:
    """The mailings the caller asked to stop (the `mailings` choice): what the action step offers ticked."""
    return mailings_named(values.get("mailings", ""))


_PREFECTURE = re.compile(r"(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")
# Tried in this order: a town in a district (郡); a city, with its ward in a designated city (横浜市中区),
# where 町 and 村 may be part of the name (羽村市, 東村山市) and 市 may end it twice (四日市市); a Tokyo
# ward, whose streets may hold 市 (新宿区市谷); a town or village. A ward name has no digits, so a
# street's 地区 is not taken for one.
_CITY = re.compile(r".+?郡.+?[町村]|[^区]+?市(?!市)(?:[^\d\s]{1,4}?区)?|.+?区|.+?[町村]")


def correction_proposal(values: Mapping[str, str]) -> dict[str, str]:
    """The record fields the answers suggest for a correction form (the agent checks and completes them).

    An address is split after its prefecture and after its city (with its ward, or a district's town).
    """
    target = values.get("target")
    if target == "address":
        proposal = {"postal_code": values.get("new_postal_code", "")}
        address = values.get("new_address", "").strip()
        match = _PREFECTURE.match(address)
        rest = address
        if match:
            proposal["prefecture"] = match[1]
            rest = address[match.end() :]
        city = _CITY.match(rest)
        if city:
            proposal["city"] = city[0]
            rest = rest[city.end() :]
        proposal["street"] = rest.strip()
        return proposal
    if target == "name":
        return {"name": values.get("new_name", ""), "name_kana": values.get("new_kana", "")}
    if target == "email":
        return {"email": values.get("new_email", "")}
    if target == "phone":
        return {"phone": values.get("new_phone", "")}
    return {}
