// The details panel's Client tokens tab: a connected registry's client
// tokens (at most 20, one request), or for the root every token, read page
// by page as the list scrolls; either way with one-click regeneration of
// the selected token's password1 or password2 (regenerate(), in
// detailspanel.cpp, which the Sync tab shares).
#include "detailspanel.h"

#include "consolesession.h"
#include "dimmedrowdelegate.h"
#include "domain/jsoncodec.h"
#include "icons.h"
#include "tokenlistmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ferry::ui {

void DetailsPanel::buildTokens() {
    auto* page = new QWidget(this);
    m_tokens->setObjectName(QStringLiteral("clientTokenList"));
    m_tokens->setAccessibleName(tr("Client tokens"));
    m_tokens->setHeaderLabels(
        {tr("Token"), tr("Status"), tr("Scope map"), tr("password1"), tr("password2")});
    m_tokens->setRootIsDecorated(false);
    m_tokens->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_regenerate1 = new QPushButton(icon(QStringLiteral("key")), tr("Regenerate password&1"), page);
    m_regenerate2 = new QPushButton(icon(QStringLiteral("key")), tr("Regenerate password&2"), page);
    m_regenerate1->setObjectName(QStringLiteral("regeneratePassword1"));
    m_regenerate2->setObjectName(QStringLiteral("regeneratePassword2"));
    for (QPushButton* button : {m_regenerate1, m_regenerate2})
        button->setToolTip(tr("Make a new password for the selected token; the old one stops "
                              "working at once"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_regenerate1);
    buttons->addWidget(m_regenerate2);
    buttons->addStretch();
    m_allTokens->setObjectName(QStringLiteral("allTokenList"));
    m_allTokens->setAccessibleName(tr("Every token"));
    m_allTokens->setModel(m_allTokenModel);
    m_allTokens->setItemDelegate(new DimmedRowDelegate(TokenListModel::DisabledRole, m_allTokens));
    m_tokens->setItemDelegate(new DimmedRowDelegate(TokenListModel::DisabledRole, m_tokens));
    m_allTokens->setRootIsDecorated(false);
    m_allTokens->setUniformRowHeights(true); // 20,000 rows scroll smoothly
    m_allTokens->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_allTokens->hide();
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_tokens, 1);
    layout->addWidget(m_allTokens, 1);
    layout->addLayout(buttons);
    m_tabs->addTab(page, tr("Client &tokens"));

    auto slotButton = [this](int slot) {
        const QString token = currentTokenName();
        if (!token.isEmpty())
            regenerate(token, slot);
    };
    connect(m_allTokenModel, &TokenListModel::pageLoaded, this, [this] {
        if (!m_allTokens->currentIndex().isValid() && m_allTokenModel->rowCount() > 0)
            m_allTokens->setCurrentIndex(m_allTokenModel->index(0, 0));
        m_regenerate1->setEnabled(m_allTokens->currentIndex().isValid());
        m_regenerate2->setEnabled(m_allTokens->currentIndex().isValid());
    });
    connect(m_regenerate1, &QPushButton::clicked, this, [slotButton] { slotButton(1); });
    connect(m_regenerate2, &QPushButton::clicked, this, [slotButton] { slotButton(2); });
    connect(m_tokens, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* current) {
        m_regenerate1->setEnabled(current);
        m_regenerate2->setEnabled(current);
    });
}

QString DetailsPanel::currentTokenName() const {
    if (m_allTokens->isVisible() || m_index.data(HierarchyModel::IsRootRole).toBool())
        return m_allTokens->currentIndex().data(TokenListModel::NameRole).toString();
    const QTreeWidgetItem* item = m_tokens->currentItem();
    return item ? item->text(0) : QString();
}

void DetailsPanel::loadClientTokens() {
    m_tokens->clear();
    m_regenerate1->setEnabled(false);
    m_regenerate2->setEnabled(false);
    const bool isRoot = m_index.data(HierarchyModel::IsRootRole).toBool();
    // The root's "client tokens" are every token it knows: possibly tens of
    // thousands, so read page by page as the list scrolls.
    m_allTokens->setVisible(isRoot);
    m_tokens->setVisible(!isRoot);
    if (!m_index.isValid())
        return;
    if (isRoot) {
        m_allTokenModel->reload();
        return;
    }
    const QString path = QStringLiteral("connected-registries/%1/client-tokens")
                             .arg(ManagementClient::segment(m_name));
    whenAnswered(m_session->management()->get(path), [this](const QJsonObject& body) {
        for (const QJsonValue& v : body.value(QLatin1StringView("items")).toArray()) {
            const QJsonObject token = v.toObject();
            const QJsonObject credentials =
                token.value(QLatin1StringView("credentials")).toObject();
            auto slotText = [&](const char* slot) {
                const QJsonObject s = credentials.value(QLatin1StringView(slot)).toObject();
                const auto created =
                    parseRfc3339(s.value(QLatin1StringView("creationTime")).toString());
                return s.isEmpty() ? tr("empty")
                                   : tr("set %1").arg(
                                         created ? QLocale().toString(created.value().toLocalTime(),
                                                                      QLocale::ShortFormat)
                                                 : QStringLiteral("—"));
            };
            auto* item = new QTreeWidgetItem(
                m_tokens,
                {fieldText(token, "name"), TokenListModel::statusText(fieldText(token, "status")),
                 fieldText(token, "scopeMap"), slotText("password1"), slotText("password2")});
            for (int column = 0; column < item->columnCount(); ++column)
                item->setData(column, TokenListModel::DisabledRole,
                              token.value(QLatin1StringView("status")).toString() ==
                                  QLatin1String("disabled"));
            item->setData(
                0, Qt::AccessibleTextRole,
                tr("%1, %2, scope map %3").arg(item->text(0), item->text(1), item->text(2)));
        }
        // One token is always chosen, so the regenerate buttons work from the keyboard.
        if (m_tokens->topLevelItemCount() > 0)
            m_tokens->setCurrentItem(m_tokens->topLevelItem(0));
    });
}

} // namespace ferry::ui
