#pragma once
// Trust on first use for a server whose certificate no system CA vouches for
// (ferryd's self-signed `init-tls` certificate). The operator sees the
// certificate's SHA-256 fingerprint and subject and decides; an accepted
// fingerprint is pinned (in the connection profile) and from then on exactly
// that certificate is accepted. A different certificate on a pinned server is
// refused, with no way round it but removing the pin on purpose.
//
// One TlsTrust serves every QNetworkAccessManager of a console session: each
// client hands its replies to watch() before they finish.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

class QNetworkReply;

namespace ferry {

// What the operator is shown about a certificate.
struct CertificateSummary {
    QByteArray sha256; // raw digest of the DER encoding
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    QStringList problems; // why the system's trust store refused it

    bool isNull() const { return sha256.isEmpty(); }
    // "AB:CD:..." as ferryd init-tls and openssl print it.
    QString fingerprintText() const;
    static CertificateSummary of(const QSslCertificate& certificate,
                                 const QList<QSslError>& errors = {});
};

class TlsTrust : public QObject {
    Q_OBJECT
public:
    enum class Verdict {
        Pinned,  // the pinned certificate: accept
        Unknown, // nothing pinned: the operator decides
        Changed, // something else is pinned: refuse
    };
    Q_ENUM(Verdict)

    explicit TlsTrust(QObject* parent = nullptr);

    // The pinned fingerprint (raw SHA-256), empty when none is.
    void setPinned(const QByteArray& sha256);
    QByteArray pinned() const { return m_pinned; }
    Verdict verdict(const QSslCertificate& peer) const;

    // Follows a reply: accepts the pinned certificate despite the system's
    // objections, and refuses anything else (the reply then fails with
    // SslHandshakeFailedError and refusalOf() says why, for a person).
    void watch(QNetworkReply* reply);
    // Why watch() refused this reply's certificate; empty when it did not.
    static QString refusalOf(const QNetworkReply* reply);

    // Records the operator's answer for the certificate last asked about.
    void accept(const QByteArray& sha256) { setPinned(sha256); }
    void decline(const QByteArray& sha256) { m_declined.insert(sha256); }

Q_SIGNALS:
    // Once per unknown certificate until the operator answers (accept/decline),
    // however many requests ran into it meanwhile.
    void decisionNeeded(const ferry::CertificateSummary& certificate);
    // A pinned server showed another certificate. Once per such certificate.
    void fingerprintChanged(const ferry::CertificateSummary& certificate, const QByteArray& pinned);

private:
    void review(QNetworkReply* reply, const QList<QSslError>& errors);
    void checkEncrypted(QNetworkReply* reply);
    void refuseChanged(QNetworkReply* reply, const CertificateSummary& summary);

    QByteArray m_pinned;
    QSet<QByteArray> m_asked;    // decisionNeeded emitted, no answer yet
    QSet<QByteArray> m_declined; // the operator said no
    QSet<QByteArray> m_warned;   // fingerprintChanged emitted
};

} // namespace ferry

Q_DECLARE_METATYPE(ferry::CertificateSummary)
