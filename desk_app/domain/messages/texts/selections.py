"""Messages about saved searches — a selection of customers by what their record and orders hold — in English
and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "selection.empty": (
        "give at least one criterion: a search with none would name every customer",
        "条件を一つ以上指定してください（条件なしでは全顧客が対象になります）",
    ),
    "selection.orders_reversed": (
        "the orders' range starts on {start} after it ends on {end}",
        "注文日の範囲の開始日（{start}）が終了日（{end}）より後です",
    ),
    "selection.registration_reversed": (
        "the registration range starts on {start} after it ends on {end}",
        "登録日の範囲の開始日（{start}）が終了日（{end}）より後です",
    ),
    "selection.day_out_of_range": (
        "{day} is not a day a search can name (from {first} to {last})",
        "{day} は指定できない日付です（{first}〜{last}）",
    ),
    "selection.unknown_prefecture": (
        "{prefecture} is not a prefecture",
        "「{prefecture}」は都道府県名ではありません",
    ),
    "selection.postal_prefix": (
        "a postal code's start is 1 to 7 digits, not {prefix}",
        "郵便番号の先頭は1〜7桁の数字で指定してください（「{prefix}」）",
    ),
    "selection.name": (
        "a saved search needs a name (at most {limit} characters, no control characters)",
        "保存する検索条件の名前を入力してください（{limit}文字以内）",
    ),
    "selection.bad_json": (
        "the saved search's criteria cannot be read ({reason})",
        "保存された検索条件を読み取れません（{reason}）",
    ),
    "selection.any_channel": ("any channel", "すべての経路"),
    "selection.says_all": ("{criteria:clauses}", "{criteria:clauses}"),
    "selection.says_orders": (
        "an order placed from {start} to {end} through {channels}",
        "{start}〜{end}の注文（{channels}）",
    ),
    "selection.says_registered": (
        "registered from {start} to {end}",
        "{start}〜{end}に登録",
    ),
    "selection.says_prefectures": ("living in {prefectures}", "住所が{prefectures}"),
    "selection.says_postal": ("postal code starting {prefix}", "郵便番号が{prefix}で始まる"),
    "selection.says_shopping_credit_yes": ("with shopping credit", "ショッピングクレジット利用あり"),
    "selection.says_shopping_credit_no": ("without shopping credit", "ショッピングクレジット利用なし"),
    "selection.says_direct_mail_opt_in_yes": ("receiving direct mail", "DM送付中"),
    "selection.says_direct_mail_opt_in_no": ("direct mail stopped", "DM停止済み"),
    "selection.says_catalogue_opt_in_yes": ("receiving the catalogue", "カタログ送付中"),
    "selection.says_catalogue_opt_in_no": ("catalogue stopped", "カタログ停止済み"),
    "selection.says_has_email_yes": ("with an e-mail address", "メールアドレス登録あり"),
    "selection.says_has_email_no": ("without an e-mail address", "メールアドレス登録なし"),
    # --- saved searches kept, changed and run -------------------------------------------------------------
    "selection.name_taken": (
        "another saved search is called {name}",
        "「{name}」という名前の検索条件は既にあります",
    ),
    "selection.changed": (
        "the saved search {name} was changed by someone else after you read it: read it again",
        "検索条件「{name}」は読み込んだ後に他の人が変更しました。読み込み直してください",
    ),
    "selection.gone": (
        "the saved search is no longer there: someone else deleted it",
        "この検索条件は他の人が削除したため、もうありません",
    ),
    "selection.unknown_search": (
        "no saved search is called {name}",
        "「{name}」という検索条件は保存されていません",
    ),
    "selection.unreadable": (
        "the saved search {name} cannot be run: {reason}",
        "検索条件「{name}」は実行できません: {reason}",
    ),
}
