// ScopeMapGridModel, the scope map editor's grid: actions in, a row per
// repository pattern (wildcards included) with a checkbox per action, edits
// through setData as a view makes them, the service's rules on every row,
// and the actions out again. QAbstractItemModelTester watches every change.

#include "domain/actions.h"
#include "scopemapgridmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using ferry::ScopeAction;
using ferry::ScopeMapGridModel;

namespace {

QList<ScopeAction> parsed(const QStringList& texts) {
    const auto actions = ferry::parseActions(texts);
    return actions ? *actions : QList<ScopeAction>();
}

} // namespace

class TestScopeMapGridModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsRowsPerRepositoryIncludingWildcards();
    void editsChecksAndNamesAsAViewDoes();
    void flagsInvalidAndDuplicateRowsWithTheServiceRules();
    void aRowWithNothingTickedIsAProblem();
    void gatewayGridTakesOnlyGatewayActions();
    void readOnlyRefusesEdits();
};

void TestScopeMapGridModel::loadsRowsPerRepositoryIncludingWildcards() {
    ScopeMapGridModel grid(ScopeMapGridModel::Kind::Repositories);
    QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
    grid.setActions(parsed({QStringLiteral("repositories/app/content/read"),
                            QStringLiteral("repositories/team/*/content/write"),
                            QStringLiteral("repositories/app/metadata/read"),
                            QStringLiteral("repositories/*/metadata/write"),
                            QStringLiteral("gateway/edge1/config/read")}));
    QCOMPARE(grid.rowCount(), 3); // app, team/*, * (the gateway action is the other grid's)
    QCOMPARE(grid.columnCount(), 6);
    QCOMPARE(grid.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Repository"));
    QCOMPARE(grid.headerData(1, Qt::Horizontal).toString(), QStringLiteral("content/read"));
    QCOMPARE(grid.headerData(5, Qt::Horizontal).toString(), QStringLiteral("metadata/write"));
    QCOMPARE(grid.index(0, 0).data().toString(), QStringLiteral("app"));
    QCOMPARE(grid.index(1, 0).data().toString(), QStringLiteral("team/*"));
    QCOMPARE(grid.index(2, 0).data().toString(), QStringLiteral("*"));
    const auto checked = [&](int row, const char* permission) {
        return grid.index(row, grid.columnOf(QLatin1String(permission)))
                   .data(Qt::CheckStateRole)
                   .toInt() == Qt::Checked;
    };
    QVERIFY(checked(0, "content/read"));
    QVERIFY(checked(0, "metadata/read"));
    QVERIFY(!checked(0, "content/write"));
    QVERIFY(checked(1, "content/write"));
    QVERIFY(checked(2, "metadata/write"));
    QCOMPARE(grid.index(0, 1).data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("content/read on app: allowed"));
    QCOMPARE(grid.actions(), (QStringList{QStringLiteral("repositories/app/content/read"),
                                          QStringLiteral("repositories/app/metadata/read"),
                                          QStringLiteral("repositories/team/*/content/write"),
                                          QStringLiteral("repositories/*/metadata/write")}));
    QVERIFY(grid.firstProblem().isEmpty());
}

void TestScopeMapGridModel::editsChecksAndNamesAsAViewDoes() {
    ScopeMapGridModel grid(ScopeMapGridModel::Kind::Repositories);
    QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&grid, &ScopeMapGridModel::edited);
    const int row = grid.appendRow();
    QCOMPARE(row, 0);
    QVERIFY(!grid.problemAt(row).isEmpty()); // a row without a name can't be saved
    QVERIFY(grid.flags(grid.index(row, 0)).testFlag(Qt::ItemIsEditable));
    QVERIFY(grid.flags(grid.index(row, 2)).testFlag(Qt::ItemIsUserCheckable));
    QVERIFY(grid.setData(grid.index(row, 0), QStringLiteral("  Shop/* ")));
    QCOMPARE(grid.index(row, 0).data().toString(), QStringLiteral("Shop/*"));
    QVERIFY(grid.setData(grid.index(row, grid.columnOf(QStringLiteral("content/write"))),
                         Qt::Checked, Qt::CheckStateRole));
    QVERIFY(grid.setData(grid.index(row, grid.columnOf(QStringLiteral("content/delete"))),
                         Qt::Checked, Qt::CheckStateRole));
    QVERIFY(grid.setData(grid.index(row, grid.columnOf(QStringLiteral("content/delete"))),
                         Qt::Unchecked, Qt::CheckStateRole));
    // Stored in lower case, as the service stores it.
    QCOMPARE(grid.actions(), QStringList{QStringLiteral("repositories/shop/*/content/write")});
    // A check is not the name: DisplayRole can't set a checkbox.
    QVERIFY(!grid.setData(grid.index(row, 1), Qt::Checked, Qt::DisplayRole));
    QCOMPARE(edited.count(), 5);

    grid.appendRow(QStringLiteral("app"));
    QVERIFY(grid.setData(grid.index(1, 1), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(grid.removeRows(0, 1));
    QCOMPARE(grid.rowCount(), 1);
    QCOMPARE(grid.actions(), QStringList{QStringLiteral("repositories/app/content/read")});
    QVERIFY(!grid.removeRows(1, 1)); // past the end
}

void TestScopeMapGridModel::flagsInvalidAndDuplicateRowsWithTheServiceRules() {
    ScopeMapGridModel grid(ScopeMapGridModel::Kind::Repositories);
    QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const char* bad : {"team*", "a/*/b", "UPPER SPACE", "-lead"}) {
        grid.setActions({});
        grid.appendRow(QLatin1String(bad));
        grid.setData(grid.index(0, 1), Qt::Checked, Qt::CheckStateRole);
        QVERIFY2(!grid.problemAt(0).isEmpty(), bad);
        QVERIFY2(grid.firstProblem().startsWith(QStringLiteral("Row 1: ")), bad);
        QVERIFY2(grid.index(0, 0).data(ScopeMapGridModel::ProblemRole).toString() ==
                     grid.problemAt(0),
                 bad);
        QVERIFY2(grid.actions().isEmpty(), bad); // a bad row gives nothing
    }
    grid.setActions({});
    grid.appendRow(QStringLiteral("app"));
    grid.appendRow(QStringLiteral("APP"));
    grid.setData(grid.index(0, 1), Qt::Checked, Qt::CheckStateRole);
    grid.setData(grid.index(1, 1), Qt::Checked, Qt::CheckStateRole);
    QVERIFY(grid.problemAt(0).isEmpty());
    QVERIFY(grid.problemAt(1).contains(QStringLiteral("row 1")));
    // Renaming the first row clears the second's problem, and the view hears of it.
    QSignalSpy changed(&grid, &QAbstractItemModel::dataChanged);
    QVERIFY(grid.setData(grid.index(0, 0), QStringLiteral("web")));
    QVERIFY(grid.problemAt(1).isEmpty());
    QCOMPARE(changed.last().at(1).value<QModelIndex>().row(), 1);
}

// A repository typed with nothing ticked is not dropped on Save without a
// word: it is a problem (Save waits) until a box is ticked or the row removed.
void TestScopeMapGridModel::aRowWithNothingTickedIsAProblem() {
    ScopeMapGridModel grid(ScopeMapGridModel::Kind::Repositories);
    QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
    grid.appendRow(QStringLiteral("web"));
    QVERIFY(grid.problemAt(0).contains(QStringLiteral("Tick at least one action")));
    QCOMPARE(grid.firstProblem(), QStringLiteral("Row 1: ") + grid.problemAt(0));
    QCOMPARE(grid.index(0, 0).data(ScopeMapGridModel::ProblemRole).toString(), grid.problemAt(0));
    // The tick clears it, and the name cell hears of it (its colour and tip follow).
    QSignalSpy changed(&grid, &QAbstractItemModel::dataChanged);
    QVERIFY(grid.setData(grid.index(0, grid.columnOf(QStringLiteral("metadata/read"))), Qt::Checked,
                         Qt::CheckStateRole));
    QVERIFY(grid.problemAt(0).isEmpty());
    bool nameCellTold = false;
    for (const QList<QVariant>& signal : changed)
        nameCellTold |=
            signal.at(0).value<QModelIndex>().column() == ScopeMapGridModel::ResourceColumn;
    QVERIFY(nameCellTold);
    QCOMPARE(grid.actions(), QStringList{QStringLiteral("repositories/web/metadata/read")});
    // Unticking the last box brings it back; the gateway grid follows the same rule.
    QVERIFY(grid.setData(grid.index(0, grid.columnOf(QStringLiteral("metadata/read"))),
                         Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!grid.problemAt(0).isEmpty());
    ScopeMapGridModel gateway(ScopeMapGridModel::Kind::Gateway);
    gateway.appendRow(QStringLiteral("edgeone"));
    QVERIFY(!gateway.problemAt(0).isEmpty());
}

void TestScopeMapGridModel::gatewayGridTakesOnlyGatewayActions() {
    ScopeMapGridModel grid(ScopeMapGridModel::Kind::Gateway);
    QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
    grid.setActions(parsed({QStringLiteral("repositories/app/content/read"),
                            QStringLiteral("gateway/edge1/config/read"),
                            QStringLiteral("gateway/edge1/message/write")}));
    QCOMPARE(grid.rowCount(), 1);
    QCOMPARE(grid.columnCount(), 5);
    QCOMPARE(grid.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Connected registry"));
    QCOMPARE(grid.headerData(4, Qt::Horizontal).toString(), QStringLiteral("message/write"));
    QCOMPARE(grid.actions(), (QStringList{QStringLiteral("gateway/edge1/config/read"),
                                          QStringLiteral("gateway/edge1/message/write")}));
    grid.appendRow(QStringLiteral("9starts-with-digit"));
    QVERIFY(!grid.problemAt(1).isEmpty()); // the connected registry name rule
}

void TestScopeMapGridModel::readOnlyRefusesEdits() {
    ScopeMapGridModel grid(ScopeMapGridModel::Kind::Repositories);
    QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
    grid.setActions(ferry::systemScopeMapActions(QStringLiteral("_repositories_pull")));
    grid.setReadOnly(true);
    QVERIFY(!grid.flags(grid.index(0, 1)).testFlag(Qt::ItemIsUserCheckable));
    QVERIFY(!grid.setData(grid.index(0, 2), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(grid.actions(), (QStringList{QStringLiteral("repositories/*/content/read"),
                                          QStringLiteral("repositories/*/metadata/read")}));
}

QTEST_GUILESS_MAIN(TestScopeMapGridModel)
#include "tst_scopemapgridmodel.moc"
