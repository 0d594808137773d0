// AuditLogModel against a real ferryd: the changes an admin makes through
// the management API come back as audit records, page by page as a view
// asks, filtered by an action prefix (the server's) and a time range (the
// model's). QAbstractItemModelTester watches every model.

#include "auditlogmodel.h"
#include "consolehierarchy.h"
#include "managementclient.h"

#include <QAbstractItemModelTester>
#include <QTest>

using ferry::AuditLogModel;

namespace {
constexpr int kDeadlineMs = 20000;
}

class TestAuditLogModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pagesThroughAnActionPrefix();
    void timeRangeKeepsOnlyItsRecords();
    void refusedRequestIsAnError();

private:
    // Reads to the end, asking for more as a scrolling view would.
    bool readAll(AuditLogModel& model);

    ConsoleHierarchy m_hierarchy;
    ferry::ManagementClient m_client;
    QDateTime m_between; // after the scope maps, before the tokens
};

void TestAuditLogModel::initTestCase() {
    QVERIFY(m_hierarchy.start());
    for (int i = 0; i < 16; ++i)
        QVERIFY(m_hierarchy.admin().putScopeMap(
            QStringLiteral("map-%1").arg(i, 2, 10, QLatin1Char('0')),
            {QStringLiteral("repositories/app/content/read")}));
    // Audit times may have whole seconds only: a clear second between the two batches.
    QTest::qWait(1100);
    m_between = QDateTime::currentDateTimeUtc();
    QTest::qWait(1100);
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_hierarchy.admin().createToken(QStringLiteral("tok-%1").arg(i),
                                                QStringLiteral("map-00")));
    m_client.setBaseUrl(m_hierarchy.root().baseUrl());
    m_client.setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
}

bool TestAuditLogModel::readAll(AuditLogModel& model) {
    return QTest::qWaitFor(
        [&] {
            if (model.canFetchMore({}))
                model.fetchMore({});
            return !model.isLoading() && !model.canFetchMore({});
        },
        kDeadlineMs);
}

void TestAuditLogModel::pagesThroughAnActionPrefix() {
    AuditLogModel model(&m_client);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(5);
    model.setActionPrefix(QStringLiteral("scopeMap."));
    // The tester asks for more whenever canFetchMore() says so, as a
    // scrolling view does: each page is one request of 5.
    QList<int> rowsAtPage;
    connect(&model, &AuditLogModel::pageLoaded, this, [&] { rowsAtPage << model.rowCount(); });
    model.reload();
    QCOMPARE(model.rowCount(), 0); // nothing read up front
    QVERIFY(readAll(model));
    QCOMPARE(rowsAtPage, (QList<int>{5, 10, 15, 16}));
    QCOMPARE(model.rowCount(), 16);
    QCOMPARE(model.pagesLoaded(), 4); // 5 + 5 + 5 + 1: a short page is the end
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, AuditLogModel::ActionColumn).data().toString(),
                 QStringLiteral("scopeMap.create"));
        QCOMPARE(model.index(row, AuditLogModel::ActorColumn).data().toString(),
                 QStringLiteral("admin"));
        QCOMPARE(model.index(row, AuditLogModel::OutcomeColumn).data().toString(),
                 QStringLiteral("success"));
    }
    QCOMPARE(model.index(0, AuditLogModel::TargetColumn).data().toString(),
             QStringLiteral("scope-maps/map-00"));
    // Oldest first, ids growing.
    QVERIFY(model.index(0, 0).data(AuditLogModel::IdRole).toLongLong() <
            model.index(15, 0).data(AuditLogModel::IdRole).toLongLong());

    model.setActionPrefix(QStringLiteral("token.create"));
    model.reload();
    QVERIFY(readAll(model));
    QCOMPARE(model.rowCount(), 5);
}

void TestAuditLogModel::timeRangeKeepsOnlyItsRecords() {
    AuditLogModel model(&m_client);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(4);
    // From the gap on: only the tokens, though every page before it is read
    // (and passed over) on the way.
    model.setTimeRange(m_between, {});
    model.reload();
    QVERIFY(readAll(model));
    QCOMPARE(model.rowCount(), 5);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, AuditLogModel::ActionColumn).data().toString(),
                 QStringLiteral("token.create"));
    // Up to the gap: only the scope maps, and the first later record ends the list.
    model.setTimeRange({}, m_between);
    model.reload();
    QVERIFY(readAll(model));
    int scopeMaps = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString action = model.index(row, AuditLogModel::ActionColumn).data().toString();
        QVERIFY2(!action.startsWith(QStringLiteral("token.")), qPrintable(action));
        scopeMaps += action == QLatin1String("scopeMap.create");
    }
    QCOMPARE(scopeMaps, 16);
    QVERIFY(!model.canFetchMore({}));
    // Both ends, around nothing.
    model.setTimeRange(m_between, m_between.addMSecs(500));
    model.reload();
    QVERIFY(readAll(model));
    QCOMPARE(model.rowCount(), 0);
}

void TestAuditLogModel::refusedRequestIsAnError() {
    ferry::ManagementClient stranger;
    stranger.setBaseUrl(m_hierarchy.root().baseUrl());
    stranger.setCredentials(QStringLiteral("admin"), QStringLiteral("not-the-password"));
    AuditLogModel model(&stranger);
    QString error;
    connect(&model, &AuditLogModel::errorOccurred, this,
            [&](const QString& text) { error = text; });
    model.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!error.isEmpty(), kDeadlineMs);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

QTEST_GUILESS_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
