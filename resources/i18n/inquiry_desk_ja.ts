<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AfterCallBar</name>
    <message>
        <location filename="../../ui/calls/after_call_bar.py" line="+36"/>
        <source>After-call work</source>
        <translation>後処理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>After-call work left</source>
        <translation>後処理の残り時間</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xtend by %1</source>
        <translation>%1 延長(&amp;X)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Wrap-up code %1</source>
        <translation>応対区分 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>After-call work (後処理): %1 left, pick a wrap-up code</source>
        <translation>後処理中: 残り %1。応対区分を選んでください</translation>
    </message>
</context>
<context>
    <name>AgentLabel</name>
    <message>
        <location filename="../../ui/shell/agent_label.py" line="+17"/>
        <source>Signed-in agent</source>
        <translation>サインイン中の担当者</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Agent</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor</source>
        <translation>責任者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not signed in</source>
        <translation>未サインイン</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signing in…</source>
        <translation>サインイン中…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked</source>
        <translation>ロック中</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not signed in: unknown or inactive login</source>
        <translation>サインインできません: ログインが存在しないか無効です</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not signed in: this login signs in with its password</source>
        <translation>サインインできません: このログインにはパスワードが必要です</translation>
    </message>
</context>
<context>
    <name>AttachDialog</name>
    <message>
        <location filename="../../ui/supervision/incidents/attach_dialog.py" line="+54"/>
        <source>Attach customers from CSV — %1</source>
        <translation>CSVから対象のお客様を追加 — %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customers the file names in its 顧客番号 column are attached to incident %1. The file is all or nothing: if a line is wrong, nothing is attached and every wrong line is named.</source>
        <translation>ファイルの顧客番号列のお客様を事案 %1 の対象に追加します。すべて追加するか何も追加しないかのどちらかで、誤りのある行があれば何も追加せず、誤りのある行をすべて示します。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CSV file of affected customers</source>
        <translation>対象のお客様のCSVファイル</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Attaching customers</source>
        <translation>対象のお客様を追加しています</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Reading %1: %2 numbers so far…</source>
        <translation>%1 を読み込み中：%2 件…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stopping: nothing will be attached…</source>
        <translation>中止しています。何も追加されません…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../ui/supervision/incidents/attach_outcome.py" line="+48"/>
        <source>What the attachment did</source>
        <translation>追加の結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong lines</source>
        <translation>誤りのある行</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cancelled: nothing was attached (%1 read before it stopped).</source>
        <translation>中止しました。何も追加していません（中止までに %1 件を読み込み）。</translation>
    </message>
    <message>
        <location filename="../../ui/supervision/incidents/attach_dialog.py" line="-73"/>
        <source>&amp;Attach</source>
        <translation>追加(&amp;A)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Choose a CSV file that exists.</source>
        <translation>存在するCSVファイルを選んでください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading %1…</source>
        <translation>%1 を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../ui/supervision/incidents/attach_outcome.py" line="-55"/>
        <source>%1 (%2): %3 customers attached, %4 already attached.</source>
        <translation>%1（%2）: %3名を追加、%4名は追加済み。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Erased %1, deceased %2, no postal address %3, notice already made %4.</source>
        <translation>削除済み %1、ご逝去 %2、ご住所なし %3、お知らせ作成済み %4。</translation>
    </message>
</context>
<context>
    <name>AuditCheck</name>
    <message>
        <location filename="../../ui/shell/audit_check.py" line="+24"/>
        <source>&amp;Verify the audit trail…</source>
        <translation>監査証跡を検証(&amp;V)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checks that no case event or access-log entry was changed or deleted (supervisors)</source>
        <translation>案件の記録やアクセスログが変更・削除されていないことを確認します（責任者）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verifying the audit trail…</source>
        <translation>監査証跡を検証中…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The audit trail is intact: %1 entries checked.</source>
        <translation>監査証跡に改ざんはありません（%1 件を確認）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit trail is broken. First broken link: %1

Tell your administrator.</source>
        <translation>監査証跡が壊れています。最初の不整合: %1

管理者に連絡してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit trail</source>
        <translation>監査証跡</translation>
    </message>
</context>
<context>
    <name>BackgroundRunner</name>
    <message>
        <location filename="../../ui/common/background.py" line="+192"/>
        <source>Inquiry Desk</source>
        <translation>個人情報お問い合わせ窓口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation could not be completed.</source>
        <translation>処理を完了できませんでした。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>If this happens again, tell your supervisor and quote the details.</source>
        <translation>再び起きた場合は、詳細を添えて責任者に連絡してください。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not done: %1</source>
        <translation>未実行: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database is busy with another desk&apos;s work. Try again in a moment.</source>
        <translation>データベースが他の席の処理中です。少し待ってからやり直してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk that holds the database is full or failing. Tell your administrator.</source>
        <translation>データベースのディスクが満杯か故障しています。管理者に連絡してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database file cannot be opened. Check that its folder exists.</source>
        <translation>データベースファイルを開けません。フォルダーがあるか確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database can only be read here, so nothing was saved.</source>
        <translation>この環境ではデータベースが読み取り専用のため、保存されていません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database server cannot be reached. Check the network, then try again.</source>
        <translation>データベースサーバーに接続できません。ネットワークを確認してやり直してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another desk changed this record meanwhile. Reload it; what you typed is kept.</source>
        <translation>この間に他の席がこの記録を変更しました。再読み込みしてください。入力内容は残っています。</translation>
    </message>
</context>
<context>
    <name>CallBanner</name>
    <message>
        <location filename="../../ui/calls/call_banner.py" line="+32"/>
        <source>Number withheld (非通知)</source>
        <translation>非通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of area (表示圏外)</source>
        <translation>表示圏外</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public phone (公衆電話)</source>
        <translation>公衆電話</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service conflict (サービス競合)</source>
        <translation>サービス競合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reception error (受信エラー)</source>
        <translation>受信エラー</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+61"/>
        <source>Incoming call</source>
        <translation>着信</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Call state</source>
        <translation>通話状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caller&apos;s number</source>
        <translation>発信者番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching customer</source>
        <translation>該当顧客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do</source>
        <translation>次の操作</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open (%1)</source>
        <translation>開く (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss (%1)</source>
        <translation>閉じる (%1)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Looking up…</source>
        <translation>照会中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On the line</source>
        <translation>通話中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed call</source>
        <translation>不在着信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call ended</source>
        <translation>通話終了</translation>
    </message>
</context>
<context>
    <name>CallLogModel</name>
    <message>
        <location filename="../../ui/calls/call_log_model.py" line="+22"/>
        <source>Withheld (非通知)</source>
        <translation>非通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of area (表示圏外)</source>
        <translation>表示圏外</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public phone (公衆電話)</source>
        <translation>公衆電話</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict (サービス競合)</source>
        <translation>サービス競合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error (受信エラー)</source>
        <translation>受信エラー</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No number</source>
        <translation>番号なし</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Caller</source>
        <translation>発信者</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agent</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered by the agent</source>
        <translation>応答した担当者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Talk</source>
        <translation>通話</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Talk time, from answer to hang-up</source>
        <translation>応答から終話までの通話時間</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rang at %1 (Japan time)</source>
        <translation>着信 %1（日本時間）</translation>
    </message>
</context>
<context>
    <name>CallLogView</name>
    <message>
        <location filename="../../ui/calls/call_log_view.py" line="+36"/>
        <source>Caller log</source>
        <translation>着信履歴</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Older ca&amp;lls</source>
        <translation>過去の着信(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load older calls</source>
        <translation>過去の着信を読み込む</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>No calls yet</source>
        <translation>着信はまだありません</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not signed in</source>
        <translation>未サインイン</translation>
    </message>
</context>
<context>
    <name>CallerIdStatusLabel</name>
    <message>
        <location filename="../../ui/calls/caller_id_status.py" line="+24"/>
        <source>Caller ID</source>
        <translation>発信者番号</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Caller ID: simulator only</source>
        <translation>発信者番号: シミュレーターのみ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No caller-ID adapter or PBX is configured; calls can be simulated.</source>
        <translation>発信者番号アダプターも PBX も設定されていません。着信はシミュレーションできます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caller ID: %1</source>
        <translation>発信者番号: %1</translation>
    </message>
</context>
<context>
    <name>CaseActionDialog</name>
    <message>
        <location filename="../../ui/cases/case_action_dialog.py" line="+80"/>
        <source>Payment method</source>
        <translation>支払方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received on</source>
        <translation>受領日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid &amp;by:</source>
        <translation>支払方法(&amp;B):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received &amp;on:</source>
        <translation>受領日(&amp;O):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extra days</source>
        <translation>延長日数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra &amp;days:</source>
        <translation>延長日数(&amp;D):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose…</source>
        <translation>選択してください…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for</source>
        <translation>待っているもの</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Waiting for:</source>
        <translation>待っているもの(&amp;W):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New assignee</source>
        <translation>新しい担当者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody (the shared queue)</source>
        <translation>担当なし（共有キュー）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Give to:</source>
        <translation>引き継ぎ先(&amp;G):</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Answer given:</source>
        <translation>回答内容(&amp;A):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Note (optional):</source>
        <translation>メモ（任意）(&amp;N):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason (optional):</source>
        <translation>理由（任意）(&amp;R):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal &amp;note (optional):</source>
        <translation>社内メモ（任意）(&amp;N):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason (internal, not on the letter):</source>
        <translation>理由（社内用・書面には記載されません）(&amp;R):</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Internal — kept in the case log, never printed</source>
        <translation>社内用 — 案件の記録にのみ残り、書面には印字されません</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Paused since %1, waiting for %2. Resuming today moves the due date from %3 to %4.</source>
        <translation>%1 から一時停止中（%2 待ち）。今日再開すると、期限は %3 から %4 に移ります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What resuming does</source>
        <translation>再開すると</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Proposer&apos;s note</source>
        <translation>起案者のメモ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposer&apos;s note:</source>
        <translation>起案者のメモ:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This erases the customer&apos;s name, kana, addresses, phone numbers, e-mail, date of birth and workplace for good. Orders stay, without anything that identifies the customer.</source>
        <translation>顧客の氏名・カナ・住所・電話番号・メールアドレス・生年月日・勤務先を完全に消去します。注文記録は、顧客を特定できる情報を除いて残ります。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This refuses the request. The customer&apos;s letter prints the ground and the explanation below as you leave them (APPI Art. 36); your note is internal.</source>
        <translation>ご請求をお断りします。お客様への書面には、下の理由（根拠）と説明文がこのままの内容で印字されます（個人情報保護法第36条）。あなたのメモは社内用です。</translation>
    </message>
</context>
<context>
    <name>CaseActionsBar</name>
    <message>
        <location filename="../../ui/cases/case_actions_bar.py" line="+55"/>
        <source>Le&amp;tter…</source>
        <translation>通知書(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter to the customer</source>
        <translation>お客様への通知書</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the letter that answers this case and preview it</source>
        <translation>この案件の回答通知書を作成してプレビューします</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Case action result</source>
        <translation>案件操作の結果</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Linked call and letters</source>
        <translation>関連する通話と通知書</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Answer the complaint…</source>
        <translation>苦情に回答(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;pprove erasure…</source>
        <translation>消去を承認(&amp;P)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A&amp;pprove…</source>
        <translation>承認(&amp;P)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xtend deadline…</source>
        <translation>期限を延長(&amp;X)…</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Fee &amp;paid…</source>
        <translation>手数料を受領(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W&amp;aive fee…</source>
        <translation>手数料を免除(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Com&amp;plete…</source>
        <translation>完了(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Propose ref&amp;usal…</source>
        <translation>拒否を提案(&amp;U)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Den&amp;y…</source>
        <translation>却下(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the cloc&amp;k…</source>
        <translation>期限を一時停止(&amp;K)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resume the clock…</source>
        <translation>期限を再開(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw&amp;n…</source>
        <translation>取下げ(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand &amp;over…</source>
        <translation>担当を変更(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open…</source>
        <translation>再開(&amp;O)…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Stop the due date while the desk waits for the customer (%1)</source>
        <translation>お客様からの返事を待つあいだ、期限を止めます（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s part arrived: the due date moves on by the days paused (%1)</source>
        <translation>お客様からの返事が届きました: 期限は止まっていた日数だけ延びます（%1）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Fee payment recorded: received on %1.</source>
        <translation>手数料の入金を記録しました（受領日 %1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Erasure approved: the customer&apos;s personal data has been erased.</source>
        <translation>消去を承認しました。お客様の個人データは消去されました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refusal approved: the request is refused.</source>
        <translation>拒否を承認しました。この請求は拒否となりました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposal denied: the case is back to %1.</source>
        <translation>提案を却下しました。案件は「%1」に戻りました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case put in the shared queue.</source>
        <translation>案件を担当なし（共有キュー）にしました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case given to %1.</source>
        <translation>案件の担当を %1 に変更しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline extended to %1.</source>
        <translation>期限を %1 まで延長しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clock paused, waiting for %1: the due date waits too.</source>
        <translation>一時停止中（%1 待ち）: 期限も止まっています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clock running again: due %1.</source>
        <translation>期限を再開しました: 期限は %1 です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fee waived.</source>
        <translation>手数料を免除しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case completed.</source>
        <translation>案件を完了しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer to the complaint recorded; the case is completed.</source>
        <translation>苦情への回答を記録し、案件を完了しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refusal proposed: it awaits a supervisor&apos;s approval.</source>
        <translation>拒否を提案しました。責任者の承認待ちです。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request recorded as withdrawn.</source>
        <translation>請求の取下げを記録しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case reopened: it is %1 again.</source>
        <translation>案件を再開しました（状態：%1）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no number</source>
        <translation>番号なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call: %1 from %2</source>
        <translation>通話: %1（%2 から）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>mailed %1 (%2)</source>
        <translation>%1 発送済み（%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>printed, not mailed yet</source>
        <translation>印刷済み・未発送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting in the mail room</source>
        <translation>発送待ち</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Letter: %1, %2</source>
        <translation>通知書: %1、%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No call or letter linked</source>
        <translation>関連する通話・通知書はありません</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Making the letter…</source>
        <translation>通知書を作成中…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Letter ready: it waits in the mail room until it is mailed.</source>
        <translation>通知書を作成しました。発送されるまで発送画面で待機します。</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../ui/cases/case_header.py" line="+22"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deadline</source>
        <translation>回答期限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How the request came and is answered</source>
        <translation>請求の受付方法と回答方法</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case notes</source>
        <translation>ケースのメモ</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>customer %1</source>
        <translation>顧客 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Closed</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Due date %1 since %2, waiting for %3 — due %4 if the clock ran again today</source>
        <translation>期限は %2 から%1（%3 待ち）— 今日再開すると期限は %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Due %1 — overdue</source>
        <translation>期限 %1 — 超過</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due %1 — %2 days, %3 business days left</source>
        <translation>期限 %1 — 残り %2 日（営業日 %3 日）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (extended)</source>
        <translation>（延長済み）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Written request: received by post on %1.</source>
        <translation>書面による請求: %1 に郵送で到達。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Court claim possible from %1: the two weeks after the request arrived end on %2 (APPI Art. 39).</source>
        <translation>%1 から訴えの提起が可能: 請求の到達から2週間は %2 まで（個人情報保護法第39条）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ground given: %1.</source>
        <translation>申出の理由: %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Form: letter. The electronic record asked for is not possible: %1.</source>
        <translation>方法: 書面。求められた電磁的記録による提供はできません: %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Form: electronic record, to the %1.</source>
        <translation>方法: 電磁的記録（%1 宛て）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form: %1.</source>
        <translation>方法: %1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Asked by a proxy: %1 (%2, %3).</source>
        <translation>代理人による請求: %1（%2・%3）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the person to confirm.</source>
        <translation>ご本人の確認待ち。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person denied appointing them.</source>
        <translation>ご本人が委任を否定。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About leak incident %1: %2.</source>
        <translation>漏えい等の事案 %1（%2）についてのお問い合わせです。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call back on: %1</source>
        <translation>折り返し先: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note: %1</source>
        <translation>メモ: %1</translation>
    </message>
</context>
<context>
    <name>CaseLogFilters</name>
    <message>
        <location filename="../../ui/supervision/case_log_filters.py" line="+60"/>
        <source>Any request</source>
        <translation>すべての請求</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any state</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open (not closed)</source>
        <translation>未完了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused (waiting for the customer)</source>
        <translation>一時停止中（お客様待ち）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue onl&amp;y</source>
        <translation>期限超過のみ(&amp;Y)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>8 digits</source>
        <translation>8桁</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Received, newest first</source>
        <translation>受付日（新しい順）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received, oldest first</source>
        <translation>受付日（古い順）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due, soonest first</source>
        <translation>期限（近い順）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due, latest first</source>
        <translation>期限（遠い順）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Re&amp;quest:</source>
        <translation>請求(&amp;Q):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request</source>
        <translation>請求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tate:</source>
        <translation>状態(&amp;T):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assigned to:</source>
        <translation>担当者(&amp;A):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assigned to</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ue within:</source>
        <translation>期限まで(&amp;U):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due within</source>
        <translation>期限まで</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received &amp;period:</source>
        <translation>受付期間(&amp;P):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received from</source>
        <translation>受付日（から）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to:</source>
        <translation>〜</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received to</source>
        <translation>受付日（まで）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer &amp;no.:</source>
        <translation>顧客番号(&amp;N):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer number</source>
        <translation>顧客番号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keywords:</source>
        <translation>キーワード(&amp;K):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keywords</source>
        <translation>キーワード</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>S&amp;ort by:</source>
        <translation>並び順(&amp;O):</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>case no., customer no. or summary words</source>
        <translation>案件番号・顧客番号・概要の語句</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sort by</source>
        <translation>並び順</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Anyone</source>
        <translation>全員</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Me (%1)</source>
        <translation>自分（%1）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>received from</source>
        <translation>受付日（から）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received to</source>
        <translation>受付日（まで）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a date: %1</source>
        <translation>日付ではありません: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>customer no.</source>
        <translation>顧客番号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>keywords</source>
        <translation>キーワード</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot search %1: remove control characters, or shorten it.</source>
        <translation>%1 は検索できません。制御文字を取り除くか、短くしてください。</translation>
    </message>
</context>
<context>
    <name>CaseLogView</name>
    <message>
        <location filename="../../ui/supervision/case_log_view.py" line="+69"/>
        <source>Case log</source>
        <translation>案件一覧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No case matches</source>
        <translation>該当する案件はありません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cases found</source>
        <translation>該当案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV 出力(&amp;X)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cases shown, as CSV for Excel (supervisors)</source>
        <translation>表示中の案件を Excel 用 CSV に出力します（責任者）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request</source>
        <translation>請求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned to</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(shared)</source>
        <translation>（共有）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>受付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days left (business)</source>
        <translation>残日数（営業日）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 by post</source>
        <translation>%1 郵送</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1 cases</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export the case log</source>
        <translation>案件一覧の出力</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel 用 CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Exporting the case log…</source>
        <translation>案件一覧を出力中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting the case log… %1 rows</source>
        <translation>案件一覧を出力中… %1 行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 cases written to %2</source>
        <translation>%1 件を %2 に書き出しました</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export stopped; no file was written.</source>
        <translation>出力を中止しました。ファイルは作成されていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be written: %1</source>
        <translation>ファイルに書き込めません: %1</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../ui/cases/case_page.py" line="+71"/>
        <source>No case open. Start one with New inquiry (Ctrl+N).</source>
        <translation>開いている案件はありません。新規問い合わせ (Ctrl+N) で開始します。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Draft not saved</source>
        <translation>下書き未保存</translation>
    </message>
    <message>
        <location line="+229"/>
        <source>The record was changed at another desk. Your entries are kept: check them against the record and press Next again.</source>
        <translation>他の席で記録が変更されました。入力内容は残っています。記録と照らし合わせてから、もう一度「次へ」を押してください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not done: the step failed.</source>
        <translation>未実行: このステップは失敗しました。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Progress not saved yet: %1 Your answers are kept and are saved once it is back.</source>
        <translation>進捗はまだ保存されていません: %1 回答は保持され、復旧後に保存されます。</translation>
    </message>
</context>
<context>
    <name>CaseTimeline</name>
    <message>
        <location filename="../../ui/cases/case_timeline.py" line="+26"/>
        <source>Case timeline</source>
        <translation>案件の経過</translation>
    </message>
</context>
<context>
    <name>CaseWatch</name>
    <message>
        <location filename="../../ui/cases/case_watch.py" line="+98"/>
        <source>Changed at another desk: the case is now %1.</source>
        <translation>ほかの席で変更されました。この案件は現在「%1」です。</translation>
    </message>
</context>
<context>
    <name>ComplaintRegister</name>
    <message>
        <location filename="../../ui/supervision/complaint_register.py" line="+47"/>
        <location line="+49"/>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Any category</source>
        <translation>すべての分類</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+45"/>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Any</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+45"/>
        <location line="+2"/>
        <source>Yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+45"/>
        <source>No</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Words in the complaint or answer</source>
        <translation>苦情内容または回答の語句</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Words in the complaint or the answer</source>
        <translation>苦情内容または回答の語句</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Se&amp;arch</source>
        <translation>検索(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Categor&amp;y:</source>
        <translation>分類(&amp;Y):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escala&amp;ted:</source>
        <translation>エスカレーション(&amp;T):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W&amp;ords:</source>
        <translation>語句(&amp;O):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Complaints</source>
        <translation>苦情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No complaint matches</source>
        <translation>該当する苦情はありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complaint register status</source>
        <translation>苦情台帳の状態</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded</source>
        <translation>記録日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answered</source>
        <translation>回答</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not yet</source>
        <translation>未回答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call back on</source>
        <translation>折り返し先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case state</source>
        <translation>案件の状態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complaint</source>
        <translation>苦情</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Registered number</source>
        <translation>登録の電話番号</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 complaints shown; more load as you scroll</source>
        <translation>苦情 %1 件を表示中。スクロールすると続きを読み込みます</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 complaints</source>
        <translation>苦情 %1 件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The complaint register could not be read.</source>
        <translation>苦情台帳を読み込めませんでした。</translation>
    </message>
</context>
<context>
    <name>CorrectionStepPage</name>
    <message>
        <location filename="../../ui/cases/action_step_pages.py" line="+255"/>
        <source>Nothing to change on the call: Next passes the request on for follow-up.</source>
        <translation>通話中に変更する項目はありません。「次へ」で後続対応に回します。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+55"/>
        <source>Now: %1</source>
        <translation>現在: %1</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Which number</source>
        <translation>対象の番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which number:</source>
        <translation>対象の番号:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street</source>
        <translation>町名・番地</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Building</source>
        <translation>建物名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (kana)</source>
        <translation>氏名（カナ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>〒 not found</source>
        <translation>〒 該当する郵便番号がありません</translation>
    </message>
</context>
<context>
    <name>CustomerChooser</name>
    <message>
        <location filename="../../ui/customers/customer_chooser.py" line="+31"/>
        <source>Ask the caller&apos;s name, then open their record. Street, date of birth and the other protected details stay hidden until identity is verified.</source>
        <translation>お名前を伺ってから記録を開いてください。番地・生年月日などの保護項目は、本人確認が済むまで表示されません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customers sharing the number</source>
        <translation>この番号を共有する顧客</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open record</source>
        <translation>記録を開く(&amp;O)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 customers share %2</source>
        <translation>%2 を共有する顧客が %1 名います</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody to choose from</source>
        <translation>選択できる顧客はいません</translation>
    </message>
</context>
<context>
    <name>CustomerRecordPanel</name>
    <message>
        <location filename="../../ui/customers/customer_record_panel.py" line="+51"/>
        <source>Customer record</source>
        <translation>顧客情報</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No customer open.

A call from a customer&apos;s number opens their record here; otherwise find them on the Search page (Ctrl+F).</source>
        <translation>顧客は開かれていません。

顧客の番号から着信すると、ここに記録が開きます。それ以外は検索ページ (Ctrl+F) で探してください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer number</source>
        <translation>顧客番号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Death reported b&amp;y a relative…</source>
        <translation>ご遺族からのご逝去の連絡(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record that a relative reported the customer&apos;s death</source>
        <translation>ご遺族からのご逝去の連絡を記録</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Withdraw the report, made wrongl&amp;y…</source>
        <translation>誤った連絡として取り消す(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw a death report made in error</source>
        <translation>誤って記録されたご逝去の連絡を取り消す</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Orders, provision records, cases and calls</source>
        <translation>注文・提供記録・案件・通話</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Third-party provision records</source>
        <translation>第三者提供記録</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No data of this customer has been provided to a third party.</source>
        <translation>この顧客のデータを第三者に提供した記録はありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This customer&apos;s cases</source>
        <translation>この顧客の案件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No cases</source>
        <translation>案件なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This customer&apos;s calls</source>
        <translation>この顧客の通話</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No calls recorded</source>
        <translation>通話記録なし</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Customer no. %1</source>
        <translation>顧客番号 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deletion pending</source>
        <translation>消去手続き中</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>C&amp;ases (%1)</source>
        <translation>案件(&amp;A) (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ases (%1 open of %2)</source>
        <translation>案件(&amp;A) (%2 件中 %1 件対応中)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Purchase history (%1)</source>
        <translation>購入履歴(&amp;P) (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third-party provisio&amp;n (%1)</source>
        <translation>第三者提供(&amp;N) (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call his&amp;tory (%1)</source>
        <translation>通話履歴(&amp;T) (%1)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Withdraw the death report</source>
        <translation>ご逝去の連絡の取り消し</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the death report from this record? The caller is the customer, alive. The mailings stay stopped; turning them on again is the customer&apos;s own request.</source>
        <translation>この記録からご逝去の連絡を取り消しますか？お電話の方はご本人です。送付物は停止したままとなり、再開はご本人からのお申し出によります。</translation>
    </message>
</context>
<context>
    <name>CustomerSummary</name>
    <message>
        <location filename="../../ui/customers/customer_summary.py" line="+35"/>
        <source>Deceased:</source>
        <translation>ご逝去:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Leak incident:</source>
        <translation>漏えい等の事案:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Address:</source>
        <translation>住所:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phones:</source>
        <translation>電話:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mailings:</source>
        <translation>送付物:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third-party provision:</source>
        <translation>第三者提供:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopping credit:</source>
        <translation>ショッピングクレジット:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(street and building hidden until identity is verified)</source>
        <translation>（番地・建物名は本人確認まで非表示）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none registered</source>
        <translation>登録なし</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Catalogue</source>
        <translation>カタログ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct mail</source>
        <translation>ダイレクトメール</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail magazine</source>
        <translation>メールマガジン</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reported on %1.</source>
        <translation>%1にご連絡あり。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every mailing stopped.</source>
        <translation>送付物はすべて停止済み。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disclose nothing to the caller.</source>
        <translation>お電話の方に登録内容をお伝えしないでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Died on %1.</source>
        <translation>ご逝去日 %1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A question about it: New inquiry, Alt+L.</source>
        <translation>お問い合わせは新規受付 Alt+L</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>on</source>
        <translation>送付</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>since %1</source>
        <translation>%1 から</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>On consent</source>
        <translation>同意に基づき提供</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: stopped (%2)</source>
        <translation>%1: 停止（%2）</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <location filename="../../ui/supervision/dashboard_charts.py" line="+154"/>
        <source>Open cases by request type and state</source>
        <translation>請求種別・状態別の未完了案件</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Request type (open cases)</source>
        <translation>請求種別（未完了案件）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <location line="+17"/>
        <source>Open cases</source>
        <translation>未完了案件</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>How long open cases have waited</source>
        <translation>未完了案件の経過日数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Days since received</source>
        <translation>受付からの日数</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Overdue cases at the end of each week</source>
        <translation>各週末時点の期限超過案件</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+21"/>
        <source>Overdue cases</source>
        <translation>期限超過案件</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Week ending</source>
        <translation>週末日</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cases closed per agent in the last 30 days</source>
        <translation>過去30日間の担当者別完了案件</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Agent (cases closed)</source>
        <translation>担当者（完了件数）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cases closed</source>
        <translation>完了件数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Most reported numbers, last %1 days</source>
        <translation>通報の多い番号（過去 %1 日）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reports linked to open leak incidents</source>
        <translation>対応中の漏えい等の事案に関連付けた通報</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leak incident</source>
        <translation>漏えい等の事案</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reports</source>
        <translation>通報件数</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Number shown in the call or message</source>
        <translation>電話・メッセージに表示された番号</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/supervision/dashboard_page.py" line="+103"/>
        <source>Refresh (F5)</source>
        <translation>更新 (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the figures again (F5)</source>
        <translation>数値を再読み込み (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Figures as of</source>
        <translation>集計時点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused cases</source>
        <translation>一時停止中の案件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leak incidents awaiting a report</source>
        <translation>報告待ちの漏えい等の事案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open cases by request type and state</source>
        <translation>請求種別・状態別の未完了案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open cases by days since received</source>
        <translation>受付からの日数別 未完了案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue cases, last %1 weeks</source>
        <translation>期限超過案件（過去 %1 週）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases closed per agent, last %1 days</source>
        <translation>担当者別完了案件（過去 %1 日）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+134"/>
        <source>Most reported numbers</source>
        <translation>通報の多い番号</translation>
    </message>
    <message>
        <location line="-133"/>
        <location line="+140"/>
        <source>Reports linked to open leak incidents</source>
        <translation>対応中の漏えい等の事案に関連付けた通報</translation>
    </message>
    <message>
        <location line="-120"/>
        <location line="+41"/>
        <source>Sign in to see the figures.</source>
        <translation>数値を見るにはサインインしてください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updating…</source>
        <translation>更新中…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>as of %1</source>
        <translation>%1 時点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open cases</source>
        <translation>未完了案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No case is open: every request has been completed, refused or withdrawn.</source>
        <translation>未完了の案件はありません。すべての請求が完了・拒否・取下げ済みです。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Days since received</source>
        <translation>受付からの日数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No case is open, so none is waiting.</source>
        <translation>未完了の案件がないため、待機中の案件はありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue cases</source>
        <translation>期限超過案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No case was past its due date at the end of any of the last %1 weeks.</source>
        <translation>過去 %1 週のどの週末にも、期限を超過した案件はありませんでした。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cases closed per agent</source>
        <translation>担当者別完了案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No case was closed in the last %1 days.</source>
        <translation>過去 %1 日間に完了した案件はありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No suspicious call or message showing a phone number was reported in the last %1 days.</source>
        <translation>過去 %1 日間に、電話番号が表示された不審な電話・メッセージの通報はありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No leak incident is open.</source>
        <translation>対応中の漏えい等の事案はありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No case is paused.</source>
        <translation>一時停止中の案件はありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused, waiting for the customer (not counted as overdue): %1 — %2</source>
        <translation>お客様待ちで一時停止中（期限超過に数えません）: %1 — %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Leak incidents awaiting a report to the Commission:</source>
        <translation>個人情報保護委員会への報告待ちの漏えい等の事案:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The figures could not be read.</source>
        <translation>数値を読み込めませんでした。</translation>
    </message>
</context>
<context>
    <name>DatabaseCheck</name>
    <message>
        <location filename="../../ui/shell/database_check.py" line="+32"/>
        <source>&amp;Check the database…</source>
        <translation>データベースを点検(&amp;C)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checks that letters, erasures, registers, dates and calls agree with the cases (supervisors)</source>
        <translation>書面・消去・台帳・日付・通話が案件と矛盾していないかを点検します（責任者）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The database is consistent: %1 checked.</source>
        <translation>データベースに矛盾はありません（点検項目: %1）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 problems found. Tell your administrator; each names the case and what is wrong:</source>
        <translation>%1 件の問題が見つかりました。管理者に連絡してください。各行に案件と問題の内容を示します:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Database check</source>
        <translation>データベースの点検</translation>
    </message>
</context>
<context>
    <name>DatabaseStatusLabel</name>
    <message>
        <location filename="../../ui/shell/database_status.py" line="+33"/>
        <source>Database connection</source>
        <translation>データベース接続</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database unreachable — retrying…</source>
        <translation>データベースに接続できません — 再試行中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reconnected</source>
        <translation>再接続しました</translation>
    </message>
</context>
<context>
    <name>DeathReportDialog</name>
    <message>
        <location filename="../../ui/customers/death_report_dialog.py" line="+31"/>
        <source>A death reported</source>
        <translation>ご逝去の連絡</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>このたびはご愁傷さまでございます。心よりお悔やみ申し上げます。
ご連絡いただき、誠にありがとうございます。%1様宛てのカタログ、ダイレクトメール、メールマガジンの送付は、本日すべて停止いたします。
なお、個人情報保護のため、ご登録の内容についてはお電話ではお答えいたしかねます。何卒ご了承くださいませ。</source>
        <translation>このたびはご愁傷さまでございます。心よりお悔やみ申し上げます。
ご連絡いただき、誠にありがとうございます。%1様宛てのカタログ、ダイレクトメール、メールマガジンの送付は、本日すべて停止いたします。
なお、個人情報保護のため、ご登録の内容についてはお電話ではお答えいたしかねます。何卒ご了承くださいませ。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Talk text</source>
        <translation>トーク</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A relative&apos;s report is not a request under the law: check no identity and disclose nothing. Every mailing stops and the record is marked.</source>
        <translation>ご遺族からのご連絡は法律上の請求ではありません。本人確認は行わず、何もお伝えしないでください。送付物はすべて停止し、記録に表示します。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The caller gave the &amp;day of death:</source>
        <translation>ご逝去日のお申し出あり(&amp;D):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Day of death</source>
        <translation>ご逝去日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Read out; nothing from the record was told to the caller</source>
        <translation>読み上げ済み。登録内容はお伝えしていない(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop every mailing</source>
        <translation>送付物をすべて停止</translation>
    </message>
</context>
<context>
    <name>DeliveryStepPage</name>
    <message>
        <location filename="../../ui/cases/action_step_pages.py" line="-266"/>
        <source>Next records a letter by post to the registered address.</source>
        <translation>「次へ」で、登録住所への書面の郵送を記録します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next records an electronic record (PDF) to the e-mail address confirmed in the identity check.</source>
        <translation>「次へ」で、本人確認で確かめたメールアドレスへの電磁的記録（PDF）の送付を記録します。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next records an electronic record (PDF) to the customer&apos;s registered e-mail address.</source>
        <translation>「次へ」で、登録済みのメールアドレスへの電磁的記録（PDF）の送付を記録します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No e-mail address is registered or was confirmed in the identity check, so the electronic record is not possible: Next records why, and the disclosure goes by post with a letter that says so.</source>
        <translation>登録済みのメールアドレスも本人確認で確かめたメールアドレスもないため、電磁的記録では提供できません。「次へ」でその理由を記録し、その旨を記した書面で郵送します。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How the answer goes</source>
        <translation>回答の方法</translation>
    </message>
</context>
<context>
    <name>DeskFloor</name>
    <message>
        <location filename="../../ui/shell/desk_floor.py" line="+74"/>
        <source>&amp;Missed calls…</source>
        <translation>不在着信(&amp;M)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today&apos;s missed calls: take one to call back</source>
        <translation>今日の不在着信: 折り返す着信を引き受けます</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Answered at another desk (%1)</source>
        <translation>別の席で応答されました（%1）</translation>
    </message>
</context>
<context>
    <name>DeskPages</name>
    <message>
        <location filename="../../ui/shell/desk_pages.py" line="+66"/>
        <source>Search, customer record and chooser</source>
        <translation>検索・顧客情報・発信者の確認</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Search</source>
        <translation>検索(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer &amp;record</source>
        <translation>顧客情報(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Who is calling?</source>
        <translation>発信者の確認(&amp;W)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Live board (&amp;J)</source>
        <translation>ライブボード(&amp;J)</translation>
    </message>
</context>
<context>
    <name>DeskStart</name>
    <message>
        <location filename="../../ui/shell/app.py" line="+103"/>
        <source>The database could not be opened (%1). Ask an administrator to run “desk-app doctor”.</source>
        <translation>データベースを開けませんでした（%1）。管理者に「desk-app doctor」の実行を依頼してください。</translation>
    </message>
</context>
<context>
    <name>FeeStepPage</name>
    <message>
        <location filename="../../ui/cases/action_step_pages.py" line="+16"/>
        <source>Re&amp;quest the fee of %1 yen</source>
        <translation>手数料 %1 円を請求する(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>W&amp;aive the fee</source>
        <translation>手数料を免除する(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the fee is waived</source>
        <translation>手数料免除の理由</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason for waiving:</source>
        <translation>免除の理由:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not accepted: a waived fee needs a reason</source>
        <translation>次に進めません: 手数料を免除するには理由が必要です</translation>
    </message>
</context>
<context>
    <name>HelpViewer</name>
    <message>
        <location filename="../../ui/shell/help_viewer.py" line="+28"/>
        <source>Guide</source>
        <translation>ガイド</translation>
    </message>
</context>
<context>
    <name>IdentityStepPage</name>
    <message>
        <location filename="../../ui/cases/identity_step_page.py" line="+55"/>
        <source>This case did not come in on a call: there is no calling number to check.</source>
        <translation>この案件は電話で受け付けていないため、確認できる発信番号がありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The caller withheld their number: there is no calling number to check.</source>
        <translation>発信者が番号を非通知にしているため、確認できる発信番号がありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call came without a number (out of area, public phone or a line error): there is no calling number to check.</source>
        <translation>番号の表示がない着信です（表示圏外・公衆電話・受信エラー）。確認できる発信番号がありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The calling number is not registered for this customer.</source>
        <translation>発信番号はこの顧客の登録番号ではありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call this case came in on has ended.</source>
        <translation>この案件を受け付けた通話は終了しています。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The documents show the person; confirm the appointed agent&apos;s request with the person next.</source>
        <translation>書類でご本人を確認しました。次に、任意代理人による請求であることをご本人に確認してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The case did not come in on a call: use a callback.</source>
        <translation>電話で受け付けた案件ではありません。登録番号へのかけ直しで確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The caller withheld their number: use a callback.</source>
        <translation>非通知の着信です。登録番号へのかけ直しで確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call came without a number: use a callback.</source>
        <translation>番号通知のない着信です。かけ直しで確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The calling number is not registered for this customer: use a callback.</source>
        <translation>発信番号はこの顧客の登録番号ではありません。かけ直しで確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The answer does not match the record.</source>
        <translation>回答が記録と一致しません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The registered number did not answer.</source>
        <translation>登録番号に応答がありませんでした。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Identity check result</source>
        <translation>本人確認の結果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How is the caller verified?</source>
        <translation>本人確認の方法</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why caller ID cannot be used</source>
        <translation>発信番号で確認できない理由</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A proxy&apos;s request is verified by documents only.</source>
        <translation>代理人による請求の本人確認は書類でのみ行います。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Record the chec&amp;k</source>
        <translation>確認結果を記録(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the identity check</source>
        <translation>本人確認を記録</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(no number: this method cannot be used)</source>
        <translation>（番号なし: この方法は使えません）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calling number</source>
        <translation>発信番号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Question asked</source>
        <translation>質問した項目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date of birth</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of a recent order</source>
        <translation>最近の注文番号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the caller answered</source>
        <translation>お客様の回答</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Caller&apos;s &amp;answer:</source>
        <translation>お客様の回答(&amp;A):</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>E-mail address the customer confirmed</source>
        <translation>お客様が確認したメールアドレス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone number dialled:</source>
        <translation>かけた番号(&amp;P):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail, e&amp;xactly as confirmed:</source>
        <translation>確認したメールアドレス(&amp;X):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>optional: where an electronic record may be sent</source>
        <translation>任意: 電磁的記録の送付先になります</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;The name is the registered name</source>
        <translation>氏名が登録の氏名と一致(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The &amp;postal address is the registered address</source>
        <translation>住所が登録の住所と一致(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The d&amp;ate of birth is the one on file</source>
        <translation>生年月日が登録の生年月日と一致(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail address on the request form</source>
        <translation>請求書に記載のメールアドレス</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document t&amp;ype:</source>
        <translation>書類の種類(&amp;Y):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E-mail, e&amp;xactly as on the form:</source>
        <translation>請求書記載のメールアドレス(&amp;X):</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>compared with the record; not stored</source>
        <translation>記録と照合します。保存はされません</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Calling number:</source>
        <translation>発信番号:</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>The call has ended: use a callback.</source>
        <translation>通話が終了しています。折り返し電話で確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The documents must show the registered name and address.</source>
        <translation>書類に登録の氏名と住所が記載されている必要があります。</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Street number of the registered address</source>
        <translation>登録住所の番地</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Question:</source>
        <translation>質問(&amp;Q):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registered number dialled</source>
        <translation>かけ直した登録番号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer &amp;answered at that number</source>
        <translation>その番号でご本人が応答した(&amp;A)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Documents received on</source>
        <translation>書類受領日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document type</source>
        <translation>書類の種類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. copy of a driving licence</source>
        <translation>例: 運転免許証の写し</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Received &amp;on:</source>
        <translation>受領日(&amp;O):</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The record holds nothing to ask the caller about: use another method.</source>
        <translation>記録に質問できる項目がありません。別の方法で確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type what the caller answered.</source>
        <translation>お客様の回答を入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer has no registered number to call back.</source>
        <translation>この顧客にはかけ直せる登録番号がありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which document was received.</source>
        <translation>受領した書類を入力してください。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Recording…</source>
        <translation>記録中…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not verified: %1</source>
        <translation>本人確認できません: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After %1 failed checks by caller ID, verify by a callback or documents.</source>
        <translation>発信者番号による確認に%1回失敗したため、折り返し電話または書類で確認してください。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>e.g. 1975-04-01 or 昭和50年4月1日; not stored</source>
        <translation>例: 1975-04-01、昭和50年4月1日（保存されません）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the number only, e.g. 2-3-4; not stored</source>
        <translation>番地の数字のみ（例: 2-3-4）（保存されません）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the order number; not stored</source>
        <translation>注文番号（保存されません）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Identity verified: %1</source>
        <translation>本人確認済み: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the caller&apos;s identity is not verified yet</source>
        <translation>まだ本人確認が済んでいません</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="+52"/>
        <source>Import from the mail-order system</source>
        <translation>通販システムからの取込</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customers</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third-party provision records</source>
        <translation>第三者提供記録</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the file holds</source>
        <translation>ファイルの内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the good rows and &amp;write the bad ones to:</source>
        <translation>正しい行だけを取り込み、不正な行を次のファイルに書き出す(&amp;W):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejects file</source>
        <translation>不正行ファイル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Overwrite fields corrected at the desk since the last import</source>
        <translation>前回の取り込み以降に窓口で訂正された項目を上書きする(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unticked, a field corrected at the desk keeps the desk&apos;s value when the file differs, and the report lists it.</source>
        <translation>チェックしない場合、ファイルの値が異なっても窓口で訂正した値を残し、その項目を報告に載せます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;jects file:</source>
        <translation>不正行ファイル(&amp;J):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import progress</source>
        <translation>取込の進み具合</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import report</source>
        <translation>取込結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A file is imported all or nothing unless bad rows are skipped.</source>
        <translation>不正な行を除外しない限り、ファイルは全件取り込むか、まったく取り込まないかのどちらかです。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import</source>
        <translation>取込(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel import</source>
        <translation>取込を中止(&amp;C)</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>CSV file to import</source>
        <translation>取り込む CSV ファイル</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Choose a CSV file that exists.</source>
        <translation>存在する CSV ファイルを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say where the rejected rows should be written.</source>
        <translation>不正な行の書き出し先を指定してください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>中止しました。何も取り込んでいません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported %1 (%2).</source>
        <translation>%1 を取り込みました（%2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported: %1 rows are not accepted (see below).</source>
        <translation>取り込んでいません: 受け付けられない行が %1 行あります（下記参照）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>read %1, new %2, changed %3, unchanged %4, rejected %5</source>
        <translation>読込 %1 件、新規 %2 件、変更 %3 件、変更なし %4 件、不正 %5 件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Erased customers in the file, not revived: %1</source>
        <translation>ファイル内の消去済み顧客（復元していません）: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fields corrected at the desk that the file gives otherwise; the desk&apos;s values kept:</source>
        <translation>窓口で訂正済みの項目でファイルの値が異なるもの（窓口の値を残しました）:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fields corrected at the desk that the file overwrote:</source>
        <translation>窓口で訂正済みの項目でファイルの値で上書きしたもの:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stops of third-party provision the file goes against; the stops stand:</source>
        <translation>ファイルの内容が第三者提供の停止と食い違っています。停止はそのまま有効です:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected rows written to %1</source>
        <translation>不正な行を %1 に書き出しました</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>… and %1 more</source>
        <translation>…ほか %1 件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>customer %1: third-party provision stays stopped</source>
        <translation>顧客 %1: 第三者提供は停止のままです</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>customer %1: provision to %2 on %3 came after the stop</source>
        <translation>顧客 %1: %3 の %2 への提供は停止の後です</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>customer %1: %2</source>
        <translation>顧客 %1: %2</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <location filename="../../ui/supervision/incidents/incident_dialog.py" line="+70"/>
        <source>New leak incident</source>
        <translation>新しい漏えい等の事案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leak incident %1</source>
        <translation>漏えい等の事案 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discovered (Japan time)</source>
        <translation>発覚日時（日本時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How discovered</source>
        <translation>発覚の経緯</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened</source>
        <translation>概要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items of personal data</source>
        <translation>個人データの項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measures</source>
        <translation>再発防止のための措置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possible secondary harm</source>
        <translation>二次被害のおそれ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What customers can do</source>
        <translation>お客様が取り得る措置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Publicly announced on:</source>
        <translation>公表日(&amp;P):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Publicly announced on</source>
        <translation>公表日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How and where it was announced</source>
        <translation>公表の方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. on the company&apos;s website; a press release</source>
        <translation>例：当社ウェブサイトに掲載、記者発表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report deadlines</source>
        <translation>報告期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the incident was not saved</source>
        <translation>事案を保存できなかった理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Title:</source>
        <translation>件名(&amp;T):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discovered (Japan time):</source>
        <translation>発覚日時（日本時間）(&amp;D):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H&amp;ow discovered:</source>
        <translation>発覚の経緯(&amp;O):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;How and where:</source>
        <translation>公表の方法(&amp;H):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;What happened:</source>
        <translation>概要(&amp;W):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Items of personal data:</source>
        <translation>個人データの項目(&amp;I):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cause:</source>
        <translation>原因(&amp;C):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Measures:</source>
        <translation>再発防止のための措置(&amp;M):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possible &amp;secondary harm:</source>
        <translation>二次被害のおそれ(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What c&amp;ustomers can do:</source>
        <translation>お客様が取り得る措置(&amp;U):</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Reportable to the Commission (Enforcement Rules Art. 7)</source>
        <translation>個人情報保護委員会への報告対象（施行規則第7条）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(i) Personal data including special-care personal information has leaked, been lost or damaged, or may have been.</source>
        <translation>(一) 要配慮個人情報が含まれる個人データの漏えい、滅失若しくは毀損が発生し、又は発生したおそれがある</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(ii) Personal data whose improper use could cause financial loss has leaked, been lost or damaged, or may have been.</source>
        <translation>(二) 不正に利用されることにより財産的被害が生じるおそれがある個人データの漏えい、滅失若しくは毀損が発生し、又は発生したおそれがある</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(iii) Personal data (including personal information being acquired) has leaked, been lost or damaged, or may have been, by an act against the company possibly done for an improper purpose.</source>
        <translation>(三) 不正の目的をもって行われたおそれがある当社に対する行為による個人データ（取得しようとしている個人情報を含む）の漏えい、滅失若しくは毀損が発生し、又は発生したおそれがある</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(iv) The personal data of more than 1,000 people has leaked, been lost or damaged, or may have been.</source>
        <translation>(四) 個人データに係る本人の数が1,000人を超える漏えい、滅失若しくは毀損が発生し、又は発生したおそれがある</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The incident could not be saved; what you typed is still here.</source>
        <translation>事案を保存できませんでした。入力した内容はそのまま残っています。</translation>
    </message>
</context>
<context>
    <name>IncidentLinkDialog</name>
    <message>
        <location filename="../../ui/supervision/incident_link_dialog.py" line="+17"/>
        <source>Link the report to a leak incident</source>
        <translation>通報を漏えい等の事案に関連付け</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case %1: reported as from “%2”.</source>
        <translation>案件 %1：「%2」を名乗る連絡の通報</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Leak incident</source>
        <translation>漏えい等の事案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>looks connected: same sender or number</source>
        <translation>関連の可能性：同じ差出人または番号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No incident is open.</source>
        <translation>対応中の事案はありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Link</source>
        <translation>関連付ける(&amp;L)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Incident:</source>
        <translation>事案(&amp;I):</translation>
    </message>
</context>
<context>
    <name>IncidentPicker</name>
    <message>
        <location filename="../../ui/cases/incident_picker.py" line="+23"/>
        <source>Incident the question is about</source>
        <translation>お問い合わせの対象の事案</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Incident:</source>
        <translation>事案(&amp;I):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the open incidents…</source>
        <translation>対応中の事案を読み込んでいます…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose the incident…</source>
        <translation>事案を選んでください…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+20"/>
        <source>No incident named</source>
        <translation>事案の指定なし</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The customer is affected by this incident: the question is about it.</source>
        <translation>このお客様はこの事案の対象です。お問い合わせはこの事案についてです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer is affected by %1 open incidents: choose the one asked about.</source>
        <translation>このお客様は対応中の事案%1件の対象です。お問い合わせの事案を選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the incident the caller asks about, or none.</source>
        <translation>お問い合わせの事案を選ぶか、指定なしを選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No incident is open.</source>
        <translation>対応中の事案はありません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The open incidents could not be read.</source>
        <translation>対応中の事案を読み込めませんでした。</translation>
    </message>
</context>
<context>
    <name>IncidentRegister</name>
    <message>
        <location filename="../../ui/supervision/incidents/register_window.py" line="+86"/>
        <location line="+24"/>
        <source>Leak incidents</source>
        <translation>漏えい等の事案</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>&amp;New incident…</source>
        <translation>新しい事案(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a &amp;report…</source>
        <translation>報告を記録(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close incident…</source>
        <translation>事案を終了(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make no&amp;tices…</source>
        <translation>お知らせを作成(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The notice to each affected customer who has none yet, for the mail room to print</source>
        <translation>まだお知らせのない対象のお客様全員へのお知らせを作成し、発送室で印刷します</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Attach customers from CSV…</source>
        <translation>CSVから対象のお客様を追加(&amp;A)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attach the customers a CSV file names in its 顧客番号 column; one wrong line attaches none</source>
        <translation>CSVファイルの顧客番号列のお客様を事案の対象に追加します。誤りが1行でもあれば何も追加しません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attach by saved &amp;search…</source>
        <translation>保存した検索条件で追加(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach the customers a saved search names: make, count and keep searches there</source>
        <translation>保存した検索条件に該当する顧客を追加します（検索条件の作成・件数確認・保存もここで行います）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;how closed</source>
        <translation>終了した事案も表示(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh (F5)</source>
        <translation>更新 (F5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No leak incident is recorded.</source>
        <translation>漏えい等の事案は記録されていません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incident register status</source>
        <translation>事案一覧の状態</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+50"/>
        <source>Reports on file</source>
        <translation>提出済みの報告</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>What the register refused</source>
        <translation>事案一覧で受け付けられなかった理由</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discovered</source>
        <translation>発覚日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>報告対象の区分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preliminary due</source>
        <translation>速報期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final due</source>
        <translation>確報期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Affected</source>
        <translation>対象者数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>対応中</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Reading the register…</source>
        <translation>事案一覧を読み込んでいます…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open incidents: %1; reports overdue: %2</source>
        <translation>対応中の事案: %1件、期限超過の報告: %2件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The register could not be read.</source>
        <translation>事案一覧を読み込めませんでした。</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Close incident</source>
        <translation>事案の終了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close incident %1? Nothing more can be recorded on it once it is closed.</source>
        <translation>事案 %1 を終了しますか？終了後は記録できません。</translation>
    </message>
</context>
<context>
    <name>IncidentRegisterAction</name>
    <message>
        <location filename="../../ui/supervision/incidents/register_action.py" line="+44"/>
        <source>L&amp;eak incidents…</source>
        <translation>漏えい等の事案(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leak incidents, their reports to the Commission and their deadlines (supervisors)</source>
        <translation>漏えい等の事案、個人情報保護委員会への報告とその期限（スーパーバイザー）</translation>
    </message>
</context>
<context>
    <name>IncidentWords</name>
    <message>
        <location filename="../../ui/supervision/incidents/incident_words.py" line="+44"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not reportable</source>
        <translation>報告対象外</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 overdue</source>
        <translation>%1 期限超過</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (due today)</source>
        <translation>%1（本日期限）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (days left: %2)</source>
        <translation>%1（残り%2日）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>None yet</source>
        <translation>未提出</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Publicly announced on %1: %2</source>
        <translation>公表済み（%1）：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: submitted %2, reference %3 (recorded by %4)</source>
        <translation>%1: %2 提出、受付番号 %3（記録者 %4）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not reportable: no category applies, so no report to the Commission is due.</source>
        <translation>報告対象外：いずれの区分にも該当しないため、委員会への報告は不要です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>within 60 days</source>
        <translation>60日以内</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>within 30 days</source>
        <translation>30日以内</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preliminary report due %1; final report due %2 (%3).</source>
        <translation>速報期限 %1、確報期限 %2（%3）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 %2 — the %3 was due %4: overdue</source>
        <translation>%1 %2 — %3の期限 %4：期限超過</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 — the %3 is due %4</source>
        <translation>%1 %2 — %3の期限 %4</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../ui/shell/language_menu.py" line="+24"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;System setting</source>
        <translation>システムの設定に従う(&amp;S)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Language</source>
        <translation>表示言語</translation>
    </message>
</context>
<context>
    <name>LeakAnswerPage</name>
    <message>
        <location filename="../../ui/cases/incident_step_pages.py" line="+31"/>
        <source>No incident is named: Next records that the caller was told the facts are being established.</source>
        <translation>事案の指定はありません。「次へ」で、事実関係を確認中とご説明したことを記録します。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the caller was told of incident %1 (%2):</source>
        <translation>事案 %1（%2）についてお伝えした内容:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What happened: %1</source>
        <translation>経緯: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measures: %1</source>
        <translation>対応: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Next records the answer; finishing the script closes the case as answered.</source>
        <translation>次へで回答を記録します。スクリプトを終えると案件は回答済みとして完了します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Then open the suspension the caller asked for (New inquiry, Alt+4).</source>
        <translation>続けて、ご希望の利用停止を受け付けてください（新規受付 Alt+4）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then open the deletion the caller asked for (New inquiry, Alt+5).</source>
        <translation>続けて、ご希望の削除を受け付けてください（新規受付 Alt+5）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then record the caller&apos;s suspicious-contact report (New inquiry, Alt+7).</source>
        <translation>続けて、不審な連絡のご報告を記録してください（新規受付 Alt+7）。</translation>
    </message>
</context>
<context>
    <name>LetterPreviewDialog</name>
    <message>
        <location filename="../../ui/common/letter_preview.py" line="+36"/>
        <source>Letter preview</source>
        <translation>通知書のプレビュー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 pages</source>
        <translation>%1 ページ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Print…</source>
        <translation>印刷(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print (Ctrl+P)</source>
        <translation>印刷 (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Print letter</source>
        <translation>通知書の印刷</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The printer could not be opened. Check that it is on and connected, then try again.</source>
        <translation>プリンターを開けませんでした。電源と接続を確認してやり直してください。</translation>
    </message>
</context>
<context>
    <name>LiveBoardPage</name>
    <message>
        <location filename="../../ui/supervision/live_board.py" line="+104"/>
        <source>Connection to the floor</source>
        <translation>フロアとの接続</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Board as of</source>
        <translation>ボードの時点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Desks</source>
        <translation>席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls ringing now</source>
        <translation>呼び出し中の着信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed calls today</source>
        <translation>今日の不在着信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrap-up codes today</source>
        <translation>今日の応対区分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No desk is signed in.</source>
        <translation>サインインしている席はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No call is ringing.</source>
        <translation>呼び出し中の着信はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No call was missed today.</source>
        <translation>今日の不在着信はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No call was wrapped up today.</source>
        <translation>今日、応対区分が付いた通話はありません。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Agent</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For</source>
        <translation>経過</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>通話</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call length</source>
        <translation>通話時間</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <source>Number</source>
        <translation>番号</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Line</source>
        <translation>回線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>待ち時間</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Taken by</source>
        <translation>対応者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not taken</source>
        <translation>未対応</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrap-up code</source>
        <translation>応対区分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls</source>
        <translation>着信</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Connecting to the floor…</source>
        <translation>フロアに接続しています…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Live</source>
        <translation>接続中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection to the database was lost; reconnecting. The board may be out of date.</source>
        <translation>データベースとの接続が切れたため、再接続しています。ボードの内容が古い可能性があります。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>as of %1</source>
        <translation>%1 時点</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The board could not be read: %1</source>
        <translation>ボードを読み込めませんでした: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Desks (%1)</source>
        <translation>席（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ringing now (%1)</source>
        <translation>呼び出し中（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missed today (%1, %2 taken)</source>
        <translation>今日の不在着信（%1 件、対応済み %2 件）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrap-up codes today (%1)</source>
        <translation>今日の応対区分（%1）</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="+20"/>
        <source>Locked — sign in to continue</source>
        <translation>ロック中 — 続けるにはサインインしてください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locked</source>
        <translation>ロック中</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call</source>
        <translation>通話</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sign in…</source>
        <translation>サインイン(&amp;S)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A call is ringing — sign in to answer it</source>
        <translation>電話が鳴っています — サインインして応答してください</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A call is under way</source>
        <translation>通話中です</translation>
    </message>
</context>
<context>
    <name>LookupModel</name>
    <message>
        <location filename="../../ui/customers/lookup_model.py" line="+18"/>
        <source>Customer no.</source>
        <translation>顧客番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matched phone</source>
        <translation>一致した電話</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lives in</source>
        <translation>住所（市区町村）</translation>
    </message>
</context>
<context>
    <name>MailRoomPage</name>
    <message>
        <location filename="../../ui/mail_room/mail_room_page.py" line="+68"/>
        <source>Letters ready to mail</source>
        <translation>発送待ちの通知書</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No letters waiting</source>
        <translation>発送待ちの通知書はありません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mail room status</source>
        <translation>発送の状態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xport PDFs…</source>
        <translation>PDF 出力(&amp;X)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark m&amp;ailed…</source>
        <translation>発送済みにする(&amp;A)…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&amp;Preview…</source>
        <translation>プレビュー(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prin&amp;t…</source>
        <translation>印刷(&amp;T)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rel&amp;oad</source>
        <translation>再読み込み(&amp;O)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Acts on the selected letters, or on all of them when none is selected</source>
        <translation>選択した通知書に対して実行します。選択がなければすべてが対象です</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>通知書</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery</source>
        <translation>送付方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF by e-mail</source>
        <translation>PDF をメール送付</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Post</source>
        <translation>郵便</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Made</source>
        <translation>作成日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printed</source>
        <translation>印刷日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case state</source>
        <translation>案件の状態</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready to mail</source>
        <translation>発送可</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On hold: case not decided</source>
        <translation>保留（案件の判断待ち）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On hold: customer erased</source>
        <translation>保留：顧客情報は消去済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On hold: customer reported deceased</source>
        <translation>保留：死亡の届出あり</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On hold: the case calls for another letter</source>
        <translation>保留：案件に合わない通知書</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On hold: see why (point at it)</source>
        <translation>保留：理由はポインターを合わせると表示</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 letters waiting, %2 of them on hold (the Status column says why)</source>
        <translation>発送待ち %1 通（うち保留 %2 通。理由は「状況」欄）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 letters on hold were left out (the Status column says why)</source>
        <translation>保留中の %1 通は除きました（理由は「状況」欄）</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>%1 letters waiting</source>
        <translation>発送待ち %1 通</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Print %1 letters</source>
        <translation>通知書 %1 通を印刷</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Printing letters…</source>
        <translation>通知書を印刷中…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 of %2 letters printed</source>
        <translation>%2 通中 %1 通を印刷しました</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export letters to a folder</source>
        <translation>通知書をフォルダーに出力</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting letters…</source>
        <translation>通知書を出力中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 letters written to %2</source>
        <translation>通知書 %1 通を %2 に書き出しました</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The folder cannot be written to: %1</source>
        <translation>フォルダーに書き込めません: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 letters marked mailed (%2)</source>
        <translation>通知書 %1 通を発送済みにしました（%2）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>MailedDialog</name>
    <message>
        <location filename="../../ui/mail_room/mailed_dialog.py" line="+27"/>
        <source>Mark as mailed</source>
        <translation>発送済みにする</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postal method</source>
        <translation>郵送方法</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mailed on</source>
        <translation>発送日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 letters</source>
        <translation>%1 通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Method:</source>
        <translation>郵送方法(&amp;M):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mailed &amp;on:</source>
        <translation>発送日(&amp;O):</translation>
    </message>
</context>
<context>
    <name>MailingsStepPage</name>
    <message>
        <location filename="../../ui/cases/action_step_pages.py" line="+24"/>
        <source>Catal&amp;ogue</source>
        <translation>カタログ(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct m&amp;ail</source>
        <translation>ダイレクトメール(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail newslet&amp;ter</source>
        <translation>メールマガジン(&amp;T)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop from</source>
        <translation>停止開始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sto&amp;p from:</source>
        <translation>停止開始日(&amp;P):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not accepted: tick at least one mailing</source>
        <translation>次に進めません: 送付物を1つ以上選んでください</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/start_window.py" line="+22"/>
        <source>signed in without a password</source>
        <translation>パスワードなしでサインイン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2) [DEMO]</source>
        <translation>%1（%2）［デモ］</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="+121"/>
        <source>Cas&amp;e</source>
        <translation>案件(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Mail room</source>
        <translation>発送(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case &amp;log</source>
        <translation>案件一覧(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dashboard</source>
        <translation>ダッシュボード(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;gisters</source>
        <translation>台帳(&amp;G)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calls</source>
        <translation>着信</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <location filename="../../ui/shell/desk_menus.py" line="+29"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;in…</source>
        <translation>サインイン(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock now</source>
        <translation>今すぐロック(&amp;L)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>I&amp;mport from the mail-order system…</source>
        <translation>通販システムからの取込(&amp;M)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customers, orders or provision records from CSV (administrators)</source>
        <translation>CSV から顧客・注文・第三者提供記録を取り込みます（管理者）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Call</source>
        <translation>通話(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search customers…</source>
        <translation>顧客を検索(&amp;S)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Inquiry</source>
        <translation>問い合わせ(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New inquiry…</source>
        <translation>新規問い合わせ(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh cases</source>
        <translation>案件を読み直す(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads the Cases pane and the case log again</source>
        <translation>案件ペインと案件一覧を読み直します</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Calls pane</source>
        <translation>着信ペイン(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;ases pane</source>
        <translation>案件ペイン(&amp;A)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guide for my &amp;role</source>
        <translation>自分の役割のガイド(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The agents&apos; guide, or the supervisors&apos; for a supervisor</source>
        <translation>担当者ガイド（責任者には責任者ガイド）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agents&apos; &amp;guide</source>
        <translation>担当者ガイド(&amp;G)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Supervisors&apos; guide</source>
        <translation>責任者ガイド(&amp;S)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;About Inquiry Desk</source>
        <translation>バージョン情報(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="+153"/>
        <source>Resumed an unfinished talk script</source>
        <translation>途中のトークスクリプトを再開しました</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Inquiry Desk %1</source>
        <translation>個人情報お問い合わせ窓口 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt %1, PySide6 %2</source>
        <translation>Qt %1、PySide6 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database: %1</source>
        <translation>データベース: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/desk_menus.py" line="+4"/>
        <source>About Inquiry Desk</source>
        <translation>バージョン情報</translation>
    </message>
</context>
<context>
    <name>MissedCallsDialog</name>
    <message>
        <location filename="../../ui/calls/missed_calls_dialog.py" line="+28"/>
        <source>No number</source>
        <translation>番号なし</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caller</source>
        <translation>発信者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>回線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken by</source>
        <translation>対応者</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Missed calls today</source>
        <translation>今日の不在着信</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Missed calls</source>
        <translation>不在着信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What happened</source>
        <translation>状況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Take to call back</source>
        <translation>折り返しを引き受ける(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No missed calls today</source>
        <translation>今日の不在着信はありません</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Yours to call back: %1</source>
        <translation>あなたが折り返します: %1</translation>
    </message>
</context>
<context>
    <name>NewInquiryDialog</name>
    <message>
        <location filename="../../ui/cases/new_inquiry_dialog.py" line="+70"/>
        <source>New inquiry</source>
        <translation>新規問い合わせ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What does the caller ask for?</source>
        <translation>お客様のご用件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>About the &amp;customer on screen: %1</source>
        <translation>表示中の顧客について(&amp;C): %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No &amp;customer on screen</source>
        <translation>表示中の顧客なし(&amp;C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Received by &amp;post on:</source>
        <translation>郵送で到達した日(&amp;P):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written request received by post</source>
        <translation>郵送で届いた書面による請求</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Day the request arrived</source>
        <translation>請求の到達日</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A written request: no call is linked, and its deadline counts from the day it arrived.</source>
        <translation>書面による請求: 通話とは結び付けず、期限は到達日から数えます。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>This request is about the caller&apos;s own data: open their record first (Ctrl+F).</source>
        <translation>この請求はお客様ご本人のデータに関するものです。先に記録を開いてください (Ctrl+F)。</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <location filename="../../ui/supervision/incidents/notices_dialog.py" line="+50"/>
        <source>Notices to affected customers — %1</source>
        <translation>対象のお客様へのお知らせ — %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make the notice of incident %1 for each of its %2 affected customers who has none yet? Erased and deceased customers get none; those with no postal address are listed for a public announcement. The letters go to the mail room to be printed and mailed.</source>
        <translation>事案 %1 の対象のお客様%2名のうち、まだお知らせのない方全員にお知らせを作成しますか？削除済み・ご逝去のお客様には作成しません。ご住所のない方は公表の対象として一覧にします。お知らせは発送室で印刷・郵送します。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notices made</source>
        <translation>作成したお知らせ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the run did</source>
        <translation>実行結果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Make notices</source>
        <translation>お知らせを作成(&amp;M)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Making notices…</source>
        <translation>お知らせを作成しています…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Stopping after the letter in hand…</source>
        <translation>作成中のお知らせの後で停止します…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The notices could not be made; those made before the problem are kept.</source>
        <translation>お知らせを作成できませんでした。問題の前に作成したお知らせは残っています。</translation>
    </message>
</context>
<context>
    <name>OrderHistoryView</name>
    <message>
        <location filename="../../ui/customers/order_history_view.py" line="+34"/>
        <source>Purchase history</source>
        <translation>購入履歴</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+58"/>
        <source>No orders</source>
        <translation>注文なし</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>&amp;More orders</source>
        <translation>さらに表示(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the next orders</source>
        <translation>次の注文を読み込む</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1 of %2 orders</source>
        <translation>注文 %2 件中 %1 件</translation>
    </message>
</context>
<context>
    <name>PlainActionPage</name>
    <message>
        <location filename="../../ui/cases/action_step_pages.py" line="-130"/>
        <source>Next records how the answer is delivered.</source>
        <translation>「次へ」で回答の送付方法を記録します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next sends the deletion to a supervisor for approval; nothing is erased before then.</source>
        <translation>「次へ」で消去を責任者の承認に回します。承認まで何も消去されません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next records that the caller was promised a supervisor&apos;s call.</source>
        <translation>「次へ」で責任者から折り返す旨をお伝えしたことを記録します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next records the complaint in the register.</source>
        <translation>「次へ」で苦情を台帳に記録します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next records the report in the register.</source>
        <translation>「次へ」で通報を台帳に記録します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next carries out this step.</source>
        <translation>「次へ」でこのステップを実行します。</translation>
    </message>
</context>
<context>
    <name>PolicyListPage</name>
    <message>
        <location filename="../../ui/cases/policy_step_pages.py" line="+43"/>
        <source>Foreign recipients the letter describes (version %1):</source>
        <translation>ご案内に記載する外国の提供先（第%1版）:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next records them, with each country&apos;s protection system and the recipient&apos;s measures; the letter goes by post once the case is completed.</source>
        <translation>次へで各国の制度と提供先の措置とともに記録します。ご案内は案件の完了後に郵送します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(none: no data goes abroad)</source>
        <translation>（なし：外国への提供はありません）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Joint use as the caller was told (version %1):</source>
        <translation>お客様にご説明した共同利用（第%1版）:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Items: %1</source>
        <translation>項目: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose: %1</source>
        <translation>目的: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible: %1</source>
        <translation>管理責任者: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next records the answer; finishing the script closes the case as answered.</source>
        <translation>次へで回答を記録します。スクリプトを終えると案件は回答済みとして完了します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Purposes of use the notice lists (version %1):</source>
        <translation>通知書に記載する利用目的（第%1版）:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next records them on the case; the notice goes by post once the case is completed.</source>
        <translation>次へで案件に記録します。通知書は案件の完了後に郵送します。</translation>
    </message>
</context>
<context>
    <name>PresenceControls</name>
    <message>
        <location filename="../../ui/calls/presence_controls.py" line="+76"/>
        <source>My s&amp;tatus</source>
        <translation>自分の状態(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Available (受付可)</source>
        <translation>受付可(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;way (離席)</source>
        <translation>離席(&amp;W)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Extend after-call work by %1</source>
        <translation>後処理を %1 延長(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrap-up &amp;code (応対区分)</source>
        <translation>応対区分(&amp;C)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+122"/>
        <source>My status</source>
        <translation>自分の状態</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Your status on the call floor: queue calls ring while it is 受付可</source>
        <translation>フロアでのあなたの状態: 受付可のあいだ、キューの着信が鳴ります</translation>
    </message>
</context>
<context>
    <name>PreviousCallBar</name>
    <message>
        <location filename="../../ui/calls/previous_call_bar.py" line="+23"/>
        <source>Previous call</source>
        <translation>前の通話</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Switch to the current call (%1)</source>
        <translation>今の通話に切り替え (%1)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This is the previous call&apos;s customer — %1 switches to the current call</source>
        <translation>前の通話の顧客です — %1で今の通話に切り替え</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These are the previous call&apos;s search results — %1 switches to the current call</source>
        <translation>前の通話の検索結果です — %1で今の通話に切り替え</translation>
    </message>
</context>
<context>
    <name>ProtectedDetailsBox</name>
    <message>
        <location filename="../../ui/customers/protected_details_box.py" line="+42"/>
        <source>Protected details</source>
        <translation>保護項目</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Street and building, date of birth, workplace and e-mail stay hidden until the caller&apos;s identity is verified for this call.</source>
        <translation>番地・建物名、生年月日、勤務先、メールアドレスは、この通話で本人確認が済むまで表示されません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Street and building, date of birth, workplace and e-mail are revealed only during a call with the customer.</source>
        <translation>番地・建物名、生年月日、勤務先、メールアドレスは、お客様との通話中にのみ表示できます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reveal protected details… (%1)</source>
        <translation>保護項目を表示… (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reveal protected details</source>
        <translation>保護項目の表示</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Street:</source>
        <translation>町名・番地:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Building:</source>
        <translation>建物名:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth:</source>
        <translation>生年月日:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workplace:</source>
        <translation>勤務先:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail:</source>
        <translation>メール:</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>not held</source>
        <translation>保有なし</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Revealed for this call: %1</source>
        <translation>この通話で表示: %1</translation>
    </message>
</context>
<context>
    <name>ProvisionStopStepPage</name>
    <message>
        <location filename="../../ui/cases/action_step_pages.py" line="+144"/>
        <source>&amp;1  All provision on consent, now and to come</source>
        <translation>&amp;1  同意に基づく提供のすべて（今後の提供を含む）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;2  One recipient only:</source>
        <translation>&amp;2  特定の提供先のみ:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recipient whose provision stops</source>
        <translation>提供を停止する提供先</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No provision on consent is on record for this customer.</source>
        <translation>このお客様には、同意に基づく提供の記録がありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Provision required by law and entrustment are not stopped.</source>
        <translation>法令に基づく提供と委託先への提供は停止の対象外です。</translation>
    </message>
</context>
<context>
    <name>ProxyDialog</name>
    <message>
        <location filename="../../ui/cases/proxy_panel.py" line="+46"/>
        <source>Request by a proxy</source>
        <translation>代理人による請求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proxy&apos;s name</source>
        <translation>代理人の氏名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind of proxy</source>
        <translation>代理人の種別</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Relationship to the person</source>
        <translation>ご本人との関係</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Papers received on</source>
        <translation>書類の受領日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The papers ask for the answer at the proxy&apos;s address</source>
        <translation>書類に代理人宛ての回答送付が記載されている</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proxy&apos;s postal code</source>
        <translation>代理人の郵便番号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Proxy&apos;s address</source>
        <translation>代理人の住所</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where the papers say so</source>
        <translation>書類の記載箇所</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Name:</source>
        <translation>氏名(&amp;N):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>種別(&amp;K):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Relationship:</source>
        <translation>ご本人との関係(&amp;R):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Papers checked:</source>
        <translation>確認した書類:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Papers recei&amp;ved on:</source>
        <translation>書類の受領日(&amp;V):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Postal code:</source>
        <translation>郵便番号(&amp;P):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ddress:</source>
        <translation>住所(&amp;D):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As the papers sa&amp;y:</source>
        <translation>書類の記載(&amp;Y):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Papers needed: %1</source>
        <translation>必要な書類: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the proxy&apos;s name and their relationship to the person.</source>
        <translation>代理人の氏名とご本人との関係を入力してください。</translation>
    </message>
</context>
<context>
    <name>ProxyPanel</name>
    <message>
        <location line="+33"/>
        <source>Who asks</source>
        <translation>請求者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked by an authori&amp;zed proxy…</source>
        <translation>代理人による請求(&amp;Z)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a proxy asking for the person</source>
        <translation>代理人による請求を記録</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The person&apos;s answer</source>
        <translation>ご本人の回答</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Registered number dialled</source>
        <translation>発信した登録番号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reply received on</source>
        <translation>返信の受領日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the person&apos;s ans&amp;wer</source>
        <translation>ご本人の回答を記録(&amp;W)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The person&apos;s answer:</source>
        <translation>ご本人の回答:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered number dialled:</source>
        <translation>発信した登録番号:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply received on:</source>
        <translation>返信の受領日:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The person asks themselves.</source>
        <translation>ご本人からの請求です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Asked by a proxy: %1, %2 (%3); papers: %4</source>
        <translation>代理人による請求: %1（%2・%3）、書類: %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The person denied appointing this agent: refuse the request.</source>
        <translation>ご本人が代理人への委任を否定しました。請求をお断りしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm the request with the person before anything is done.</source>
        <translation>対応の前に、ご本人に請求の意思を確認してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person confirmed: %1.</source>
        <translation>ご本人確認済み: %1。</translation>
    </message>
</context>
<context>
    <name>RecordTables</name>
    <message>
        <location filename="../../ui/customers/record_tables.py" line="+35"/>
        <source>%1 (+%2 more)</source>
        <translation>%1（他 %2 点）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ordered</source>
        <translation>注文日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order no.</source>
        <translation>注文番号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel</source>
        <translation>経路</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Provided on</source>
        <translation>提供日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recipient</source>
        <translation>提供先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items provided</source>
        <translation>提供項目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Basis</source>
        <translation>根拠</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recipient&apos;s address</source>
        <translation>提供先の住所</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Representative</source>
        <translation>代表者</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Case no.</source>
        <translation>案件番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+33"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Received</source>
        <translation>受付</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller</source>
        <translation>発信者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered by</source>
        <translation>応答者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duration</source>
        <translation>通話時間</translation>
    </message>
</context>
<context>
    <name>RefusalAnswerBox</name>
    <message>
        <location filename="../../ui/cases/refusal_answer_box.py" line="+25"/>
        <source>Printed on the letter to the customer</source>
        <translation>お客様への書面に印字される内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refusal ground</source>
        <translation>お断りの理由（根拠）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the ground…</source>
        <translation>理由（根拠）を選択…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Explanation for the customer</source>
        <translation>お客様への説明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written to the customer, in polite Japanese</source>
        <translation>お客様宛ての文章として、丁寧な日本語で記入してください</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer reads the ground, with its article of the law, and this explanation on the refusal letter (APPI Art. 36).</source>
        <translation>お客様は、お断りの書面で理由（根拠）とその法律の条項、およびこの説明文をお読みになります（個人情報保護法第36条）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Alternative measure</source>
        <translation>代わりにとる措置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the company does instead to protect the customer&apos;s rights, in polite Japanese</source>
        <translation>ご本人の権利利益を保護するため当社が代わりにとる措置（丁寧な日本語で）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Ground:</source>
        <translation>理由（根拠）(&amp;G):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Explanation for the customer:</source>
        <translation>お客様への説明(&amp;E):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alternative &amp;measure:</source>
        <translation>代わりの措置(&amp;M):</translation>
    </message>
</context>
<context>
    <name>RegistersPage</name>
    <message>
        <location filename="../../ui/supervision/registers_page.py" line="+30"/>
        <source>Com&amp;plaints</source>
        <translation>苦情(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;uspicious reports</source>
        <translation>不審連絡の通報(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registers</source>
        <translation>台帳</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/supervision/incidents/report_dialog.py" line="+51"/>
        <source>Record a report — %1</source>
        <translation>報告の記録 — %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incident</source>
        <translation>事案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report</source>
        <translation>報告</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Due: %1</source>
        <translation>期限: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submitted on</source>
        <translation>提出日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Commission&apos;s reference</source>
        <translation>委員会の受付番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As the Commission&apos;s form returned it</source>
        <translation>委員会の報告フォームに表示されたとおり</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why the report was not recorded</source>
        <translation>報告を記録できなかった理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Report:</source>
        <translation>報告(&amp;R):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Submitted on:</source>
        <translation>提出日(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission&apos;s r&amp;eference:</source>
        <translation>委員会の受付番号(&amp;E):</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The report could not be recorded.</source>
        <translation>報告を記録できませんでした。</translation>
    </message>
</context>
<context>
    <name>ReportRegister</name>
    <message>
        <location filename="../../ui/supervision/report_register.py" line="+72"/>
        <location line="+109"/>
        <source>Number shown</source>
        <translation>表示された番号</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>e.g. 03-1234-5678</source>
        <translation>例: 03-1234-5678</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+41"/>
        <location line="+63"/>
        <source>Claimed sender</source>
        <translation>名乗った送信元</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Part of the name they used</source>
        <translation>名乗った名称の一部</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+98"/>
        <source>Channel</source>
        <translation>経路</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Any channel</source>
        <translation>すべての経路</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received from</source>
        <translation>受付日（から）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>any day</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received to</source>
        <translation>受付日（まで）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;to:</source>
        <translation>まで(&amp;T):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Suspicious contacts reported</source>
        <translation>通報された不審な連絡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No report matches</source>
        <translation>該当する通報はありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number</source>
        <translation>番号</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+22"/>
        <source>Most reported numbers</source>
        <translation>通報の多い番号</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>No number reported</source>
        <translation>通報された番号はありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Most claimed senders</source>
        <translation>名乗られた送信元（多い順）</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>No sender reported</source>
        <translation>通報された送信元はありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report register status</source>
        <translation>通報台帳の状態</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Se&amp;arch</source>
        <translation>検索(&amp;A)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Num&amp;ber shown:</source>
        <translation>表示された番号(&amp;B):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed se&amp;nder:</source>
        <translation>名乗った送信元(&amp;N):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrived b&amp;y:</source>
        <translation>経路(&amp;Y):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received fr&amp;om:</source>
        <translation>受付日(&amp;O):</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+168"/>
        <source>Lin&amp;k to incident…</source>
        <translation>事案に関連付け(&amp;K)…</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>Yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received on</source>
        <translation>受領日</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Web address</source>
        <translation>ウェブアドレス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>支払い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gave details</source>
        <translation>情報提供</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reports</source>
        <translation>通報件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 reports shown; more load as you scroll</source>
        <translation>通報 %1 件を表示中。スクロールすると続きを読み込みます</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 reports</source>
        <translation>通報 %1 件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“%1” is not a phone number. Type it as shown, e.g. 03-1234-5678.</source>
        <translation>「%1」は電話番号ではありません。表示どおりに入力してください（例: 03-1234-5678）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The report register could not be read.</source>
        <translation>通報台帳を読み込めませんでした。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unlin&amp;k from incident…</source>
        <translation>事案との関連付けを解除(&amp;K)…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Unlink the report</source>
        <translation>関連付けの解除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlink case %1&apos;s report from leak incident %2?</source>
        <translation>案件 %1 の通報と事案 %2 の関連付けを解除しますか？</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../ui/customers/reveal_dialog.py" line="+21"/>
        <source>Identity verified by callback to the registered number</source>
        <translation>登録番号へのかけ直しで本人確認済み</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identity verified by registered address and a recent order</source>
        <translation>登録住所と最近の注文で本人確認済み</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identity verified by the customer number and registered address</source>
        <translation>顧客番号と登録住所で本人確認済み</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another reason (type it below)</source>
        <translation>その他の理由（下に入力）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reveal protected details</source>
        <translation>保護項目の表示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reveal the street address, date of birth, e-mail and workplace of %1?

Only after you have verified the caller&apos;s identity for this call. The reveal and its reason are written to the access log under your name.</source>
        <translation>%1 の番地、生年月日、メールアドレス、勤務先を表示しますか？

この通話で本人確認が済んでいる場合に限ります。表示したことと理由は、あなたの名前でアクセスログに記録されます。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How identity was verified</source>
        <translation>本人確認の方法</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;How was identity verified? (Do not type the details themselves.)</source>
        <translation>本人確認の方法（確認した内容そのものは入力しないでください）(&amp;H)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another reason</source>
        <translation>その他の理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why, in your own words: at least %1 letters</source>
        <translation>表示する理由を%1文字以上で入力</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In your own &amp;words:</source>
        <translation>理由(&amp;W):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reveal</source>
        <translation>表示する(&amp;R)</translation>
    </message>
</context>
<context>
    <name>SavedSearchDialog</name>
    <message>
        <location filename="../../ui/supervision/incidents/saved_search_dialog.py" line="+74"/>
        <source>Attach customers by a saved search — %1</source>
        <translation>保存した検索条件で顧客を追加 — %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incident</source>
        <translation>事案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新日時</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>更新者</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved searches</source>
        <translation>保存した検索条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No search is saved yet.</source>
        <translation>保存された検索条件はまだありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search name</source>
        <translation>検索条件の名前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;as…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ount</source>
        <translation>件数(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many customers the criteria name now</source>
        <translation>現在この条件に該当する顧客の数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attac&amp;h to %1…</source>
        <translation>%1 に追加(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach the customers the saved search names now</source>
        <translation>保存した検索条件に現在該当する顧客を追加します</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Working</source>
        <translation>処理中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What was refused</source>
        <translation>受け付けられなかった理由</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customers matching</source>
        <translation>該当する顧客</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Na&amp;me:</source>
        <translation>名前(&amp;M):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Criteria</source>
        <translation>条件</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>the new search</source>
        <translation>新しい検索条件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop the changes to %1? They have not been saved.</source>
        <translation>%1 の変更を破棄しますか？保存されていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop changes</source>
        <translation>変更を破棄</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Save as</source>
        <translation>名前を付けて保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the new search:</source>
        <translation>新しい検索条件の名前:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Delete search</source>
        <translation>検索条件の削除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the saved search %1? Incidents it was attached to keep their customers.</source>
        <translation>検索条件「%1」を削除しますか？この条件で追加した事案の顧客はそのまま残ります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Attach the customers of the saved search %1 to incident %2?</source>
        <translation>検索条件「%1」の顧客を事案 %2 に追加しますか？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The search names: %1.</source>
        <translation>検索条件：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attach customers</source>
        <translation>顧客の追加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach</source>
        <translation>追加</translation>
    </message>
</context>
<context>
    <name>ScreenPopFlow</name>
    <message>
        <location filename="../../ui/shell/screen_pop_flow.py" line="+183"/>
        <source>Press %1 to open</source>
        <translation>%1 キーで開く</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign in to see who is calling</source>
        <translation>発信者を見るにはサインインしてください</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 様</source>
        <translation>%1 様</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 customers share this number</source>
        <translation>この番号を共有する顧客が %1 名います</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No customer has this number</source>
        <translation>この番号の顧客はいません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask who is calling</source>
        <translation>お名前を伺ってください</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Ask for the caller&apos;s name or customer number, then search.</source>
        <translation>お名前または顧客番号を伺ってから検索してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer has %1.</source>
        <translation>%1 の顧客はいません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The caller&apos;s number could not be read.</source>
        <translation>発信者番号を読み取れませんでした。</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Customer record</source>
        <translation>顧客情報</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This customer&apos;s data is no longer held (erased by another desk meanwhile).</source>
        <translation>この顧客のデータはもう保有していません（この間に他の席で消去されました）。</translation>
    </message>
</context>
<context>
    <name>ScriptWizard</name>
    <message>
        <location filename="../../ui/cases/script_wizard.py" line="+99"/>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talk text</source>
        <translation>トーク</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Back</source>
        <translation>戻る(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next</source>
        <translation>次へ(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step (Ctrl+Return)</source>
        <translation>次のステップ (Ctrl+Return)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel req&amp;uest…</source>
        <translation>請求を取りやめ(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the request</source>
        <translation>請求の取りやめ</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Step</source>
        <translation>手順</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Why is this request cancelled?</source>
        <translation>この請求を取りやめる理由は何ですか？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel request</source>
        <translation>請求の取りやめ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A reason is needed to cancel. Why is this request cancelled?</source>
        <translation>取りやめには理由が必要です。この請求を取りやめる理由は何ですか？</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Step %1 of %2</source>
        <translation>ステップ %1 / %2</translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message>
        <location filename="../../ui/customers/search_pane.py" line="+39"/>
        <source>Find a customer</source>
        <translation>顧客の検索</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Phone, customer no. (8 digits), name, kana or postal code (7 digits)</source>
        <translation>電話番号、顧客番号（8桁）、氏名、カナ、郵便番号（7桁）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search customers</source>
        <translation>顧客を検索</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fi&amp;nd:</source>
        <translation>検索語(&amp;N):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search outcome</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customers found</source>
        <translation>該当顧客</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customers found are listed here. Enter on one opens the record.</source>
        <translation>該当する顧客がここに表示されます。Enter で記録を開きます。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Not signed in. Searching needs a signed-in agent, because every view of customer data is logged under the agent&apos;s name.</source>
        <translation>サインインしていません。顧客データの閲覧はすべて担当者名で記録されるため、検索にはサインインが必要です。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Type what the caller tells you, then press Enter.</source>
        <translation>お客様から伺った内容を入力し、Enter を押してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not a phone number, customer number (8 digits) or postal code (7 digits).</source>
        <translation>電話番号、顧客番号（8桁）、郵便番号（7桁）のいずれでもありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This text cannot be searched: remove control characters, or shorten it.</source>
        <translation>この文字列は検索できません。制御文字を取り除くか、短くしてください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No customer found.</source>
        <translation>該当する顧客はいません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>More than %1 customers by %2: the first %3 are listed; type more to narrow it.</source>
        <translation>%2で %1 名を超える顧客が該当しました。最初の %3 名を表示しています。さらに入力して絞り込んでください。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n customer</source>
        <translation>
            <numerusform>%n 名</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n customers</source>
        <translation>
            <numerusform>%n 名</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — the first %2 are listed</source>
        <translation>%1 — 最初の %2 名を表示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 by %2</source>
        <translation>%1（%2で検索）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The search failed; nothing is shown.</source>
        <translation>検索に失敗しました。結果は表示されません。</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../ui/customers/search_results_model.py" line="+35"/>
        <source>Customer no.</source>
        <translation>顧客番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
</context>
<context>
    <name>SelectionForm</name>
    <message>
        <location filename="../../ui/supervision/incidents/selection_form.py" line="+100"/>
        <source>Ordered &amp;from</source>
        <translation>注文日 開始(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First order day</source>
        <translation>注文日の開始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered &amp;until</source>
        <translation>注文日 終了(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last order day</source>
        <translation>注文日の終了日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;egistered from</source>
        <translation>登録日 開始(&amp;E)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First registration day</source>
        <translation>登録日の開始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Registered until</source>
        <translation>登録日 終了(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last registration day</source>
        <translation>登録日の終了日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T&amp;V</source>
        <translation>テレビ(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;talogue</source>
        <translation>カタログ(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Web</source>
        <translation>ウェブ(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone</source>
        <translation>電話(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Prefectures</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Postal code&apos;s first digits</source>
        <translation>郵便番号の先頭の数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 100</source>
        <translation>例：100</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The search in words</source>
        <translation>検索条件の内容</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not asked</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Through any of:</source>
        <translation>注文経路（いずれか）:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Prefe&amp;ctures:</source>
        <translation>都道府県(&amp;C):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal code prefi&amp;x:</source>
        <translation>郵便番号の先頭(&amp;X):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pa&amp;ys by shopping credit:</source>
        <translation>ショッピングクレジット(&amp;Y):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;irect mail:</source>
        <translation>DM(&amp;I):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalo&amp;gue mailing:</source>
        <translation>カタログ送付(&amp;G):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mai&amp;l address:</source>
        <translation>メールアドレス(&amp;L):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopping credit</source>
        <translation>ショッピングクレジット</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct mail</source>
        <translation>DM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalogue mailing</source>
        <translation>カタログ送付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>%1 customers match now: %2 erased, %3 reported deceased, %4 with no postal address.</source>
        <translation>現在の該当 %1名（消去済み %2名、死亡届 %3名、住所なし %4名）</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/shell/sign_in_dialog.py" line="+41"/>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Login</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo desk: leave empty</source>
        <translation>デモ環境: 空欄のまま</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in message</source>
        <translation>サインインのメッセージ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Sign in</source>
        <translation>サインイン(&amp;S)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Login:</source>
        <translation>ログイン(&amp;L):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Type your login.</source>
        <translation>ログインを入力してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signing in…</source>
        <translation>サインイン中…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Sign-in could not be checked.</source>
        <translation>サインインを確認できませんでした。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The login or the password is wrong. After several wrong passwords a login is refused for a while, even with the right one: try again later, or ask an administrator.</source>
        <translation>ログインまたはパスワードが違います。パスワードを何度か間違えると、正しいパスワードでもしばらくサインインできません。時間をおいてやり直すか、管理者に問い合わせてください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This login has been disabled. Ask an administrator.</source>
        <translation>このログインは無効になっています。管理者に問い合わせてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type your password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
</context>
<context>
    <name>SimulateCallDialog</name>
    <message>
        <location filename="../../ui/calls/simulate_call_dialog.py" line="+26"/>
        <source>Simulate incoming call</source>
        <translation>着信のシミュレーション</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the caller ID shows</source>
        <translation>発信者番号の表示内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A phone number</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Caller&apos;s number</source>
        <translation>発信者番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 03-1234-5678</source>
        <translation>例: 03-1234-5678</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Caller ID shows:</source>
        <translation>発信者番号の表示(&amp;C):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Number:</source>
        <translation>番号(&amp;N):</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not a phone number: %1</source>
        <translation>電話番号ではありません: %1</translation>
    </message>
</context>
<context>
    <name>SimulatorActions</name>
    <message>
        <location filename="../../ui/calls/simulator_actions.py" line="+36"/>
        <source>Simulate &amp;incoming call…</source>
        <translation>着信をシミュレーション(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ring the desk with a number or a reason, for training</source>
        <translation>研修用に、番号または非通知理由で着信させます</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Answer simulated call</source>
        <translation>シミュレーション着信に応答(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Available while a simulated call rings</source>
        <translation>シミュレーション着信の呼出中に使えます</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hang &amp;up simulated call</source>
        <translation>シミュレーション通話を切る(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Available during a simulated call; one still ringing becomes a missed call</source>
        <translation>シミュレーション通話中に使えます。呼出中に切ると不在着信になります</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../ui/shell/start_window.py" line="+13"/>
        <source>Opening the database…</source>
        <translation>データベースを開いています…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start-up</source>
        <translation>起動</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The desk cannot start:
%1</source>
        <translation>デスクを起動できません:
%1</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../ui/cases/script_step_page.py" line="+92"/>
        <source>Address of the postal code</source>
        <translation>郵便番号の住所</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Problem with the answer</source>
        <translation>回答の問題</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(this step is carried out by case work)</source>
        <translation>（このステップは案件処理で行います）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 is %2: check the address</source>
        <translation>%1 は %2 です。住所を確認してください</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Not accepted: %1</source>
        <translation>次に進めません: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>tick the box first</source>
        <translation>先にチェックを入れてください</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>choose one of the options</source>
        <translation>選択肢から1つ選んでください</translation>
    </message>
</context>
<context>
    <name>WorkQueueView</name>
    <message>
        <location filename="../../ui/cases/work_queue_view.py" line="+19"/>
        <source>Customer %1</source>
        <translation>顧客 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request</source>
        <translation>請求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Open cases</source>
        <translation>未完了案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open cases</source>
        <translation>未完了の案件はありません</translation>
    </message>
</context>
</TS>
