<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>LocalService</name>
    <message>
        <source>The local ferryd did not become ready within %1 seconds.%2</source>
        <translation>ローカルの ferryd が %1 秒以内に準備完了になりませんでした。%2</translation>
    </message>
    <message>
        <source>Could not create the data folder %1 for the local ferryd.</source>
        <translation>ローカルの ferryd のデータ フォルダー %1 を作成できませんでした。</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>クラッシュしました</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>コード %1 で終了しました</translation>
    </message>
    <message>
        <source>The local ferryd %1 before it was ready.%2</source>
        <translation>ローカルの ferryd が準備完了前に%1。%2</translation>
    </message>
    <message>
        <source>The local ferryd %1.%2</source>
        <translation>ローカルの ferryd が%1。%2</translation>
    </message>
    <message>
        <source>Could not start the local ferryd (%1): %2</source>
        <translation>ローカルの ferryd (%1) を起動できませんでした: %2</translation>
    </message>
    <message>
        <source> It said:
%1</source>
        <translation> 出力:
%1</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>メッセージの種類</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Message bar</source>
        <translation>メッセージ バー</translation>
    </message>
    <message>
        <source>Message action</source>
        <translation>メッセージのアクション</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The local registry&apos;s admin password is now in the keychain; its file was deleted.</source>
        <translation>ローカル レジストリの管理者パスワードをキーチェーンに保存し、そのファイルを削除しました。</translation>
    </message>
    <message>
        <source>The admin password could not be stored (%1); it stays in the data folder&apos;s initial-admin-password file.</source>
        <translation>管理者パスワードを保存できませんでした (%1)。パスワードはデータ フォルダーの initial-admin-password ファイルに残っています。</translation>
    </message>
    <message>
        <source>Root · %1</source>
        <translation>ルート · %1</translation>
    </message>
    <message>
        <source>%1 · inactive</source>
        <translation>%1 · 非アクティブ</translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation>最終同期 %1</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
</context>
<context>
    <name>RegistryClient</name>
    <message>
        <source>list the repositories</source>
        <translation>リポジトリを一覧表示</translation>
    </message>
    <message>
        <source>list the tags of %1</source>
        <translation>%1 のタグを一覧表示</translation>
    </message>
    <message>
        <source>Could not %1: &quot;%2&quot; is not a server address.</source>
        <translation>%1できませんでした: &quot;%2&quot; はサーバー アドレスではありません。</translation>
    </message>
    <message>
        <source>Could not %1: the server&apos;s page links go round in a circle.</source>
        <translation>%1できませんでした: サーバーのページ リンクが循環しています。</translation>
    </message>
    <message>
        <source>Could not %1: the secure connection to %2 failed (%3).</source>
        <translation>%1できませんでした: %2 へのセキュリティで保護された接続に失敗しました (%3)。</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>%1 秒以内に応答がありません</translation>
    </message>
    <message>
        <source>Could not %1: %2 cannot be reached (%3).</source>
        <translation>%1できませんでした: %2 に到達できません (%3)。</translation>
    </message>
    <message>
        <source>Could not %1: the server answered HTTP %2: %3</source>
        <translation>%1できませんでした: サーバーの応答は HTTP %2 でした: %3</translation>
    </message>
    <message>
        <source>Could not %1: the answer from %2 is not the JSON the OCI distribution API describes (expected a &quot;%3&quot; list).</source>
        <translation>%1できませんでした: %2 からの応答は OCI Distribution API が定める JSON ではありません (&quot;%3&quot; リストが必要です)。</translation>
    </message>
    <message>
        <source>Could not %1: the &quot;%2&quot; list holds something other than names.</source>
        <translation>%1できませんでした: &quot;%2&quot; リストに名前以外のものが含まれています。</translation>
    </message>
    <message>
        <source>read the manifest of %1:%2</source>
        <translation>%1:%2 のマニフェストを読み取り</translation>
    </message>
    <message>
        <source>Could not read the manifest of %1:%2: the server named no digest.</source>
        <translation>%1:%2 のマニフェストを読み取れませんでした: サーバーがダイジェストを示しませんでした。</translation>
    </message>
    <message>
        <source>delete the tag %1:%2</source>
        <translation>タグ %1:%2 を削除</translation>
    </message>
    <message>
        <source>delete the manifest %1@%2</source>
        <translation>マニフェスト %1@%2 を削除</translation>
    </message>
</context>
<context>
    <name>RepositoryModel</name>
    <message>
        <source>Repository</source>
        <translation>リポジトリ</translation>
    </message>
</context>
<context>
    <name>domain</name>
    <message>
        <source>Action &apos;%1&apos; is invalid: %2</source>
        <translation>アクション &apos;%1&apos; は無効です: %2</translation>
    </message>
    <message>
        <source>a repository wildcard may only be &apos;*&apos; or end in &apos;/*&apos;.</source>
        <translation>リポジトリのワイルドカードは &apos;*&apos; か、&apos;/*&apos; で終わる形だけです。</translation>
    </message>
    <message>
        <source>expected &apos;repositories/&lt;repo&gt;/&lt;content|metadata&gt;/&lt;read|write|delete&gt;&apos; or &apos;gateway/&lt;registry&gt;/&lt;config|message&gt;/&lt;read|write&gt;&apos;.</source>
        <translation>&apos;repositories/&lt;repo&gt;/&lt;content|metadata&gt;/&lt;read|write|delete&gt;&apos; または &apos;gateway/&lt;registry&gt;/&lt;config|message&gt;/&lt;read|write&gt;&apos; の形が必要です。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a repository action; use content/read, content/write, content/delete, metadata/read or metadata/write.</source>
        <translation>&apos;%1&apos; はリポジトリのアクションではありません。content/read、content/write、content/delete、metadata/read、metadata/write のいずれかを使ってください。</translation>
    </message>
    <message>
        <source>a gateway action has the form &apos;gateway/&lt;registry&gt;/&lt;config|message&gt;/&lt;read|write&gt;&apos;.</source>
        <translation>ゲートウェイのアクションは &apos;gateway/&lt;registry&gt;/&lt;config|message&gt;/&lt;read|write&gt;&apos; の形です。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a gateway action; use config/read, config/write, message/read or message/write.</source>
        <translation>&apos;%1&apos; はゲートウェイのアクションではありません。config/read、config/write、message/read、message/write のいずれかを使ってください。</translation>
    </message>
    <message>
        <source>an action starts with &apos;repositories/&apos; or &apos;gateway/&apos;.</source>
        <translation>アクションは &apos;repositories/&apos; または &apos;gateway/&apos; で始まります。</translation>
    </message>
    <message>
        <source>A scope map may hold at most %1 actions; this one has %2.</source>
        <translation>スコープ マップに含められるアクションは最大 %1 個です (このマップには %2 個あります)。</translation>
    </message>
    <message>
        <source>Cron %1 field &apos;%2&apos; is invalid: %3</source>
        <translation>cron の %1 フィールド &apos;%2&apos; は無効です: %3</translation>
    </message>
    <message>
        <source>the step &apos;%1&apos; must be a number from 1 to %2.</source>
        <translation>ステップ &apos;%1&apos; は 1 から %2 までの数値でなければなりません。</translation>
    </message>
    <message>
        <source>a step applies to &apos;*&apos; or a range such as &apos;A-B&apos;.</source>
        <translation>ステップは &apos;*&apos; か &apos;A-B&apos; のような範囲にだけ指定できます。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number%2.</source>
        <translation>&apos;%1&apos; は数値%2ではありません。</translation>
    </message>
    <message>
        <source> or a name</source>
        <translation>または名前</translation>
    </message>
    <message>
        <source>%1 is out of range %2-%3.</source>
        <translation>%1 は範囲 %2-%3 の外です。</translation>
    </message>
    <message>
        <source>the range runs backwards from %1 to %2.</source>
        <translation>範囲が %1 から %2 へと逆向きです。</translation>
    </message>
    <message>
        <source>the list has an empty element.</source>
        <translation>リストに空の要素があります。</translation>
    </message>
    <message>
        <source>Cron expression &apos;%1&apos; must have 5 fields (minute hour day-of-month month day-of-week); it has %2.</source>
        <translation>cron 式 &apos;%1&apos; には 5 つのフィールド (分 時 日 月 曜日) が必要です (現在 %2 個)。</translation>
    </message>
    <message>
        <source>Duration &apos;%1&apos; is not a valid ISO 8601 duration: %2</source>
        <translation>期間 &apos;%1&apos; は有効な ISO 8601 期間ではありません: %2</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; must be between %3 and %4.</source>
        <translation>%1 &apos;%2&apos; は %3 から %4 の間でなければなりません。</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>空です。</translation>
    </message>
    <message>
        <source>negative durations are not allowed.</source>
        <translation>負の期間は指定できません。</translation>
    </message>
    <message>
        <source>it must start with &apos;P&apos; (for example P2D or PT1H).</source>
        <translation>&apos;P&apos; で始まる必要があります (例: P2D、PT1H)。</translation>
    </message>
    <message>
        <source>&apos;T&apos; appears twice.</source>
        <translation>&apos;T&apos; が 2 回現れます。</translation>
    </message>
    <message>
        <source>a component is too large.</source>
        <translation>要素が大きすぎます。</translation>
    </message>
    <message>
        <source>expected a number at position %1.</source>
        <translation>位置 %1 に数値が必要です。</translation>
    </message>
    <message>
        <source>a fraction needs 1 to 3 digits (millisecond precision).</source>
        <translation>小数部は 1～3 桁です (ミリ秒の精度)。</translation>
    </message>
    <message>
        <source>the number %1 has no designator.</source>
        <translation>数値 %1 に単位記号がありません。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a time component and needs &apos;T&apos; before it (for example PT1H).</source>
        <translation>&apos;%1&apos; は時刻の要素なので、前に &apos;T&apos; が必要です (例: PT1H)。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is out of order, repeated or not a date designator (W, D).</source>
        <translation>&apos;%1&apos; は順序が違うか、重複しているか、日付の単位記号 (W、D) ではありません。</translation>
    </message>
    <message>
        <source>years and months are not accepted because their length varies; use days (P30D) or weeks (P4W).</source>
        <translation>年と月は長さが一定でないため使えません。日 (P30D) か週 (P4W) を使ってください。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is out of order or not a time designator (H, M, S).</source>
        <translation>&apos;%1&apos; は順序が違うか、時刻の単位記号 (H、M、S) ではありません。</translation>
    </message>
    <message>
        <source>only seconds may have a fraction.</source>
        <translation>小数部を持てるのは秒だけです。</translation>
    </message>
    <message>
        <source>it is longer than 100 years.</source>
        <translation>100 年を超えています。</translation>
    </message>
    <message>
        <source>&apos;T&apos; must be followed by at least one of H, M or S.</source>
        <translation>&apos;T&apos; の後には H、M、S の少なくとも 1 つが必要です。</translation>
    </message>
    <message>
        <source>it has no components.</source>
        <translation>要素がありません。</translation>
    </message>
    <message>
        <source>The sync window</source>
        <translation>同期ウィンドウ</translation>
    </message>
    <message>
        <source>The message TTL</source>
        <translation>メッセージ TTL</translation>
    </message>
    <message>
        <source>%1 name &apos;%2&apos; must be %3 to %4 characters long; it has %5.</source>
        <translation>%1名 &apos;%2&apos; は %3～%4 文字でなければなりません (現在 %5 文字)。</translation>
    </message>
    <message>
        <source>%1 name &apos;%2&apos; contains &apos;%3&apos;; only %4 are allowed.</source>
        <translation>%1名 &apos;%2&apos; に &apos;%3&apos; が含まれています。使えるのは%4だけです。</translation>
    </message>
    <message>
        <source>Connected registry</source>
        <translation>接続済みレジストリ</translation>
    </message>
    <message>
        <source>letters and digits</source>
        <translation>英字と数字</translation>
    </message>
    <message>
        <source>Connected registry name &apos;%1&apos; must start with a letter.</source>
        <translation>接続済みレジストリ名 &apos;%1&apos; は英字で始まる必要があります。</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>letters, digits and &apos;-&apos;</source>
        <translation>英字、数字、&apos;-&apos;</translation>
    </message>
    <message>
        <source>Scope map</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>letters, digits, &apos;-&apos; and &apos;_&apos;</source>
        <translation>英字、数字、&apos;-&apos;、&apos;_&apos;</translation>
    </message>
    <message>
        <source>Scope map name &apos;%1&apos; is reserved for a system-defined map.</source>
        <translation>スコープ マップ名 &apos;%1&apos; はシステム定義のマップ用に予約されています。</translation>
    </message>
    <message>
        <source>A scope map description may have at most %1 characters; this one has %2.</source>
        <translation>スコープ マップの説明は最大 %1 文字です (現在 %2 文字)。</translation>
    </message>
    <message>
        <source>A repository name can&apos;t be empty.</source>
        <translation>リポジトリ名は空にできません。</translation>
    </message>
    <message>
        <source>Repository name &apos;%1&apos; has %2 characters; the maximum is %3.</source>
        <translation>リポジトリ名 &apos;%1&apos; は %2 文字あります。最大は %3 文字です。</translation>
    </message>
    <message>
        <source>Repository name &apos;%1&apos; is invalid: each &apos;/&apos;-separated component must be lower-case letters and digits, joined by &apos;.&apos;, &apos;_&apos;, &apos;__&apos; or &apos;-&apos;.</source>
        <translation>リポジトリ名 &apos;%1&apos; は無効です: &apos;/&apos; で区切られた各要素は小文字の英字と数字で、&apos;.&apos;、&apos;_&apos;、&apos;__&apos;、&apos;-&apos; でつなぐ必要があります。</translation>
    </message>
    <message>
        <source>Tag &apos;%1&apos; is invalid: a tag has 1 to 128 characters from [A-Za-z0-9._-] and can&apos;t start with &apos;.&apos; or &apos;-&apos;.</source>
        <translation>タグ &apos;%1&apos; は無効です: タグは [A-Za-z0-9._-] の 1～128 文字で、&apos;.&apos; や &apos;-&apos; では始まれません。</translation>
    </message>
    <message>
        <source>Digest &apos;%1&apos; is invalid: expected &apos;&lt;algorithm&gt;:&lt;encoded&gt;&apos;, for example &apos;sha256:&apos; followed by 64 hex digits.</source>
        <translation>ダイジェスト &apos;%1&apos; は無効です: &apos;&lt;algorithm&gt;:&lt;encoded&gt;&apos; の形が必要です (例: &apos;sha256:&apos; の後に 16 進数 64 桁)。</translation>
    </message>
    <message>
        <source>Digest &apos;%1&apos; is invalid: %2 needs exactly %3 lower-case hex digits.</source>
        <translation>ダイジェスト &apos;%1&apos; は無効です: %2 にはちょうど %3 桁の小文字の 16 進数が必要です。</translation>
    </message>
    <message>
        <source>Notification &apos;%1&apos; is invalid: %2</source>
        <translation>通知 &apos;%1&apos; は無効です: %2</translation>
    </message>
    <message>
        <source>the %1 is empty.</source>
        <translation>%1 が空です。</translation>
    </message>
    <message>
        <source>the %1 &apos;%2&apos; has a character its grammar doesn&apos;t allow.</source>
        <translation>%1 &apos;%2&apos; に、その文法で使えない文字があります。</translation>
    </message>
    <message>
        <source>expected &apos;artifact:action&apos; with the action push, delete or &apos;*&apos;.</source>
        <translation>&apos;artifact:action&apos; の形で、アクションは push、delete、&apos;*&apos; のいずれかが必要です。</translation>
    </message>
    <message>
        <source>the action &apos;%1&apos; must be push, delete or &apos;*&apos;.</source>
        <translation>アクション &apos;%1&apos; は push、delete、&apos;*&apos; のいずれかでなければなりません。</translation>
    </message>
    <message>
        <source>A password can&apos;t expire before it was created.</source>
        <translation>パスワードの有効期限を作成日時より前にはできません。</translation>
    </message>
    <message>
        <source>A connected registry can&apos;t be its own parent.</source>
        <translation>接続済みレジストリを自分自身の親にはできません。</translation>
    </message>
    <message>
        <source>A sync window is required when the sync schedule is not continuous (&apos;* * * * *&apos;).</source>
        <translation>同期スケジュールが連続 (&apos;* * * * *&apos;) でない場合は、同期ウィンドウが必要です。</translation>
    </message>
    <message>
        <source>A ReadOnly connected registry may only have ReadOnly children.</source>
        <translation>ReadOnly の接続済みレジストリの子は ReadOnly だけです。</translation>
    </message>
</context>
<context>
    <name>ferry::AuditLogModel</name>
    <message>
        <source>From %1</source>
        <translation>接続元: %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>実行者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>ferry::ConnectionProfile</name>
    <message>
        <source>A profile needs a name.</source>
        <translation>プロファイルには名前が必要です。</translation>
    </message>
    <message>
        <source>The server address must be a URL such as https://host:5000.</source>
        <translation>サーバー アドレスは https://host:5000 のような URL にしてください。</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.</source>
        <translation>サーバー アドレスは http:// または https:// で始めてください。</translation>
    </message>
    <message>
        <source>A profile needs a user.</source>
        <translation>プロファイルにはユーザーが必要です。</translation>
    </message>
</context>
<context>
    <name>ferry::CredentialStore</name>
    <message>
        <source>A credential needs both a server and an account.</source>
        <translation>資格情報にはサーバーとアカウントの両方が必要です。</translation>
    </message>
    <message>
        <source>No password is kept for %1 in this session.</source>
        <translation>このセッションでは %1 のパスワードは保持されていません。</translation>
    </message>
</context>
<context>
    <name>ferry::HierarchyFeed</name>
    <message>
        <source>The event stream sent an event too large to be real; reconnecting.</source>
        <translation>イベント ストリームから異常に大きなイベントが送られてきました。再接続しています。</translation>
    </message>
</context>
<context>
    <name>ferry::HierarchyModel</name>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>たった今</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n 秒前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 時間前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n 日前</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (非アクティブ)</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1、%2、%3</translation>
    </message>
    <message>
        <source>, inactive</source>
        <translation>、非アクティブ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最終同期</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>同期中</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>異常</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>アクティブ</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>非アクティブ</translation>
    </message>
    <message>
        <source>does not sync</source>
        <translation>同期しません</translation>
    </message>
</context>
<context>
    <name>ferry::LaunchctlPrint</name>
    <message>
        <source>running (process %1)</source>
        <translation>実行中 (プロセス %1)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>%1, killed by %2</source>
        <translation>%1、%2 により強制終了</translation>
    </message>
    <message>
        <source>%1, last exit code %2</source>
        <translation>%1、最後の終了コード %2</translation>
    </message>
</context>
<context>
    <name>ferry::LaunchdService</name>
    <message>
        <source>asking launchd to start %1</source>
        <translation>launchd に %1 の開始を依頼しています</translation>
    </message>
    <message>
        <source>%1 is not installed</source>
        <translation>%1 はインストールされていません</translation>
    </message>
    <message>
        <source>asking launchd to stop %1</source>
        <translation>launchd に %1 の停止を依頼しています</translation>
    </message>
    <message>
        <source>%1 is not loaded in %2</source>
        <translation>%1 は %2 に読み込まれていません</translation>
    </message>
    <message>
        <source>launchctl print %1 gave output the console does not understand</source>
        <translation>launchctl print %1 の出力をコンソールが解釈できません</translation>
    </message>
    <message>
        <source>%1 did not finish: %2</source>
        <translation>%1 が完了しませんでした: %2</translation>
    </message>
    <message>
        <source>%1 failed (exit code %2): %3</source>
        <translation>%1 が失敗しました (終了コード %2): %3</translation>
    </message>
    <message>
        <source>no answer after %1 s</source>
        <translation>%1 秒経っても応答がありません</translation>
    </message>
    <message>
        <source>%1 could not be run: %2</source>
        <translation>%1 を実行できませんでした: %2</translation>
    </message>
</context>
<context>
    <name>ferry::ScopeMapGridModel</name>
    <message>
        <source>Type a repository name, a name ending in /*, or *.</source>
        <translation>リポジトリ名、/* で終わる名前、または * を入力してください。</translation>
    </message>
    <message>
        <source>Type the name of a connected registry.</source>
        <translation>接続済みレジストリの名前を入力してください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a repository name or pattern (lower-case OCI names, &quot;team/*&quot; or &quot;*&quot;).</source>
        <translation>&quot;%1&quot; はリポジトリ名でもパターンでもありません (小文字の OCI 名、&quot;team/*&quot; または &quot;*&quot;)。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already in row %2.</source>
        <translation>&quot;%1&quot; は既に %2 行目にあります。</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>%1 行目: %2</translation>
    </message>
    <message>
        <source>empty row</source>
        <translation>空の行</translation>
    </message>
    <message>
        <source>%1 on %2: allowed</source>
        <translation>%2 に対する %1: 許可</translation>
    </message>
    <message>
        <source>%1 on %2: not allowed</source>
        <translation>%2 に対する %1: 許可しない</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>リポジトリ</translation>
    </message>
    <message>
        <source>Connected registry</source>
        <translation>接続済みレジストリ</translation>
    </message>
    <message>
        <source>Tick at least one action for &quot;%1&quot;, or remove the row.</source>
        <translation>&quot;%1&quot; のアクションを 1 つ以上チェックするか、その行を削除してください。</translation>
    </message>
</context>
<context>
    <name>ferry::ScopeMapListModel</name>
    <message>
        <source>system</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>user</source>
        <translation>ユーザー</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Scope map</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
</context>
<context>
    <name>ferry::SystemService</name>
    <message>
        <source>ferryd runs as a service under systemd, launchd or Windows only</source>
        <translation>ferryd をサービスとして実行できるのは systemd、launchd、Windows のみです</translation>
    </message>
</context>
<context>
    <name>ferry::SystemdService</name>
    <message>
        <source>no system bus, so no systemd to run ferryd as a service</source>
        <translation>システム バスがないため、ferryd をサービスとして実行する systemd がありません</translation>
    </message>
    <message>
        <source>systemd is not running on this machine</source>
        <translation>このマシンでは systemd が実行されていません</translation>
    </message>
    <message>
        <source>%1 is not installed</source>
        <translation>%1 はインストールされていません</translation>
    </message>
    <message>
        <source>%1 is masked</source>
        <translation>%1 はマスクされています</translation>
    </message>
</context>
<context>
    <name>ferry::TlsTrust</name>
    <message>
        <source>The server&apos;s certificate (SHA-256 %1) is not trusted: %2</source>
        <translation>サーバーの証明書 (SHA-256 %1) は信頼されていません: %2</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed: it is now SHA-256 %1, not the trusted %2. The connection was refused.</source>
        <translation>サーバーの証明書が変更されました: 信頼済みの %2 ではなく、SHA-256 %1 になっています。接続は拒否されました。</translation>
    </message>
</context>
<context>
    <name>ferry::TokenListModel</name>
    <message>
        <source>empty</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Scope map</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>password1</source>
        <translation>password1</translation>
    </message>
    <message>
        <source>password2</source>
        <translation>password2</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>created %1, no expiry</source>
        <translation>作成日時 %1、有効期限なし</translation>
    </message>
    <message>
        <source>created %1, expired %2</source>
        <translation>作成日時 %1、有効期限切れ %2</translation>
    </message>
    <message>
        <source>created %1, expires %2</source>
        <translation>作成日時 %1、有効期限 %2</translation>
    </message>
</context>
<context>
    <name>ferry::WindowsService</name>
    <message>
        <source>a start or stop of the Windows service %1 is already waiting for an answer</source>
        <translation>Windows サービス %1 の開始または停止はすでに応答を待っています</translation>
    </message>
    <message>
        <source>waiting for an administrator&apos;s consent</source>
        <translation>管理者の同意を待っています</translation>
    </message>
    <message>
        <source>the administrator&apos;s consent for %1 was not given</source>
        <translation>%1 に対する管理者の同意が得られませんでした</translation>
    </message>
    <message>
        <source>%1 could not be run: %2</source>
        <translation>%1 を実行できませんでした: %2</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s</source>
        <translation>%1 が %2 秒以内に完了しませんでした</translation>
    </message>
    <message>
        <source>%1 failed (error %2): %3</source>
        <translation>%1 が失敗しました (エラー %2): %3</translation>
    </message>
    <message>
        <source>the service control manager could not be asked about %1: %2</source>
        <translation>サービス コントロール マネージャーに %1 について問い合わせできませんでした: %2</translation>
    </message>
    <message>
        <source>process %1</source>
        <translation>プロセス %1</translation>
    </message>
    <message>
        <source>the Windows service %1 is not installed</source>
        <translation>Windows サービス %1 はインストールされていません</translation>
    </message>
    <message>
        <source>running (%1)</source>
        <translation>実行中 (%1)</translation>
    </message>
    <message>
        <source>paused (%1)</source>
        <translation>一時停止中 (%1)</translation>
    </message>
    <message>
        <source>start pending</source>
        <translation>開始処理中</translation>
    </message>
    <message>
        <source>stop pending</source>
        <translation>停止処理中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>stopped, ferryd&apos;s exit code %1</source>
        <translation>停止、ferryd の終了コード %1</translation>
    </message>
    <message>
        <source>stopped, error %1: %2</source>
        <translation>停止、エラー %1: %2</translation>
    </message>
</context>
<context>
    <name>ferry::ui::AuditView</name>
    <message>
        <source>Audit log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>開始(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>終了(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>適用(&amp;A)</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>アクション フィルター</translation>
    </message>
    <message>
        <source>Only actions that start with this text, e.g. token. or scopeMap.update</source>
        <translation>このテキストで始まるアクションだけ (例: token. や scopeMap.update)</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>すべてのアクション</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>To time</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <source>Limit the start time</source>
        <translation>開始時刻を制限します</translation>
    </message>
    <message>
        <source>Limit the end time</source>
        <translation>終了時刻を制限します</translation>
    </message>
    <message>
        <source>Apply the filter</source>
        <translation>フィルターを適用</translation>
    </message>
    <message>
        <source>Read the audit log again with this filter (F5)</source>
        <translation>このフィルターで監査ログを読み込み直します (F5)</translation>
    </message>
    <message>
        <source>Records shown</source>
        <translation>表示中のレコード</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>アクション(&amp;C):</translation>
    </message>
    <message>
        <source>Can&apos;t read the audit log: %1</source>
        <translation>監査ログを読み取れません: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) so far; more as you scroll</source>
        <translation>
            <numerusform>これまでに %n 件のレコード。スクロールするとさらに表示されます</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 件のレコード</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>アクション</translation>
    </message>
</context>
<context>
    <name>ferry::ui::CertificateTrustDialog</name>
    <message>
        <source>Trust this server&apos;s certificate?</source>
        <translation>このサーバーの証明書を信頼しますか?</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed</source>
        <translation>サーバーの証明書が変更されました</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; presents a certificate that this computer does not trust (%2).&lt;/p&gt;&lt;p&gt;Compare its fingerprint with the one &lt;code&gt;ferryd init-tls&lt;/code&gt; printed on the server. Trust it only if they are the same: the console then accepts exactly this certificate for this server, and refuses any other.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; は、このコンピューターが信頼していない証明書を提示しています (%2)。&lt;/p&gt;&lt;p&gt;そのフィンガープリントを、サーバーで &lt;code&gt;ferryd init-tls&lt;/code&gt; が出力したものと比較してください。同じ場合にだけ信頼してください。コンソールはこのサーバーについてこの証明書だけを受け入れ、それ以外は拒否します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; now presents a different certificate from the one you trusted. The console refused to connect.&lt;/p&gt;&lt;p&gt;This is expected only if the server&apos;s certificate was renewed on purpose. Otherwise someone may be impersonating the server. If you have checked the new fingerprint with the server&apos;s administrator, remove the trusted certificate from the connection profile (File ▸ Connection profiles) and connect again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; は、信頼した証明書とは異なる証明書を提示しています。コンソールは接続を拒否しました。&lt;/p&gt;&lt;p&gt;これは、サーバーの証明書を意図的に更新した場合にのみ想定されることです。そうでない場合、だれかがサーバーになりすましている可能性があります。新しいフィンガープリントをサーバーの管理者と確認した場合は、接続プロファイル (ファイル ▸ 接続プロファイル) から信頼済みの証明書を削除して、もう一度接続してください。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>サブジェクト:</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>サブジェクト</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>発行者:</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>有効期間:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 ～ %2</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 フィンガープリント</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 フィンガープリント:</translation>
    </message>
    <message>
        <source>New SHA-256 fingerprint:</source>
        <translation>新しい SHA-256 フィンガープリント:</translation>
    </message>
    <message>
        <source>Trusted SHA-256 fingerprint</source>
        <translation>信頼済みの SHA-256 フィンガープリント</translation>
    </message>
    <message>
        <source>Trusted SHA-256 fingerprint:</source>
        <translation>信頼済みの SHA-256 フィンガープリント:</translation>
    </message>
    <message>
        <source>&amp;Trust and connect</source>
        <translation>信頼して接続(&amp;T)</translation>
    </message>
    <message>
        <source>Trust this certificate and connect</source>
        <translation>この証明書を信頼して接続します</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t trust</source>
        <translation>信頼しない(&amp;D)</translation>
    </message>
    <message>
        <source>Don&apos;t trust this certificate</source>
        <translation>この証明書を信頼しません</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ConnectionController</name>
    <message>
        <source>Connection &amp;profiles…</source>
        <translation>接続プロファイル(&amp;P)…</translation>
    </message>
    <message>
        <source>Manage saved servers and connect to one</source>
        <translation>保存済みのサーバーを管理し、接続します</translation>
    </message>
    <message>
        <source>No password is stored for %1 on %2; the server may refuse. Type one in Connection profiles to keep it in the keychain.</source>
        <translation>%2 の %1 のパスワードが保存されていません。サーバーが拒否する可能性があります。キーチェーンに保存するには、[接続プロファイル] でパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Not connected: you did not trust the certificate of %1 (SHA-256 %2).</source>
        <translation>未接続: %1 の証明書 (SHA-256 %2) を信頼しませんでした。</translation>
    </message>
    <message>
        <source>Refused: %1 now presents a different certificate (SHA-256 %2) from the trusted one. Connect again only after checking the change.</source>
        <translation>拒否しました: %1 は信頼済みの証明書とは異なる証明書 (SHA-256 %2) を提示しています。変更を確認してから接続し直してください。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ConnectionProfilesDialog</name>
    <message>
        <source>&amp;Forget certificate</source>
        <translation>証明書を破棄(&amp;F)</translation>
    </message>
    <message>
        <source>Stop trusting the pinned certificate; the next connection asks again</source>
        <translation>固定した証明書の信頼をやめます。次回の接続時にもう一度確認します</translation>
    </message>
    <message>
        <source>Connection profiles</source>
        <translation>接続プロファイル</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>プロファイル名</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>サーバー アドレス</translation>
    </message>
    <message>
        <source>https://host:5000</source>
        <translation>https://ホスト:5000</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>unchanged (kept in the keychain)</source>
        <translation>変更なし (キーチェーンに保存済み)</translation>
    </message>
    <message>
        <source>Typed passwords go to the keychain, never to a file</source>
        <translation>入力したパスワードはファイルではなくキーチェーンに保存されます</translation>
    </message>
    <message>
        <source>Trusted certificate</source>
        <translation>信頼済みの証明書</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Trusted certificate:</source>
        <translation>信頼済みの証明書:</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new profile</source>
        <translation>新しいプロファイルを開始します</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected profile</source>
        <translation>選択したプロファイルを削除します</translation>
    </message>
    <message>
        <source>S&amp;ave</source>
        <translation>保存(&amp;A)</translation>
    </message>
    <message>
        <source>Save the profile</source>
        <translation>プロファイルを保存します</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>Save the profile and connect with it</source>
        <translation>プロファイルを保存して接続します</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>None: the server&apos;s certificate is checked against the system&apos;s certificate authorities, or you are asked on first use.</source>
        <translation>なし: サーバーの証明書はシステムの証明機関で検証されるか、初回使用時に確認されます。</translation>
    </message>
    <message>
        <source>%1
SHA-256 %2
%3</source>
        <translation>%1
SHA-256 %2
%3</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>新しいプロファイル</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>まだありません。</translation>
    </message>
    <message>
        <source>The password could not be stored: %1</source>
        <translation>パスワードを保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Saved; the password is in the keychain.</source>
        <translation>保存しました。パスワードはキーチェーンにあります。</translation>
    </message>
    <message>
        <source>None: the next connection asks whether to trust the server&apos;s certificate.</source>
        <translation>なし: 次回の接続時に、サーバーの証明書を信頼するかどうかを確認します。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::CreateRegistryDialog</name>
    <message>
        <source>New connected registry</source>
        <translation>新しい接続済みレジストリ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>5-40 letters and digits, starting with a letter</source>
        <translation>英字で始まる 5 ～ 40 文字の英数字</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>ReadWrite: clients push and pull; pushes travel up</source>
        <translation>ReadWrite: クライアントはプッシュとプルが可能で、プッシュは親へ同期されます</translation>
    </message>
    <message>
        <source>ReadOnly: a pull-only mirror</source>
        <translation>ReadOnly: プル専用のミラー</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>親</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>リポジトリ</translation>
    </message>
    <message>
        <source>app, team/*</source>
        <translation>app, team/*</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>作成(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>モード(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Parent:</source>
        <translation>親(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Repositories:</source>
        <translation>リポジトリ(&amp;R):</translation>
    </message>
    <message>
        <source>Give the registry a name.</source>
        <translation>レジストリの名前を入力してください。</translation>
    </message>
    <message>
        <source>A registry called &quot;%1&quot; exists already.</source>
        <translation>&quot;%1&quot; という名前のレジストリは既に存在します。</translation>
    </message>
    <message>
        <source>Name at least one repository (or a pattern such as team/* or *).</source>
        <translation>リポジトリを 1 つ以上指定してください (team/* や * のようなパターンも使用できます)。</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>作成しています…</translation>
    </message>
</context>
<context>
    <name>ferry::ui::DetailsPanel</name>
    <message>
        <source>Registry details</source>
        <translation>レジストリの詳細</translation>
    </message>
    <message>
        <source>&amp;Repositories</source>
        <translation>リポジトリ(&amp;R)</translation>
    </message>
    <message>
        <source>Recent events</source>
        <translation>最近のイベント</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>イベント(&amp;E)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>親</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>アクティブ化</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最終同期</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最終アクティビティ</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>同期の進行状況</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Login server</source>
        <translation>ログイン サーバー</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>ストレージ</translation>
    </message>
    <message>
        <source>Logging</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Status details</source>
        <translation>状態の詳細</translation>
    </message>
    <message>
        <source>&amp;Properties</source>
        <translation>プロパティ(&amp;P)</translation>
    </message>
    <message>
        <source>Client tokens</source>
        <translation>クライアント トークン</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Scope map</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>password1</source>
        <translation>password1</translation>
    </message>
    <message>
        <source>password2</source>
        <translation>password2</translation>
    </message>
    <message>
        <source>Regenerate password&amp;1</source>
        <translation>password1 を再生成(&amp;1)</translation>
    </message>
    <message>
        <source>Regenerate password&amp;2</source>
        <translation>password2 を再生成(&amp;2)</translation>
    </message>
    <message>
        <source>Make a new password for the selected token; the old one stops working at once</source>
        <translation>選択したトークンの新しいパスワードを生成します。古いパスワードは直ちに使用できなくなります</translation>
    </message>
    <message>
        <source>Every token</source>
        <translation>すべてのトークン</translation>
    </message>
    <message>
        <source>Client &amp;tokens</source>
        <translation>トークン(&amp;T)</translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation>同期設定</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>接続文字列</translation>
    </message>
    <message>
        <source>Get settings to see the connection string</source>
        <translation>接続文字列を表示するには [設定の取得] を選択します</translation>
    </message>
    <message>
        <source>&amp;Get settings</source>
        <translation>設定の取得(&amp;G)</translation>
    </message>
    <message>
        <source>Show the connection string without changing any password</source>
        <translation>パスワードを変更せずに接続文字列を表示します</translation>
    </message>
    <message>
        <source>Copy the connection string</source>
        <translation>接続文字列をコピー</translation>
    </message>
    <message>
        <source>Regenerate sync password&amp;1</source>
        <translation>同期パスワード 1 を再生成(&amp;1)</translation>
    </message>
    <message>
        <source>Make a new sync-token password and connection string for this registry</source>
        <translation>このレジストリの同期トークンの新しいパスワードと接続文字列を生成します</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同期(&amp;S)</translation>
    </message>
    <message>
        <source>— (this is the root)</source>
        <translation>— (ルート レジストリ)</translation>
    </message>
    <message>
        <source>%1 of %2, %3 of %4 blobs</source>
        <translation>%1 / %2、BLOB %3 / %4</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>アイドル</translation>
    </message>
    <message>
        <source>%1 used, %2 free</source>
        <translation>%1 使用、%2 空き</translation>
    </message>
    <message>
        <source>%1, audit log %2</source>
        <translation>%1、監査ログ %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>The root registry does not sync with a parent.</source>
        <translation>ルート レジストリは親と同期しません。</translation>
    </message>
    <message>
        <source>Sync token: %1
Schedule: %2
Window: %3
Message TTL: %4</source>
        <translation>同期トークン: %1
スケジュール: %2
同期ウィンドウ: %3
メッセージ TTL: %4</translation>
    </message>
    <message>
        <source>Could not read: %1</source>
        <translation>読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>set %1</source>
        <translation>設定日時 %1</translation>
    </message>
    <message>
        <source>%1, %2, scope map %3</source>
        <translation>%1、%2、スコープ マップ %3</translation>
    </message>
    <message>
        <source>%1 %2:%3</source>
        <translation>%1 %2:%3</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>デバッグ</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>監査(&amp;A)</translation>
    </message>
    <message>
        <source>Garbage collection: on, %1 (UTC)</source>
        <translation>ガベージ コレクション: 有効、%1 (UTC)</translation>
    </message>
    <message>
        <source>Garbage collection: off</source>
        <translation>ガベージ コレクション: 無効</translation>
    </message>
</context>
<context>
    <name>ferry::ui::EditRegistryDialog</name>
    <message>
        <source>Keep an &amp;audit log on the registry</source>
        <translation>レジストリで監査ログを記録する(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>再読み込み(&amp;L)</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 の編集</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>リポジトリ</translation>
    </message>
    <message>
        <source>app, team/*</source>
        <translation>app, team/*</translation>
    </message>
    <message>
        <source>What the registry syncs: names, prefixes ending in /*, or *</source>
        <translation>レジストリが同期する対象: 名前、/* で終わるプレフィックス、または *</translation>
    </message>
    <message>
        <source>Client tokens</source>
        <translation>クライアント トークン</translation>
    </message>
    <message>
        <source>none; at most 20 token names</source>
        <translation>なし。トークン名は最大 20 個</translation>
    </message>
    <message>
        <source>The tokens the registry&apos;s own clients sign in with</source>
        <translation>レジストリ自身のクライアントがサインインに使うトークン</translation>
    </message>
    <message>
        <source>Sync schedule</source>
        <translation>同期スケジュール</translation>
    </message>
    <message>
        <source>Five-field cron; * * * * * syncs continuously</source>
        <translation>5 フィールドの cron。* * * * * で常時同期します</translation>
    </message>
    <message>
        <source>Sync window</source>
        <translation>同期ウィンドウ</translation>
    </message>
    <message>
        <source>PT1H to P7D; empty when continuous</source>
        <translation>PT1H～P7D。常時同期では空</translation>
    </message>
    <message>
        <source>Message TTL</source>
        <translation>メッセージ TTL</translation>
    </message>
    <message>
        <source>P1D to P90D</source>
        <translation>P1D～P90D</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>ログ レベル</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>none; e.g. app:push, *:delete</source>
        <translation>なし。例: app:push, *:delete</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Read the registry again, dropping what was typed here</source>
        <translation>ここで入力した内容を破棄して、レジストリを読み込み直します</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Repositories:</source>
        <translation>リポジトリ(&amp;R):</translation>
    </message>
    <message>
        <source>Client &amp;tokens:</source>
        <translation>クライアント トークン(&amp;T):</translation>
    </message>
    <message>
        <source>Sync s&amp;chedule:</source>
        <translation>同期スケジュール(&amp;C):</translation>
    </message>
    <message>
        <source>Sync &amp;window:</source>
        <translation>同期ウィンドウ(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Message TTL:</source>
        <translation>メッセージ TTL(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Log level:</source>
        <translation>ログ レベル(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Notifications:</source>
        <translation>通知(&amp;N):</translation>
    </message>
    <message>
        <source>%1 · %2 · parent %3 (the name, mode and parent cannot change)</source>
        <translation>%1 · %2 · 親 %3 (名前、モード、親は変更できません)</translation>
    </message>
    <message>
        <source>Could not read the repositories: %1</source>
        <translation>リポジトリを読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>Reading the registry&apos;s repositories…</source>
        <translation>レジストリのリポジトリを読み取っています…</translation>
    </message>
    <message>
        <source>Name at least one repository (or a pattern such as team/* or *).</source>
        <translation>リポジトリを 1 つ以上指定してください (team/* や * のようなパターンも使用できます)。</translation>
    </message>
    <message>
        <source>A connected registry accepts at most %1 client tokens; these are %2.</source>
        <translation>接続済みレジストリのクライアント トークンは最大 %1 個です (指定されたのは %2 個)。</translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation>まだ何も変更されていません。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存しています…</translation>
    </message>
    <message>
        <source>Not saved: the registry was changed meanwhile (%1). Reload to see the change, then edit again.</source>
        <translation>保存されませんでした: その間にレジストリが変更されました (%1)。再読み込みして変更内容を確認してから、もう一度編集してください。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Saving the repositories…</source>
        <translation>リポジトリを保存しています…</translation>
    </message>
    <message>
        <source>The repositories were not changed: %1</source>
        <translation>リポジトリは変更されませんでした: %1</translation>
    </message>
    <message>
        <source>Log levels</source>
        <translation>ログ レベル一覧</translation>
    </message>
    <message>
        <source>Reading the registry…</source>
        <translation>レジストリを読み取っています…</translation>
    </message>
    <message>
        <source>Could not read the registry: %1</source>
        <translation>レジストリを読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>Garbage collection schedule</source>
        <translation>ガベージ コレクションのスケジュール</translation>
    </message>
    <message>
        <source>Collect &amp;garbage on the registry</source>
        <translation>レジストリでガベージ コレクションを行う(&amp;G)</translation>
    </message>
    <message>
        <source>Garbage collection</source>
        <translation>ガベージ コレクション</translation>
    </message>
    <message>
        <source>Remove blobs no manifest uses, abandoned uploads and stray files on the schedule</source>
        <translation>どのマニフェストも使っていない BLOB、放棄されたアップロード、残されたファイルをスケジュールどおりに削除します</translation>
    </message>
    <message>
        <source>Five-field cron, in UTC; 0 3 * * * is every night at 03:00</source>
        <translation>5 フィールドの cron (UTC)。0 3 * * * で毎晩 03:00 に実行します</translation>
    </message>
    <message>
        <source>Garbage collection sc&amp;hedule:</source>
        <translation>ガベージ コレクションのスケジュール(&amp;H):</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ferry::ui::HierarchyDiagram</name>
    <message>
        <source>Sync tree diagram</source>
        <translation>同期ツリーの図</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>選択中: %1</translation>
    </message>
    <message>
        <source>No registry selected</source>
        <translation>レジストリが選択されていません</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>Ferry sync tree</source>
        <translation>Ferry 同期ツリー</translation>
    </message>
    <message numerus="yes">
        <source>%n registries</source>
        <translation>
            <numerusform>レジストリ %n 個</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ui::HierarchyPanel</name>
    <message>
        <source>Find a registry by name</source>
        <translation>名前でレジストリを検索</translation>
    </message>
    <message>
        <source>Find registry</source>
        <translation>レジストリの検索</translation>
    </message>
    <message>
        <source>Show only registries whose name contains this text (Ctrl+F)</source>
        <translation>名前にこのテキストを含むレジストリだけを表示します (Ctrl+F)</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>検索をクリア</translation>
    </message>
    <message>
        <source>Filter by mode</source>
        <translation>モードで絞り込み</translation>
    </message>
    <message>
        <source>Show only registries of this mode</source>
        <translation>このモードのレジストリだけを表示します</translation>
    </message>
    <message>
        <source>Any mode</source>
        <translation>すべてのモード</translation>
    </message>
    <message>
        <source>ReadWrite</source>
        <translation>ReadWrite</translation>
    </message>
    <message>
        <source>ReadOnly</source>
        <translation>ReadOnly</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>状態で絞り込み</translation>
    </message>
    <message>
        <source>Show only registries in this connection state</source>
        <translation>この接続状態のレジストリだけを表示します</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Sync tree</source>
        <translation>同期ツリー</translation>
    </message>
    <message>
        <source>Every registry of the hierarchy with its mode, state and last sync</source>
        <translation>階層内のすべてのレジストリと、そのモード、状態、最終同期</translation>
    </message>
    <message>
        <source>Modes</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>States</source>
        <translation>状態</translation>
    </message>
</context>
<context>
    <name>ferry::ui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>システムの言語(&amp;S)</translation>
    </message>
    <message>
        <source>The console will use the new language the next time it starts.</source>
        <translation>新しい言語は、コンソールを次回起動したときに適用されます。</translation>
    </message>
    <message>
        <source>While FERRY_LANG is set (now &quot;%1&quot;), it decides instead.</source>
        <translation>ただし、FERRY_LANG が設定されている間 (現在は &quot;%1&quot;) は、その設定が優先されます。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::LocalNodeLauncher</name>
    <message>
        <source>Run selected registry &amp;locally…</source>
        <translation>選択したレジストリをローカルで実行(&amp;L)…</translation>
    </message>
    <message>
        <source>Start the selected connected registry on this computer, for a local test hierarchy</source>
        <translation>選択した接続済みレジストリをこのコンピューターで起動します (ローカルのテスト階層用)</translation>
    </message>
    <message>
        <source>Run %1 on this computer?</source>
        <translation>%1 をこのコンピューターで実行しますか?</translation>
    </message>
    <message>
        <source>Start the connected registry &quot;%1&quot; here, as a further local ferryd?</source>
        <translation>接続済みレジストリ &quot;%1&quot; を、追加のローカル ferryd としてここで起動しますか?</translation>
    </message>
    <message>
        <source>Its sync token gets a new password1, kept in the keychain; a ferryd elsewhere that uses the old password1 stops syncing. Its data goes to %1.</source>
        <translation>その同期トークンには新しい password1 が生成され、キーチェーンに保存されます。古い password1 を使っている他の場所の ferryd は同期を停止します。データは %1 に保存されます。</translation>
    </message>
    <message>
        <source>&amp;Run locally</source>
        <translation>ローカルで実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run locally</source>
        <translation>ローカルで実行</translation>
    </message>
    <message>
        <source>Could not get the settings of %1: %2</source>
        <translation>%1 の設定を取得できませんでした: %2</translation>
    </message>
    <message>
        <source>The new sync password of %1 could not be stored in the keychain (%2); the local ferryd gets it anyway.</source>
        <translation>%1 の新しい同期パスワードをキーチェーンに保存できませんでした (%2)。ローカルの ferryd にはそのまま渡されます。</translation>
    </message>
    <message>
        <source>%1 runs locally at %2.</source>
        <translation>%1 はローカルの %2 で実行されています。</translation>
    </message>
    <message>
        <source>— starting %1 with data in %2 —</source>
        <translation>— %1 を起動しています (データ: %2) —</translation>
    </message>
    <message>
        <source>Log of %1</source>
        <translation>%1 のログ</translation>
    </message>
    <message>
        <source>Local registries</source>
        <translation>ローカル レジストリ</translation>
    </message>
    <message>
        <source>Logs of the local registries</source>
        <translation>ローカル レジストリのログ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>&amp;Stop this registry</source>
        <translation>このレジストリを停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the registry whose log is shown</source>
        <translation>表示中のログのレジストリを停止します</translation>
    </message>
</context>
<context>
    <name>ferry::ui::LocalServiceController</name>
    <message>
        <source>S&amp;top the local registry…</source>
        <translation>ローカル レジストリを停止(&amp;T)…</translation>
    </message>
    <message>
        <source>Stop the bundled ferryd this console started</source>
        <translation>このコンソールが起動した同梱の ferryd を停止します</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>Quit and stop the local registry?</source>
        <translation>終了してローカル レジストリを停止しますか?</translation>
    </message>
    <message>
        <source>Stop the local registry?</source>
        <translation>ローカル レジストリを停止しますか?</translation>
    </message>
    <message>
        <source>The local registry at %1 is running.</source>
        <translation>%1 のローカル レジストリは実行中です。</translation>
    </message>
    <message>
        <source>It stops %1. Anything using it loses it until it is started again: podman or skopeo pulling and pushing, connected registries syncing from it, another console. Its data stays in %2.</source>
        <translation>%1停止します。再び起動するまで、これを使っているものはすべて使えなくなります: podman や skopeo によるプルとプッシュ、ここから同期する接続済みレジストリ、他のコンソール。データは %2 に残ります。</translation>
    </message>
    <message>
        <source>with the console</source>
        <translation>コンソールとともに</translation>
    </message>
    <message>
        <source>now</source>
        <translation>今すぐ</translation>
    </message>
    <message>
        <source>&amp;Stop and quit</source>
        <translation>停止して終了(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation>実行したままにする(&amp;K)</translation>
    </message>
    <message>
        <source>Keep the console and the local registry running</source>
        <translation>コンソールとローカル レジストリを実行したままにします</translation>
    </message>
</context>
<context>
    <name>ferry::ui::MainWindow</name>
    <message>
        <source>Ferry Console</source>
        <translation>Ferry コンソール</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Registries</source>
        <translation>レジストリ</translation>
    </message>
    <message>
        <source>Where secrets are kept</source>
        <translation>シークレットの保存先</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>%1 に接続済み</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Not connected to %1</source>
        <translation>%1 に接続されていません</translation>
    </message>
    <message>
        <source>Connection to %1 lost; reconnecting…</source>
        <translation>%1 への接続が切断されました。再接続しています…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>Connect to the server typed in the address field</source>
        <translation>アドレス欄に入力したサーバーに接続します</translation>
    </message>
    <message>
        <source>&amp;New registry…</source>
        <translation>新しいレジストリ(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a connected registry under the selected one</source>
        <translation>選択したレジストリの下に接続済みレジストリを作成します</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>最新の情報に更新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the whole hierarchy again</source>
        <translation>階層全体を読み込み直します</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>Find a registry by name</source>
        <translation>名前でレジストリを検索します</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom into the diagram</source>
        <translation>図を拡大します</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out of the diagram</source>
        <translation>図を縮小します</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole tree</source>
        <translation>ツリー全体を表示します</translation>
    </message>
    <message>
        <source>Export diagram as &amp;PNG…</source>
        <translation>図を PNG としてエクスポート(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the diagram as a PNG picture</source>
        <translation>図を PNG 画像として保存します</translation>
    </message>
    <message>
        <source>Export diagram as &amp;SVG…</source>
        <translation>図を SVG としてエクスポート(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the diagram as an SVG drawing</source>
        <translation>図を SVG 図面として保存します</translation>
    </message>
    <message>
        <source>Start a &amp;local registry</source>
        <translation>ローカル レジストリを起動(&amp;L)</translation>
    </message>
    <message>
        <source>Run the bundled ferryd on this computer and connect to it</source>
        <translation>同梱の ferryd をこのコンピューターで実行し、接続します</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit the console</source>
        <translation>コンソールを終了します</translation>
    </message>
    <message>
        <source>&amp;About Ferry Console</source>
        <translation>Ferry コンソールについて(&amp;A)</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>バージョンとライセンス</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>http://host:port</source>
        <translation>http://ホスト:ポート</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>サーバー アドレス</translation>
    </message>
    <message>
        <source>The address of the root ferryd, e.g. https://registry.example:5000</source>
        <translation>ルート ferryd のアドレス (例: https://registry.example:5000)</translation>
    </message>
    <message>
        <source>Clear server address</source>
        <translation>サーバー アドレスをクリア</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Type one like http://127.0.0.1:5000.</source>
        <translation>&quot;%1&quot; はサーバー アドレスではありません。http://127.0.0.1:5000 のように入力してください。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1 に接続しています…</translation>
    </message>
    <message>
        <source>Starting the local ferryd (data in %1)…</source>
        <translation>ローカルの ferryd を起動しています (データ: %1)…</translation>
    </message>
    <message>
        <source>No keychain answered (%1). Passwords can&apos;t be saved; the console can keep them in memory for this session only, never on disk.</source>
        <translation>キーチェーンが応答しません (%1)。パスワードを保存できません。コンソールはこのセッションの間だけパスワードをメモリに保持できます (ディスクには保存しません)。</translation>
    </message>
    <message>
        <source>Keep in memory for this session</source>
        <translation>このセッションの間メモリに保持</translation>
    </message>
    <message numerus="yes">
        <source>%n registries</source>
        <translation>
            <numerusform>レジストリ %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>オンライン %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>オフライン %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unhealthy</source>
        <translation>
            <numerusform>異常 %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Secrets: this session only</source>
        <translation>シークレット: このセッションのみ</translation>
    </message>
    <message>
        <source>Secrets: keychain</source>
        <translation>シークレット: キーチェーン</translation>
    </message>
    <message>
        <source>No keychain: passwords are kept in memory until the console quits</source>
        <translation>キーチェーンがありません: パスワードはコンソールを終了するまでメモリに保持されます</translation>
    </message>
    <message>
        <source>Passwords are kept in the operating system&apos;s keychain</source>
        <translation>パスワードはオペレーティング システムのキーチェーンに保存されます</translation>
    </message>
    <message>
        <source>Ferry: %1</source>
        <translation>Ferry: %1</translation>
    </message>
    <message>
        <source>Registry %1 is %2</source>
        <translation>レジストリ %1 は%2です</translation>
    </message>
    <message>
        <source>The connected registry %1 went %2.</source>
        <translation>接続済みレジストリ %1 が%2になりました。</translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1 を作成しました。</translation>
    </message>
    <message>
        <source>Export the diagram</source>
        <translation>図のエクスポート</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 図面 (*.svg)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 を保存しました。</translation>
    </message>
    <message>
        <source>About Ferry Console</source>
        <translation>Ferry コンソールについて</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Ferry Console %1&lt;/h3&gt;&lt;p&gt;Manage hierarchies of container registries at the edge: see the sync tree live, manage connected registries, tokens and scope maps, rotate passwords in one click.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ferry コンソール %1&lt;/h3&gt;&lt;p&gt;エッジのコンテナー レジストリ階層を管理します。同期ツリーをリアルタイムで確認し、接続済みレジストリ、トークン、スコープ マップを管理し、ワンクリックでパスワードをローテーションできます。&lt;/p&gt;&lt;p&gt;Qt %2 でビルドされています。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ferry::ui::OneTimeSecretDialog</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; has a new password. It is shown only this once; copy it now.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; に新しいパスワードが設定されました。表示されるのはこの 1 回だけです。今すぐコピーしてください。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Copy the password</source>
        <translation>パスワードをコピー</translation>
    </message>
    <message>
        <source>C&amp;onnection string:</source>
        <translation>接続文字列(&amp;O):</translation>
    </message>
    <message>
        <source>Copy the connection string</source>
        <translation>接続文字列をコピー</translation>
    </message>
    <message numerus="yes">
        <source>Copied text leaves the clipboard after %n seconds.</source>
        <translation>
            <numerusform>コピーしたテキストは %n 秒後にクリップボードから消去されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>ferry::ui::PasswordChoiceDialog</name>
    <message>
        <source>password&amp;1</source>
        <translation>password1(&amp;1)</translation>
    </message>
    <message>
        <source>password&amp;2</source>
        <translation>password2(&amp;2)</translation>
    </message>
    <message>
        <source>E&amp;xpires on</source>
        <translation>有効期限(&amp;X)</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>%1 の新しいパスワード</translation>
    </message>
    <message>
        <source>password1</source>
        <translation>password1</translation>
    </message>
    <message>
        <source>password2</source>
        <translation>password2</translation>
    </message>
    <message>
        <source>Password expires</source>
        <translation>パスワードの有効期限</translation>
    </message>
    <message>
        <source>Expiry date and time</source>
        <translation>有効期限の日時</translation>
    </message>
    <message>
        <source>Slot:</source>
        <translation>スロット:</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>有効期限:</translation>
    </message>
    <message>
        <source>Without an expiry the password works until it is regenerated or removed. Next you confirm, then the new password is shown once and stored in the keychain.</source>
        <translation>有効期限を指定しない場合、パスワードは再生成または削除されるまで有効です。次に確認を行うと、新しいパスワードが 1 回だけ表示され、キーチェーンに保存されます。</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>続行(&amp;C)…</translation>
    </message>
    <message>
        <source>The expiry must be in the future.</source>
        <translation>有効期限には未来の日時を指定してください。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::PasswordRotation</name>
    <message>
        <source>The current %1 of token &quot;%2&quot; stops working at once: every client that signs in with it (docker login, CI jobs, registries that use the token) is refused until it is given the new password.</source>
        <translation>トークン &quot;%2&quot; の現在の %1 は直ちに使用できなくなります。これでサインインするすべてのクライアント (docker login、CI ジョブ、このトークンを使うレジストリ) は、新しいパスワードが設定されるまで拒否されます。</translation>
    </message>
    <message>
        <source>The current %1 of sync token &quot;%2&quot; stops working at once: the connected registry &quot;%3&quot; can&apos;t sync with its parent until it is restarted with the new connection string.</source>
        <translation>同期トークン &quot;%2&quot; の現在の %1 は直ちに使用できなくなります。接続済みレジストリ &quot;%3&quot; は、新しい接続文字列で再起動されるまで親と同期できません。</translation>
    </message>
    <message>
        <source>Regenerate %1?</source>
        <translation>%1 を再生成しますか?</translation>
    </message>
    <message>
        <source>Regenerate %1 of &quot;%2&quot;?</source>
        <translation>&quot;%2&quot; の %1 を再生成しますか?</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>再生成(&amp;R)</translation>
    </message>
    <message>
        <source>Cancelled; nothing changed.</source>
        <translation>キャンセルしました。何も変更されていません。</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>サーバーが拒否しました: %1</translation>
    </message>
    <message>
        <source>The server answered without a password.</source>
        <translation>サーバーの応答にパスワードが含まれていませんでした。</translation>
    </message>
    <message>
        <source>Token &quot;%1&quot; (password%2)</source>
        <translation>トークン &quot;%1&quot; (password%2)</translation>
    </message>
    <message>
        <source>Sync token &quot;%1&quot; of %2 (password%3)</source>
        <translation>%2 の同期トークン &quot;%1&quot; (password%3)</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <source>Storing it in the keychain…</source>
        <translation>キーチェーンに保存しています…</translation>
    </message>
    <message>
        <source>Stored in the keychain.</source>
        <translation>キーチェーンに保存しました。</translation>
    </message>
    <message>
        <source>Kept in memory for this session only (no keychain).</source>
        <translation>このセッションの間だけメモリに保持しています (キーチェーンなし)。</translation>
    </message>
    <message>
        <source>Not stored: %1</source>
        <translation>保存されていません: %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RegistryActions</name>
    <message>
        <source>&amp;Edit registry…</source>
        <translation>レジストリの編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Dea&amp;ctivate registry…</source>
        <translation>レジストリの非アクティブ化(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Delete registry…</source>
        <translation>レジストリの削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Change the selected registry&apos;s repositories, client tokens, sync, logging and notifications</source>
        <translation>選択したレジストリのリポジトリ、クライアント トークン、同期、ログ、通知を変更します</translation>
    </message>
    <message>
        <source>Mark the selected registry Inactive so it can be deployed again</source>
        <translation>選択したレジストリを非アクティブにして、再びデプロイできるようにします</translation>
    </message>
    <message>
        <source>Delete the selected connected registry</source>
        <translation>選択した接続済みレジストリを削除します</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 を保存しました。</translation>
    </message>
    <message>
        <source>Deactivate %1?</source>
        <translation>%1 を非アクティブにしますか?</translation>
    </message>
    <message>
        <source>Deactivate the connected registry &quot;%1&quot;?</source>
        <translation>接続済みレジストリ &quot;%1&quot; を非アクティブにしますか?</translation>
    </message>
    <message>
        <source>The ferryd running it stops syncing at its next call (it keeps serving what it holds), and the registry becomes Inactive, so it can be deployed again, here or elsewhere, from a connection string. Its definition, tokens and content stay.</source>
        <translation>このレジストリを実行している ferryd は次の呼び出しで同期を停止し (保持している内容の提供は続けます)、レジストリは非アクティブになるため、接続文字列からこの場所でも別の場所でも再びデプロイできます。定義、トークン、コンテンツはそのまま残ります。</translation>
    </message>
    <message>
        <source>De&amp;activate</source>
        <translation>非アクティブにする(&amp;A)</translation>
    </message>
    <message>
        <source>Deactivated %1.</source>
        <translation>%1 を非アクティブにしました。</translation>
    </message>
    <message>
        <source>the sync token %1</source>
        <translation>同期トークン %1</translation>
    </message>
    <message>
        <source>the scope map %1</source>
        <translation>スコープ マップ %1</translation>
    </message>
    <message>
        <source>%1 from the scope map %2</source>
        <translation>スコープ マップ %2 の %1</translation>
    </message>
    <message>
        <source>the sync token %1 (still in use)</source>
        <translation>同期トークン %1 (まだ使用中)</translation>
    </message>
    <message>
        <source>the scope map %1 (still in use, or system-defined)</source>
        <translation>スコープ マップ %1 (まだ使用中、またはシステム定義)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Its ferryd stops syncing at once. &lt;b&gt;Delete&lt;/b&gt; removes only the registry: its sync token, its scope map and the gateway actions in its ancestors&apos; scope maps stay.&lt;/p&gt;</source>
        <translation>&lt;p&gt;そのレジストリの ferryd は直ちに同期を停止します。&lt;b&gt;削除&lt;/b&gt; ではレジストリだけを削除し、同期トークン、スコープ マップ、上位レジストリのスコープ マップにあるゲートウェイのアクションは残ります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Delete with cleanup&lt;/b&gt; has nothing more to remove.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;クリーンアップして削除&lt;/b&gt; でもほかに削除するものはありません。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Delete with cleanup&lt;/b&gt; also removes:&lt;/p&gt;%1</source>
        <translation>&lt;p&gt;&lt;b&gt;クリーンアップして削除&lt;/b&gt; では次のものも削除します:&lt;/p&gt;%1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Cleanup leaves:&lt;/p&gt;%1</source>
        <translation>&lt;p&gt;クリーンアップ後も残るもの:&lt;/p&gt;%1</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 を削除しますか?</translation>
    </message>
    <message>
        <source>Delete the connected registry &quot;%1&quot;?</source>
        <translation>接続済みレジストリ &quot;%1&quot; を削除しますか?</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete with &amp;cleanup</source>
        <translation>クリーンアップして削除(&amp;C)</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 を削除しました。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RegistryAuditList</name>
    <message>
        <source>Audit records of this registry</source>
        <translation>このレジストリの監査レコード</translation>
    </message>
    <message>
        <source>What the audit records cover</source>
        <translation>監査レコードの対象</translation>
    </message>
    <message>
        <source>Could not read: %1</source>
        <translation>読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>Every audit record of this server.</source>
        <translation>このサーバーのすべての監査レコード。</translation>
    </message>
    <message>
        <source>Records about %1.</source>
        <translation>%1 に関するレコード。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RepositoryBrowser</name>
    <message>
        <source>Delete &amp;tag…</source>
        <translation>タグの削除(&amp;T)…</translation>
    </message>
    <message>
        <source>Delete &amp;manifest…</source>
        <translation>マニフェストの削除(&amp;M)…</translation>
    </message>
    <message>
        <source>Repositories and tags</source>
        <translation>リポジトリとタグ</translation>
    </message>
    <message>
        <source>Selected tag</source>
        <translation>選択したタグ</translation>
    </message>
    <message>
        <source>Remove the selected tag; its manifest stays</source>
        <translation>選択したタグを削除します。マニフェストは残ります</translation>
    </message>
    <message>
        <source>Delete the selected tag</source>
        <translation>選択したタグを削除します</translation>
    </message>
    <message>
        <source>Remove the selected tag&apos;s manifest and every tag that points at it</source>
        <translation>選択したタグのマニフェストと、それを指すすべてのタグを削除します</translation>
    </message>
    <message>
        <source>Delete the selected tag&apos;s manifest</source>
        <translation>選択したタグのマニフェストを削除します</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>タグの削除</translation>
    </message>
    <message>
        <source>Deleted the tag %1:%2.</source>
        <translation>タグ %1:%2 を削除しました。</translation>
    </message>
    <message>
        <source>Deleted the manifest %1@%2.</source>
        <translation>マニフェスト %1@%2 を削除しました。</translation>
    </message>
    <message>
        <source>Deleting content works on the registry the console is connected to; select it in the tree.</source>
        <translation>コンテンツの削除は、コンソールが接続しているレジストリに対して行われます。ツリーでそのレジストリを選択してください。</translation>
    </message>
    <message>
        <source>Select a tag to see its manifest.</source>
        <translation>マニフェストを表示するにはタグを選択してください。</translation>
    </message>
    <message>
        <source>%1:%2
Manifest: reading…</source>
        <translation>%1:%2
マニフェスト: 読み取り中…</translation>
    </message>
    <message>
        <source>%1:%2
Manifest: %3</source>
        <translation>%1:%2
マニフェスト: %3</translation>
    </message>
    <message>
        <source>Tags known to point at this manifest: %1</source>
        <translation>このマニフェストを指していることがわかっているタグ: %1</translation>
    </message>
    <message>
        <source>Delete the tag %1?</source>
        <translation>タグ %1 を削除しますか?</translation>
    </message>
    <message>
        <source>Delete the tag &quot;%1&quot; of %2?</source>
        <translation>%2 のタグ &quot;%1&quot; を削除しますか?</translation>
    </message>
    <message>
        <source>Only the name goes: pulls of %1:%2 fail from now on. The manifest %3 stays, reachable by its digest and by any other tag.</source>
        <translation>名前だけが削除されます: 今後 %1:%2 のプルは失敗します。マニフェスト %3 は残り、ダイジェストや他のタグで参照できます。</translation>
    </message>
    <message>
        <source>it points at</source>
        <translation>(タグが指すもの)</translation>
    </message>
    <message>
        <source>&amp;Delete tag</source>
        <translation>タグの削除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the manifest?</source>
        <translation>マニフェストを削除しますか?</translation>
    </message>
    <message>
        <source>Delete the manifest %1 of %2?</source>
        <translation>%2 のマニフェスト %1 を削除しますか?</translation>
    </message>
    <message>
        <source>These tags point at it and go with it: %1. Pulls by them and by the digest fail from now on; the layers are freed by the next garbage collection.</source>
        <translation>これらのタグはマニフェストを指しており、一緒に削除されます: %1。今後、これらのタグやダイジェストによるプルは失敗します。レイヤーは次回のガベージ コレクションで解放されます。</translation>
    </message>
    <message>
        <source>&amp;Delete manifest</source>
        <translation>マニフェストの削除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ScopeMapEditor</name>
    <message>
        <source>New scope map</source>
        <translation>新しいスコープ マップ</translation>
    </message>
    <message>
        <source>Scope map %1</source>
        <translation>スコープ マップ %1</translation>
    </message>
    <message>
        <source>Scope map name</source>
        <translation>スコープ マップ名</translation>
    </message>
    <message>
        <source>5 to 50 letters, digits, hyphens and underscores</source>
        <translation>5 ～ 50 文字の英数字、ハイフン、アンダースコア</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D):</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>リポジトリ</translation>
    </message>
    <message>
        <source>&amp;Add repository</source>
        <translation>リポジトリを追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove repository</source>
        <translation>リポジトリを削除(&amp;R)</translation>
    </message>
    <message>
        <source>Gateway actions of connected registries</source>
        <translation>接続済みレジストリのゲートウェイ アクション</translation>
    </message>
    <message>
        <source>Add re&amp;gistry</source>
        <translation>レジストリを追加(&amp;G)</translation>
    </message>
    <message>
        <source>Remo&amp;ve registry</source>
        <translation>レジストリを削除(&amp;V)</translation>
    </message>
    <message>
        <source>A repository may be a name (app), a prefix ending in /* (team/* covers team/a and team/a/b) or * for all. Space ticks the current cell.</source>
        <translation>リポジトリには名前 (app)、/* で終わるプレフィックス (team/* は team/a と team/a/b を含む)、またはすべてを表す * を指定できます。Space キーで現在のセルのチェックを切り替えます。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み取っています…</translation>
    </message>
    <message>
        <source>Can&apos;t read the scope map: %1</source>
        <translation>スコープ マップを読み取れません: %1</translation>
    </message>
    <message>
        <source>This scope map is system-defined: it can be read, not changed.</source>
        <translation>このスコープ マップはシステム定義です。読み取りはできますが、変更はできません。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存しています…</translation>
    </message>
    <message>
        <source>Someone changed this scope map since it was opened; close and open it again. (%1)</source>
        <translation>このスコープ マップは開いた後に他のユーザーによって変更されました。閉じてから開き直してください。(%1)</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>サーバーが拒否しました: %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ScopeMapsView</name>
    <message>
        <source>Scope maps</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>&amp;New scope map…</source>
        <translation>新しいスコープ マップ(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a scope map in the grid editor</source>
        <translation>グリッド エディターでスコープ マップを作成します</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Open the selected scope map in the grid editor (Enter)</source>
        <translation>選択したスコープ マップをグリッド エディターで開きます (Enter)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>削除(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete the selected scope map</source>
        <translation>選択したスコープ マップを削除します</translation>
    </message>
    <message>
        <source>Edit scope map</source>
        <translation>スコープ マップの編集</translation>
    </message>
    <message>
        <source>New scope map</source>
        <translation>新しいスコープ マップ</translation>
    </message>
    <message>
        <source>Delete scope map</source>
        <translation>スコープ マップの削除</translation>
    </message>
    <message>
        <source>Can&apos;t list the scope maps: %1</source>
        <translation>スコープ マップを一覧表示できません: %1</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>表示(&amp;V)…</translation>
    </message>
    <message>
        <source>Saved scope map %1.</source>
        <translation>スコープ マップ %1 を保存しました。</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 を削除しますか?</translation>
    </message>
    <message>
        <source>Delete the scope map &quot;%1&quot;?</source>
        <translation>スコープ マップ &quot;%1&quot; を削除しますか?</translation>
    </message>
    <message>
        <source>A scope map that a token still uses is not deleted; the server names those tokens.</source>
        <translation>トークンがまだ使用しているスコープ マップは削除されません。サーバーがそのトークンを示します。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>Scope map %1 was not deleted: %2</source>
        <translation>スコープ マップ %1 は削除されませんでした: %2</translation>
    </message>
    <message>
        <source>Deleted scope map %1.</source>
        <translation>スコープ マップ %1 を削除しました。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ServiceStatus</name>
    <message>
        <source>S&amp;ystem service</source>
        <translation>システム サービス(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Start the ferryd service</source>
        <translation>ferryd サービスを開始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top the ferryd service</source>
        <translation>ferryd サービスを停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Check its state</source>
        <translation>状態を確認(&amp;C)</translation>
    </message>
    <message>
        <source>Start ferryd as the machine&apos;s system service (systemd may ask for a password)</source>
        <translation>ferryd をこのマシンのシステム サービスとして開始します (systemd がパスワードを求める場合があります)</translation>
    </message>
    <message>
        <source>Stop the machine&apos;s ferryd system service (systemd may ask for a password)</source>
        <translation>このマシンの ferryd システム サービスを停止します (systemd がパスワードを求める場合があります)</translation>
    </message>
    <message>
        <source>System service</source>
        <translation>システム サービス</translation>
    </message>
    <message>
        <source>System service: checking…</source>
        <translation>システム サービス: 確認中…</translation>
    </message>
    <message>
        <source>System service: not installed</source>
        <translation>システム サービス: 未インストール</translation>
    </message>
    <message>
        <source>System service: inactive</source>
        <translation>システム サービス: 停止</translation>
    </message>
    <message>
        <source>System service: starting</source>
        <translation>システム サービス: 開始中</translation>
    </message>
    <message>
        <source>System service: active</source>
        <translation>システム サービス: 実行中</translation>
    </message>
    <message>
        <source>System service: stopping</source>
        <translation>システム サービス: 停止中</translation>
    </message>
    <message>
        <source>System service: failed</source>
        <translation>システム サービス: 失敗</translation>
    </message>
    <message>
        <source>The state could not be read: %1</source>
        <translation>状態を読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>The ferryd system service could not be started: %1</source>
        <translation>ferryd システム サービスを開始できませんでした: %1</translation>
    </message>
    <message>
        <source>The ferryd system service could not be stopped: %1</source>
        <translation>ferryd システム サービスを停止できませんでした: %1</translation>
    </message>
    <message>
        <source>Start ferryd as your launchd agent, through launchctl</source>
        <translation>launchctl を通じて ferryd を launchd エージェントとして開始します</translation>
    </message>
    <message>
        <source>Stop your ferryd launchd agent, through launchctl; your next login starts it again</source>
        <translation>launchctl を通じて ferryd の launchd エージェントを停止します。次回のログイン時に再び開始されます</translation>
    </message>
    <message>
        <source>Start the Windows service Ferry (Windows asks for an administrator&apos;s consent)</source>
        <translation>Windows サービス Ferry を開始します (Windows が管理者の同意を求めます)</translation>
    </message>
    <message>
        <source>Stop the Windows service Ferry (Windows asks for an administrator&apos;s consent)</source>
        <translation>Windows サービス Ferry を停止します (Windows が管理者の同意を求めます)</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TokenDialog</name>
    <message>
        <source>&amp;Enabled: its passwords can sign in</source>
        <translation>有効(&amp;E): パスワードでサインインできます</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>新しいトークン</translation>
    </message>
    <message>
        <source>Change token %1</source>
        <translation>トークン %1 の変更</translation>
    </message>
    <message>
        <source>Token name</source>
        <translation>トークン名</translation>
    </message>
    <message>
        <source>5 to 50 letters, digits and hyphens; the docker user name</source>
        <translation>5 ～ 50 文字の英数字とハイフン。docker のユーザー名になります</translation>
    </message>
    <message>
        <source>Scope map</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>What the token may do: pick a scope map or type its name</source>
        <translation>トークンに許可する操作: スコープ マップを選ぶか、その名前を入力します</translation>
    </message>
    <message>
        <source>Scope map name</source>
        <translation>スコープ マップ名</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Scope map:</source>
        <translation>スコープ マップ(&amp;S):</translation>
    </message>
    <message>
        <source>The token starts without passwords: generate one with &quot;Password…&quot; once it exists.</source>
        <translation>トークンはパスワードなしで作成されます。作成後に [パスワード…] でパスワードを生成してください。</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>作成(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存しています…</translation>
    </message>
    <message>
        <source>Someone changed this token meanwhile; close and open it again. (%1)</source>
        <translation>このトークンはその間に他のユーザーによって変更されました。閉じてから開き直してください。(%1)</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>サーバーが拒否しました: %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TokensView</name>
    <message>
        <source>Tokens</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>&amp;New token…</source>
        <translation>新しいトークン(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a token</source>
        <translation>トークンを作成します</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>無効化(&amp;D)</translation>
    </message>
    <message>
        <source>Enable or disable the selected token; a disabled token can&apos;t sign in</source>
        <translation>選択したトークンを有効または無効にします。無効なトークンではサインインできません</translation>
    </message>
    <message>
        <source>Scope &amp;map…</source>
        <translation>スコープ マップ(&amp;M)…</translation>
    </message>
    <message>
        <source>Choose the scope map of the selected token</source>
        <translation>選択したトークンのスコープ マップを選択します</translation>
    </message>
    <message>
        <source>&amp;Password…</source>
        <translation>パスワード(&amp;P)…</translation>
    </message>
    <message>
        <source>Generate password1 or password2 of the selected token, with an optional expiry</source>
        <translation>選択したトークンの password1 または password2 を生成します (有効期限は任意)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>削除(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete the selected token</source>
        <translation>選択したトークンを削除します</translation>
    </message>
    <message>
        <source>Delete token</source>
        <translation>トークンの削除</translation>
    </message>
    <message>
        <source>Can&apos;t list the tokens: %1</source>
        <translation>トークンを一覧表示できません: %1</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>有効化(&amp;E)</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>有効化</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>Created token %1.</source>
        <translation>トークン %1 を作成しました。</translation>
    </message>
    <message>
        <source>Saved token %1.</source>
        <translation>トークン %1 を保存しました。</translation>
    </message>
    <message>
        <source>Disable %1?</source>
        <translation>%1 を無効にしますか?</translation>
    </message>
    <message>
        <source>Disable the token &quot;%1&quot;?</source>
        <translation>トークン &quot;%1&quot; を無効にしますか?</translation>
    </message>
    <message>
        <source>Both of its passwords stop signing in at once (docker login, CI jobs). If it is a connected registry&apos;s sync token, that registry is deactivated too. Enable it again to undo.</source>
        <translation>両方のパスワードで直ちにサインインできなくなります (docker login、CI ジョブ)。接続済みレジストリの同期トークンの場合は、そのレジストリも非アクティブになります。元に戻すには、もう一度有効にしてください。</translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation>無効化(&amp;I)</translation>
    </message>
    <message>
        <source>Token %1 was not changed: %2</source>
        <translation>トークン %1 は変更されませんでした: %2</translation>
    </message>
    <message>
        <source>Enabled token %1.</source>
        <translation>トークン %1 を有効にしました。</translation>
    </message>
    <message>
        <source>Disabled token %1: its passwords no longer sign in.</source>
        <translation>トークン %1 を無効にしました。そのパスワードではサインインできなくなりました。</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 を削除しますか?</translation>
    </message>
    <message>
        <source>Delete the token &quot;%1&quot;?</source>
        <translation>トークン &quot;%1&quot; を削除しますか?</translation>
    </message>
    <message>
        <source>Both of its passwords stop working at once: every client that signs in as %1 is refused. This can&apos;t be undone.</source>
        <translation>両方のパスワードが直ちに使用できなくなり、%1 としてサインインするすべてのクライアントが拒否されます。この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>Token %1 was not deleted: %2</source>
        <translation>トークン %1 は削除されませんでした: %2</translation>
    </message>
    <message>
        <source>Deleted token %1.</source>
        <translation>トークン %1 を削除しました。</translation>
    </message>
    <message>
        <source>&amp;Remove password…</source>
        <translation>パスワードの削除(&amp;R)…</translation>
    </message>
    <message>
        <source>Empty password1 or password2 of the selected token; the other keeps working</source>
        <translation>選択したトークンの password1 または password2 を空にします。もう一方は引き続き使えます</translation>
    </message>
    <message>
        <source>Remove a password of %1?</source>
        <translation>%1 のパスワードを削除しますか?</translation>
    </message>
    <message>
        <source>Remove a password of the token &quot;%1&quot;?</source>
        <translation>トークン &quot;%1&quot; のパスワードを削除しますか?</translation>
    </message>
    <message>
        <source>Whoever signs in as %1 with the removed password is refused at once (docker login, CI jobs); the other password keeps working. The console&apos;s keychain copy of it goes too. This can&apos;t be undone: generate a new password instead to replace it.</source>
        <translation>削除したパスワードで %1 としてサインインしようとすると、直ちに拒否されます (docker login、CI ジョブ)。もう一方のパスワードは引き続き使えます。コンソールのキーチェーンにある写しも削除されます。元に戻すことはできません。置き換えるには、代わりに新しいパスワードを生成してください。</translation>
    </message>
    <message>
        <source>Remove password&amp;%1</source>
        <translation>password%1 を削除(&amp;%1)</translation>
    </message>
    <message>
        <source>The %1 of %2 was not removed: %3</source>
        <translation>%2 の %1 は削除されませんでした: %3</translation>
    </message>
    <message>
        <source>Removed the %1 of token %2.</source>
        <translation>トークン %2 の %1 を削除しました。</translation>
    </message>
</context>
<context>
    <name>ferry::ui::WorkspaceTabs</name>
    <message>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>H&amp;ierarchy</source>
        <translation>階層(&amp;I)</translation>
    </message>
    <message>
        <source>T&amp;okens</source>
        <translation>トークン(&amp;O)</translation>
    </message>
    <message>
        <source>Scope &amp;maps</source>
        <translation>スコープ マップ(&amp;M)</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>監査ログ(&amp;U)</translation>
    </message>
    <message>
        <source>Show the &amp;hierarchy</source>
        <translation>階層を表示(&amp;H)</translation>
    </message>
    <message>
        <source>Show the &amp;tokens</source>
        <translation>トークンを表示(&amp;T)</translation>
    </message>
    <message>
        <source>Show the &amp;scope maps</source>
        <translation>スコープ マップを表示(&amp;S)</translation>
    </message>
    <message>
        <source>Show the &amp;audit log</source>
        <translation>監査ログを表示(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ferryctl</name>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>予期しない引数 &apos;%1&apos; です</translation>
    </message>
    <message>
        <source>unrecognized option &apos;%1&apos;</source>
        <translation>認識できないオプション &apos;%1&apos; です</translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; takes no value</source>
        <translation>オプション &apos;--%1&apos; は値を取りません</translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; needs a value (%2)</source>
        <translation>オプション &apos;--%1&apos; には値 (%2) が必要です</translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; needs at least one value (%2)</source>
        <translation>オプション &apos;--%1&apos; には 1 つ以上の値 (%2) が必要です</translation>
    </message>
    <message>
        <source>Usage: ferryctl %1&lt;command&gt; [options]</source>
        <translation>使用法: ferryctl %1&lt;command&gt; [options]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>コマンド:</translation>
    </message>
    <message>
        <source>Global options:</source>
        <translation>グローバル オプション:</translation>
    </message>
    <message>
        <source>Usage: ferryctl %1 [options]</source>
        <translation>使用法: ferryctl %1 [options]</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>オプション:</translation>
    </message>
    <message>
        <source>Output format (default: table).</source>
        <translation>出力形式 (既定: table)。</translation>
    </message>
    <message>
        <source>ferryd to manage (else FERRY_SERVER, else the saved login).</source>
        <translation>管理する ferryd (指定がなければ FERRY_SERVER、それもなければ保存されたログイン)。</translation>
    </message>
    <message>
        <source>Admin user (else FERRY_USERNAME, else the saved login, else admin).</source>
        <translation>管理者ユーザー (指定がなければ FERRY_USERNAME、次に保存されたログイン、最後に admin)。</translation>
    </message>
    <message>
        <source>Read the password from stdin (else FERRY_PASSWORD, else the keychain).</source>
        <translation>パスワードを標準入力から読み取ります (指定がなければ FERRY_PASSWORD、それもなければキーチェーン)。</translation>
    </message>
    <message>
        <source>Skip TLS certificate verification.</source>
        <translation>TLS 証明書の検証を省略します。</translation>
    </message>
    <message>
        <source>Trust the PEM certificates in FILE (a self-signed server).</source>
        <translation>FILE 内の PEM 証明書を信頼します (自己署名証明書のサーバー向け)。</translation>
    </message>
    <message>
        <source>Language of the messages: ja, en, ... (else FERRY_LANG, else the system&apos;s).</source>
        <translation>メッセージの言語: ja、en など (指定がなければ FERRY_LANG、それもなければシステムの言語)。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>the option &apos;--%1&apos; is required</source>
        <translation>オプション &apos;--%1&apos; は必須です</translation>
    </message>
    <message>
        <source>no server: pass --server URL, set FERRY_SERVER, or run &apos;ferryctl login&apos; first</source>
        <translation>サーバーが指定されていません: --server URL を渡すか、FERRY_SERVER を設定するか、先に &apos;ferryctl login&apos; を実行してください</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// server URL</source>
        <translation>&apos;%1&apos; は http:// または https:// のサーバー URL ではありません</translation>
    </message>
    <message>
        <source>no password for %1 at %2 (%3); pass --password-stdin, set FERRY_PASSWORD, or run &apos;ferryctl login&apos;</source>
        <translation>%2 の %1 のパスワードがありません (%3)。--password-stdin を渡すか、FERRY_PASSWORD を設定するか、&apos;ferryctl login&apos; を実行してください</translation>
    </message>
    <message>
        <source>no PEM certificate could be read from &apos;%1&apos;</source>
        <translation>&apos;%1&apos; から PEM 証明書を読み取れませんでした</translation>
    </message>
    <message>
        <source>%1 needs confirmation and stdin is not a terminal; pass --yes to confirm</source>
        <translation>%1 には確認が必要ですが、標準入力が端末ではありません。確認するには --yes を渡してください</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>不明なコマンド &apos;%1&apos; です</translation>
    </message>
    <message>
        <source>a command is needed</source>
        <translation>コマンドが必要です</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a command</source>
        <translation>&apos;%1&apos; にはコマンドが必要です</translation>
    </message>
    <message>
        <source>output format &apos;%1&apos; is not json or table</source>
        <translation>出力形式 &apos;%1&apos; は json でも table でもありません</translation>
    </message>
    <message>
        <source>&apos;--%1 %2&apos; needs at least one action after the name, e.g. --%1 %2 content/read</source>
        <translation>&apos;--%1 %2&apos; には名前の後に 1 つ以上のアクションが必要です (例: --%1 %2 content/read)</translation>
    </message>
    <message>
        <source>give --expiration or --expiration-in-days, not both</source>
        <translation>--expiration と --expiration-in-days は、どちらか一方だけを指定してください</translation>
    </message>
    <message>
        <source>--expiration-in-days needs a whole number of days, 1 or more</source>
        <translation>--expiration-in-days には 1 以上の整数の日数が必要です</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>確認を求めません。</translation>
    </message>
    <message>
        <source>A new sync token password was generated. It is in the connection string below, shown only this once: save it now.</source>
        <translation>新しい同期トークンのパスワードが生成されました。以下の接続文字列に含まれています。表示されるのはこの 1 回だけなので、今すぐ保存してください。</translation>
    </message>
    <message>
        <source>No password was generated; the string holds a placeholder. Use --generate-password 1|2 for a usable string.</source>
        <translation>パスワードは生成されていないため、この文字列にはプレースホルダーが入っています。使用できる文字列を得るには --generate-password 1|2 を使ってください。</translation>
    </message>
    <message>
        <source>Login server:</source>
        <translation>ログイン サーバー:</translation>
    </message>
    <message>
        <source>Connection string:</source>
        <translation>接続文字列:</translation>
    </message>
    <message>
        <source>--parent-protocol must be http or https, not &apos;%1&apos;</source>
        <translation>--parent-protocol は http か https である必要があります (&apos;%1&apos; は使用できません)</translation>
    </message>
    <message>
        <source>--generate-password must be 1 or 2, not &apos;%1&apos;</source>
        <translation>--generate-password は 1 か 2 である必要があります (&apos;%1&apos; は使用できません)</translation>
    </message>
    <message>
        <source>REPOSITORY</source>
        <translation>リポジトリ</translation>
    </message>
    <message>
        <source>SYNC SCOPE MAP ACTIONS</source>
        <translation>同期スコープ マップのアクション</translation>
    </message>
    <message>
        <source>nothing to update: give --add REPO... or --remove REPO...</source>
        <translation>更新する内容がありません: --add REPO... または --remove REPO... を指定してください</translation>
    </message>
    <message>
        <source>Connected registry name.</source>
        <translation>接続済みレジストリの名前。</translation>
    </message>
    <message>
        <source>Print the connection string an on-premises registry is started with.</source>
        <translation>オンプレミスのレジストリの起動に使う接続文字列を表示します。</translation>
    </message>
    <message>
        <source>Protocol to reach the parent with.</source>
        <translation>親に接続するときのプロトコル。</translation>
    </message>
    <message>
        <source>Generate a new sync token password in that slot (shown once).</source>
        <translation>そのスロットに新しい同期トークンのパスワードを生成します (表示は 1 回だけ)。</translation>
    </message>
    <message>
        <source>List the client tokens a connected registry accepts.</source>
        <translation>接続済みレジストリが受け付けるクライアント トークンを一覧表示します。</translation>
    </message>
    <message>
        <source>Show the repositories a connected registry syncs.</source>
        <translation>接続済みレジストリが同期するリポジトリを表示します。</translation>
    </message>
    <message>
        <source>Add repositories (also to every ancestor) or remove them (also from every descendant).</source>
        <translation>リポジトリを追加 (すべての祖先にも追加) または削除 (すべての子孫からも削除) します。</translation>
    </message>
    <message>
        <source>Repositories to add.</source>
        <translation>追加するリポジトリ。</translation>
    </message>
    <message>
        <source>Repositories to remove.</source>
        <translation>削除するリポジトリ。</translation>
    </message>
    <message>
        <source>--%1 must be one of %2, not &apos;%3&apos;</source>
        <translation>--%1 は %2 のいずれかである必要があります (&apos;%3&apos; は使用できません)</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>アクティブ化</translation>
    </message>
    <message>
        <source>Sync token</source>
        <translation>同期トークン</translation>
    </message>
    <message>
        <source>Sync schedule</source>
        <translation>同期スケジュール</translation>
    </message>
    <message>
        <source>Sync window</source>
        <translation>同期ウィンドウ</translation>
    </message>
    <message>
        <source>Message TTL</source>
        <translation>メッセージ TTL</translation>
    </message>
    <message>
        <source>Client tokens</source>
        <translation>クライアント トークン</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>ログ レベル</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Status:        %1 %2: %3</source>
        <translation>状態:          %1 %2: %3</translation>
    </message>
    <message>
        <source>nothing to update: give client tokens, sync, logging or notification options</source>
        <translation>更新する内容がありません: クライアント トークン、同期、ログ、通知のいずれかのオプションを指定してください</translation>
    </message>
    <message>
        <source>connected registry</source>
        <translation>接続済みレジストリ</translation>
    </message>
    <message>
        <source>Deactivating %1 &apos;%2&apos;</source>
        <translation>%1 &apos;%2&apos; を非アクティブ化します</translation>
    </message>
    <message>
        <source>Deactivated connected registry &apos;%1&apos;; it can be deployed again.</source>
        <translation>接続済みレジストリ &apos;%1&apos; を非アクティブ化しました。再びデプロイできます。</translation>
    </message>
    <message>
        <source>Mode, fixed at creation (Registry and Mirror also accepted).</source>
        <translation>モード。作成時に決まり、後から変更できません (Registry と Mirror も指定できます)。</translation>
    </message>
    <message>
        <source>Parent connected registry (default: the root).</source>
        <translation>親の接続済みレジストリ (既定: ルート)。</translation>
    </message>
    <message>
        <source>Create a connected registry under the root or another connected registry.</source>
        <translation>ルートまたは別の接続済みレジストリの下に接続済みレジストリを作成します。</translation>
    </message>
    <message>
        <source>Change a connected registry&apos;s client tokens, sync, logging or notifications.</source>
        <translation>接続済みレジストリのクライアント トークン、同期、ログ、通知を変更します。</translation>
    </message>
    <message>
        <source>List connected registries (the whole subtree unless --no-children).</source>
        <translation>接続済みレジストリを一覧表示します (--no-children を指定しない限りサブツリー全体)。</translation>
    </message>
    <message>
        <source>Only the direct children of --parent (or of the root).</source>
        <translation>--parent (またはルート) の直接の子だけ。</translation>
    </message>
    <message>
        <source>Show one connected registry.</source>
        <translation>接続済みレジストリを 1 つ表示します。</translation>
    </message>
    <message>
        <source>Delete a connected registry.</source>
        <translation>接続済みレジストリを削除します。</translation>
    </message>
    <message>
        <source>Also remove its sync token and scope map and its gateway actions from every ancestor.</source>
        <translation>その同期トークンとスコープ マップ、およびすべての祖先にあるゲートウェイ アクションも削除します。</translation>
    </message>
    <message>
        <source>Deactivate a deployed connected registry so it can be deployed again.</source>
        <translation>デプロイ済みの接続済みレジストリを非アクティブ化し、再びデプロイできるようにします。</translation>
    </message>
    <message>
        <source>can&apos;t read the saved password from the keychain</source>
        <translation>保存されたパスワードをキーチェーンから読み取れません</translation>
    </message>
    <message>
        <source>can&apos;t store the password in the keychain</source>
        <translation>パスワードをキーチェーンに保存できません</translation>
    </message>
    <message>
        <source>can&apos;t remove the password from the keychain</source>
        <translation>パスワードをキーチェーンから削除できません</translation>
    </message>
    <message>
        <source>give the server: --server URL (or FERRY_SERVER)</source>
        <translation>サーバーを指定してください: --server URL (または FERRY_SERVER)</translation>
    </message>
    <message>
        <source>give the password on stdin with --password-stdin (it is never taken as an argument, where others could see it)</source>
        <translation>パスワードは --password-stdin を付けて標準入力から渡してください (他のユーザーから見えてしまうため、引数では受け付けません)</translation>
    </message>
    <message>
        <source>the password read from stdin is empty</source>
        <translation>標準入力から読み取ったパスワードが空です</translation>
    </message>
    <message>
        <source>Logged in to %1 as %2.</source>
        <translation>%2 として %1 にログインしました。</translation>
    </message>
    <message>
        <source>Not logged in.</source>
        <translation>ログインしていません。</translation>
    </message>
    <message>
        <source>Logged out of %1 (%2).</source>
        <translation>%1 (%2) からログアウトしました。</translation>
    </message>
    <message>
        <source>Check and save a server and admin credentials (password in the OS keychain).</source>
        <translation>サーバーと管理者の資格情報を確認して保存します (パスワードは OS のキーチェーンに保存)。</translation>
    </message>
    <message>
        <source>Forget the saved login and remove its password from the keychain.</source>
        <translation>保存されたログインを消去し、そのパスワードをキーチェーンから削除します。</translation>
    </message>
    <message>
        <source>never expires</source>
        <translation>有効期限なし</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>有効期限 %1</translation>
    </message>
    <message>
        <source>error: %1: %2</source>
        <translation>エラー: %1: %2</translation>
    </message>
    <message>
        <source> (field: %1)</source>
        <translation> (フィールド: %1)</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>エラー: %1</translation>
    </message>
    <message>
        <source>hint: run &apos;%1&apos; for the usage.</source>
        <translation>ヒント: 使用法は &apos;%1&apos; で確認できます。</translation>
    </message>
    <message>
        <source>MODE</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>CONNECTION STATE</source>
        <translation>接続状態</translation>
    </message>
    <message>
        <source>PARENT</source>
        <translation>親</translation>
    </message>
    <message>
        <source>LOGIN SERVER</source>
        <translation>ログイン サーバー</translation>
    </message>
    <message>
        <source>LAST SYNC (UTC)</source>
        <translation>最終同期 (UTC)</translation>
    </message>
    <message>
        <source>SCOPE MAP</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>CREATED (UTC)</source>
        <translation>作成日時 (UTC)</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>ACTIONS</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>DESCRIPTION</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Save these passwords now: they are shown only this once and can&apos;t be read back.</source>
        <translation>これらのパスワードを今すぐ保存してください。表示されるのはこの 1 回だけで、後から読み出すことはできません。</translation>
    </message>
    <message>
        <source>  username:  </source>
        <translation>  ユーザー名:  </translation>
    </message>
    <message>
        <source>expires %1 UTC</source>
        <translation>有効期限 %1 UTC</translation>
    </message>
    <message>
        <source>Deleting %1 &apos;%2&apos;</source>
        <translation>%1 &apos;%2&apos; を削除します</translation>
    </message>
    <message>
        <source>Deleted %1 &apos;%2&apos;.</source>
        <translation>%1 &apos;%2&apos; を削除しました。</translation>
    </message>
    <message>
        <source>Description, at most 256 characters.</source>
        <translation>説明 (256 文字以内)。</translation>
    </message>
    <message>
        <source>give at least one --repository or --gateway</source>
        <translation>--repository または --gateway を 1 つ以上指定してください</translation>
    </message>
    <message>
        <source>nothing to update: give --description or repository/gateway actions</source>
        <translation>更新する内容がありません: --description か、リポジトリまたはゲートウェイのアクションを指定してください</translation>
    </message>
    <message>
        <source>--repository/--gateway replace every action; don&apos;t combine them with --add-*/--remove-*</source>
        <translation>--repository/--gateway はすべてのアクションを置き換えます。--add-*/--remove-* と組み合わせないでください</translation>
    </message>
    <message>
        <source>scope map</source>
        <translation>スコープ マップ</translation>
    </message>
    <message>
        <source>Scope map name.</source>
        <translation>スコープ マップの名前。</translation>
    </message>
    <message>
        <source>Create a scope map.</source>
        <translation>スコープ マップを作成します。</translation>
    </message>
    <message>
        <source>Repository and its actions (content/read, ...); repeatable.</source>
        <translation>リポジトリとそのアクション (content/read など)。複数回指定できます。</translation>
    </message>
    <message>
        <source>Connected registry and its gateway actions; repeatable.</source>
        <translation>接続済みレジストリとそのゲートウェイ アクション。複数回指定できます。</translation>
    </message>
    <message>
        <source>Change a scope map&apos;s description or actions.</source>
        <translation>スコープ マップの説明またはアクションを変更します。</translation>
    </message>
    <message>
        <source>Replace every action.</source>
        <translation>すべてのアクションを置き換えます。</translation>
    </message>
    <message>
        <source>Add repository actions.</source>
        <translation>リポジトリのアクションを追加します。</translation>
    </message>
    <message>
        <source>Remove repository actions.</source>
        <translation>リポジトリのアクションを削除します。</translation>
    </message>
    <message>
        <source>Add gateway actions.</source>
        <translation>ゲートウェイ アクションを追加します。</translation>
    </message>
    <message>
        <source>Remove gateway actions.</source>
        <translation>ゲートウェイ アクションを削除します。</translation>
    </message>
    <message>
        <source>List scope maps.</source>
        <translation>スコープ マップを一覧表示します。</translation>
    </message>
    <message>
        <source>Show one scope map.</source>
        <translation>スコープ マップを 1 つ表示します。</translation>
    </message>
    <message>
        <source>Delete a scope map.</source>
        <translation>スコープ マップを削除します。</translation>
    </message>
    <message>
        <source>--status must be enabled or disabled, not &apos;%1&apos;</source>
        <translation>--status は enabled か disabled である必要があります (&apos;%1&apos; は使用できません)</translation>
    </message>
    <message>
        <source>give either --scope-map or --repository/--gateway actions</source>
        <translation>--scope-map か、--repository/--gateway のアクションのどちらかを指定してください</translation>
    </message>
    <message>
        <source>--no-passwords and an expiration contradict each other</source>
        <translation>--no-passwords と有効期限は同時に指定できません</translation>
    </message>
    <message>
        <source>token &apos;%1&apos; was created without passwords; run &apos;ferryctl token credential generate -n %1&apos; to make them</source>
        <translation>トークン &apos;%1&apos; はパスワードなしで作成されました。パスワードを作成するには &apos;ferryctl token credential generate -n %1&apos; を実行してください</translation>
    </message>
    <message>
        <source>nothing to update: give --scope-map or --status</source>
        <translation>更新する内容がありません: --scope-map または --status を指定してください</translation>
    </message>
    <message>
        <source>token</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>say which password to delete: --password1, --password2 or both</source>
        <translation>削除するパスワードを指定してください: --password1、--password2、またはその両方</translation>
    </message>
    <message>
        <source>Deleted %1 of token &apos;%2&apos;.</source>
        <translation>トークン &apos;%2&apos; の %1 を削除しました。</translation>
    </message>
    <message>
        <source>Token name (the docker username).</source>
        <translation>トークンの名前 (docker のユーザー名)。</translation>
    </message>
    <message>
        <source>Scope map the token uses.</source>
        <translation>トークンが使用するスコープ マップ。</translation>
    </message>
    <message>
        <source>Token status.</source>
        <translation>トークンの状態。</translation>
    </message>
    <message>
        <source>When the passwords expire (default: never).</source>
        <translation>パスワードの有効期限 (既定: 無期限)。</translation>
    </message>
    <message>
        <source>Passwords expire N days from now.</source>
        <translation>パスワードの有効期限を今から N 日後にします。</translation>
    </message>
    <message>
        <source>The password1 slot.</source>
        <translation>password1 スロット。</translation>
    </message>
    <message>
        <source>The password2 slot.</source>
        <translation>password2 スロット。</translation>
    </message>
    <message>
        <source>Create a token and, unless --no-passwords, both of its passwords.</source>
        <translation>トークンを作成し、--no-passwords を指定しない限り、その 2 つのパスワードも作成します。</translation>
    </message>
    <message>
        <source>Instead of --scope-map: make &lt;token&gt;-scope-map with these actions.</source>
        <translation>--scope-map の代わりに、これらのアクションで &lt;token&gt;-scope-map を作成します。</translation>
    </message>
    <message>
        <source>Gateway actions for &lt;token&gt;-scope-map.</source>
        <translation>&lt;token&gt;-scope-map のゲートウェイ アクション。</translation>
    </message>
    <message>
        <source>Create the token without passwords.</source>
        <translation>パスワードなしでトークンを作成します。</translation>
    </message>
    <message>
        <source>Change a token&apos;s scope map or status.</source>
        <translation>トークンのスコープ マップまたは状態を変更します。</translation>
    </message>
    <message>
        <source>List tokens.</source>
        <translation>トークンを一覧表示します。</translation>
    </message>
    <message>
        <source>Show one token.</source>
        <translation>トークンを 1 つ表示します。</translation>
    </message>
    <message>
        <source>Delete a token.</source>
        <translation>トークンを削除します。</translation>
    </message>
    <message>
        <source>Generate password1, password2 or both (shown once).</source>
        <translation>password1、password2、またはその両方を生成します (表示は 1 回だけ)。</translation>
    </message>
    <message>
        <source>Delete password1, password2 or both.</source>
        <translation>password1、password2、またはその両方を削除します。</translation>
    </message>
    <message>
        <source>TIME (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>EVENT</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>REVISION</source>
        <translation>リビジョン</translation>
    </message>
    <message>
        <source>Reconnected; Ctrl-C stops.</source>
        <translation>再接続しました。Ctrl-C で停止します。</translation>
    </message>
    <message>
        <source>Reconnected after event %1; Ctrl-C stops.</source>
        <translation>イベント %1 以降から再接続しました。Ctrl-C で停止します。</translation>
    </message>
    <message>
        <source>Watching events; Ctrl-C stops.</source>
        <translation>イベントを監視しています。Ctrl-C で停止します。</translation>
    </message>
    <message>
        <source>Watching events after event %1; Ctrl-C stops.</source>
        <translation>イベント %1 以降のイベントを監視しています。Ctrl-C で停止します。</translation>
    </message>
    <message>
        <source>the stream ended</source>
        <translation>ストリームが終了しました</translation>
    </message>
    <message>
        <source>the server closed the stream</source>
        <translation>サーバーがストリームを閉じました</translation>
    </message>
    <message>
        <source>Connection lost (%1); reconnecting in %2 ms.</source>
        <translation>接続が切れました (%1)。%2 ミリ秒後に再接続します。</translation>
    </message>
    <message>
        <source>The server no longer has every event since the last one seen; reload the current state.</source>
        <translation>サーバーには最後に受信したイベント以降のすべてのイベントが残っていません。現在の状態を読み込み直してください。</translation>
    </message>
    <message>
        <source>--%1 needs a whole number of at least %2, not &apos;%3&apos;</source>
        <translation>--%1 には %2 以上の整数が必要です (&apos;%3&apos; は使用できません)</translation>
    </message>
    <message>
        <source>Print changes of connected registries, tokens and scope maps as they happen, until Ctrl-C.</source>
        <translation>接続済みレジストリ、トークン、スコープ マップの変更を、Ctrl-C で止めるまで発生するたびに表示します。</translation>
    </message>
    <message>
        <source>First replay every event after N (the id of the last one seen).</source>
        <translation>最初に N (最後に受信したイベントの ID) より後のすべてのイベントを再生します。</translation>
    </message>
    <message>
        <source>Exit after N events.</source>
        <translation>N 件のイベントの後に終了します。</translation>
    </message>
    <message>
        <source>Replace password%1 of the sync token of &apos;%2&apos;? The registry using it must be restarted with the new string</source>
        <translation>接続済みレジストリ &apos;%2&apos; の同期トークンの password%1 を置き換えますか? それを使うレジストリは新しい接続文字列で再起動する必要があります</translation>
    </message>
    <message>
        <source>Resync requested for connected registry &apos;%1&apos;; it is carried out when the registry next hears from its parent (the request expires %2).</source>
        <translation>接続済みレジストリ &apos;%1&apos; の再同期を要求しました。レジストリが次に親と通信したときに実行されます (要求の有効期限: %2)。</translation>
    </message>
    <message>
        <source>Make a connected registry check all its content against its parent again and fetch what it lacks.</source>
        <translation>接続済みレジストリのすべてのコンテンツを親とあらためて照合し、不足しているものを取得させます。</translation>
    </message>
    <message>
        <source>Replace %1 of token &apos;%2&apos;? Clients using it will be refused</source>
        <translation>トークン &apos;%2&apos; の %1 を置き換えますか? それを使うクライアントは拒否されます</translation>
    </message>
    <message>
        <source>both passwords</source>
        <translation>両方のパスワード</translation>
    </message>
    <message>
        <source>Delete %1 of token &apos;%2&apos;? Clients using it will be refused</source>
        <translation>トークン &apos;%2&apos; の %1 を削除しますか? それを使うクライアントは拒否されます</translation>
    </message>
    <message>
        <source> and </source>
        <translation> と </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console for Ferry container registries.
Credentials come from FERRY_USERNAME (default admin) and FERRY_PASSWORD, else from the OS keychain.</source>
        <translation>Ferry コンテナー レジストリのデスクトップ コンソールです。
資格情報は FERRY_USERNAME (既定値 admin) と FERRY_PASSWORD から、それがなければ OS のキーチェーンから取得します。</translation>
    </message>
    <message>
        <source>Connect to the ferryd at URL instead of starting one.</source>
        <translation>ferryd を起動する代わりに、URL の ferryd に接続します。</translation>
    </message>
    <message>
        <source>Data folder for the bundled ferryd (default: %1).</source>
        <translation>同梱の ferryd のデータ フォルダー (既定値: %1)。</translation>
    </message>
    <message>
        <source>Language of the console: ja, en or system (default: the saved choice, else the system&apos;s).</source>
        <translation>コンソールの言語: ja、en、system のいずれか (既定値: 保存済みの選択、なければシステムの言語)。</translation>
    </message>
</context>
</TS>
