// One measurement of the console against a seeded ferryd, in a fresh process
// each time (run by bench/console-bench.sh, offscreen). Prints one line:
//   start  <ms to a painted diagram of every registry> <registries> <RSS MiB>
//   change <ms from sending a PATCH to the diagram painted after the node changed> <ms to the row
//   change> <RSS MiB> tokens <ms to the first page of the token list painted> <rows> <RSS MiB>
//   scopemaps <ms to the first page of the scope map list painted> <rows> <RSS MiB>
//   audit  <ms to the first page of the audit log painted> <rows> <RSS MiB>
// FERRY_URL and FERRY_PASSWORD say where; never printed.

#include "auditlogmodel.h"
#include "consolesession.h"
#include "detailspanel.h"
#include "hierarchydiagram.h"
#include "hierarchypanel.h"
#include "icons.h"
#include "mainwindow.h"
#include "scopemaplistmodel.h"
#include "tokenlistmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QTimer>
#include <QTreeView>
#include <cstdio>

namespace {

double rssMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

// Fires once the widget has painted after `ready` became true.
class PaintProbe : public QObject {
public:
    std::function<bool()> ready;
    std::function<void()> done;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && ready && ready()) {
            ready = nullptr;
            QTimer::singleShot(0, this, [this] { done(); });
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char* argv[]) {
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    ferry::ui::installTranslations();
    const QString mode = argc > 1 ? QString::fromLatin1(argv[1]) : QStringLiteral("start");
    const QUrl url(qEnvironmentVariable("FERRY_URL"));
    ferry::ui::ConsoleSession session;
    session.setCredentials(QStringLiteral("admin"), qEnvironmentVariable("FERRY_PASSWORD"));
    QTimer::singleShot(120000, &app, [] {
        std::fprintf(stderr, "timed out\n");
        QCoreApplication::exit(2);
    });

    // A paged list: from reload() to its first page painted in a view.
    auto openList = [&](ferry::PagedTableModel& model) {
        session.setServer(url);
        QTreeView view;
        view.setUniformRowHeights(true);
        view.setModel(&model);
        view.resize(900, 700);
        view.show();
        PaintProbe probe;
        QElapsedTimer open;
        probe.ready = [&] { return model.rowCount() > 0; };
        probe.done = [&] {
            std::printf("%s %.1f %d %.1f\n", qPrintable(mode), open.nsecsElapsed() / 1e6,
                        model.rowCount(), rssMiB());
            QCoreApplication::quit();
        };
        view.viewport()->installEventFilter(&probe);
        QTimer::singleShot(0, &app, [&] {
            open.start();
            model.reload();
        });
        return app.exec();
    };
    if (mode == QLatin1String("tokens")) {
        ferry::TokenListModel model(session.management());
        return openList(model);
    }
    if (mode == QLatin1String("scopemaps")) {
        ferry::ScopeMapListModel model(session.management());
        return openList(model);
    }
    if (mode == QLatin1String("audit")) {
        ferry::AuditLogModel model(session.management());
        return openList(model);
    }

    ferry::ui::MainWindow window(&session);
    window.resize(1600, 1000);
    window.show();
    ferry::ui::HierarchyDiagram* diagram = window.hierarchyPanel()->diagram();
    PaintProbe probe;
    diagram->viewport()->installEventFilter(&probe);
    const int expected = qEnvironmentVariableIntValue("REGISTRIES") + 1;

    if (mode == QLatin1String("start")) {
        probe.ready = [&] { return diagram->cardCount() >= expected; };
        probe.done = [&] {
            std::printf("start %.1f %d %.1f\n", clock.nsecsElapsed() / 1e6, diagram->cardCount(),
                        rssMiB());
            QCoreApplication::quit();
        };
        window.connectTo(url);
        return app.exec();
    }

    // change: once loaded, PATCH one registry's logging level and time from
    // sending it to that node's row changing and the diagram painting again:
    // an upper bound of "visible after the service emits it" (it includes
    // the PATCH's own round trip).
    const QString target = qEnvironmentVariable("TARGET", QStringLiteral("top01c1g1"));
    QElapsedTimer since;
    bool sent = false;
    QObject::connect(session.hierarchy(), &QAbstractItemModel::dataChanged, &app,
                     [&](const QModelIndex& topLeft) {
                         if (!sent ||
                             topLeft.siblingAtColumn(0) != session.hierarchy()->indexOf(target))
                             return;
                         sent = false;
                         const double changed = since.nsecsElapsed() / 1e6;
                         probe.ready = [] { return true; };
                         probe.done = [&, changed] {
                             std::printf("change %.1f %.1f %.1f\n", since.nsecsElapsed() / 1e6,
                                         changed, rssMiB());
                             QCoreApplication::quit();
                         };
                         diagram->viewport()->update();
                     });
    bool started = false;
    QObject::connect(session.feed(), &ferry::HierarchyFeed::loaded, &app, [&] {
        if (started)
            return;
        started = true;
        // The script alternates it, so every PATCH really changes something.
        const QString level = qEnvironmentVariable("LEVEL", QStringLiteral("Warning"));
        since.start();
        sent = true;
        ferry::ManagementCall* call = session.management()->patch(
            QStringLiteral("connected-registries/") + target,
            QJsonObject{
                {QStringLiteral("logging"), QJsonObject{{QStringLiteral("level"), level}}}});
        QObject::connect(call, &ferry::ManagementCall::finished, call, &QObject::deleteLater);
    });
    window.connectTo(url);
    return app.exec();
}
