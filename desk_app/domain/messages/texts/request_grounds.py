"""Messages about the ground a suspension or deletion is asked on and the exceptions of APPI Art. 35 a
refusal rests on (the request, its refusal, the timeline and the database check), in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- the request and its step -------------------------------------------------------------------------
    "request_ground.choose": (
        "choose the ground the caller gives (or that they give none: their wish)",
        "お客様のお申し出の理由を選んでください（法律上の理由がない場合は「お客様のご希望」）",
    ),
    # --- the refusal --------------------------------------------------------------------------------------
    "ground.customer_wish_honoured": (
        "a {kind:code} request asked as the customer's wish cannot be refused on {ground:code}: the "
        "company's policy honours it (only an unconfirmed identity refuses it)",
        "お客様のご希望としての{kind}の請求は「{ground}」を根拠に拒否できません。当社の方針によりお応えします"
        "（拒否できるのはご本人であることを確認できなかった場合のみです）",
    ),
    "ground.alternative_needed": (
        "a refusal on {ground:code} needs the alternative measure taken to protect the customer's rights "
        "(APPI Art. 35(2), (4), (6) provisos): describe it",
        "「{ground}」を根拠とする拒否には、ご本人の権利利益を保護するために代わりにとる措置の記載が必要です"
        "（法第35条第2項・第4項・第6項ただし書）",
    ),
    "ground.alternative_not_taken": (
        "an alternative measure goes only with a refusal on difficult_with_alternative, not on {ground:code}",
        "代わりにとる措置は「多額の費用を要する等の困難」を根拠とする拒否にのみ記載します（「{ground}」には記載しません）",
    ),
    # --- the case's timeline ------------------------------------------------------------------------------
    "event.request_ground": ("Ground given: {ground}", "申出の理由: {ground}"),
    "event.alternative": (" — alternative measure: “{text}”", " — 代わりの措置:「{text}」"),
    # --- the database check -------------------------------------------------------------------------------
    "doctor.check.refusals": ("refusals", "拒否"),
    "doctor.exception_without_alternative": (
        "refused (or proposed for refusal) on {ground:code} without the alternative measure recorded",
        "「{ground}」を根拠に拒否（または拒否を提案）していますが、代わりにとる措置が記録されていません",
    ),
    "doctor.exception_against_wish": (
        "refused (or proposed for refusal) on {ground:code}, but the request was asked on {asked_on:code}",
        "「{ground}」を根拠に拒否（または拒否を提案）していますが、請求の理由は「{asked_on}」です",
    ),
}
