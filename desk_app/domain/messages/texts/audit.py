"""Messages about the audit trail and a case row replayed from its events, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- the audit trail ----------------------------------------------------------------------------------
    "audit.chain.case_events": ("case_events", "案件イベント"),
    "audit.chain.access_log": ("access_log", "アクセスログ"),
    "audit.chain.retention_runs": ("retention_runs", "保存期間による削除の記録"),
    "audit.chain.audit_tombstones": ("audit_tombstones", "削除済み行の控え"),
    "audit.chain.cases": ("cases", "案件"),
    "audit.chain_problem": ("{chain}: {problem}", "{chain}: {problem}"),
    "audit.case_problem": ("case {case_no}: {problem}", "案件 {case_no}: {problem}"),
    "audit.no_head": (
        "the audit chain '{chain}' has no head row: run `{command}`",
        "監査チェーン「{chain}」に先頭（ヘッド）の行がありません。`{command}` を実行してください",
    ),
    "audit.seal_broken": (
        "the audit chain '{chain}' has a head this desk's audit key did not seal (changed outside the"
        " program, or this desk has another key than the others): run `{command}`",
        "監査チェーン「{chain}」のヘッドには、この端末の監査鍵の封印がありません（プログラムの外で"
        "変更されたか、この端末の鍵が他の端末と異なります）。`{command}` を実行してください",
    ),
    "audit.link_breaks": (
        "({before} → {after} breaks the link)",
        "（{before} → {after} のつながりが切れています）",
    ),
    "audit.link_breaks_at_start": (
        "(the start → {after} breaks the link)",
        "（先頭 → {after} のつながりが切れています）",
    ),
    "audit.row_missing": ("row {row} is missing {link}", "{row}行目がありません{link}"),
    "audit.rows_missing": (
        "rows {first} to {last} are missing {link}",
        "{first}〜{last}行目がありません{link}",
    ),
    "audit.rehashed_first": (
        "row {row} was changed and its hash recomputed (it no longer links to the start)",
        "{row}行目が変更され、ハッシュが計算し直されています（先頭につながっていません）",
    ),
    "audit.rehashed": (
        "row {row} was changed and its hash recomputed {link}",
        "{row}行目が変更され、ハッシュが計算し直されています{link}",
    ),
    "audit.call_link_lost": (
        "row {row} lost its link to call {call}, which is still on file",
        "{row}行目から通話 {call} への結び付きが消えています（通話は記録に残っています）",
    ),
    "audit.call_link_added": (
        "row {row} was made outside any call, but now names call {call}",
        "{row}行目は通話の外で記録されましたが、今は通話 {call} を指しています",
    ),
    "audit.call_link_changed": (
        "row {row} was made in call {call}, but now names call {now}",
        "{row}行目は通話 {call} で記録されましたが、今は通話 {now} を指しています",
    ),
    "audit.row_changed": ("row {row} was changed", "{row}行目が変更されています"),
    "audit.tombstone_changed": (
        "the tombstone of pruned row {row} was changed {link}",
        "削除済みの{row}行目の控えが変更されています{link}",
    ),
    "audit.head_missing": ("the head is missing", "先頭（ヘッド）の行がありません"),
    "audit.truncated": (
        "the newest rows after {row} were deleted (the head names row {head})",
        "{row}行目より後の新しい行が削除されています（ヘッドは{head}行目を指しています）",
    ),
    "audit.emptied": (
        "every row was deleted (the head names row {head})",
        "すべての行が削除されています（ヘッドは{head}行目を指しています）",
    ),
    "audit.unchained": (
        "row {row} and those after it are not in the chain (the head ends at row {head})",
        "{row}行目以降がチェーンに入っていません（ヘッドは{head}行目までです）",
    ),
    "audit.head_mismatch": (
        "the head does not match row {head} (the head was changed, or the rows rehashed)",
        "ヘッドが{head}行目と一致しません（ヘッドが変更されたか、行のハッシュが計算し直されています）",
    ),
    "audit.unsealed": (
        "the head (row {head}) does not carry the audit key's seal: it was moved outside the program (rows"
        " deleted, or rewritten and rehashed), or this desk's key is not the one in use",
        "ヘッド（{head}行目）に監査鍵の封印がありません。プログラムの外で動かされたか（行の削除、"
        "または書き換えとハッシュの再計算）、この端末の鍵が使用中の鍵と異なります",
    ),
    "audit.rewound": (
        "the chain ends at row {row}, but the anchor of {made} holds it up to row {anchored}: its newest"
        " rows were deleted and an older head put back",
        "チェーンは{row}行目で終わっていますが、{made}のアンカーでは{anchored}行目まであります。"
        "新しい行が削除され、古いヘッドが戻されています",
    ),
    "audit.rewritten": (
        "row {anchored} is not the one the anchor of {made} holds: the chain was rewritten",
        "{anchored}行目が{made}のアンカーの記録と異なります。チェーンが書き換えられています",
    ),
    "audit.run_not_on_record": (
        "tombstones name retention run {run}, which is not on record",
        "削除済み行の控えが、記録のない保存期間の削除 {run} を指しています",
    ),
    "audit.run_miscounted": (
        "retention run {run} deleted {recorded} {chain} rows, but {tombstones} tombstones name it",
        "保存期間の削除 {run} は{chain}を{recorded}行削除しましたが、それを指す控えは{tombstones}件です",
    ),
    "audit.verify.intact": (
        "{chain}: intact, {rows:,} rows checked",
        "{chain}: 異常なし（{rows:,}行を確認）",
    ),
    "audit.verify.broken": (
        "{chain}: BROKEN: {problem} ({rows:,} rows checked before it)",
        "{chain}: 破損: {problem}（その前の{rows:,}行を確認）",
    ),
    "audit.verify.cases_intact": (
        "cases: intact, {cases:,} cases checked against their events",
        "案件: 異常なし（{cases:,}件をイベントと照合）",
    ),
    "audit.verify.cases_broken": ("cases: BROKEN: {problem}", "案件: 破損: {problem}"),
    "audit.verify.cases_broken_more": (
        "cases: BROKEN: {problem} (and {more:,} more)",
        "案件: 破損: {problem}（ほかに{more:,}件）",
    ),
    "audit.verify.anchor_holds": (
        "anchor: every chain still holds what the anchor of {made} recorded",
        "アンカー: すべてのチェーンが、{made}のアンカーの記録を保っています",
    ),
    "audit.verify.chain_broken": ("audit chain broken: {problem}", "監査証跡が壊れています: {problem}"),
    "audit.anchor.missing": ("{path}: no such anchor file", "{path}: アンカーファイルがありません"),
    "audit.anchor.unreadable": (
        "{path}: the anchor cannot be read ({reason})",
        "{path}: アンカーを読み込めません（{reason}）",
    ),
    "audit.anchor.not_json": (
        "{path}: not an anchor file (not JSON)",
        "{path}: アンカーファイルではありません（中身を読み取れません）",
    ),
    "audit.anchor.other_format": (
        "{path}: an anchor of another format ({format})",
        "{path}: 形式の異なるアンカーです（{format}）",
    ),
    "audit.anchor.malformed": (
        "{path}: not an anchor file (fields missing or malformed)",
        "{path}: アンカーファイルではありません（項目が欠けているか、形式が正しくありません）",
    ),
    "audit.anchor.mac_mismatch": (
        "{path}: the anchor's MAC does not match this desk's audit key: it was changed, or made with"
        " another key",
        "{path}: アンカーの認証符号がこの端末の監査鍵と一致しません。変更されたか、別の鍵で作られています",
    ),
    # --- a case row replayed from its events --------------------------------------------------------------
    "replay.never_opened": (
        "event {event} moves a case that was never opened",
        "イベント {event} が、開始されていない案件を動かしています",
    ),
    "replay.moved_from": (
        "event {event} moves it from {source:code}, but its events left it {state:code}",
        "イベント {event} は「{source}」から動かしていますが、それまでのイベントでは「{state}」です",
    ),
    "replay.no_opening": ("has no opening event", "開始のイベントがありません"),
    "replay.state": (
        "is {state:code}, but its events leave it {replayed:code}",
        "「{state}」ですが、イベントでは「{replayed}」です",
    ),
    "replay.closed_but_open": (
        "has a closing time, but its events leave it open",
        "終了日時がありますが、イベントでは終了していません",
    ),
    "replay.closing_time": (
        "its closing time is not when its events closed it",
        "終了日時が、イベントで終了した時刻と異なります",
    ),
    "replay.proposal_unmade": (
        "holds a proposal its events never made",
        "イベントにない承認申請があります",
    ),
    "replay.proposal_gone": (
        "awaits approval, but its proposal is gone",
        "承認待ちですが、承認申請が消えています",
    ),
    "replay.proposal_differs": (
        "its proposal is not the one its events made (proposer, kind or answer)",
        "承認申請がイベントの内容と異なります（申請者、種類または回答）",
    ),
    "replay.decision_count": (
        "holds {kept} decisions, but its events made {made}",
        "決定が{kept}件ありますが、イベントでは{made}件です",
    ),
    "replay.decision_differs": (
        "decision {number} is not the one its events made (who, outcome or answer)",
        "{number}件目の決定がイベントの内容と異なります（決定者、結果または回答）",
    ),
    "replay.identity_unmade": (
        "says the caller was verified, but no identity check of its events passed",
        "本人確認済みとなっていますが、イベントに本人確認の合格がありません",
    ),
    "replay.identity_gone": (
        "its events verified the caller, but the row has no identity",
        "イベントでは本人確認済みですが、案件に本人確認の記録がありません",
    ),
    "replay.identity_differs": (
        "its identity is not the check its events passed (method or agent)",
        "本人確認の記録がイベントの確認と異なります（方法または担当者）",
    ),
    "replay.erasure_unmade": ("holds an erasure its events never made", "イベントにない消去の記録があります"),
    "replay.erasure_gone": ("its erasure is gone", "消去の記録が消えています"),
    "replay.erasure_differs": (
        "its erasure is not the one its events made (agent or customer)",
        "消去の記録がイベントの内容と異なります（担当者または顧客）",
    ),
    "replay.administrative_unmade": (
        "is marked administrative, but its events never took it straight to work",
        "職権による訂正となっていますが、イベントでは直接対応に進んでいません",
    ),
    "replay.administrative_gone": (
        "its events took it to work unverified, but it is not marked administrative",
        "イベントでは本人確認なしで対応に進んでいますが、職権による訂正となっていません",
    ),
    "replay.row_gone": (
        "its row is gone, but {count} of its events remain",
        "案件の行がありませんが、イベントが{count}件残っています",
    ),
}
