#include "icons.h"

#include "hierarchymodel.h"

#include <QCoreApplication>
#include <QTranslator>

// Outside any namespace, as Q_INIT_RESOURCE requires. The resources live in
// this static library, so the linker keeps them only if something calls this.
static void initFerryResources() {
    Q_INIT_RESOURCE(ferry);
}

namespace ferry::ui {

QString iconPath(const QString& name) {
    static const bool registered = [] {
        initFerryResources();
        return true;
    }();
    Q_UNUSED(registered);
    return QStringLiteral(":/icons/%1.svg").arg(name);
}

QIcon icon(const QString& name) {
    return QIcon(iconPath(name));
}

void installTranslations() {
    static QTranslator* translator = nullptr;
    if (translator)
        return;
    translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(QStringLiteral(":/i18n/ferry_en.qm")))
        QCoreApplication::installTranslator(translator);
}

StateLook stateLook(const QString& connectionState) {
    if (connectionState == QLatin1String("Online"))
        return {QStringLiteral("state-online"), QColor(0x2e, 0x7d, 0x32),
                HierarchyModel::stateText(connectionState)};
    if (connectionState == QLatin1String("Syncing"))
        return {QStringLiteral("state-syncing"), QColor(0x15, 0x65, 0xc0),
                HierarchyModel::stateText(connectionState)};
    if (connectionState == QLatin1String("Unhealthy"))
        return {QStringLiteral("state-unhealthy"), QColor(0xc6, 0x28, 0x28),
                HierarchyModel::stateText(connectionState)};
    return {QStringLiteral("state-offline"), QColor(0x75, 0x75, 0x75),
            HierarchyModel::stateText(QStringLiteral("Offline"))};
}

} // namespace ferry::ui
