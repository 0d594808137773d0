#include "tlstrust.h"

#include <QCryptographicHash>
#include <QNetworkReply>
#include <QSslConfiguration>

namespace ferry {

namespace {
// Set on a reply that watch() refused, so the client reporting its failure
// can say why in the operator's terms rather than Qt's "handshake failed".
constexpr char kRefusalProperty[] = "ferryTlsRefusal";

QString joined(const QStringList& parts) {
    return parts.join(QStringLiteral(", "));
}
} // namespace

QString CertificateSummary::fingerprintText() const {
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

CertificateSummary CertificateSummary::of(const QSslCertificate& certificate,
                                          const QList<QSslError>& errors) {
    CertificateSummary summary;
    if (certificate.isNull())
        return summary;
    summary.sha256 = certificate.digest(QCryptographicHash::Sha256);
    summary.subject = joined(certificate.subjectInfo(QSslCertificate::CommonName));
    if (summary.subject.isEmpty())
        summary.subject = certificate.subjectDisplayName();
    summary.issuer = joined(certificate.issuerInfo(QSslCertificate::CommonName));
    if (summary.issuer.isEmpty())
        summary.issuer = certificate.issuerDisplayName();
    summary.notBefore = certificate.effectiveDate();
    summary.notAfter = certificate.expiryDate();
    for (const QSslError& error : errors)
        if (!summary.problems.contains(error.errorString()))
            summary.problems << error.errorString();
    return summary;
}

TlsTrust::TlsTrust(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<CertificateSummary>();
}

void TlsTrust::setPinned(const QByteArray& sha256) {
    m_pinned = sha256;
    m_asked.remove(sha256);
    m_declined.remove(sha256);
    m_warned.clear();
}

TlsTrust::Verdict TlsTrust::verdict(const QSslCertificate& peer) const {
    if (m_pinned.isEmpty())
        return Verdict::Unknown;
    return peer.digest(QCryptographicHash::Sha256) == m_pinned ? Verdict::Pinned : Verdict::Changed;
}

void TlsTrust::watch(QNetworkReply* reply) {
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError>& errors) { review(reply, errors); });
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] { checkEncrypted(reply); });
}

QString TlsTrust::refusalOf(const QNetworkReply* reply) {
    return reply->property(kRefusalProperty).toString();
}

void TlsTrust::review(QNetworkReply* reply, const QList<QSslError>& errors) {
    QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (peer.isNull()) {
        for (const QSslError& error : errors)
            if (!error.certificate().isNull()) {
                peer = error.certificate();
                break;
            }
    }
    const CertificateSummary summary = CertificateSummary::of(peer, errors);
    switch (verdict(peer)) {
    case Verdict::Pinned:
        // Exactly the certificate the operator accepted: the system's
        // objections (self-signed, unknown issuer) were what they agreed to.
        reply->ignoreSslErrors(errors);
        return;
    case Verdict::Unknown:
        reply->setProperty(kRefusalProperty,
                           tr("The server's certificate (SHA-256 %1) is not trusted: %2")
                               .arg(summary.fingerprintText(), joined(summary.problems)));
        if (!summary.isNull() && !m_asked.contains(summary.sha256) &&
            !m_declined.contains(summary.sha256)) {
            m_asked.insert(summary.sha256);
            Q_EMIT decisionNeeded(summary);
        }
        return;
    case Verdict::Changed:
        refuseChanged(reply, summary);
        return;
    }
}

// A certificate the system trusts raises no sslErrors; a pinned server must
// still show exactly its pinned certificate.
void TlsTrust::checkEncrypted(QNetworkReply* reply) {
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (m_pinned.isEmpty() || verdict(peer) == Verdict::Pinned)
        return;
    refuseChanged(reply, CertificateSummary::of(peer));
    reply->abort();
}

void TlsTrust::refuseChanged(QNetworkReply* reply, const CertificateSummary& summary) {
    reply->setProperty(
        kRefusalProperty,
        tr("The server's certificate has changed: it is now SHA-256 %1, not the "
           "trusted %2. The connection was refused.")
            .arg(summary.fingerprintText(), QString::fromLatin1(m_pinned.toHex(':').toUpper())));
    if (!m_warned.contains(summary.sha256)) {
        m_warned.insert(summary.sha256);
        Q_EMIT fingerprintChanged(summary, m_pinned);
    }
}

} // namespace ferry
