#pragma once
// Shared by the ferryctl integration tests: one real ferryd with a known admin
// password, and ferryctl runs with a private config folder, exactly as a user
// would run it (arguments, stdin, environment). Header-only because only the
// tst_ferryctl*.cpp executables use it.

#include "ferrydprocess.h"
#include "httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#ifndef FERRYCTL_PATH
#error "FERRYCTL_PATH must name the ferryctl binary (tests/CMakeLists.txt sets it)"
#endif

struct CtlRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonValue json() const {
        const QJsonDocument d = QJsonDocument::fromJson(out);
        return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
    }
    QString describe() const {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

class FerryctlHarness {
public:
    static inline const QString kAdminPassword = QStringLiteral("ctl-admin-Secret-42");

    bool start() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FERRY_ADMIN_PASSWORD"), kAdminPassword);
        m_ferryd.setEnvironment(env);
        return m_config.isValid() && m_ferryd.start();
    }
    FerrydProcess& ferryd() { return m_ferryd; }
    QString configDir() const { return m_config.path(); }
    QString server() const { return m_ferryd.baseUrl().toString(); }

    // What ferryctl runs with: a private config folder and, unless
    // `withEnvCredentials` is false (the login test wants none), FERRY_SERVER
    // and FERRY_PASSWORD pointing at the test's ferryd.
    QProcessEnvironment environment(bool withEnvCredentials = true) const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"FERRY_SERVER", "FERRY_USERNAME", "FERRY_PASSWORD"})
            env.remove(QLatin1String(name));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        if (withEnvCredentials) {
            env.insert(QStringLiteral("FERRY_SERVER"), server());
            env.insert(QStringLiteral("FERRY_PASSWORD"), kAdminPassword);
        }
        return env;
    }

    // Starts ferryctl without waiting for it: for commands that keep running (watch).
    void start(QProcess& process, const QStringList& args) const {
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(FERRYCTL_PATH), args);
    }

    CtlRun run(const QStringList& args, const QByteArray& input = {},
               bool withEnvCredentials = true) {
        QProcess process;
        process.setProcessEnvironment(environment(withEnvCredentials));
        process.start(QStringLiteral(FERRYCTL_PATH), args);
        CtlRun result;
        if (!process.waitForStarted(10000))
            return result;
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60000))
            process.kill();
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    // Runs with -o json and requires success; the parsed output, or undefined
    // (with the run printed) on failure.
    QJsonValue json(const QStringList& args) {
        const CtlRun r = run(args + QStringList{QStringLiteral("-o"), QStringLiteral("json")});
        if (r.exitCode != 0) {
            qWarning().noquote() << args.join(u' ') << r.describe();
            return QJsonValue(QJsonValue::Undefined);
        }
        return r.json();
    }

    // Requires a refusal: exit 1, the server's code on stderr, nothing on stdout.
    bool refused(const QStringList& args, const QString& code) {
        const CtlRun r = run(args);
        const bool matched = r.exitCode == 1 && r.err.contains(code.toUtf8()) && r.out.isEmpty();
        if (!matched)
            qWarning().noquote() << args.join(u' ') << "expected" << code << r.describe();
        return matched;
    }

    // True when ferryd answers the admin's GET with 200 (the route has landed).
    bool routeExists(const QString& path) {
        HttpClient http(m_ferryd.baseUrl());
        http.setBasicAuth(QStringLiteral("admin"), kAdminPassword);
        return http.get(path).status == 200;
    }

private:
    QTemporaryDir m_config;
    FerrydProcess m_ferryd;
};

inline QStringList names(const QJsonValue& list) {
    QStringList out;
    for (const QJsonValue& item : list.toArray())
        out << item.toObject().value(QLatin1StringView("name")).toString();
    return out;
}
