#pragma once
// The Repositories tab: the registry's repositories and their tags
// (RepositoryModel, read page by page as a repository opens), the selected
// tag's manifest digest, and deleting a tag or a manifest after a
// confirmation that says exactly what goes. Deletions go through the OCI
// DELETE routes (RegistryClient) and the model drops just those rows.
//
// Only the server the console is connected to holds content it can delete
// (the root); for another registry the tab lists the repositories it syncs.

#include <QWidget>

class QLabel;
class QMessageBox;
class QPushButton;
class QTreeView;
class RegistryClient;
class RepositoryModel;

namespace ferry::ui {

class RepositoryBrowser : public QWidget {
    Q_OBJECT
public:
    explicit RepositoryBrowser(RegistryClient* client, QWidget* parent = nullptr);

    RepositoryModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    // The confirmation on screen, if any (tests).
    QMessageBox* confirmation() const;

    // The connected server's own content: its catalog, deletable.
    void showCatalog();
    // Another registry's repositories, by name only.
    void showNames(const QStringList& names);
    void showProblem(const QString& text);

    void deleteSelectedTag();
    void deleteSelectedManifest();

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void selectionChanged();
    void confirmManifestDeletion();
    void ask(const QString& title, const QString& text, const QString& details,
             const QString& action, std::function<void()> onYes);

    RegistryClient* m_client;
    RepositoryModel* m_model;
    QTreeView* m_view;
    QLabel* m_details;
    QPushButton* m_deleteTag;
    QPushButton* m_deleteManifest;
    QMessageBox* m_confirmation = nullptr;
    bool m_editable = false;
    // "Delete manifest" waits for every tag's digest of the repository, so
    // the confirmation can name every tag that goes with it.
    QString m_pendingRepository;
    QString m_pendingTag;
};

} // namespace ferry::ui
