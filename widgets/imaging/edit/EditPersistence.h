#pragma once

#include "common/Result.h"
#include "labels/CaseRecord.h"
#include "labels/EditJournal.h"
#include "labels/StoreLocation.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QMessageBox;
class QWidget;

namespace cardiolens::imaging {
class LabelVolume;
}
namespace cardiolens::labels {
class LabelWorkSession;
}

namespace cardiolens::widgets {

class EditSession;
class RevisionHistoryPanel;

/// The imaging tab's bridge between Edit mode and the label store: Ctrl+S saves, the
/// dirty state, the unsaved-edits question, the recovery offer and the revision history.
/// The store work is LabelWorkSession's (core); this class only asks the user and routes.
/// The questions go through hooks (the app installs dialogs, tests answer directly); with
/// no hook nothing is asked and nothing is dropped: unsaved work stays journaled and is
/// offered again, and the annotator defaults to the OS user.
class EditPersistence : public QObject {
    Q_OBJECT
public:
    /// Keep: close without deciding; the journal keeps the work and offers it next time.
    enum class UnsavedChoice { Save, Discard, Cancel, Keep };
    using UnsavedPrompt = std::function<UnsavedChoice(const QString& caseName)>;
    using RecoveryPrompt = std::function<bool(const labels::EditSession& session)>;
    /// Returns the annotator's name, or an empty string to cancel the save.
    using AnnotatorPrompt = std::function<QString(const QString& suggested)>;

    /// QSettings key of the annotator's name.
    static QString annotatorSettingsKey();
    /// The recovery question the default hook shows (tests grab it for the README).
    static QMessageBox* createRecoveryBox(const labels::EditSession& session, QWidget* parent);

    EditPersistence(EditSession* session, QWidget* dialogParent);
    ~EditPersistence() override;

    RevisionHistoryPanel* historyPanel() const { return m_history; }
    void setUnsavedPrompt(UnsavedPrompt prompt) { m_unsavedPrompt = std::move(prompt); }
    void setRecoveryPrompt(RecoveryPrompt prompt) { m_recoveryPrompt = std::move(prompt); }
    void setAnnotatorPrompt(AnnotatorPrompt prompt) { m_annotatorPrompt = std::move(prompt); }
    /// The store (default: StoreLocation::defaultSqlitePath()); takes effect on the next case.
    void setStoreLocation(const labels::StoreLocation& location) { m_location = location; }

    /// A case was opened: registers it in the store and lists its revisions. Returns true
    /// when it holds unsaved work from a crashed editor and the user wants it back; the
    /// caller then enters Edit mode, where editingStarted() restores it.
    bool openCase(const labels::CaseDescription& description);
    /// Before another case opens or the window closes: false when the user cancels.
    bool confirmClose();
    /// Edit mode began on the session's document / ended.
    void editingStarted();
    void editingStopped();
    Result<qint64> save();
    bool isDirty() const;
    labels::LabelWorkSession* work() const { return m_work.get(); }

Q_SIGNALS:
    void dirtyChanged(bool dirty);
    void statusMessage(const QString& text);
    /// "Show": a stored revision to display beside the working labels.
    void showRevision(const cardiolens::imaging::LabelVolume& labels, const QString& title);
    /// "Revert to" needs Edit mode on.
    void editRequested();

private:
    void refreshHistory();
    void revertTo(qint64 revisionId);
    void restorePending();
    QString annotator();

    EditSession* m_session = nullptr;
    QWidget* m_dialogParent = nullptr;
    RevisionHistoryPanel* m_history = nullptr;
    labels::StoreLocation m_location;
    std::unique_ptr<labels::LabelWorkSession> m_work;
    std::optional<labels::RecoveredWork> m_pending;
    QString m_caseName;
    UnsavedPrompt m_unsavedPrompt;
    RecoveryPrompt m_recoveryPrompt;
    AnnotatorPrompt m_annotatorPrompt;
};

} // namespace cardiolens::widgets
