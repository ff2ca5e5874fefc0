"""Messages about a request made by a proxy — their papers, the person's confirmation, the timeline — in
English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "proxy.text_needed": (
        "the proxy's {what} is needed (at most {limit} characters, no control characters)",
        "代理人の{what}を入力してください（{limit}文字以内）",
    ),
    "proxy.papers_missing": (
        "the papers do not show a {kind:code}'s authority: {needed} are needed",
        "{kind}の権限を確認できる書類がそろっていません（必要な書類: {needed}）",
    ),
    "proxy.received_in_future": (
        "the proxy's papers cannot have been received after today",
        "代理人の書類の受領日が未来の日付になっています",
    ),
    "proxy.postal_code": (
        "the proxy's postal code is seven digits",
        "代理人の郵便番号は7桁で入力してください",
    ),
    "proxy.only_before_verified": (
        "a proxy is recorded before the identity is verified, not in {state:code}",
        "代理人は本人確認の前に記録します（現在の状態: {state}）",
    ),
    "proxy.no_appointed_agent": (
        "case {case_no} has no appointed agent whose request the person confirms",
        "案件 {case_no} には、ご本人に確認すべき任意代理人がいません",
    ),
    "proxy.reply_date": (
        "give the day the person's reply arrived (not after today)",
        "ご本人の返信が届いた日を入力してください（今日以前）",
    ),
    "proxy.person_denied": (
        "the person denied appointing the agent of case {case_no}: the request can only be refused",
        "案件 {case_no} はご本人が代理人への委任を否定しました。請求はお断りするほかありません",
    ),
    "proxy.documents_only": (
        "a proxy's request is verified by documents only: the person's and the proxy's papers",
        "代理人による請求の本人確認は書類でのみ行います（ご本人と代理人の書類）",
    ),
    "proxy.awaits_person": (
        "case {case_no} waits for the person to confirm their appointed agent's request",
        "案件 {case_no} は任意代理人による請求について、ご本人の確認待ちです",
    ),
    # --- a customer reported deceased (not an APPI request, kept with the proxies: someone else calls) ------
    "deceased.already": (
        "customer {customer_no} is already recorded as deceased",
        "顧客 {customer_no} はすでにご逝去の連絡を受けています",
    ),
    "deceased.none": (
        "no death is reported for customer {customer_no}",
        "顧客 {customer_no} についてご逝去の連絡は記録されていません",
    ),
    "deceased.died_in_future": (
        "the day of death cannot be after today",
        "ご逝去日に未来の日付は指定できません",
    ),
    # --- the database check ------------------------------------------------------------------------------
    "doctor.check.proxies": ("proxies", "代理人・ご逝去"),
    "doctor.proxy_papers": (
        "the papers recorded do not show the authority of a proxy of kind {kind:code}",
        "記録された書類では{kind}の権限を確認できません",
    ),
    "doctor.proxy_not_by_documents": (
        "a proxy's case was verified by something other than documents",
        "代理人による請求が書類以外の方法で本人確認されています",
    ),
    "doctor.proxy_unconfirmed": (
        "an appointed agent's case was verified before the person confirmed it",
        "任意代理人による請求が、ご本人の確認前に本人確認済みになっています",
    ),
    "doctor.deceased_mailing": (
        "a mailing is on for a customer reported deceased",
        "ご逝去の連絡を受けた顧客への送付物が停止されていません",
    ),
    # --- the case's timeline ------------------------------------------------------------------------------
    "event.proxy_recorded": (
        "Proxy recorded: {kind}, papers {documents}{letters}",
        "代理人を記録（{kind}、書類: {documents}{letters}）",
    ),
    "event.proxy_letters_to_proxy": ("; letters to the proxy", "、書面は代理人宛て"),
    "event.proxy_confirmation": ("Appointed agent's request: {result}", "任意代理人による請求: {result}"),
}
