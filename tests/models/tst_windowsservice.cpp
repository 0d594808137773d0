// WindowsService with stand-ins for the service control manager and for the
// elevated sc.exe (the Win32 calls cannot run here): what each service status
// reads as, a query the manager refuses, start and stop run off the UI thread
// (the state stays "starting" while the consent prompt would be up, and the
// event loop keeps running), a declined prompt, sc.exe's error code, sc.exe
// missing or never ending, a second request while one waits, and an answer arriving after the
// object is gone.

#include "windowsservice.h"

#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using ferry::WindowsService;
using ferry::winsvc::ElevatedRun;
using ferry::winsvc::Query;
using ferry::winsvc::Status;
using State = ferry::SystemService::State;

Q_DECLARE_METATYPE(ferry::winsvc::Query)
Q_DECLARE_METATYPE(ferry::winsvc::ElevatedRun)

namespace {

constexpr int kDeadlineMs = 15000;

// The service manager as the pool threads see it; every field behind m_lock.
class FakeManager {
public:
    void setQuery(const Query& query) {
        QMutexLocker locker(&m_lock);
        m_query = query;
    }
    void setRun(const ElevatedRun& run) {
        QMutexLocker locker(&m_lock);
        m_run = run;
    }
    void reset() {
        QMutexLocker locker(&m_lock);
        m_query = {};
        m_run = {};
        m_queries = 0;
        m_verbs.clear();
        m_hold = false;
        m_holdQueries = false;
    }
    // Queries wait for releaseQuery() (a slow service manager).
    void holdQueries() { m_holdQueries = true; }
    void releaseQuery() { m_queryGate.release(); }
    // Controls wait for release() (the consent prompt on screen).
    void holdControls() { m_hold = true; }
    void release() { m_gate.release(); }
    int queries() {
        QMutexLocker locker(&m_lock);
        return m_queries;
    }
    QStringList verbs() {
        QMutexLocker locker(&m_lock);
        return m_verbs;
    }

    WindowsService::ServiceControl control() {
        return {[this] {
                    // The status as it is when asked, answered when released.
                    Query answer;
                    {
                        QMutexLocker locker(&m_lock);
                        ++m_queries;
                        answer = m_query;
                    }
                    if (m_holdQueries)
                        m_queryGate.acquire();
                    return answer;
                },
                [this](const std::wstring& verb) {
                    {
                        QMutexLocker locker(&m_lock);
                        m_verbs << QString::fromStdWString(verb);
                    }
                    if (m_hold)
                        m_gate.acquire();
                    QMutexLocker locker(&m_lock);
                    // A successful sc.exe changes the service's status.
                    if (m_run.launched && m_run.finished && m_run.exitCode == 0)
                        m_query.status = verb == L"start" ? Status::Running : Status::Stopped;
                    return m_run;
                }};
    }

private:
    QMutex m_lock;
    Query m_query;
    ElevatedRun m_run;
    int m_queries = 0;
    QStringList m_verbs;
    std::atomic<bool> m_hold = false;
    QSemaphore m_gate;
    std::atomic<bool> m_holdQueries = false;
    QSemaphore m_queryGate;
};

Query status(Status status, unsigned long exitCode = 0, bool serviceSpecific = false,
             const std::wstring& message = {}) {
    Query query;
    query.answered = true;
    query.status = status;
    query.exitCode = exitCode;
    query.serviceSpecific = serviceSpecific;
    query.processId = status == Status::Running ? 1234 : 0;
    query.message = message;
    return query;
}

ElevatedRun ran(unsigned long exitCode, const std::wstring& message = {}) {
    ElevatedRun run;
    run.launched = true;
    run.finished = true;
    run.exitCode = exitCode;
    run.message = message;
    return run;
}

} // namespace

class TestWindowsService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void readsTheStatus_data();
    void readsTheStatus();
    void refusedQueryIsAnError();
    void startRunsOffTheUiThread();
    void stopRunsScStop();
    void refusedStartIsAnError_data();
    void refusedStartIsAnError();
    void secondRequestWhileOneWaitsIsRefused();
    void queryFromBeforeAStartIsIgnored();
    void answerAfterTheServiceIsGoneIsDropped();

private:
    FakeManager m_manager;
};

void TestWindowsService::init() {
    m_manager.reset();
}

void TestWindowsService::cleanup() {
    QThreadPool::globalInstance()->waitForDone();
}

void TestWindowsService::readsTheStatus_data() {
    QTest::addColumn<Query>("query");
    QTest::addColumn<State>("state");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not installed") << status(Status::NotInstalled) << State::NotInstalled
                                   << "the Windows service Ferry is not installed";
    QTest::newRow("running") << status(Status::Running) << State::Running
                             << "running (process 1234)";
    QTest::newRow("start pending")
        << status(Status::StartPending) << State::Starting << "start pending";
    QTest::newRow("stop pending") << status(Status::StopPending) << State::Stopping
                                  << "stop pending";
    QTest::newRow("stopped") << status(Status::Stopped) << State::Stopped << "stopped";
    QTest::newRow("never started (1077)")
        << status(Status::Stopped, 1077) << State::Stopped << "stopped";
    QTest::newRow("crashed (1067)")
        << status(Status::Stopped, 1067, false, L"The process terminated unexpectedly.")
        << State::Failed << "stopped, error 1067: The process terminated unexpectedly.";
    QTest::newRow("ferryd's own exit code")
        << status(Status::Stopped, 3, true) << State::Failed << "stopped, ferryd's exit code 3";
}

void TestWindowsService::readsTheStatus() {
    QFETCH(Query, query);
    QFETCH(State, state);
    QFETCH(QString, reason);
    m_manager.setQuery(query);
    WindowsService service(m_manager.control(), QStringLiteral("Ferry"));
    QCOMPARE(service.manager(), ferry::SystemService::Manager::WindowsServiceManager);
    service.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(service.state() != State::Unknown, kDeadlineMs);
    QCOMPARE(service.state(), state);
    QCOMPARE(service.reason(), reason);
}

void TestWindowsService::refusedQueryIsAnError() {
    Query refused;
    refused.error = 5;
    refused.message = L"Access is denied.";
    m_manager.setQuery(refused);
    WindowsService service(m_manager.control(), QStringLiteral("Ferry"));
    QSignalSpy errors(&service, &ferry::SystemService::errorOccurred);
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kDeadlineMs);
    QCOMPARE(errors.first().first().toString(),
             QStringLiteral(
                 "the service control manager could not be asked about Ferry: Access is denied."));
    QCOMPARE(service.state(), State::Unknown);
}

void TestWindowsService::startRunsOffTheUiThread() {
    m_manager.setQuery(status(Status::Stopped));
    m_manager.setRun(ran(0));
    m_manager.holdControls();
    WindowsService service(m_manager.control(), QStringLiteral("Ferry"));
    QSignalSpy errors(&service, &ferry::SystemService::errorOccurred);
    service.start();
    QCOMPARE(service.state(), State::Starting);
    QCOMPARE(service.reason(), QStringLiteral("waiting for an administrator's consent"));
    QVERIFY(service.isControlPending());
    QTRY_COMPARE_WITH_TIMEOUT(m_manager.verbs(), QStringList{QStringLiteral("start")}, kDeadlineMs);
    // sc.exe is "waiting for consent" on a pool thread: the event loop runs
    // (QTRY above), and a poll now does not overwrite the state.
    const int queriesBefore = m_manager.queries();
    service.refresh();
    QTest::qWait(100);
    QCOMPARE(m_manager.queries(), queriesBefore);
    QCOMPARE(service.state(), State::Starting);
    QVERIFY(service.isControlPending());
    m_manager.release();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Running, kDeadlineMs);
    QVERIFY(!service.isControlPending());
    QCOMPARE(errors.count(), 0);
}

void TestWindowsService::stopRunsScStop() {
    m_manager.setQuery(status(Status::Running));
    m_manager.setRun(ran(0));
    WindowsService service(m_manager.control(), QStringLiteral("Ferry"));
    service.stop();
    QCOMPARE(service.state(), State::Stopping);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Stopped, kDeadlineMs);
    QCOMPARE(m_manager.verbs(), QStringList{QStringLiteral("stop")});
}

void TestWindowsService::refusedStartIsAnError_data() {
    QTest::addColumn<ElevatedRun>("run");
    QTest::addColumn<QString>("message");
    ElevatedRun declined;
    declined.cancelled = true;
    declined.error = 1223;
    declined.message = L"The operation was canceled by the user.";
    QTest::newRow("consent declined")
        << declined << "the administrator's consent for sc.exe start Ferry was not given";
    QTest::newRow("sc.exe error 1058")
        << ran(1058, L"The service cannot be started, either because it is disabled or because it "
                     L"has no enabled devices associated with it.")
        << "sc.exe start Ferry failed (error 1058): The service cannot be started, either because "
           "it "
           "is disabled or because it has no enabled devices associated with it.";
    ElevatedRun missing;
    missing.error = 2;
    missing.message = L"The system cannot find the file specified.";
    QTest::newRow("sc.exe missing")
        << missing
        << "sc.exe start Ferry could not be run: The system cannot find the file specified.";
    ElevatedRun hung;
    hung.launched = true;
    QTest::newRow("sc.exe never ended") << hung << "sc.exe start Ferry did not finish within 120 s";
}

void TestWindowsService::refusedStartIsAnError() {
    QFETCH(ElevatedRun, run);
    QFETCH(QString, message);
    m_manager.setQuery(status(Status::Stopped));
    m_manager.setRun(run);
    WindowsService service(m_manager.control(), QStringLiteral("Ferry"));
    QSignalSpy errors(&service, &ferry::SystemService::errorOccurred);
    service.start();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kDeadlineMs);
    QCOMPARE(errors.first().first().toString(), message);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Stopped, kDeadlineMs); // read again
}

void TestWindowsService::secondRequestWhileOneWaitsIsRefused() {
    m_manager.setQuery(status(Status::Stopped));
    m_manager.setRun(ran(0));
    m_manager.holdControls();
    WindowsService service(m_manager.control(), QStringLiteral("Ferry"));
    QSignalSpy errors(&service, &ferry::SystemService::errorOccurred);
    service.start();
    service.stop();
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().first().toString(),
             QStringLiteral(
                 "a start or stop of the Windows service Ferry is already waiting for an answer"));
    m_manager.release();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Running, kDeadlineMs);
    QCOMPARE(m_manager.verbs(), QStringList{QStringLiteral("start")});
}

void TestWindowsService::queryFromBeforeAStartIsIgnored() {
    // A poll is still with the service manager when the operator starts the
    // service; its "stopped" comes back after sc.exe has started it.
    m_manager.setQuery(status(Status::Stopped));
    m_manager.setRun(ran(0));
    m_manager.holdQueries();
    WindowsService service(m_manager.control(), QStringLiteral("Ferry"));
    QList<State> states;
    connect(&service, &ferry::SystemService::stateChanged, this,
            [&states](State state) { states << state; });
    service.refresh();
    // The poll has read "stopped" before sc.exe runs.
    QTRY_COMPARE_WITH_TIMEOUT(m_manager.queries(), 1, kDeadlineMs);
    service.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_manager.verbs(), QStringList{QStringLiteral("start")}, kDeadlineMs);
    QThreadPool::globalInstance()->waitForDone(200); // sc.exe is done, the poll is not
    QCoreApplication::processEvents();               // sc.exe's answer: ask again
    m_manager.releaseQuery();                        // the stale "stopped"
    m_manager.releaseQuery();                        // the query after sc.exe
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Running, kDeadlineMs);
    QCOMPARE(states, (QList<State>{State::Starting, State::Running}));
    QCOMPARE(m_manager.queries(), 2);
}

void TestWindowsService::answerAfterTheServiceIsGoneIsDropped() {
    m_manager.setQuery(status(Status::Stopped));
    m_manager.setRun(ran(0));
    m_manager.holdControls();
    auto service = std::make_unique<WindowsService>(m_manager.control(), QStringLiteral("Ferry"));
    service->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_manager.verbs().size(), 1, kDeadlineMs);
    service.reset(); // the window closed while the prompt was up
    const int queries = m_manager.queries();
    m_manager.release();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents(); // the queued answer, dropped
    // Delivered, it would have asked for the state again.
    QCOMPARE(m_manager.queries(), queries);
}

QTEST_GUILESS_MAIN(TestWindowsService)
#include "tst_windowsservice.moc"
