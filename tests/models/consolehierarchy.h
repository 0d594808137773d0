#pragma once
// For the console's tests: a real root ferryd with access control, and
// connected ferryds started from the connection strings the root hands out,
// as an operator would (README "A hierarchy on one machine"). Header-only so
// the model and widget tests share it without a library of their own.

#include "accesskit.h"
#include "ferrydprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <map>
#include <memory>

class ConsoleHierarchy {
public:
    ConsoleHierarchy() {
        // Children report once a second, so state changes arrive quickly.
        m_root.setAccessControl(true);
        m_root.setExtraArgs({QStringLiteral("--sync-heartbeat"), QStringLiteral("1")});
    }

    bool start() {
        if (!m_root.start(20000)) {
            qWarning() << "root ferryd:" << m_root.errorString();
            return false;
        }
        m_admin = std::make_unique<accesskit::AdminApi>(m_root);
        return m_work.isValid();
    }

    FerrydProcess& root() { return m_root; }
    accesskit::AdminApi& admin() { return *m_admin; }
    QString adminPassword() const { return m_root.adminPassword(); }

    // PUT connected-registries/<name> from a repository list, as ferryctl does.
    bool createRegistry(const QString& name, const QString& mode, const QString& parent = {},
                        const QStringList& repositories = {QStringLiteral("app")}) {
        QJsonObject body{
            {QStringLiteral("mode"), mode},
            {QStringLiteral("repositories"), QJsonArray::fromStringList(repositories)}};
        if (!parent.isEmpty())
            body.insert(QStringLiteral("parent"), parent);
        const HttpReply reply =
            m_admin->call("PUT", QStringLiteral("/api/v1/connected-registries/") + name, body);
        if (reply.status != 201)
            qWarning() << "create" << name << reply.status << reply.body;
        return reply.status == 201;
    }

    bool deleteRegistry(const QString& name) {
        return m_admin
                   ->call("DELETE",
                          QStringLiteral("/api/v1/connected-registries/%1?cleanup=true").arg(name))
                   .status == 200;
    }

    // Starts a ferryd for a registry the root defines, from a freshly
    // generated connection string kept in a file only this user can read.
    FerrydProcess* startChild(const QString& name) {
        const HttpReply settings = m_admin->call(
            "POST", QStringLiteral("/api/v1/connected-registries/%1/get-settings").arg(name),
            QJsonObject{{QStringLiteral("parentProtocol"), QStringLiteral("http")},
                        {QStringLiteral("generatePassword"), 1}});
        const QString text = QJsonDocument::fromJson(settings.body)
                                 .object()
                                 .value(QStringLiteral("connectionString"))
                                 .toString();
        if (text.isEmpty()) {
            qWarning() << "get-settings" << name << settings.status << settings.body;
            return nullptr;
        }
        const QString file = m_work.filePath(name + QStringLiteral(".connection"));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0)
            return nullptr;
        out.close();
        out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        auto process = std::make_unique<FerrydProcess>();
        process->setAccessControl(true);
        process->setExtraArgs({QStringLiteral("--connection-string-file"), file,
                               QStringLiteral("--sync-heartbeat"), QStringLiteral("1")});
        if (!process->start(20000)) {
            qWarning() << name << process->errorString();
            return nullptr;
        }
        FerrydProcess* raw = process.get();
        m_children[name] = std::move(process);
        return raw;
    }

    FerrydProcess* child(const QString& name) {
        auto it = m_children.find(name);
        return it == m_children.end() ? nullptr : it->second.get();
    }

    QJsonObject registry(const QString& name) {
        return QJsonDocument::fromJson(
                   m_admin->call("GET", QStringLiteral("/api/v1/connected-registries/") + name)
                       .body)
            .object();
    }

private:
    FerrydProcess m_root;
    std::unique_ptr<accesskit::AdminApi> m_admin;
    QTemporaryDir m_work;
    std::map<QString, std::unique_ptr<FerrydProcess>> m_children;
};
