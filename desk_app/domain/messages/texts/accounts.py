"""Messages about agents, signing in, accounts, extensions and access tokens, in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- agents -------------------------------------------------------------------------------------------
    "agent.not_active": ("no active agent {agent_id}", "有効な担当者 {agent_id} はいません"),
    # --- signing in, accounts and access tokens -----------------------------------------------------------
    "sign_in.wrong_login_or_password": (
        "wrong login or password (after repeated wrong passwords a login is refused for a while, even with"
        " the right one)",
        "ログイン名またはパスワードが違います（何度も間違えると、正しいパスワードでもしばらく"
        "サインインできません）",
    ),
    "sign_in.disabled": ("this login has been disabled", "このログインは無効にされています"),
    "sign_in.password_required": (
        "this login signs in with its password",
        "このログインはパスワードでサインインします",
    ),
    "password.too_short": (
        "a password needs at least {length} characters",
        "パスワードは{length}文字以上にしてください",
    ),
    "password.too_long": ("a password has at most {length} characters", "パスワードは{length}文字以内です"),
    "password.holds_login": (
        "a password must not contain the login",
        "パスワードにログイン名を含めないでください",
    ),
    "password.too_plain": (
        "a password needs more than one or two different characters",
        "パスワードには3種類以上の文字を使ってください",
    ),
    "account.login_rule": (
        "a login is 1 to {length} characters without spaces",
        "ログイン名は空白なしの1〜{length}文字です",
    ),
    "account.display_name_rule": (
        "a display name is 1 to {length} characters",
        "表示名は1〜{length}文字です",
    ),
    "account.login_taken": (
        "the login {login!r} is already taken",
        "ログイン名 {login!r} はすでに使われています",
    ),
    "account.no_login": ("no agent with login {login!r}", "ログイン名 {login!r} の担当者はいません"),
    "account.no_active_login": (
        "no active agent with login {login!r}",
        "ログイン名 {login!r} の有効な担当者はいません",
    ),
    "account.last_administrator": (
        "{login} is the last active administrator: add another one first",
        "{login} は最後の有効な管理者です。先に別の管理者を追加してください",
    ),
    "account.last_administrator_with_password": (
        "{login} is the last active administrator with a password: give another one a password first",
        "{login} はパスワードを持つ最後の有効な管理者です。先に別の管理者にパスワードを設定してください",
    ),
    "account.not_administrator": (
        "{login} is not an administrator",
        "{login} は管理者ではありません",
    ),
    # --- telephone extensions ------------------------------------------------------------------------------
    "extension.rule": (
        "an extension is {shortest} to {longest} digits, not {extension!r}",
        "内線番号は{shortest}〜{longest}桁の数字です（{extension!r} は使えません）",
    ),
    "extension.taken": (
        "extension {extension} is already {login}'s",
        "内線 {extension} はすでに {login} の番号です",
    ),
    "token.refused": (
        "the access token is not valid (unknown, expired or revoked, or its account disabled)",
        "アクセストークンが有効ではありません（不明、期限切れ、失効、またはアカウントが無効）",
    ),
    "token.name_rule": (
        "a token's name is 1 to {length} characters (what job uses it)",
        "トークンの名前は1〜{length}文字です（使う処理の名前）",
    ),
    "token.expiry_rule": (
        "a token expires after 1 to {days} days",
        "トークンの有効期限は1〜{days}日です",
    ),
}
