#include "repositorybrowser.h"

#include "icons.h"
#include "registryclient.h"
#include "repositorymodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace ferry::ui {

RepositoryBrowser::RepositoryBrowser(RegistryClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new RepositoryModel(this))
    , m_view(new QTreeView(this))
    , m_details(new QLabel(this))
    , m_deleteTag(new QPushButton(icon(QStringLiteral("delete")), tr("Delete &tag…"), this))
    , m_deleteManifest(
          new QPushButton(icon(QStringLiteral("delete")), tr("Delete &manifest…"), this)) {
    setObjectName(QStringLiteral("repositoryBrowser"));
    m_model->connectClient(client);
    m_view->setObjectName(QStringLiteral("repositoryTree"));
    m_view->setAccessibleName(tr("Repositories and tags"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->header()->hide();
    m_details->setObjectName(QStringLiteral("manifestDetails"));
    m_details->setAccessibleName(tr("Selected tag"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_deleteTag->setObjectName(QStringLiteral("deleteTag"));
    m_deleteTag->setToolTip(tr("Remove the selected tag; its manifest stays"));
    m_deleteTag->setAccessibleName(tr("Delete the selected tag"));
    m_deleteManifest->setObjectName(QStringLiteral("deleteManifest"));
    m_deleteManifest->setToolTip(
        tr("Remove the selected tag's manifest and every tag that points at it"));
    m_deleteManifest->setAccessibleName(tr("Delete the selected tag's manifest"));

    // Delete on a selected tag deletes the tag; the button says so too.
    auto* deleteKey = new QAction(tr("Delete tag"), m_view);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, this, &RepositoryBrowser::deleteSelectedTag);
    connect(m_deleteTag, &QPushButton::clicked, this, &RepositoryBrowser::deleteSelectedTag);
    connect(m_deleteManifest, &QPushButton::clicked, this,
            &RepositoryBrowser::deleteSelectedManifest);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_deleteTag);
    buttons->addWidget(m_deleteManifest);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_details);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RepositoryBrowser::selectionChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        selectionChanged();
        if (!m_pendingRepository.isEmpty())
            confirmManifestDeletion();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &RepositoryBrowser::selectionChanged);
    connect(client, &RegistryClient::errorOccurred, this,
            [this](RegistryClient::ErrorCategory, const QString& text) {
                m_pendingRepository.clear();
                if (isVisible())
                    Q_EMIT message(text, true);
            });
    connect(client, &RegistryClient::tagDeleted, this,
            [this](const QString& repository, const QString& tag) {
                Q_EMIT message(tr("Deleted the tag %1:%2.").arg(repository, tag), false);
            });
    connect(client, &RegistryClient::manifestDeleted, this,
            [this](const QString& repository, const QString& digest) {
                Q_EMIT message(tr("Deleted the manifest %1@%2.").arg(repository, digest), false);
            });
    selectionChanged();
}

QMessageBox* RepositoryBrowser::confirmation() const {
    return m_confirmation;
}

void RepositoryBrowser::showCatalog() {
    m_editable = true;
    m_pendingRepository.clear();
    m_client->fetchCatalog();
    selectionChanged();
}

void RepositoryBrowser::showNames(const QStringList& names) {
    m_editable = false;
    m_pendingRepository.clear();
    m_model->clear();
    m_model->setRepositories(names);
    selectionChanged();
}

void RepositoryBrowser::showProblem(const QString& text) {
    m_model->clear();
    m_details->setText(text);
}

void RepositoryBrowser::selectionChanged() {
    const QModelIndex current = m_view->currentIndex();
    const bool isTag = current.isValid() && !current.data(RepositoryModel::TagRole).isNull();
    m_deleteTag->setEnabled(m_editable && isTag);
    m_deleteManifest->setEnabled(m_editable && isTag);
    if (!m_editable) {
        m_details->setText(tr("Deleting content works on the registry the console is connected to; "
                              "select it in the tree."));
        return;
    }
    if (!isTag) {
        m_details->setText(tr("Select a tag to see its manifest."));
        return;
    }
    const QString repository = current.data(RepositoryModel::RepositoryNameRole).toString();
    const QString tag = current.data(RepositoryModel::TagRole).toString();
    const QString digest = current.data(RepositoryModel::DigestRole).toString();
    if (digest.isEmpty()) {
        m_details->setText(tr("%1:%2\nManifest: reading…").arg(repository, tag));
        m_client->fetchDigest(repository, tag);
        return;
    }
    const int sharing = int(m_model->tagsWithDigest(repository, digest).size());
    m_details->setText(tr("%1:%2\nManifest: %3").arg(repository, tag, digest));
    m_details->setToolTip(tr("Tags known to point at this manifest: %1").arg(sharing));
}

void RepositoryBrowser::ask(const QString& title, const QString& text, const QString& details,
                            const QString& action, std::function<void()> onYes) {
    if (m_confirmation)
        return;
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmContentDeletion"));
    box->setInformativeText(details);
    QPushButton* yes = box->addButton(action, QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    yes->setAccessibleName(action);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, yes, onYes] {
        m_confirmation = nullptr;
        if (box->clickedButton() == yes)
            onYes();
    });
    box->open();
}

void RepositoryBrowser::deleteSelectedTag() {
    const QModelIndex current = m_view->currentIndex();
    if (!m_editable || !current.isValid() || current.data(RepositoryModel::TagRole).isNull())
        return;
    const QString repository = current.data(RepositoryModel::RepositoryNameRole).toString();
    const QString tag = current.data(RepositoryModel::TagRole).toString();
    const QString digest = current.data(RepositoryModel::DigestRole).toString();
    ask(tr("Delete the tag %1?").arg(tag), tr("Delete the tag \"%1\" of %2?").arg(tag, repository),
        tr("Only the name goes: pulls of %1:%2 fail from now on. The manifest %3 stays, reachable "
           "by its "
           "digest and by any other tag.")
            .arg(repository, tag, digest.isEmpty() ? tr("it points at") : digest),
        tr("&Delete tag"), [this, repository, tag] { m_client->deleteTag(repository, tag); });
}

void RepositoryBrowser::deleteSelectedManifest() {
    const QModelIndex current = m_view->currentIndex();
    if (!m_editable || !current.isValid() || current.data(RepositoryModel::TagRole).isNull())
        return;
    m_pendingRepository = current.data(RepositoryModel::RepositoryNameRole).toString();
    m_pendingTag = current.data(RepositoryModel::TagRole).toString();
    // Every tag's digest, so the confirmation names every tag that goes.
    const QModelIndex parent = current.parent();
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex tag = m_model->index(row, 0, parent);
        if (tag.data(RepositoryModel::DigestRole).isNull())
            m_client->fetchDigest(m_pendingRepository,
                                  tag.data(RepositoryModel::TagRole).toString());
    }
    confirmManifestDeletion();
}

void RepositoryBrowser::confirmManifestDeletion() {
    const QModelIndex parent = m_model->repositoryIndex(m_pendingRepository);
    const QModelIndex selected = m_model->tagIndex(m_pendingRepository, m_pendingTag);
    if (!parent.isValid() || !selected.isValid()) {
        m_pendingRepository.clear();
        return;
    }
    for (int row = 0; row < m_model->rowCount(parent); ++row)
        if (m_model->index(row, 0, parent).data(RepositoryModel::DigestRole).isNull())
            return; // still reading; dataChanged brings us back
    const QString repository = m_pendingRepository;
    const QString digest = selected.data(RepositoryModel::DigestRole).toString();
    m_pendingRepository.clear();
    const QStringList tags = m_model->tagsWithDigest(repository, digest);
    ask(tr("Delete the manifest?"), tr("Delete the manifest %1 of %2?").arg(digest, repository),
        tr("These tags point at it and go with it: %1. Pulls by them and by the digest fail from "
           "now on; "
           "the layers are freed by the next garbage collection.")
            .arg(tags.join(QStringLiteral(", "))),
        tr("&Delete manifest"),
        [this, repository, digest] { m_client->deleteManifest(repository, digest); });
}

} // namespace ferry::ui
