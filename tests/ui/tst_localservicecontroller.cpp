// Stopping the bundled ferryd is the operator's decision: with the real
// ferryd running as the console's child, closing the window asks first;
// "Keep running" leaves the window open and ferryd serving; "Stop and quit"
// stops ferryd and closes the window; the Stop action asks the same way; and
// with no ferryd running the window closes without a question.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "localservice.h"
#include "localservicecontroller.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using ferry::ui::LocalServiceController;

namespace {
constexpr int kDeadlineMs = 20000;
} // namespace

class TestLocalServiceController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void closingAsksAndKeepRunningKeepsBoth();
    void stopAndQuitStopsFerrydAndCloses();
    void stopActionAsksThenStops();
    void noQuestionWhenNothingRuns();

private:
    bool startService();
    QMessageBox* waitForQuestion();
    bool serves();

    QTemporaryDir m_data;
    std::unique_ptr<QMainWindow> m_window;
    std::unique_ptr<LocalService> m_service;
    LocalServiceController* m_controller = nullptr;
};

void TestLocalServiceController::init() {
    m_window = std::make_unique<QMainWindow>();
    m_service = std::make_unique<LocalService>();
    m_service->setProgram(ferrydPath());
    m_service->setDataDir(m_data.filePath(QStringLiteral("ferry")));
    m_controller = new LocalServiceController(m_service.get(), m_window.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestLocalServiceController::cleanup() {
    m_window.reset();
    m_service.reset();
}

bool TestLocalServiceController::startService() {
    QSignalSpy ready(m_service.get(), &LocalService::ready);
    m_service->start();
    return ready.wait(kDeadlineMs);
}

QMessageBox* TestLocalServiceController::waitForQuestion() {
    if (!QTest::qWaitFor([this] { return m_controller->confirmation() != nullptr; }, kDeadlineMs))
        return nullptr;
    return m_controller->confirmation();
}

bool TestLocalServiceController::serves() {
    HttpClient http(m_service->url());
    return http.get(QStringLiteral("/v2/")).status != 0;
}

void TestLocalServiceController::closingAsksAndKeepRunningKeepsBoth() {
    QVERIFY(startService());
    QVERIFY(m_controller->stopAction()->isEnabled());
    QVERIFY(!m_window->close()); // the close waits for the answer
    QMessageBox* box = waitForQuestion();
    QVERIFY(box);
    QVERIFY2(box->text().contains(m_service->url().toDisplayString()), qPrintable(box->text()));
    QVERIFY(box->informativeText().contains(QStringLiteral("podman")));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(m_controller->confirmation() == nullptr);
    QVERIFY(m_window->isVisible());
    QVERIFY(m_service->isRunning());
    QVERIFY(serves());
}

void TestLocalServiceController::stopAndQuitStopsFerrydAndCloses() {
    QVERIFY(startService());
    QVERIFY(!m_window->close());
    QMessageBox* box = waitForQuestion();
    QVERIFY(box);
    QSignalSpy aboutToStop(m_controller, &LocalServiceController::aboutToStop);
    box->findChild<QPushButton*>(QStringLiteral("stopButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), kDeadlineMs);
    QCOMPARE(aboutToStop.size(), 1);
    QVERIFY(!m_service->isRunning());
    QVERIFY(!serves());
}

void TestLocalServiceController::stopActionAsksThenStops() {
    QVERIFY(startService());
    m_controller->stopAction()->trigger();
    QMessageBox* box = waitForQuestion();
    QVERIFY(box);
    QVERIFY(m_service->isRunning()); // nothing before the answer
    box->findChild<QPushButton*>(QStringLiteral("stopButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_service->isRunning(), kDeadlineMs);
    QVERIFY(m_window->isVisible()); // stopping is not quitting
    QVERIFY(!m_controller->stopAction()->isEnabled());
}

void TestLocalServiceController::noQuestionWhenNothingRuns() {
    QVERIFY(!m_service->isRunning());
    QVERIFY(!m_controller->stopAction()->isEnabled());
    QVERIFY(m_window->close());
    QVERIFY(m_controller->confirmation() == nullptr);
}

QTEST_MAIN(TestLocalServiceController)
#include "tst_localservicecontroller.moc"
