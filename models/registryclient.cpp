#include "registryclient.h"

#include "tlstrust.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslError>
#include <QUrlQuery>

namespace {

// A server that keeps handing out "next" links must not keep us paging forever.
constexpr int maxPages = 10000;

// OCI Distribution spec, "Listing Tags" / catalog extension: the next page is
// announced as `Link: <url>; rel="next"`, possibly among other links.
QUrl nextPageLink(const QByteArray& linkHeader, const QUrl& current) {
    static const QRegularExpression link(QStringLiteral(R"(<([^>]*)>\s*((?:;\s*[^,;]+)*))"));
    static const QRegularExpression relNext(QStringLiteral(R"(;\s*rel\s*=\s*"?next"?)"),
                                            QRegularExpression::CaseInsensitiveOption);
    auto it = link.globalMatch(QString::fromLatin1(linkHeader));
    while (it.hasNext()) {
        const auto match = it.next();
        if (relNext.match(match.captured(2)).hasMatch())
            return current.resolved(QUrl(match.captured(1)));
    }
    return {};
}

// OCI Distribution spec, "Error Codes": {"errors":[{"code","message","detail"}]}.
QString ociErrorText(const QByteArray& body) {
    const auto errors =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("errors")).toArray();
    QStringList parts;
    for (const auto& entry : errors) {
        const auto error = entry.toObject();
        const QString code = error.value(QStringLiteral("code")).toString();
        const QString message = error.value(QStringLiteral("message")).toString();
        if (message.isEmpty() && code.isEmpty())
            continue;
        parts << (code.isEmpty()      ? message
                  : message.isEmpty() ? code
                                      : QStringLiteral("%1 (%2)").arg(message, code));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

struct RegistryClient::Paging {
    QString action;              // for a person: "list the repositories"
    QString arrayKey;            // "repositories" or "tags"
    bool nullMeansEmpty = false; // tag lists may say "tags": null
    QStringList collected;
    QStringList tlsErrors;
    QSet<QUrl> visited;
    quint64 generation = 0;
    std::function<void(const QStringList&)> done;
};

RegistryClient::RegistryClient(QObject* parent)
    : QObject(parent) {}

RegistryClient::~RegistryClient() {
    abortInFlight();
}

void RegistryClient::setBaseUrl(const QUrl& url) {
    if (url == m_baseUrl)
        return;
    abortInFlight();
    m_baseUrl = url;
}

void RegistryClient::setCredentials(const QString& user, const QString& password) {
    m_authorization = "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void RegistryClient::clearCredentials() {
    m_authorization.clear();
}

void RegistryClient::fetchCatalog() {
    auto paging = std::make_shared<Paging>();
    paging->action = tr("list the repositories");
    paging->arrayKey = QStringLiteral("repositories");
    paging->done = [this](const QStringList& repositories) {
        Q_EMIT catalogReceived(repositories);
    };
    requestPage(paging, endpoint(QStringLiteral("/v2/_catalog")));
}

void RegistryClient::fetchTags(const QString& repository) {
    auto paging = std::make_shared<Paging>();
    paging->action = tr("list the tags of %1").arg(repository);
    paging->arrayKey = QStringLiteral("tags");
    paging->nullMeansEmpty = true;
    paging->done = [this, repository](const QStringList& tags) {
        Q_EMIT tagsReceived(repository, tags);
    };
    requestPage(paging, endpoint(QStringLiteral("/v2/%1/tags/list").arg(repository)));
}

QUrl RegistryClient::endpoint(const QString& path) const {
    QUrl url = m_baseUrl;
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    if (m_pageSize > 0)
        url.setQuery(QUrlQuery{{QStringLiteral("n"), QString::number(m_pageSize)}});
    return url;
}

void RegistryClient::requestPage(std::shared_ptr<Paging> paging, const QUrl& url) {
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        Q_EMIT errorOccurred(ErrorCategory::Request,
                             tr("Could not %1: \"%2\" is not a server address.")
                                 .arg(paging->action, m_baseUrl.toDisplayString()));
        return;
    }
    if (paging->visited.size() >= maxPages || paging->visited.contains(url)) {
        Q_EMIT errorOccurred(
            ErrorCategory::Parsing,
            tr("Could not %1: the server's page links go round in a circle.").arg(paging->action));
        return;
    }
    paging->visited.insert(url);
    paging->generation = m_generation;

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply* reply = m_network.get(request);
    m_inFlight.insert(reply);
    if (m_trust)
        m_trust->watch(reply);
    // Collected rather than ignored: certificate problems are the TLS error category.
    connect(reply, &QNetworkReply::sslErrors, this, [paging](const QList<QSslError>& errors) {
        for (const auto& error : errors)
            paging->tlsErrors << error.errorString();
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, paging, reply] { handlePage(paging, reply); });
}

void RegistryClient::handlePage(std::shared_ptr<Paging> paging, QNetworkReply* reply) {
    reply->deleteLater();
    m_inFlight.remove(reply);
    if (paging->generation != m_generation)
        return; // answered by a server we no longer talk to

    if (reportFailure(reply, paging->action, paging->tlsErrors))
        return;
    const QByteArray body = reply->readAll();
    const QString server =
        reply->url()
            .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo)
            .toDisplayString();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonValue list = document.object().value(paging->arrayKey);
    const bool listOk = list.isArray() || (list.isNull() && paging->nullMeansEmpty);
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || !listOk) {
        Q_EMIT errorOccurred(ErrorCategory::Parsing,
                             tr("Could not %1: the answer from %2 is not the JSON the OCI "
                                "distribution API describes (expected a \"%3\" list).")
                                 .arg(paging->action, server, paging->arrayKey));
        return;
    }
    for (const auto& entry : list.toArray()) {
        if (!entry.isString()) {
            Q_EMIT errorOccurred(ErrorCategory::Parsing,
                                 tr("Could not %1: the \"%2\" list holds something other "
                                    "than names.")
                                     .arg(paging->action, paging->arrayKey));
            return;
        }
        paging->collected << entry.toString();
    }

    const QUrl next = nextPageLink(reply->rawHeader("Link"), reply->url());
    if (next.isValid() && !next.isEmpty()) {
        requestPage(paging, next);
        return;
    }
    paging->done(paging->collected);
}

void RegistryClient::abortInFlight() {
    ++m_generation;
    const auto replies = m_inFlight;
    m_inFlight.clear();
    for (QNetworkReply* reply : replies)
        reply->abort();
}

bool RegistryClient::reportFailure(QNetworkReply* reply, const QString& action,
                                   const QStringList& tlsErrors) {
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString server =
        reply->url()
            .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo)
            .toDisplayString();

    // Errors the trust accepted (the pinned certificate) were collected too;
    // only a failed handshake or the trust's refusal means the TLS failed.
    const QString refusal = ferry::TlsTrust::refusalOf(reply);
    if (!refusal.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError) {
        const QString reason = !refusal.isEmpty()    ? refusal
                               : tlsErrors.isEmpty() ? reply->errorString()
                                                     : tlsErrors.join(QStringLiteral("; "));
        Q_EMIT errorOccurred(ErrorCategory::Tls,
                             tr("Could not %1: the secure connection to %2 failed (%3).")
                                 .arg(action, server, reason));
        return true;
    }
    if (status == 0 || reply->error() == QNetworkReply::OperationCanceledError) {
        // Our own aborts never get here (see the generation check), so a cancel is the timeout.
        const QString reason = reply->error() == QNetworkReply::OperationCanceledError
                                   ? tr("no answer within %1 seconds").arg(m_timeoutMs / 1000)
                                   : reply->errorString();
        Q_EMIT errorOccurred(
            ErrorCategory::Connection,
            tr("Could not %1: %2 cannot be reached (%3).").arg(action, server, reason));
        return true;
    }
    if (status < 200 || status >= 300) {
        // Only a failure's body is read here: a success's is the caller's.
        QString detail = ociErrorText(reply->readAll());
        if (detail.isEmpty())
            detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        Q_EMIT errorOccurred(ErrorCategory::Request,
                             tr("Could not %1: the server answered HTTP %2: %3")
                                 .arg(action)
                                 .arg(status)
                                 .arg(detail));
        return true;
    }

    return false;
}

void RegistryClient::sendOne(const QByteArray& method, const QString& path, const QString& action,
                             std::function<void(QNetworkReply*)> done) {
    QUrl url = endpoint(path);
    url.setQuery(QString()); // no paging here
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        Q_EMIT errorOccurred(ErrorCategory::Request,
                             tr("Could not %1: \"%2\" is not a server address.")
                                 .arg(action, m_baseUrl.toDisplayString()));
        return;
    }
    QNetworkRequest request(url);
    // Every manifest kind ferryd stores, so a HEAD answers with its digest.
    request.setRawHeader("Accept", "application/vnd.oci.image.manifest.v1+json, "
                                   "application/vnd.oci.image.index.v1+json, "
                                   "application/vnd.docker.distribution.manifest.v2+json, "
                                   "application/vnd.docker.distribution.manifest.list.v2+json");
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(m_timeoutMs);
    // A custom "HEAD" would wait for the body its Content-Length announces.
    QNetworkReply* reply =
        method == "HEAD" ? m_network.head(request) : m_network.sendCustomRequest(request, method);
    m_inFlight.insert(reply);
    if (m_trust)
        m_trust->watch(reply);
    auto tlsErrors = std::make_shared<QStringList>();
    connect(reply, &QNetworkReply::sslErrors, this, [tlsErrors](const QList<QSslError>& errors) {
        for (const auto& error : errors)
            *tlsErrors << error.errorString();
    });
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, action, done, tlsErrors, generation] {
                reply->deleteLater();
                m_inFlight.remove(reply);
                if (generation != m_generation)
                    return; // answered by a server we no longer talk to
                if (!reportFailure(reply, action, *tlsErrors))
                    done(reply);
            });
}

void RegistryClient::fetchDigest(const QString& repository, const QString& tag) {
    sendOne("HEAD", QStringLiteral("/v2/%1/manifests/%2").arg(repository, tag),
            tr("read the manifest of %1:%2").arg(repository, tag),
            [this, repository, tag](QNetworkReply* reply) {
                const QString digest =
                    QString::fromLatin1(reply->rawHeader("Docker-Content-Digest"));
                if (digest.isEmpty()) {
                    Q_EMIT errorOccurred(
                        ErrorCategory::Parsing,
                        tr("Could not read the manifest of %1:%2: the server named no digest.")
                            .arg(repository, tag));
                    return;
                }
                Q_EMIT digestReceived(repository, tag, digest);
            });
}

void RegistryClient::deleteTag(const QString& repository, const QString& tag) {
    sendOne("DELETE", QStringLiteral("/v2/%1/manifests/%2").arg(repository, tag),
            tr("delete the tag %1:%2").arg(repository, tag),
            [this, repository, tag](QNetworkReply*) { Q_EMIT tagDeleted(repository, tag); });
}

void RegistryClient::deleteManifest(const QString& repository, const QString& digest) {
    sendOne(
        "DELETE", QStringLiteral("/v2/%1/manifests/%2").arg(repository, digest),
        tr("delete the manifest %1@%2").arg(repository, digest),
        [this, repository, digest](QNetworkReply*) { Q_EMIT manifestDeleted(repository, digest); });
}
