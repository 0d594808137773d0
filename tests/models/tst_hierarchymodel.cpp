// HierarchyModel and HierarchyFeed against a real ferryd: the model passes
// QAbstractItemModelTester throughout; events from the stream insert, change
// and remove single rows (never a reset); a connected ferryd going Online
// changes exactly its own node; a dropped stream resumes with Last-Event-ID
// and loses nothing; a restarted server's `reset` causes exactly one reload.

#include "consolehierarchy.h"
#include "cutproxy.h"
#include "hierarchyfeed.h"
#include "hierarchymodel.h"
#include "managementclient.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using ferry::HierarchyFeed;
using ferry::HierarchyModel;

namespace {
constexpr int kDeadlineMs = 20000;

QString stateOf(const HierarchyModel& model, const QString& name) {
    return model.indexOf(name).data(HierarchyModel::ConnectionStateRole).toString();
}
} // namespace

class TestHierarchyModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void loadsTheTreeWithTheRootOnTop();
    void eventsInsertAndRemoveSingleRows();
    void stateChangeChangesExactlyThatNode();
    void droppedStreamResumesWithoutLoss();
    void restartedServerCausesOneReload();
    void relativeTimes();

private:
    void connectFeed(const QUrl& url);

    ConsoleHierarchy m_hierarchy;
    std::unique_ptr<ferry::ManagementClient> m_client;
    std::unique_ptr<HierarchyModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<HierarchyFeed> m_feed;
};

void TestHierarchyModel::initTestCase() {
    QVERIFY(m_hierarchy.start());
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgea"), QStringLiteral("ReadWrite")));
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgeb"), QStringLiteral("ReadWrite")));
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("mirrora"), QStringLiteral("ReadOnly"),
                                       QStringLiteral("edgea")));
    connectFeed(m_hierarchy.root().baseUrl());
}

void TestHierarchyModel::connectFeed(const QUrl& url) {
    m_feed.reset();
    m_tester.reset();
    m_client = std::make_unique<ferry::ManagementClient>();
    m_client->setBaseUrl(url);
    m_client->setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_model = std::make_unique<HierarchyModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_feed = std::make_unique<HierarchyFeed>(m_client.get(), m_model.get());
    m_feed->setReconnectDelay(200);
    QSignalSpy loaded(m_feed.get(), &HierarchyFeed::loaded);
    m_feed->start();
    QVERIFY(loaded.wait(kDeadlineMs));
    QVERIFY(QTest::qWaitFor([&] { return m_feed->state() == HierarchyFeed::State::Live; },
                            kDeadlineMs));
}

void TestHierarchyModel::loadsTheTreeWithTheRootOnTop() {
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex root = m_model->index(0, 0);
    QCOMPARE(root.data().toString(), QStringLiteral("root"));
    QVERIFY(root.data(HierarchyModel::IsRootRole).toBool());
    QCOMPARE(root.data(HierarchyModel::ConnectionStateRole).toString(), QStringLiteral("Online"));
    QCOMPARE(m_model->rowCount(root), 2);
    QCOMPARE(m_model->index(0, 0, root).data().toString(), QStringLiteral("edgea"));
    QCOMPARE(m_model->index(1, 0, root).data().toString(), QStringLiteral("edgeb"));
    const QModelIndex mirror = m_model->indexOf(QStringLiteral("mirrora"));
    QCOMPARE(mirror.parent(), m_model->index(0, 0, root));
    QCOMPARE(mirror.data(HierarchyModel::ModeRole).toString(), QStringLiteral("ReadOnly"));
    QCOMPARE(mirror.data(HierarchyModel::ConnectionStateRole).toString(),
             QStringLiteral("Offline"));
    QCOMPARE(mirror.siblingAtColumn(HierarchyModel::StateColumn).data().toString(),
             QStringLiteral("Offline (inactive)"));
    // What a screen reader says for the row: name, mode and state as text.
    QCOMPARE(mirror.data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("mirrora, ReadOnly, Offline, inactive"));
    QCOMPARE(m_model->registryCount(), 4);
    QVERIFY(!m_model->rootLoginServer().isEmpty());
}

void TestHierarchyModel::eventsInsertAndRemoveSingleRows() {
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const int reloads = m_feed->reloadCount();

    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("mirrorb"), QStringLiteral("ReadOnly"),
                                       QStringLiteral("edgea")));
    QVERIFY(QTest::qWaitFor([&] { return m_model->indexOf(QStringLiteral("mirrorb")).isValid(); },
                            kDeadlineMs));
    QCOMPARE(inserted.count(), 1);
    const QModelIndex edgea = m_model->indexOf(QStringLiteral("edgea"));
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), edgea);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1); // after mirrora, by name
    QCOMPARE(m_model->rowCount(edgea), 2);

    QVERIFY(m_hierarchy.deleteRegistry(QStringLiteral("mirrorb")));
    QVERIFY(QTest::qWaitFor([&] { return !m_model->indexOf(QStringLiteral("mirrorb")).isValid(); },
                            kDeadlineMs));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(edgea), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_feed->reloadCount(), reloads);
}

void TestHierarchyModel::stateChangeChangesExactlyThatNode() {
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy states(m_model.get(), &HierarchyModel::connectionStateChanged);
    const qint64 edgebRevision =
        m_model->indexOf(QStringLiteral("edgeb")).data(HierarchyModel::RevisionRole).toLongLong();

    // A real ferryd for edgeb, started from its connection string: it
    // activates and reports Online, and the root's stream says so.
    QVERIFY(m_hierarchy.startChild(QStringLiteral("edgeb")));
    QVERIFY(QTest::qWaitFor(
        [&] { return stateOf(*m_model, QStringLiteral("edgeb")) == QLatin1String("Online"); },
        kDeadlineMs));

    QVERIFY(changed.count() >= 1);
    const QModelIndex edgeb = m_model->indexOf(QStringLiteral("edgeb"));
    for (const QList<QVariant>& args : changed) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        // Every change was edgeb's row, and only that row.
        QCOMPARE(topLeft.siblingAtColumn(0), edgeb);
        QCOMPARE(bottomRight.siblingAtColumn(0), edgeb);
    }
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(reset.count(), 0);
    QVERIFY(states.count() >= 1);
    QCOMPARE(states.last().at(0).toString(), QStringLiteral("edgeb"));
    QCOMPARE(states.last().at(2).toString(), QStringLiteral("Online"));
    QCOMPARE(edgeb.data(HierarchyModel::ActivationRole).toString(), QStringLiteral("Active"));
    QVERIFY(edgeb.data(HierarchyModel::RevisionRole).toLongLong() > edgebRevision);
    // The others are as they were.
    QCOMPARE(stateOf(*m_model, QStringLiteral("edgea")), QStringLiteral("Offline"));
    QCOMPARE(stateOf(*m_model, QStringLiteral("mirrora")), QStringLiteral("Offline"));
}

void TestHierarchyModel::droppedStreamResumesWithoutLoss() {
    // The console reaches the root through a proxy this test can cut.
    CutProxy proxy(quint16(m_hierarchy.root().baseUrl().port()));
    QVERIFY(proxy.listen());
    connectFeed(QUrl(QStringLiteral("http://") + proxy.hostPort()));
    // An event gives the feed an id to resume from.
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgec"), QStringLiteral("ReadOnly")));
    QVERIFY(QTest::qWaitFor([&] { return m_model->indexOf(QStringLiteral("edgec")).isValid(); },
                            kDeadlineMs));
    QVERIFY(!m_feed->lastEventId().isEmpty());
    const int reloads = m_feed->reloadCount();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    proxy.setPartitioned(true);
    QVERIFY(QTest::qWaitFor([&] { return m_feed->state() == HierarchyFeed::State::Reconnecting; },
                            kDeadlineMs));
    // Changes made while the console can't hear: a new registry and a deletion.
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edged"), QStringLiteral("ReadOnly")));
    QVERIFY(m_hierarchy.deleteRegistry(QStringLiteral("edgec")));
    proxy.setPartitioned(false);

    QVERIFY(QTest::qWaitFor([&] { return m_model->indexOf(QStringLiteral("edged")).isValid(); },
                            kDeadlineMs));
    QVERIFY(QTest::qWaitFor([&] { return !m_model->indexOf(QStringLiteral("edgec")).isValid(); },
                            kDeadlineMs));
    QCOMPARE(m_feed->state(), HierarchyFeed::State::Live);
    // Replayed from the server's memory, not read again.
    QCOMPARE(m_feed->reloadCount(), reloads);
    QCOMPARE(reset.count(), 0);
}

void TestHierarchyModel::restartedServerCausesOneReload() {
    connectFeed(m_hierarchy.root().baseUrl());
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgee"), QStringLiteral("ReadOnly")));
    QVERIFY(QTest::qWaitFor([&] { return m_model->indexOf(QStringLiteral("edgee")).isValid(); },
                            kDeadlineMs));
    const int reloads = m_feed->reloadCount();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    // A restart empties the server's event memory: our id can't be resumed.
    QVERIFY(m_hierarchy.root().restart(20000));
    QVERIFY(QTest::qWaitFor([&] { return reset.count() >= 1; }, kDeadlineMs));
    QVERIFY(QTest::qWaitFor([&] { return m_feed->state() == HierarchyFeed::State::Live; },
                            kDeadlineMs));
    QTest::qWait(1500); // a second reload would come within the reconnect delay
    QCOMPARE(m_feed->reloadCount(), reloads + 1);
    QCOMPARE(reset.count(), 1);
    QVERIFY(m_model->indexOf(QStringLiteral("edgee")).isValid());
    QVERIFY(m_model->indexOf(QStringLiteral("mirrora")).isValid());
}

void TestHierarchyModel::relativeTimes() {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(HierarchyModel::relativeTime({}, now), QStringLiteral("never"));
    QCOMPARE(HierarchyModel::relativeTime(now.addSecs(-3), now), QStringLiteral("just now"));
    QCOMPARE(HierarchyModel::relativeTime(now.addSecs(-45), now), QStringLiteral("45 s ago"));
    QCOMPARE(HierarchyModel::relativeTime(now.addSecs(-60), now), QStringLiteral("1 min ago"));
    QCOMPARE(HierarchyModel::relativeTime(now.addSecs(-7200), now), QStringLiteral("2 h ago"));
}

QTEST_GUILESS_MAIN(TestHierarchyModel)
#include "tst_hierarchymodel.moc"
