<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
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
</context>
</TS>
