"""Messages about presence, after-call work, missed calls and the blocklist, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- presence and after-call work -------------------------------------------------------------------
    "presence.not_chosen": (
        "{state} follows the calls and cannot be chosen",
        "「{state}」は通話に応じて変わるため、選べません",
    ),
    "presence.on_call": (
        "you are on a call: the hang-up ends it",
        "通話中です。通話が終わると切り替わります",
    ),
    "presence.wrap_up_first": (
        "pick a wrap-up code to end after-call work",
        "後処理を終えるには応対区分を選んでください",
    ),
    "presence.away_reason": (
        "away needs one of these reasons: {reasons}",
        "離席には次のいずれかの理由を選んでください: {reasons}",
    ),
    "presence.no_after_call": ("you are not in after-call work", "後処理中ではありません"),
    "presence.extended_once": (
        "after-call work can be extended once only",
        "後処理の延長は1回だけです",
    ),
    "presence.unknown_code": (
        "not a wrap-up code; pick one of: {codes}",
        "応対区分が違います。次から選んでください: {codes}",
    ),
    "board.supervisors_only": (
        "only a supervisor or an administrator sees the live board",
        "ライブボードを見られるのはスーパーバイザーと管理者だけです",
    ),
    # --- missed calls ------------------------------------------------------------------------------------
    "missed.not_found": ("no missed call {call_row_id}", "不在着信 {call_row_id} はありません"),
    "missed.already_taken": (
        "missed call {call_row_id} was already taken by {login}",
        "不在着信 {call_row_id} はすでに {login} が対応しています",
    ),
    # --- the blocklist ------------------------------------------------------------------------------------
    "blocklist.not_supervisor": (
        "only a supervisor or an administrator keeps the blocklist",
        "着信拒否リストを変更できるのはスーパーバイザーと管理者だけです",
    ),
    "blocklist.needs_reason": ("a blocked number needs a reason", "着信拒否には理由が必要です"),
    "blocklist.not_listed": ("that number is not on the blocklist", "その番号は着信拒否リストにありません"),
}
