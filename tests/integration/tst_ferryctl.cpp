// ferryctl end to end, part 1: usage errors, output formats, scope maps,
// tokens and their one-time passwords, and login through the OS keychain.
// The real ferryctl binary runs against the real ferryd. The login case needs
// a real Secret Service (scripts/test.sh provides gnome-keyring under
// dbus-run-session); without one it is skipped with the reason, never faked.

#include "ferryctlharness.h"
#include "toolrunner.h"

class TestFerryctl : public QObject {
    Q_OBJECT

    FerryctlHarness m_h;
    bool m_accessRoutes = false;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_h.start(), qPrintable(m_h.ferryd().errorString()));
        m_accessRoutes = m_h.routeExists(QStringLiteral("/api/v1/scope-maps")) &&
                         m_h.routeExists(QStringLiteral("/api/v1/tokens"));
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const QStringList& args, const char* message) {
            QTest::newRow(name) << args << QString::fromLatin1(message);
        };
        row("no command", {}, "a command is needed");
        row("unknown command", {"frobnicate"}, "unknown command");
        row("group without verb", {"token"}, "'token' needs a command");
        row("unknown option", {"scope-map", "list", "--colour"}, "unrecognized option");
        row("missing name", {"scope-map", "show"}, "'--name' is required");
        row("missing value", {"token", "show", "--name"}, "needs a value");
        row("bad output", {"token", "list", "-o", "yaml"}, "json or table");
        row("bad mode", {"connected-registry", "create", "-n", "edge1", "-m", "Sideways"},
            "ReadWrite, ReadOnly");
        row("bad password slot",
            {"connected-registry", "get-settings", "-n", "edge1", "--parent-protocol", "https",
             "--generate-password", "3"},
            "1 or 2");
        row("bad protocol",
            {"connected-registry", "get-settings", "-n", "edge1", "--parent-protocol", "ftp"},
            "http or https");
        row("repository without action",
            {"scope-map", "create", "-n", "maps1", "--repository", "app"}, "at least one action");
        row("neither scope map nor actions", {"token", "create", "-n", "token1"}, "--scope-map or");
        row("delete without a terminal", {"token", "delete", "-n", "token1"}, "--yes");
        row("status spelling", {"token", "update", "-n", "token1", "--status", "off"},
            "enabled or disabled");
        row("both expirations",
            {"token", "credential", "generate", "-n", "token1", "--expiration",
             "2040-01-01T00:00:00Z", "--expiration-in-days", "3"},
            "not both");
        row("credential delete needs a slot", {"token", "credential", "delete", "-n", "token1"},
            "--password1");
        row("nothing to update", {"connected-registry", "update", "-n", "edge1"},
            "nothing to update");
        row("no server", {"token", "list", "--server", "ftp://x"}, "not an http");
    }

    void usageErrorsExitTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CtlRun run = m_h.run(args);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(message.toUtf8()), qPrintable(run.describe()));
        QVERIFY2(run.err.contains("hint: run 'ferryctl"), qPrintable(run.describe()));
        QVERIFY(run.out.isEmpty());
    }

    void helpExitsZero() {
        const CtlRun run = m_h.run({"connected-registry", "create", "--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--sync-window"));
        QVERIFY(run.out.contains("--repository"));
    }

    void unreachableServerFails() {
        const CtlRun run = m_h.run({"token", "list", "--server", "http://127.0.0.1:1"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("CONNECTION_ERROR"), qPrintable(run.describe()));
    }

    void wrongPasswordFails() {
        const CtlRun run = m_h.run({"token", "list", "--password-stdin"}, "not-the-password\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("UNAUTHORIZED"), qPrintable(run.describe()));
    }

    void scopeMapLifecycle() {
        if (!m_accessRoutes)
            QSKIP("ferryd has no /api/v1/scope-maps or /api/v1/tokens route yet");
        QJsonObject map = m_h.json({"scope-map", "create", "-n", "App-Pull", "--description",
                                    "pull app", "--repository", "app", "content/read",
                                    "metadata/read", "--gateway", "edge1", "config/read"})
                              .toObject();
        QCOMPARE(map.value("name").toString(), QStringLiteral("app-pull"));
        QCOMPARE(map.value("actions").toArray().size(), 3);
        QVERIFY(
            map.value("actions").toArray().contains(QStringLiteral("gateway/edge1/config/read")));

        QVERIFY(m_h.refused(
            {"scope-map", "create", "-n", "app-pull", "--repository", "app", "content/read"},
            "ALREADY_EXISTS"));
        QVERIFY(m_h.refused(
            {"scope-map", "create", "-n", "bad-map", "--repository", "app", "content/fly"},
            "ACTION_INVALID"));
        QVERIFY(m_h.refused({"scope-map", "delete", "-n", "_repositories_pull", "--yes"},
                            "RULE_VIOLATION"));

        map = m_h.json({"scope-map", "update", "-n", "app-pull", "--add-repository", "web",
                        "content/read", "--remove-gateway", "edge1", "config/read"})
                  .toObject();
        QCOMPARE(map.value("actions").toArray().size(), 3);
        QVERIFY(map.value("actions").toArray().contains(
            QStringLiteral("repositories/web/content/read")));
        // --repository replaces every action (read, then PUT with If-Match).
        map = m_h.json({"scope-map", "update", "-n", "app-pull", "--repository", "only",
                        "content/read"})
                  .toObject();
        QCOMPARE(map.value("actions").toArray(),
                 QJsonArray{QStringLiteral("repositories/only/content/read")});
        QCOMPARE(map.value("description").toString(), QStringLiteral("pull app"));

        const QStringList listed = names(m_h.json({"scope-map", "list"}));
        QVERIFY(listed.contains(QStringLiteral("app-pull")));
        QVERIFY(listed.contains(QStringLiteral("_repositories_admin")));

        const CtlRun table = m_h.run({"scope-map", "show", "-n", "app-pull"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.startsWith("NAME"), qPrintable(table.describe()));
        QVERIFY(table.out.contains("repositories/only/content/read"));

        QCOMPARE(m_h.run({"scope-map", "delete", "-n", "app-pull", "-y"}).exitCode, 0);
        QVERIFY(m_h.refused({"scope-map", "show", "-n", "app-pull"}, "NOT_FOUND"));
    }

    void tokenLifecycleAndCredentials() {
        if (!m_accessRoutes)
            QSKIP("ferryd has no /api/v1/scope-maps or /api/v1/tokens route yet");
        // --repository makes <token>-scope-map on the fly, as the reference CLI does.
        const CtlRun created = m_h.run({"token", "create", "-n", "ci-pull", "--repository", "app",
                                        "content/read", "metadata/read", "-o", "json"});
        QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
        const QJsonObject token = created.json().toObject();
        QCOMPARE(token.value("scopeMap").toString(), QStringLiteral("ci-pull-scope-map"));
        QCOMPARE(token.value("username").toString(), QStringLiteral("ci-pull"));
        const QJsonArray passwords = token.value("passwords").toArray();
        QCOMPARE(passwords.size(), 2);
        const QString password1 = passwords.at(0).toObject().value("value").toString();
        QVERIFY(password1.size() >= 32);
        QVERIFY2(!created.err.contains(password1.toUtf8()), "a password leaked to stderr");

        // The password works once printed, and is never shown again.
        HttpClient http(m_h.ferryd().baseUrl());
        http.setBasicAuth(QStringLiteral("ci-pull"), password1);
        const QString tokenUrl =
            QStringLiteral("/oauth2/token?service=%1&scope=repository:app:pull")
                .arg(m_h.ferryd().hostPort());
        QCOMPARE(http.get(tokenUrl).status, 200);
        for (const QStringList& args :
             {QStringList{"token", "show", "-n", "ci-pull", "-o", "json"},
              QStringList{"token", "list"}, QStringList{"token", "list", "-o", "json"}}) {
            const CtlRun again = m_h.run(args);
            QCOMPARE(again.exitCode, 0);
            QVERIFY2(!again.out.contains(password1.toUtf8()), qPrintable(args.join(u' ')));
        }
        QVERIFY(
            m_h.refused({"token", "create", "-n", "ci-pull", "--scope-map", "_repositories_pull"},
                        "ALREADY_EXISTS"));
        QVERIFY(m_h.refused({"token", "create", "-n", "ghost-user", "--scope-map", "no-such-map"},
                            "NOT_FOUND"));

        // Table output: one clear block, each password exactly once.
        // --yes (and -y) as az users type it; without a terminal it is optional.
        const CtlRun table = m_h.run({"token", "credential", "generate", "-n", "ci-pull",
                                      "--password2", "--expiration-in-days", "30", "--yes"});
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        QVERIFY(table.out.contains("shown only this once"));
        static const QRegularExpression line(QStringLiteral("password2: (\\S+)  \\(expires "));
        const auto match = line.match(QString::fromUtf8(table.out));
        QVERIFY2(match.hasMatch(), qPrintable(table.describe()));
        QCOMPARE(table.out.count(match.captured(1).toUtf8()), 1);
        QVERIFY(!table.out.contains("password1:"));

        QJsonObject shown = m_h.json({"token", "show", "-n", "ci-pull"}).toObject();
        QVERIFY(!shown.value("credentials")
                     .toObject()
                     .value("password2")
                     .toObject()
                     .value("expiry")
                     .isNull());

        QCOMPARE(m_h.run({"token", "credential", "delete", "-n", "ci-pull", "--password1", "-y"})
                     .exitCode,
                 0);
        shown = m_h.json({"token", "update", "-n", "ci-pull", "--status", "disabled"}).toObject();
        QCOMPARE(shown.value("status").toString(), QStringLiteral("disabled"));
        QCOMPARE(http.get(tokenUrl).status, 401); // password1 deleted, and the token disabled
        QVERIFY(shown.value("credentials").toObject().value("password1").isNull());

        const QJsonObject bare = m_h.json({"token", "create", "-n", "no-pass", "--scope-map",
                                           "_repositories_pull", "--no-passwords"})
                                     .toObject();
        QVERIFY(!bare.contains("passwords"));
        QVERIFY(bare.value("credentials").toObject().value("password1").isNull());

        QVERIFY(m_h.refused({"scope-map", "delete", "-n", "ci-pull-scope-map", "-y"}, "IN_USE"));
        QCOMPARE(m_h.run({"token", "delete", "-n", "ci-pull", "-y"}).exitCode, 0);
        QCOMPARE(m_h.run({"token", "delete", "-n", "no-pass", "-y"}).exitCode, 0);
        QCOMPARE(m_h.run({"scope-map", "delete", "-n", "ci-pull-scope-map", "-y"}).exitCode, 0);
        QVERIFY(!names(m_h.json({"token", "list"})).contains(QStringLiteral("ci-pull")));
    }

    // On a terminal, a verb that replaces or deletes a password asks first
    // (a pseudo-terminal from script(1) stands in for a person).
    void destructiveVerbsAskOnATerminal() {
        QVERIFY(
            !m_h.json({"token", "create", "-n", "tty-token", "--scope-map", "_repositories_pull"})
                 .isUndefined());
        QVERIFY(
            !m_h.json({"token", "credential", "generate", "-n", "tty-token", "--password2", "-y"})
                 .isUndefined());
        const auto onTerminal = [&](const QByteArray& answer) {
            QProcess process;
            process.setProcessEnvironment(m_h.environment());
            process.start(QStringLiteral("script"),
                          {QStringLiteral("-qec"),
                           QStringLiteral(FERRYCTL_PATH) +
                               QStringLiteral(" token credential delete -n tty-token --password2"),
                           QStringLiteral("/dev/null")});
            if (!process.waitForStarted(10000))
                return CtlRun{};
            process.write(answer);
            if (!process.waitForFinished(60000))
                process.kill();
            CtlRun result;
            result.exitCode =
                process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
            result.out = process.readAllStandardOutput();
            return result;
        };
        const auto hasPassword2 = [&] {
            return !m_h.json({"token", "show", "-n", "tty-token"})
                        .toObject()
                        .value("credentials")
                        .toObject()
                        .value("password2")
                        .isNull();
        };
        const CtlRun declined = onTerminal("n\n");
        QVERIFY2(declined.out.contains("(y/N)"), declined.out.constData());
        QCOMPARE(declined.exitCode, 1);
        QVERIFY(hasPassword2());
        const CtlRun confirmed = onTerminal("y\n");
        QVERIFY2(confirmed.exitCode == 0, confirmed.out.constData());
        QVERIFY(!hasPassword2());
        QCOMPARE(m_h.run({"token", "delete", "-n", "tty-token", "--yes"}).exitCode, 0);
    }

    void loginUsesTheKeychain() {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session bus, so no Secret Service; run under scripts/test.sh");
        const ToolRun names = runTool(QStringLiteral("dbus-send"),
                                      {"--session", "--print-reply", "--dest=org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"});
        if (!names.ok() || !names.out.contains("org.freedesktop.secrets"))
            QSKIP("no Secret Service (org.freedesktop.secrets) on the session bus; run under "
                  "dbus-run-session -- scripts/with-keyring.sh");

        const QByteArray password = FerryctlHarness::kAdminPassword.toUtf8();
        CtlRun bad =
            m_h.run({"login", "--server", m_h.server(), "--password-stdin"}, "wrong\n", false);
        QVERIFY2(bad.exitCode == 1 && bad.err.contains("UNAUTHORIZED"), qPrintable(bad.describe()));

        const CtlRun login =
            m_h.run({"login", "--server", m_h.server(), "--username", "admin", "--password-stdin"},
                    password + '\n', false);
        // with-keyring.sh unlocks the login keyring with a fresh random password;
        // a keyring left in $HOME by an earlier run stays locked. That is the
        // environment, not ferryctl: say so instead of failing.
        if (login.exitCode == 1 && login.err.contains("locked collection"))
            QSKIP("the Secret Service's default collection is locked (a login.keyring from an "
                  "earlier run in ~/.local/share/keyrings); run with a fresh HOME");
        QVERIFY2(login.exitCode == 0, qPrintable(login.describe()));

        // QSettings has the server and user; the password is nowhere on disk in clear.
        const ToolRun grep = runTool(QStringLiteral("grep"),
                                     {"-rl", FerryctlHarness::kAdminPassword, m_h.configDir()});
        QVERIFY2(grep.exitCode == 1, qPrintable(QStringLiteral("password found in ") + grep.out));
        const ToolRun settings = runTool(QStringLiteral("grep"), {"-r", "server", m_h.configDir()});
        QVERIFY2(settings.out.contains(m_h.server().toUtf8()), qPrintable(settings.describe()));
        const QString secretTool = findTool(QStringLiteral("secret-tool"));
        if (!secretTool.isEmpty()) {
            const ToolRun lookup = runTool(secretTool, {"lookup", "server", "ferry", "user",
                                                        "ferry:" + m_h.server() + ":admin"});
            QVERIFY2(lookup.ok() && lookup.out.trimmed() == password,
                     qPrintable(lookup.describe()));
        }

        // No flags, no environment: the saved login and its keychain password.
        const CtlRun saved = m_h.run({"token", "list", "-o", "json"}, {}, false);
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.describe()));
        QVERIFY(saved.json().isArray());

        QCOMPARE(m_h.run({"logout"}, {}, false).exitCode, 0);
        const CtlRun after = m_h.run({"token", "list"}, {}, false);
        QCOMPARE(after.exitCode, 2); // no server known any more
        const CtlRun noPassword = m_h.run({"token", "list", "--server", m_h.server()}, {}, false);
        QVERIFY2(noPassword.exitCode == 1 && noPassword.err.contains("no password"),
                 qPrintable(noPassword.describe()));
    }
};

QTEST_GUILESS_MAIN(TestFerryctl)
#include "tst_ferryctl.moc"
