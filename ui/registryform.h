#pragma once
// What the New and Edit connected-registry dialogs share: how a typed list
// ("app, team/*") becomes names, and the service's repository rules
// (models/domain), so both dialogs refuse exactly what the server refuses.

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace ferry::ui::registryform {

// A JSON array of strings as a list (what the API sends for repositories,
// client tokens, notifications, removed tokens...).
QStringList stringsOf(const QJsonValue& value);
// Comma- or space-separated items, trimmed, empty ones dropped.
QStringList listFromText(const QString& text);
// The first repository that is neither a name, a prefix ending in "/*", nor
// "*", as the service's message; empty when all are acceptable.
QString repositoriesProblem(const QStringList& repositories);

} // namespace ferry::ui::registryform
