// The Repositories tab offscreen against the real ferryd with pushed
// content: selecting a tag shows its manifest digest; "Delete tag" asks
// first, naming the tag and the manifest that stays, then removes just that
// row; "Delete manifest" asks naming every tag that goes with it, then the
// rows go and the registry answers 404 for them; Cancel deletes nothing.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"
#include "registryclient.h"
#include "repositorybrowser.h"
#include "repositorymodel.h"

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using ferry::ui::RepositoryBrowser;

namespace {
constexpr int kDeadlineMs = 15000;
const QString kRepository = QStringLiteral("site/web");
} // namespace

class TestRepositoryBrowser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void selectingATagShowsItsDigest();
    void cancelDeletesNothing();
    void deleteTagAsksThenRemovesTheRow();
    void deleteManifestNamesEveryTagThatGoes();

private:
    void select(const QString& tag);
    QMessageBox* waitForConfirmation();
    int status(const QString& reference);

    FerrydProcess m_ferryd;
    ocitest::Image m_one;
    ocitest::Image m_two;
    RegistryClient m_client;
    std::unique_ptr<RepositoryBrowser> m_browser;
};

void TestRepositoryBrowser::initTestCase() {
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    http.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    m_one = ocitest::makeImage(QStringLiteral("web one"));
    m_two = ocitest::makeImage(QStringLiteral("web two"));
    for (const QString& tag : {QStringLiteral("1.0"), QStringLiteral("latest")})
        QVERIFY(ocitest::pushImage(http, kRepository, tag, m_one));
    for (const QString& tag :
         {QStringLiteral("2.0"), QStringLiteral("beta"), QStringLiteral("edge")})
        QVERIFY(ocitest::pushImage(http, kRepository, tag, m_two));

    m_client.setBaseUrl(m_ferryd.baseUrl());
    m_client.setCredentials(QStringLiteral("admin"), m_ferryd.adminPassword());
    m_browser = std::make_unique<RepositoryBrowser>(&m_client);
    m_browser->resize(500, 400);
    m_browser->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_browser.get()));
    m_browser->showCatalog();
    RepositoryModel* model = m_browser->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->repositoryIndex(kRepository).isValid(), kDeadlineMs);
    m_browser->view()->expand(model->repositoryIndex(kRepository));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(model->repositoryIndex(kRepository)), 5, kDeadlineMs);
}

void TestRepositoryBrowser::select(const QString& tag) {
    m_browser->view()->setCurrentIndex(m_browser->model()->tagIndex(kRepository, tag));
}

QMessageBox* TestRepositoryBrowser::waitForConfirmation() {
    if (!QTest::qWaitFor([this] { return m_browser->confirmation() != nullptr; }, kDeadlineMs))
        return nullptr;
    return m_browser->confirmation(); // the callers check it is there
}

int TestRepositoryBrowser::status(const QString& reference) {
    HttpClient http(m_ferryd.baseUrl());
    http.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    return http
        .get(QStringLiteral("/v2/%1/manifests/%2").arg(kRepository, reference),
             {{"Accept", ocitest::kOciManifest}})
        .status;
}

void TestRepositoryBrowser::selectingATagShowsItsDigest() {
    auto* details = m_browser->findChild<QLabel*>(QStringLiteral("manifestDetails"));
    auto* deleteTag = m_browser->findChild<QPushButton*>(QStringLiteral("deleteTag"));
    QVERIFY(!deleteTag->isEnabled()); // nothing selected yet
    select(QStringLiteral("latest"));
    QVERIFY(deleteTag->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(details->text().contains(m_one.digest), kDeadlineMs);
    QVERIFY(details->text().contains(QStringLiteral("%1:latest").arg(kRepository)));
}

void TestRepositoryBrowser::cancelDeletesNothing() {
    select(QStringLiteral("1.0"));
    m_browser->findChild<QPushButton*>(QStringLiteral("deleteTag"))->click();
    QMessageBox* box = waitForConfirmation();
    QVERIFY(box);
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(m_browser->confirmation() == nullptr);
    QTest::qWait(300);
    QCOMPARE(m_browser->model()->rowCount(m_browser->model()->repositoryIndex(kRepository)), 5);
    QCOMPARE(status(QStringLiteral("1.0")), 200);
}

void TestRepositoryBrowser::deleteTagAsksThenRemovesTheRow() {
    select(QStringLiteral("latest"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_browser->model()
                                  ->tagIndex(kRepository, QStringLiteral("latest"))
                                  .data(RepositoryModel::DigestRole)
                                  .isNull(),
                             kDeadlineMs);
    m_browser->findChild<QPushButton*>(QStringLiteral("deleteTag"))->click();
    QMessageBox* box = waitForConfirmation();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("latest")), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(m_one.digest), qPrintable(box->informativeText()));
    QSignalSpy reset(m_browser->model(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_browser->model(), &QAbstractItemModel::rowsRemoved);
    box->findChild<QPushButton*>(QStringLiteral("confirmButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_browser->model()->tagIndex(kRepository, QStringLiteral("latest")).isValid(),
        kDeadlineMs);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(status(QStringLiteral("latest")), 404);
    QCOMPARE(status(m_one.digest), 200);
}

void TestRepositoryBrowser::deleteManifestNamesEveryTagThatGoes() {
    select(QStringLiteral("beta"));
    m_browser->findChild<QPushButton*>(QStringLiteral("deleteManifest"))->click();
    QMessageBox* box = waitForConfirmation();
    QVERIFY(box);
    QVERIFY2(box->text().contains(m_two.digest), qPrintable(box->text()));
    const QString info = box->informativeText();
    QVERIFY2(info.contains(QStringLiteral("2.0, beta, edge")), qPrintable(info));
    QVERIFY2(!info.contains(QStringLiteral("1.0")), qPrintable(info));
    box->findChild<QPushButton*>(QStringLiteral("confirmButton"))->click();
    RepositoryModel* model = m_browser->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(model->repositoryIndex(kRepository)), 1, kDeadlineMs);
    QVERIFY(model->tagIndex(kRepository, QStringLiteral("1.0")).isValid());
    for (const QString& gone :
         {QStringLiteral("2.0"), QStringLiteral("beta"), QStringLiteral("edge"), m_two.digest})
        QCOMPARE(status(gone), 404);
    QCOMPARE(status(QStringLiteral("1.0")), 200);
}

QTEST_MAIN(TestRepositoryBrowser)
#include "tst_repositorybrowser.moc"
