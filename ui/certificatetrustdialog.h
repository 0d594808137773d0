#pragma once
// Asks the operator whether to trust a server certificate that no system CA
// vouches for (trust on first use), or tells them that a pinned server now
// shows another certificate, which is refused. The fingerprint is what they
// compare with the one `ferryd init-tls` printed on the server.

#include "tlstrust.h"

#include <QDialog>
#include <QUrl>

class QPushButton;

namespace ferry::ui {

class CertificateTrustDialog : public QDialog {
    Q_OBJECT
public:
    enum class Purpose {
        FirstUse, // "Trust this certificate" or not
        Changed,  // a warning only: no way to accept from here
    };

    CertificateTrustDialog(Purpose purpose, const QUrl& server,
                           const CertificateSummary& certificate, const QByteArray& pinned = {},
                           QWidget* parent = nullptr);

    CertificateSummary certificate() const { return m_certificate; }
    QPushButton* trustButton() const { return m_trust; }

private:
    CertificateSummary m_certificate;
    QPushButton* m_trust = nullptr;
};

} // namespace ferry::ui
