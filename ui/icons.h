#pragma once
// The console's HiDPI icons (resources/icons/*.svg, compiled in through
// resources/ferry.qrc) and the one mapping from a connection state to its
// icon, colour and words, so the state is never told by colour alone.

#include <QColor>
#include <QIcon>
#include <QString>

namespace ferry::ui {

// ":/icons/<name>.svg" as an icon; makes sure the resources are registered.
QIcon icon(const QString& name);
QString iconPath(const QString& name);

// Loads the console's English plural forms (resources/translations) into the
// application, so tr("%n registries") says "1 registry". Call once after the
// QApplication exists.
void installTranslations();

struct StateLook {
    QString iconName; // e.g. "state-online"
    QColor colour;    // readable on light and dark backgrounds
    QString text;     // the state for a person, translated
};
StateLook stateLook(const QString& connectionState);

} // namespace ferry::ui
