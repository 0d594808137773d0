// ferryctl end to end, part 2: connected registries. Builds a three-level
// hierarchy under the root (ReadWrite, ReadWrite child, ReadOnly grandchild)
// with the real ferryctl against the real ferryd, then exercises every verb
// and checks that each rule violation (DOMAIN.md "The hierarchy", "Sync
// tokens") comes back with the server's code and a non-zero exit.

#include "ferryctlharness.h"

#include <QRegularExpression>

class TestFerryctlRegistries : public QObject {
    Q_OBJECT

    FerryctlHarness m_h;

    QJsonObject show(const char* name) {
        return m_h.json({"connected-registry", "show", "-n", name}).toObject();
    }
    QStringList repositoriesOf(const char* name) {
        QStringList out;
        const QJsonObject p =
            m_h.json({"connected-registry", "permissions", "show", "-n", name}).toObject();
        for (const QJsonValue& v : p.value("repositories").toArray())
            out << v.toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_h.start(), qPrintable(m_h.ferryd().errorString()));
        if (!m_h.routeExists(QStringLiteral("/api/v1/connected-registries")))
            QSKIP("ferryd has no /api/v1/connected-registries route yet");
        // Client tokens used below.
        QVERIFY(!m_h.json({"token", "create", "-n", "client-one", "--scope-map",
                           "_repositories_pull", "--no-passwords"})
                     .isUndefined());
    }

    void buildHierarchy() {
        // "Registry" and "Mirror" are the reference's historical names.
        QJsonObject top =
            m_h.json({"connected-registry", "create", "-n", "edgeTop1", "-m", "Registry",
                      "--repository", "app", "web", "--client-tokens", "client-one"})
                .toObject();
        QCOMPARE(top.value("mode").toString(), QStringLiteral("ReadWrite"));
        QVERIFY(top.value("parent").isNull());
        QVERIFY(!top.value("sync").toObject().value("token").toString().isEmpty());

        QJsonObject child = m_h.json({"connected-registry", "create", "-n", "edgeChild1", "-m",
                                      "ReadWrite", "-p", "edgeTop1", "--repository", "app"})
                                .toObject();
        QCOMPARE(child.value("parent").toString(),
                 QStringLiteral("edgetop1")); // stored in lower case

        QJsonObject grandchild =
            m_h.json({"connected-registry", "create", "-n", "edgeGrand1", "-m", "Mirror", "-p",
                      "edgeChild1", "--repository", "app", "--sync-schedule", "0 */6 * * *",
                      "--sync-window", "PT2H", "--log-level", "Warning"})
                .toObject();
        QCOMPARE(grandchild.value("mode").toString(), QStringLiteral("ReadOnly"));
        QCOMPARE(grandchild.value("sync").toObject().value("window").toString(),
                 QStringLiteral("PT2H"));
        QCOMPARE(grandchild.value("logging").toObject().value("level").toString(),
                 QStringLiteral("Warning"));
    }

    void listsTheTree() {
        QCOMPARE(names(m_h.json({"connected-registry", "list"})).size(), 3);
        QCOMPARE(names(m_h.json({"connected-registry", "list", "--parent", "edgeTop1"})),
                 (QStringList{"edgechild1", "edgegrand1"}));
        QCOMPARE(names(m_h.json(
                     {"connected-registry", "list", "--parent", "edgeTop1", "--no-children"})),
                 QStringList{"edgechild1"});
        QCOMPARE(names(m_h.json({"connected-registry", "list", "--no-children"})),
                 QStringList{"edgetop1"});
        QCOMPARE(names(m_h.json({"connected-registry", "list", "--mode", "ReadOnly"})),
                 QStringList{"edgegrand1"});

        const CtlRun table = m_h.run({"connected-registry", "list"});
        QCOMPARE(table.exitCode, 0);
        const QList<QByteArray> lines = table.out.split('\n');
        QVERIFY2(lines.first().simplified() ==
                     "NAME MODE CONNECTION STATE PARENT LOGIN SERVER LAST SYNC (UTC)",
                 qPrintable(table.describe()));
        QVERIFY(table.out.contains("edgegrand1"));
        QVERIFY(table.out.contains("ReadOnly"));
    }

    void rulesAreRefusedWithTheServersMessage() {
        // A ReadOnly parent may only have ReadOnly children.
        QVERIFY(m_h.refused({"connected-registry", "create", "-n", "edgeBad1", "-m", "ReadWrite",
                             "-p", "edgeGrand1", "--repository", "app"},
                            "RULE_VIOLATION"));
        QVERIFY(m_h.refused({"connected-registry", "create", "-n", "e1", "--repository", "app"},
                            "NAME_INVALID"));
        QVERIFY(
            m_h.refused({"connected-registry", "create", "-n", "edgeTop1", "--repository", "app"},
                        "ALREADY_EXISTS"));
        QVERIFY(m_h.refused({"connected-registry", "create", "-n", "edgeOrphan1", "-p",
                             "noSuchParent", "--repository", "app"},
                            "NOT_FOUND"));
        // A scheduled sync needs a window of 1 hour to 7 days.
        QVERIFY(m_h.refused(
            {"connected-registry", "update", "-n", "edgeChild1", "--sync-schedule", "0 1 * * *"},
            "sync.window"));
        QVERIFY(m_h.refused({"connected-registry", "update", "-n", "edgeChild1", "--sync-schedule",
                             "0 1 * * *", "--sync-window", "P30D"},
                            "DURATION_OUT_OF_RANGE"));
        // A sync token can't be deleted while its connected registry exists.
        const QString syncToken =
            show("edgeChild1").value("sync").toObject().value("token").toString();
        QVERIFY(!syncToken.isEmpty());
        QVERIFY(m_h.refused({"token", "delete", "-n", syncToken, "-y"}, "IN_USE"));
        QVERIFY(m_h.refused({"connected-registry", "update", "-n", "edgeChild1",
                             "--add-client-tokens", "no-such-token"},
                            "NOT_FOUND"));
    }

    void updatesClientTokensAndNotifications() {
        QJsonObject r =
            m_h.json({"connected-registry", "update", "-n", "edgeChild1", "--add-client-tokens",
                      "client-one", "--add-notifications", "app:*:push"})
                .toObject();
        QCOMPARE(r.value("clientTokens").toArray(), QJsonArray{QStringLiteral("client-one")});
        QCOMPARE(r.value("notifications").toArray(), QJsonArray{QStringLiteral("app:*:push")});
        QCOMPARE(names(m_h.json({"connected-registry", "list-client-tokens", "-n", "edgeChild1"})),
                 QStringList{"client-one"});
        r = m_h.json({"connected-registry", "update", "-n", "edgeChild1", "--remove-client-tokens",
                      "client-one", "--remove-notifications", "app:*:push", "--sync-message-ttl",
                      "P7D"})
                .toObject();
        QVERIFY(r.value("clientTokens").toArray().isEmpty());
        QVERIFY(r.value("notifications").toArray().isEmpty());
        QCOMPARE(r.value("sync").toObject().value("messageTtl").toString(), QStringLiteral("P7D"));
    }

    void permissionsFlowThroughTheTree() {
        // Adding to the grandchild adds to every ancestor.
        QVERIFY(!m_h.json({"connected-registry", "permissions", "update", "-n", "edgeGrand1",
                           "--add", "newrepo"})
                     .isUndefined());
        QVERIFY(repositoriesOf("edgeGrand1").contains(QStringLiteral("newrepo")));
        QVERIFY(repositoriesOf("edgeChild1").contains(QStringLiteral("newrepo")));
        QVERIFY(repositoriesOf("edgeTop1").contains(QStringLiteral("newrepo")));
        // Removing from the top removes from every descendant.
        QVERIFY(!m_h.json({"connected-registry", "permissions", "update", "-n", "edgeTop1",
                           "--remove", "newrepo"})
                     .isUndefined());
        QVERIFY(!repositoriesOf("edgeTop1").contains(QStringLiteral("newrepo")));
        QVERIFY(!repositoriesOf("edgeGrand1").contains(QStringLiteral("newrepo")));
        QVERIFY(repositoriesOf("edgeGrand1").contains(QStringLiteral("app")));

        const CtlRun table =
            m_h.run({"connected-registry", "permissions", "show", "-n", "edgeTop1"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.startsWith("REPOSITORY"));
        QVERIFY(table.out.contains("web"));
    }

    void getSettingsPrintsAFreshPasswordOnce() {
        const QJsonObject placeholder = m_h.json({"connected-registry", "get-settings", "-n",
                                                  "edgeChild1", "--parent-protocol", "https"})
                                            .toObject();
        QCOMPARE(placeholder.value("passwordGenerated").toBool(true), false);

        const QJsonObject settings =
            m_h.json({"connected-registry", "get-settings", "-n", "edgeChild1", "--parent-protocol",
                      "https", "--generate-password", "1", "--yes"})
                .toObject();
        QVERIFY(settings.value("passwordGenerated").toBool());
        static const QRegularExpression format(
            QStringLiteral("^ConnectedRegistryName=edgechild1;SyncTokenName=([^;]+);"
                           "SyncTokenPassword=([A-Za-z0-9]{20,});"
                           "ParentGatewayEndpoint=([^;]+);ParentEndpointProtocol=https$"));
        const auto match = format.match(settings.value("connectionString").toString());
        QVERIFY2(match.hasMatch(), qPrintable(settings.value("connectionString").toString()));
        const QString password = match.captured(2);

        const CtlRun table = m_h.run({"connected-registry", "get-settings", "-n", "edgeChild1",
                                      "--parent-protocol", "http", "--generate-password", "2"});
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        QVERIFY(table.out.contains("shown only this once"));
        QVERIFY(table.out.contains("Connection string: ConnectedRegistryName=edgechild1;"));
        QVERIFY(!table.out.contains(password.toUtf8())); // a new password, not the old one
        QVERIFY(!m_h.run({"connected-registry", "show", "-n", "edgeChild1", "-o", "json"})
                     .out.contains(password.toUtf8()));
    }

    void deactivateAndDelete() {
        const QJsonObject r =
            m_h.json({"connected-registry", "deactivate", "-n", "edgeGrand1", "-y"}).toObject();
        QCOMPARE(r.value("activation").toString(), QStringLiteral("Inactive"));

        const CtlRun unconfirmed = m_h.run({"connected-registry", "delete", "-n", "edgeGrand1"});
        QCOMPARE(unconfirmed.exitCode, 2);
        QVERIFY(unconfirmed.err.contains("--yes"));

        const QString syncToken =
            show("edgeGrand1").value("sync").toObject().value("token").toString();
        const QJsonObject deleted =
            m_h.json({"connected-registry", "delete", "-n", "edgeGrand1", "--cleanup", "--yes"})
                .toObject();
        QVERIFY2(deleted.value("removed").toObject().value("tokens").toArray().contains(syncToken),
                 QJsonDocument(deleted).toJson().constData());
        QVERIFY(m_h.refused({"connected-registry", "show", "-n", "edgeGrand1"}, "NOT_FOUND"));
        QVERIFY(m_h.refused({"token", "show", "-n", syncToken}, "NOT_FOUND"));
        // Cleanup strips the gateway actions of the deleted registry from every ancestor.
        const QString topMap =
            m_h.json({"token", "show", "-n",
                      show("edgeTop1").value("sync").toObject().value("token").toString()})
                .toObject()
                .value("scopeMap")
                .toString();
        const QJsonObject map = m_h.json({"scope-map", "show", "-n", topMap}).toObject();
        for (const QJsonValue& action : map.value("actions").toArray())
            QVERIFY2(!action.toString().startsWith(QStringLiteral("gateway/edgegrand1/")),
                     qPrintable(action.toString()));

        const CtlRun table = m_h.run({"connected-registry", "delete", "-n", "edgeChild1", "-y"});
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        QVERIFY(table.out.contains("Deleted connected registry 'edgeChild1'"));
    }
};

QTEST_GUILESS_MAIN(TestFerryctlRegistries)
#include "tst_ferryctl_registries.moc"
