"""Messages about a value and its field, text that may not be stored, a search box, the command line
and the dashboard, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- a value with the field it belongs to -------------------------------------------------------------
    "field.problem": ("{field:code}: {problem}", "{field}: {problem}"),
    "field.required": ("is required", "入力してください"),
    "field.too_long": ("longer than {limit} characters", "{limit}文字を超えています"),
    "field.not_phone": ("not a valid phone number ({detail})", "電話番号として正しくありません（{detail}）"),
    "field.not_email": ("not an e-mail address", "メールアドレスの形式ではありません"),
    "field.not_kana": ("must be written in kana", "カナで入力してください"),
    "field.not_date": ("must be a date (YYYY-MM-DD)", "日付（YYYY-MM-DD）で入力してください"),
    # --- text that may not be stored ----------------------------------------------------------------------
    "text.control": ("contains a control character ({character})", "制御文字（{character}）が含まれています"),
    "text.bidi_control": (
        "contains a text-direction control character ({character})",
        "文字の向きを変える制御文字（{character}）が含まれています",
    ),
    "text.one_line": ("one line only", "1行で入力してください"),
    # --- what a search box or a text filter refuses -------------------------------------------------------
    "search_text.too_long": ("is longer than {limit} characters", "{limit}文字を超えています"),
    "search_text.surrogate": (
        "holds a character that is not text (a lone surrogate)",
        "文字として読めないもの（対になっていないサロゲート）が含まれています",
    ),
    "search_text.control": (
        "holds a control character ({character})",
        "制御文字（{character}）が含まれています",
    ),
    "search_text.search": ("the search text {problem}", "検索する文字列: {problem}"),
    # --- the command line ---------------------------------------------------------------------------------
    "cli.no_case": ("no case {case}", "案件 {case} は見つかりません"),
    "cli.no_letter_for_case": (
        "no letter for case {case}: {problem}",
        "案件 {case} の通知書はありません: {problem}",
    ),
    "cli.not_written": ("{problem}; not written", "{problem}。書き出していません"),
    # --- the dashboard ------------------------------------------------------------------------------------
    "dashboard.days_between": ("{low}–{high}", "{low}〜{high}日"),
    "dashboard.days_over": (">{days}", "{days}日超"),
}
