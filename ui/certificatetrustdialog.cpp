#include "certificatetrustdialog.h"

#include "icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {
QLabel* selectable(const QString& text, const QString& name, const QString& accessible,
                   QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    label->setAccessibleName(accessible);
    return label;
}

QString fingerprintLines(const QString& text) {
    // 95 characters do not fit a dialog; two lines of 16 bytes read better.
    return text.left(47) + u'\n' + text.mid(48);
}
} // namespace

CertificateTrustDialog::CertificateTrustDialog(Purpose purpose, const QUrl& server,
                                               const CertificateSummary& certificate,
                                               const QByteArray& pinned, QWidget* parent)
    : QDialog(parent)
    , m_certificate(certificate) {
    const bool firstUse = purpose == Purpose::FirstUse;
    setObjectName(firstUse ? QStringLiteral("trustCertificateDialog")
                           : QStringLiteral("certificateChangedDialog"));
    setWindowTitle(firstUse ? tr("Trust this server's certificate?")
                            : tr("The server's certificate has changed"));
    setAccessibleName(windowTitle());

    auto* icon = new QLabel(this);
    icon->setPixmap(
        style()
            ->standardIcon(firstUse ? QStyle::SP_MessageBoxQuestion : QStyle::SP_MessageBoxCritical)
            .pixmap(48, 48));
    icon->setAccessibleName(firstUse ? tr("Question") : tr("Warning"));
    const QString host =
        server.toDisplayString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    auto* intro = selectable(
        firstUse
            ? tr("<p><b>%1</b> presents a certificate that this computer does not trust (%2).</p>"
                 "<p>Compare its fingerprint with the one <code>ferryd init-tls</code> printed on "
                 "the "
                 "server. Trust it only if they are the same: the console then accepts exactly "
                 "this "
                 "certificate for this server, and refuses any other.</p>")
                  .arg(host.toHtmlEscaped(),
                       certificate.problems.join(QStringLiteral("; ")).toHtmlEscaped())
            : tr("<p><b>%1</b> now presents a different certificate from the one you trusted. "
                 "The console refused to connect.</p>"
                 "<p>This is expected only if the server's certificate was renewed on purpose. "
                 "Otherwise someone may be impersonating the server. If you have checked the new "
                 "fingerprint with the server's administrator, remove the trusted certificate from "
                 "the "
                 "connection profile (File ▸ Connection profiles) and connect again.</p>")
                  .arg(host.toHtmlEscaped()),
        QStringLiteral("trustExplanation"), tr("Explanation"), this);
    intro->setTextFormat(Qt::RichText);

    auto* form = new QFormLayout;
    form->addRow(
        tr("Subject:"),
        selectable(certificate.subject, QStringLiteral("certificateSubject"), tr("Subject"), this));
    form->addRow(tr("Issuer:"), selectable(certificate.issuer, QStringLiteral("certificateIssuer"),
                                           tr("Issuer"), this));
    const QLocale locale;
    form->addRow(
        tr("Valid:"),
        selectable(
            tr("%1 to %2")
                .arg(locale.toString(certificate.notBefore.toLocalTime(), QLocale::ShortFormat),
                     locale.toString(certificate.notAfter.toLocalTime(), QLocale::ShortFormat)),
            QStringLiteral("certificateValidity"), tr("Valid"), this));
    QLabel* fingerprint =
        selectable(fingerprintLines(certificate.fingerprintText()),
                   QStringLiteral("certificateFingerprint"), tr("SHA-256 fingerprint"), this);
    QFont mono = fingerprint->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    fingerprint->setFont(mono);
    fingerprint->setWordWrap(false); // two lines of 16 bytes, as fingerprintLines() breaks them
    form->addRow(firstUse ? tr("SHA-256 fingerprint:") : tr("New SHA-256 fingerprint:"),
                 fingerprint);
    if (!firstUse) {
        QLabel* trusted = selectable(
            fingerprintLines(QString::fromLatin1(pinned.toHex(':').toUpper())),
            QStringLiteral("pinnedFingerprint"), tr("Trusted SHA-256 fingerprint"), this);
        trusted->setFont(mono);
        trusted->setWordWrap(false);
        form->addRow(tr("Trusted SHA-256 fingerprint:"), trusted);
    }

    auto* buttons = new QDialogButtonBox(this);
    if (firstUse) {
        m_trust = buttons->addButton(tr("&Trust and connect"), QDialogButtonBox::AcceptRole);
        m_trust->setObjectName(QStringLiteral("trustButton"));
        m_trust->setAccessibleName(tr("Trust this certificate and connect"));
        QPushButton* cancel = buttons->addButton(tr("&Don't trust"), QDialogButtonBox::RejectRole);
        cancel->setObjectName(QStringLiteral("dontTrustButton"));
        cancel->setAccessibleName(tr("Don't trust this certificate"));
        // Trusting is a decision, never what Enter does by accident.
        m_trust->setAutoDefault(false);
        cancel->setDefault(true);
        cancel->setFocus();
    } else {
        QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
        close->setObjectName(QStringLiteral("closeButton"));
        close->setAccessibleName(tr("Close"));
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    auto* text = new QVBoxLayout;
    text->addWidget(intro);
    text->addLayout(form);
    top->addLayout(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

} // namespace ferry::ui
