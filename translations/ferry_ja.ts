<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>Tr</name>
    <message>
        <source>can&apos;t store the password in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>can&apos;t remove the password from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferryctl</name>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrecognized option &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; needs a value (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; needs at least one value (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: ferryctl %1&lt;command&gt; [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: ferryctl %1 [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output format (default: table).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ferryd to manage (else FERRY_SERVER, else the saved login).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin user (else FERRY_USERNAME, else the saved login, else admin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from stdin (else FERRY_PASSWORD, else the keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip TLS certificate verification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the PEM certificates in FILE (a self-signed server).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the messages: ja, en, ... (else FERRY_LANG, else the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the option &apos;--%1&apos; is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no server: pass --server URL, set FERRY_SERVER, or run &apos;ferryctl login&apos; first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password for %1 at %2 (%3); pass --password-stdin, set FERRY_PASSWORD, or run &apos;ferryctl login&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no PEM certificate could be read from &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs confirmation and stdin is not a terminal; pass --yes to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a command is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output format &apos;%1&apos; is not json or table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;--%1 %2&apos; needs at least one action after the name, e.g. --%1 %2 content/read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --expiration or --expiration-in-days, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--expiration-in-days needs a whole number of days, 1 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new sync token password was generated. It is in the connection string below, shown only this once: save it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password was generated; the string holds a placeholder. Use --generate-password 1|2 for a usable string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login server:      </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection string: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--parent-protocol must be http or https, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--generate-password must be 1 or 2, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPOSITORY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SYNC SCOPE MAP ACTIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to update: give --add REPO... or --remove REPO...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected registry name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the connection string an on-premises registry is started with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol to reach the parent with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a new sync token password in that slot (shown once).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the client tokens a connected registry accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the repositories a connected registry syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add repositories (also to every ancestor) or remove them (also from every descendant).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories to add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be one of %2, not &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:        %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to update: give client tokens, sync, logging or notification options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivating %1 &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated connected registry &apos;%1&apos;; it can be deployed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode, fixed at creation (Registry and Mirror also accepted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent connected registry (default: the root).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a connected registry under the root or another connected registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a connected registry&apos;s client tokens, sync, logging or notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List connected registries (the whole subtree unless --no-children).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the direct children of --parent (or of the root).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one connected registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a connected registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also remove its sync token and scope map and its gateway actions from every ancestor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate a deployed connected registry so it can be deployed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>can&apos;t read the saved password from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the server: --server URL (or FERRY_SERVER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the password on stdin with --password-stdin (it is never taken as an argument, where others could see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password read from stdin is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in to %1 as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out of %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check and save a server and admin credentials (password in the OS keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the saved login and remove its password from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (field: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hint: run &apos;%1&apos; for the usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONNECTION STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PARENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOGIN SERVER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAST SYNC (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCOPE MAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CREATED (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACTIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DESCRIPTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save these passwords now: they are shown only this once and can&apos;t be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  username:  </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires %1 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting %1 &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1 &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description, at most 256 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give at least one --repository or --gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to update: give --description or repository/gateway actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--repository/--gateway replace every action; don&apos;t combine them with --add-*/--remove-*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope map name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a scope map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository and its actions (content/read, ...); repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected registry and its gateway actions; repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a scope map&apos;s description or actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace every action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add repository actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove repository actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add gateway actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove gateway actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List scope maps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one scope map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a scope map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--status must be enabled or disabled, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either --scope-map or --repository/--gateway actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--no-passwords and an expiration contradict each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token &apos;%1&apos; was created without passwords; run &apos;ferryctl token credential generate -n %1&apos; to make them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to update: give --scope-map or --status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say which password to delete: --password1, --password2 or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1 of token &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token name (the docker username).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope map the token uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the passwords expire (default: never).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords expire N days from now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password1 slot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password2 slot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a token and, unless --no-passwords, both of its passwords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instead of --scope-map: make &lt;token&gt;-scope-map with these actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway actions for &lt;token&gt;-scope-map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the token without passwords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a token&apos;s scope map or status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate password1, password2 or both (shown once).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete password1, password2 or both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EVENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REVISION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected; Ctrl-C stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected after event %1; Ctrl-C stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching events; Ctrl-C stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching events after event %1; Ctrl-C stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost (%1); reconnecting in %2 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer has every event since the last one seen; reload the current state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs a whole number of at least %2, not &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print changes of connected registries, tokens and scope maps as they happen, until Ctrl-C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First replay every event after N (the id of the last one seen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit after N events.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
