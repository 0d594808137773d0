// Grants: Docker token scopes parsed from requests, intersected with what the
// scope map allows when a token is issued, and CallerGrant's per-request
// decision for admin, anonymous and token callers, with and without the
// scopes a bearer token carries.

#include "access/grants.h"

#include "domain/actions.h"

#include <QtTest>

using namespace ferry;
using namespace ferry::access;
using auth::Action;

namespace {

struct Fixture {
    AccessState state;

    void addScopeMap(const QString& name, const QStringList& actions) {
        ScopeMapRecord record;
        record.scopeMap.name = name;
        record.scopeMap.actions = actions;
        const auto parsed = parseActions(actions);
        if (!parsed.ok())
            qFatal("bad actions in fixture");
        record.actions = parsed.value();
        state.scopeMaps.insert(name.toLower(), record);
    }

    void addToken(const QString& name, const QString& scopeMap,
                  TokenStatus status = TokenStatus::Enabled) {
        TokenRecord record;
        record.token.name = name;
        record.token.scopeMap = scopeMap;
        record.token.status = status;
        state.tokens.insert(name, record);
    }

    CallerGrant grant(Identity::Kind kind, const QString& name = {},
                      std::optional<std::vector<ScopeGrant>> scopes = std::nullopt) const {
        Identity identity;
        identity.kind = kind;
        identity.name = name;
        return CallerGrant(std::make_shared<const AccessState>(state), identity, std::move(scopes));
    }
};

Fixture standardFixture() {
    Fixture f;
    f.addScopeMap("TeamMap",
                  {"repositories/team/*/content/read", "repositories/team/*/metadata/read",
                   "repositories/team/app/content/write"});
    f.addScopeMap("everything", {"repositories/*/content/read", "repositories/*/content/write",
                                 "repositories/*/content/delete", "repositories/*/metadata/read",
                                 "repositories/*/metadata/write"});
    f.addToken("ci", "teammap"); // scope map names match without regard to case
    f.addToken("root", "everything");
    f.addToken("off", "everything", TokenStatus::Disabled);
    f.addToken("orphan", "no-such-map");
    return f;
}

std::vector<std::string> actionsOf(const std::vector<ScopeGrant>& grants, size_t index) {
    return index < grants.size() ? grants[index].actions : std::vector<std::string>{"<missing>"};
}

using Actions = std::vector<std::string>;

} // namespace

class TestGrants : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseScopesForms() {
        const auto grants =
            parseScopes({"repository:team/app:pull,push", "registry:catalog:*",
                         "repository:a:pull repository:b:delete", "repository:host:5000/c:pull"});
        QCOMPARE(grants.size(), size_t(5));
        QCOMPARE(grants[0].type, std::string("repository"));
        QCOMPARE(grants[0].name, std::string("team/app"));
        QCOMPARE(grants[0].actions, (Actions{"pull", "push"}));
        QCOMPARE(grants[1].type, std::string("registry"));
        QCOMPARE(grants[1].name, std::string("catalog"));
        QCOMPARE(grants[1].actions, (Actions{"*"}));
        QCOMPARE(grants[2].name, std::string("a"));
        QCOMPARE(grants[3].name, std::string("b"));
        QCOMPARE(grants[3].actions, (Actions{"delete"}));
        QCOMPARE(grants[4].name,
                 std::string("host:5000/c")); // the last colon splits off the actions
    }

    void parseScopesDropsMalformed_data() {
        QTest::addColumn<QString>("scope");
        QTest::newRow("empty") << "";
        QTest::newRow("no colon") << "repository";
        QTest::newRow("one colon") << "repository:a";
        QTest::newRow("unknown type") << "image:a:pull";
        QTest::newRow("empty name") << "repository::pull";
        QTest::newRow("spaces only") << "   ";
    }

    void parseScopesDropsMalformed() {
        QFETCH(QString, scope);
        QVERIFY(parseScopes({scope.toStdString()}).empty());
        // ...without taking a valid neighbour down with it.
        const auto grants = parseScopes({scope.toStdString() + " repository:ok:pull"});
        QCOMPARE(grants.size(), size_t(1));
        QCOMPARE(grants[0].name, std::string("ok"));
    }

    void parseScopesEmptyActions() {
        const auto grants = parseScopes({"repository:a:", "repository:b:pull,,push,"});
        QCOMPARE(grants.size(), size_t(2));
        QVERIFY(grants[0].actions.empty());
        QCOMPARE(grants[1].actions, (Actions{"pull", "push"}));
    }

    void adminWithoutBearerScopes() {
        const Fixture f = standardFixture();
        const auto admin = f.grant(Identity::Kind::Admin, "admin");
        for (const Action action : {Action::Pull, Action::Push, Action::Delete,
                                    Action::MetadataRead, Action::MetadataWrite})
            QVERIFY(admin.allows("any/repo", action));
        QCOMPARE(admin.subject(), std::string("admin"));
    }

    void bearerScopesNarrowAdmin() {
        const Fixture f = standardFixture();
        const auto admin =
            f.grant(Identity::Kind::Admin, "admin", parseScopes({"repository:a:pull"}));
        QVERIFY(admin.allows("a", Action::Pull));
        QVERIFY(admin.allows("a", Action::MetadataRead)); // tags ride with pull
        QVERIFY(!admin.allows("a", Action::Push));
        QVERIFY(!admin.allows("a", Action::MetadataWrite));
        QVERIFY(!admin.allows("b", Action::Pull));
        QVERIFY(!admin.allows("a/b", Action::Pull)); // scopes name exact repositories
        QVERIFY(admin.scopeMapAllows("b", Action::Delete));
        const auto starred =
            f.grant(Identity::Kind::Admin, "admin", parseScopes({"repository:a:*"}));
        QVERIFY(starred.allows("a", Action::Delete));
        QVERIFY(starred.allows("a", Action::MetadataWrite));
        const auto none = f.grant(Identity::Kind::Admin, "admin", std::vector<ScopeGrant>{});
        QVERIFY(!none.allows("a", Action::Pull));
        // A registry scope does not open repositories.
        const auto catalog =
            f.grant(Identity::Kind::Admin, "admin", parseScopes({"registry:catalog:*"}));
        QVERIFY(!catalog.allows("catalog", Action::Pull));
    }

    void anonymous() {
        Fixture f = standardFixture();
        auto closed = f.grant(Identity::Kind::Anonymous);
        QVERIFY(!closed.allows("a", Action::Pull));
        QVERIFY(!closed.allows("a", Action::MetadataRead));
        QCOMPARE(closed.subject(), std::string("anonymous"));
        f.state.settings.anonymousPull = true;
        auto open = f.grant(Identity::Kind::Anonymous);
        QVERIFY(open.allows("a", Action::Pull));
        QVERIFY(open.allows("a", Action::MetadataRead));
        QVERIFY(!open.allows("a", Action::Push));
        QVERIFY(!open.allows("a", Action::Delete));
        QVERIFY(!open.allows("a", Action::MetadataWrite));
        auto scoped =
            f.grant(Identity::Kind::Anonymous, {}, parseScopes({"repository:a:pull,push"}));
        QVERIFY(scoped.allows("a", Action::Pull));
        QVERIFY(!scoped.allows("a", Action::Push)); // a scope cannot add what the settings deny
        QVERIFY(!scoped.allows("b", Action::Pull));
    }

    void tokenFollowsItsScopeMap() {
        const Fixture f = standardFixture();
        const auto ci = f.grant(Identity::Kind::Token, "ci");
        QCOMPARE(ci.subject(), std::string("ci"));
        QVERIFY(ci.allows("team/app", Action::Pull));
        QVERIFY(ci.allows("team/app", Action::Push));
        QVERIFY(ci.allows("team/lib", Action::Pull));
        QVERIFY(ci.allows("team/lib", Action::MetadataRead));
        QVERIFY(!ci.allows("team/lib", Action::Push));
        QVERIFY(!ci.allows("team/app", Action::Delete));
        QVERIFY(!ci.allows("team/app", Action::MetadataWrite));
        QVERIFY(!ci.allows("team", Action::Pull)); // team/* does not match team itself
        QVERIFY(!ci.allows("other", Action::Pull));
    }

    void tokenWithBearerScopes() {
        const Fixture f = standardFixture();
        const auto ci =
            f.grant(Identity::Kind::Token, "ci", parseScopes({"repository:team/app:pull"}));
        QVERIFY(ci.allows("team/app", Action::Pull));
        QVERIFY(
            !ci.allows("team/app", Action::Push)); // the map allows it, the token does not carry it
        QVERIFY(ci.scopeMapAllows("team/app", Action::Push));
        const auto wide = f.grant(Identity::Kind::Token, "ci", parseScopes({"repository:other:*"}));
        QVERIFY(
            !wide.allows("other", Action::Pull)); // the token carries it, the map does not allow it
    }

    void wildcardScopeMap() {
        const Fixture f = standardFixture();
        const auto root = f.grant(Identity::Kind::Token, "root");
        for (const Action action : {Action::Pull, Action::Push, Action::Delete,
                                    Action::MetadataRead, Action::MetadataWrite})
            QVERIFY(root.allows("x/y/z", action));
    }

    void disabledOrBrokenTokensGetNothing_data() {
        QTest::addColumn<QString>("token");
        QTest::newRow("disabled") << "off";
        QTest::newRow("scope map missing") << "orphan";
        QTest::newRow("token missing") << "ghost";
    }

    void disabledOrBrokenTokensGetNothing() {
        QFETCH(QString, token);
        const Fixture f = standardFixture();
        const auto grant = f.grant(Identity::Kind::Token, token);
        for (const Action action : {Action::Pull, Action::Push, Action::Delete,
                                    Action::MetadataRead, Action::MetadataWrite})
            QVERIFY(!grant.allows("team/app", action));
        QVERIFY(intersect(parseScopes({"repository:team/app:*"}), grant)[0].actions.empty());
    }

    void intersectDropsForbiddenActions() {
        const Fixture f = standardFixture();
        const auto ci = f.grant(Identity::Kind::Token, "ci");
        const auto granted =
            intersect(parseScopes({"repository:team/lib:pull,push,delete", "repository:team/app:*",
                                   "repository:other:pull", "registry:catalog:*"}),
                      ci);
        QCOMPARE(granted.size(), size_t(4)); // every request answered, even with nothing
        QCOMPARE(granted[0].name, std::string("team/lib"));
        QCOMPARE(actionsOf(granted, 0), (Actions{"pull"}));
        QCOMPARE(actionsOf(granted, 1),
                 (Actions{"pull", "push"})); // '*' becomes the allowed subset
        QCOMPARE(actionsOf(granted, 2), Actions{});
        QCOMPARE(granted[3].type, std::string("registry"));
        QCOMPARE(actionsOf(granted, 3), (Actions{"*"}));
        const auto root =
            intersect(parseScopes({"repository:a:*"}), f.grant(Identity::Kind::Token, "root"));
        QCOMPARE(actionsOf(root, 0), (Actions{"pull", "push", "delete"}));
        const auto unknown =
            intersect(parseScopes({"repository:a:pull,fly"}), f.grant(Identity::Kind::Admin));
        QCOMPARE(actionsOf(unknown, 0), (Actions{"pull"}));
    }

    void catalogOnlyForSignedInCallers() {
        Fixture f = standardFixture();
        f.state.settings.anonymousPull = true;
        const auto request = parseScopes({"registry:catalog:*", "repository:a:pull,push"});
        const auto anonymous = intersect(request, f.grant(Identity::Kind::Anonymous));
        QCOMPARE(actionsOf(anonymous, 0), Actions{});
        QCOMPARE(actionsOf(anonymous, 1), (Actions{"pull"}));
        QCOMPARE(actionsOf(intersect(request, f.grant(Identity::Kind::Admin, "admin")), 0),
                 (Actions{"*"}));
        const auto other =
            intersect(parseScopes({"registry:other:*"}), f.grant(Identity::Kind::Admin, "admin"));
        QCOMPARE(actionsOf(other, 0), Actions{});
    }

    void dockerActionNames() {
        QCOMPARE(dockerActionFor(Action::Pull), std::string_view("pull"));
        QCOMPARE(dockerActionFor(Action::MetadataRead), std::string_view("pull"));
        QCOMPARE(dockerActionFor(Action::Push), std::string_view("push"));
        QCOMPARE(dockerActionFor(Action::MetadataWrite), std::string_view("push"));
        QCOMPARE(dockerActionFor(Action::Delete), std::string_view("delete"));
    }
};

QTEST_GUILESS_MAIN(TestGrants)
#include "tst_grants.moc"
