// Paging of the management lists against the real ferryd: `?n=` and `last=`
// with a `Link: <...>; rel="next"` header, as the OCI tags list pages, for
// tokens, scope maps and connected registries. Following the links yields
// every item exactly once, in order; filters travel with the link; a bad `n`
// is 400 PARAMETER_INVALID; without `n` the list comes whole, as before.

#include "accesskit.h"
#include "ferrydprocess.h"
#include "httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <algorithm>

namespace {

struct Page {
    int status = 0;
    QStringList names;
    QString next; // the Link target, or empty
    QString errorCode;
};

} // namespace

class TestManagementPaging : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tokensPageInOrderWithLinks();
    void lastNeedNotExist();
    void scopeMapsPage();
    void registryFiltersTravelWithTheLink();
    void subtreePagesByPosition();
    void badPageSizeIsRefused();

private:
    Page get(const QString& pathAndQuery);
    QStringList follow(const QString& first, int* pages);

    FerrydProcess m_ferryd;
    std::unique_ptr<accesskit::AdminApi> m_admin;
    QStringList m_tokens;
};

void TestManagementPaging::initTestCase() {
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    m_admin = std::make_unique<accesskit::AdminApi>(m_ferryd);
    for (int i = 0; i < 23; ++i) {
        const QString name = QStringLiteral("token-%1").arg(i, 3, 10, QLatin1Char('0'));
        const HttpReply reply = m_admin->call("PUT", "/api/v1/tokens/" + name,
                                              QJsonObject{{"scopeMap", "_repositories_pull"}});
        QCOMPARE(reply.status, 201);
        m_tokens << name;
    }
    for (const char* name : {"edgea", "edgeb", "edgec", "mirrora", "mirrorb"}) {
        QJsonObject body{
            {"mode", QString::fromLatin1(name).startsWith("mirror") ? "ReadOnly" : "ReadWrite"},
            {"repositories", QJsonArray{"app"}}};
        if (QString::fromLatin1(name).startsWith("mirror"))
            body.insert("parent", "edgea");
        QCOMPARE(m_admin->call("PUT", QStringLiteral("/api/v1/connected-registries/") + name, body)
                     .status,
                 201);
    }
}

Page TestManagementPaging::get(const QString& pathAndQuery) {
    Page page;
    const HttpReply reply = m_admin->call("GET", pathAndQuery);
    page.status = reply.status;
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    for (const QJsonValue& item : body.value("items").toArray())
        page.names << item.toObject().value("name").toString();
    page.errorCode = body.value("error").toObject().value("code").toString();
    const QString link = QString::fromUtf8(reply.header("Link"));
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^<([^>]+)>; rel=\"next\"$")).match(link);
    if (!link.isEmpty() && !match.hasMatch())
        qWarning() << "malformed Link" << link;
    page.next = match.captured(1);
    return page;
}

QStringList TestManagementPaging::follow(const QString& first, int* pages) {
    QStringList all;
    QString next = first;
    *pages = 0;
    while (!next.isEmpty() && *pages < 100) {
        const Page page = get(next);
        if (page.status != 200)
            return {QStringLiteral("HTTP %1").arg(page.status)};
        all += page.names;
        next = page.next;
        ++*pages;
    }
    return all;
}

void TestManagementPaging::tokensPageInOrderWithLinks() {
    // Without n: everything (the 23 and the registries' sync tokens), sorted, no link.
    const Page whole = get("/api/v1/tokens");
    QVERIFY(whole.next.isEmpty());
    for (const QString& name : m_tokens)
        QVERIFY(whole.names.contains(name));
    QStringList sorted = whole.names;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(whole.names, sorted);
    m_tokens = whole.names;

    const Page first = get("/api/v1/tokens?n=10");
    QCOMPARE(first.names, m_tokens.mid(0, 10));
    QCOMPARE(first.next, QStringLiteral("/api/v1/tokens?n=10&last=") + m_tokens.at(9));
    int pages = 0;
    QCOMPARE(follow("/api/v1/tokens?n=10", &pages), m_tokens);
    QCOMPARE(pages, 3); // 10 + 10 + 8, the last without a link

    const Page exact = get(QStringLiteral("/api/v1/tokens?n=%1").arg(m_tokens.size()));
    QCOMPARE(exact.names, m_tokens);
    QVERIFY(exact.next.isEmpty()); // nothing after it: no link
    QCOMPARE(get("/api/v1/tokens?n=0").names, QStringList());
}

void TestManagementPaging::lastNeedNotExist() {
    // A name deleted meanwhile (or never there) still places the page.
    const Page page = get("/api/v1/tokens?n=2&last=token-0105");
    QCOMPARE(page.names, (QStringList{"token-011", "token-012"}));
    QCOMPARE(get("/api/v1/tokens?last=token-021").names, QStringList{"token-022"});
}

void TestManagementPaging::scopeMapsPage() {
    const Page whole = get("/api/v1/scope-maps");
    QVERIFY(whole.names.size() >= 8); // system maps and each registry's sync map
    int pages = 0;
    QCOMPARE(follow("/api/v1/scope-maps?n=3", &pages), whole.names);
    QCOMPARE(pages, int((whole.names.size() + 2) / 3));
}

void TestManagementPaging::registryFiltersTravelWithTheLink() {
    const Page first = get("/api/v1/connected-registries?mode=ReadWrite&n=2");
    QCOMPARE(first.names, (QStringList{"edgea", "edgeb"}));
    QVERIFY2(first.next.contains("mode=ReadWrite"), qPrintable(first.next));
    const Page second = get(first.next);
    QCOMPARE(second.names, QStringList{"edgec"}); // the mirrors are not ReadWrite
    QVERIFY(second.next.isEmpty());
}

void TestManagementPaging::subtreePagesByPosition() {
    const Page whole = get("/api/v1/connected-registries?descendants=true");
    QCOMPARE(whole.names.size(), 5);
    int pages = 0;
    QCOMPARE(follow("/api/v1/connected-registries?descendants=true&n=2", &pages), whole.names);
    QCOMPARE(pages, 3);
    const Page unknown = get("/api/v1/connected-registries?descendants=true&n=2&last=nosuch");
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.errorCode, QStringLiteral("PARAMETER_INVALID"));
}

void TestManagementPaging::badPageSizeIsRefused() {
    for (const char* n : {"abc", "-1", "+5", "100001", "1.5"}) {
        const Page page = get(QStringLiteral("/api/v1/tokens?n=") + n);
        QCOMPARE(page.status, 400);
        QCOMPARE(page.errorCode, QStringLiteral("PARAMETER_INVALID"));
    }
    QCOMPARE(get("/api/v1/scope-maps?n=x").status, 400);
    QCOMPARE(get("/api/v1/connected-registries?n=x").status, 400);
}

QTEST_GUILESS_MAIN(TestManagementPaging)
#include "tst_management_paging.moc"
