"""Messages about an import: a line's problems and a file that cannot be read, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- import lines -------------------------------------------------------------------------------------
    "import.line_field": ("line {line}: {field}: {problem}", "{line}行目: {field}: {problem}"),
    "import.line": ("line {line}: {problem}", "{line}行目: {problem}"),
    "import.required": ("required", "必須です"),
    "import.required_with": ("required with {column}", "{column}があるときは必須です"),
    "import.not_phone": ("not a phone number ({detail})", "電話番号ではありません（{detail}）"),
    "import.not_date": (
        "not a date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)",
        "日付ではありません（YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD のいずれか）",
    ),
    "import.no_such_day": ("no such day", "存在しない日付です"),
    "import.future": ("in the future", "未来の日付です"),
    "import.before": ("before {day}", "{day} より前です"),
    "import.not_datetime": (
        "not a date and time (YYYY-MM-DD HH:MM[:SS], Japan time)",
        "日時ではありません（YYYY-MM-DD HH:MM[:SS]、日本時間）",
    ),
    "import.no_such_datetime": ("no such date or time", "存在しない日時です"),
    "import.not_whole_number": ("not a whole number", "整数ではありません"),
    "import.out_of_range": (
        "must be between {minimum:,} and 2,000,000,000",
        "{minimum:,}から2,000,000,000までの値にしてください",
    ),
    "import.unknown_word": ("not a known {what}: {text!r}", "{what}として認識できません: {text!r}"),
    "import.what.flag": ("yes/no value (1/0)", "はい／いいえの値（1/0）"),
    "import.what.channel": (
        "channel (テレビ/カタログ/ウェブ/電話)",
        "受注経路（テレビ/カタログ/ウェブ/電話）",
    ),
    "import.what.basis": ("basis (同意/委託/法令)", "提供の根拠（同意/委託/法令）"),
    "import.digits_only": ("must be digits only, at most {length}", "{length}桁以内の数字にしてください"),
    "import.postal_code_digits": ("must be 7 digits", "7桁の数字にしてください"),
    "import.not_prefecture": ("not one of the 47 prefectures", "47都道府県のいずれでもありません"),
    "import.repeated": ("{key} already on line {first}", "{key} は{first}行目にもあります"),
    "import.order_apart": (
        "{problem}: an order's lines must come together",
        "{problem}: 同じ注文の明細は続けて並べてください",
    ),
    "import.order_differs": (
        "differs from line {first} of the same order",
        "同じ注文の{first}行目と異なります",
    ),
    "import.order_line_rejected": (
        "another line of this order is rejected",
        "この注文の別の明細が取り込めません",
    ),
    "import.no_such_customer": ("no such customer", "該当する顧客がいません"),
    "import.line_number_twice": ("the same line number twice", "同じ明細番号が二度あります"),
    # --- an import file that cannot be read at all ----------------------------------------------------------
    "import.column_twice": ("column {column} appears twice", "列「{column}」が2回あります"),
    "import.columns_missing": ("required columns missing: {columns}", "必須の列がありません: {columns}"),
    "import.unknown_encoding": (
        "unknown encoding {name!r} (use cp932 or utf-8)",
        "文字コード {name!r} は使えません（cp932 か utf-8 を指定してください）",
    ),
    "import.not_valid_encoding": ("the file is not valid {codec}", "ファイルは正しい {codec} ではありません"),
    "import.encoding_unknown": (
        "the file is neither UTF-8 nor CP932 (Shift_JIS); name it with {option}",
        "ファイルの文字コードが UTF-8 でも CP932（Shift_JIS）でもありません。{option} で指定してください",
    ),
    "import.rejects_is_input": (
        "the rejects file {name} is the file being imported: name another file for the rejects",
        "取り込めなかった行の書き出し先 {name} は、取り込むファイルそのものです。"
        "別のファイルを指定してください",
    ),
    "import.cannot_read": ("cannot read {name}: {reason}", "{name} を読み込めません: {reason}"),
    "import.cannot_write": ("cannot write {name}: {reason}", "{name} に書き込めません: {reason}"),
    "import.file_empty": ("the file is empty", "ファイルが空です"),
    "import.file_line": ("line {line}: {problem}", "{line}行目: {problem}"),
    "import.not_csv": (
        "line {line}: not readable as CSV ({reason})",
        "{line}行目: CSV として読み込めません（{reason}）",
    ),
    "import.changed_meanwhile": (
        "a customer in the file was changed at a desk meanwhile; import again",
        "取り込み中に、ファイル内の顧客が窓口で変更されました。もう一度取り込んでください",
    ),
}
