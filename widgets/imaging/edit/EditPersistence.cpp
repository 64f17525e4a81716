#include "imaging/edit/EditPersistence.h"

#include "imaging/LabelVolume.h"
#include "imaging/edit/EditSession.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/PredictionImport.h"
#include "imaging/edit/RevisionHistoryPanel.h"
#include "labels/LabelStore.h"
#include "labels/LabelWorkSession.h"
#include "labels/SegmentationRevision.h"

#include <QDateTime>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>

namespace cardiolens::widgets {

QString EditPersistence::annotatorSettingsKey() {
    return QStringLiteral("labels/annotator");
}

QMessageBox* EditPersistence::createRecoveryBox(const labels::EditSession& session,
                                                QWidget* parent) {
    auto* box = new QMessageBox(QMessageBox::Question, tr("Restore unsaved work?"),
                                tr("This case has edits that were never saved: the editor "
                                   "stopped before they were saved or discarded."),
                                QMessageBox::NoButton, parent);
    box->setInformativeText(
        tr("%n action(s) by %1, last \"%2\" at %3. Restore them into the working labels?", "",
           session.actionCount)
            .arg(session.annotator.isEmpty() ? tr("an unnamed annotator") : session.annotator,
                 session.lastAction,
                 QDateTime::fromMSecsSinceEpoch(session.updatedMs)
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    box->addButton(tr("Restore"), QMessageBox::AcceptRole);
    box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    return box;
}

EditPersistence::EditPersistence(EditSession* session, QWidget* dialogParent)
    : QObject(dialogParent), m_session(session), m_dialogParent(dialogParent),
      m_history(new RevisionHistoryPanel(dialogParent)),
      m_location(labels::StoreLocation::sqlite(labels::StoreLocation::defaultSqlitePath())) {
    m_unsavedPrompt = [this](const QString& caseName) {
        const auto answer = QMessageBox::question(
            m_dialogParent, tr("Unsaved edits"),
            tr("The labels of %1 have unsaved edits. Save them as a revision?").arg(caseName),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return answer == QMessageBox::Save      ? UnsavedChoice::Save
               : answer == QMessageBox::Discard ? UnsavedChoice::Discard
                                                : UnsavedChoice::Cancel;
    };
    m_recoveryPrompt = [this](const labels::EditSession& s) {
        std::unique_ptr<QMessageBox> box(createRecoveryBox(s, m_dialogParent));
        box->exec();
        return box->buttonRole(box->clickedButton()) == QMessageBox::AcceptRole;
    };
    m_annotatorPrompt = [this](const QString& suggested) {
        bool ok = false;
        const QString name =
            QInputDialog::getText(m_dialogParent, tr("Annotator"),
                                  tr("Your name, recorded with every revision you save:"),
                                  QLineEdit::Normal, suggested, &ok);
        return ok ? name.trimmed() : QString();
    };
    connect(m_history, &RevisionHistoryPanel::revertRequested, this, &EditPersistence::revertTo);
    connect(m_history, &RevisionHistoryPanel::showRequested, this, [this](qint64 id) {
        if (!m_work)
            return;
        auto rev = m_work->store().loadSegmentation(id);
        if (!rev)
            Q_EMIT statusMessage(rev.error().describe());
        else
            Q_EMIT showRevision(rev->labels, tr("Revision %1").arg(id));
    });
}

EditPersistence::~EditPersistence() = default;

bool EditPersistence::isDirty() const {
    return m_work && m_work->isDirty();
}

bool EditPersistence::openCase(const labels::CaseDescription& description) {
    m_work.reset();
    m_pending.reset();
    m_caseName = description.caseName.isEmpty() ? description.path : description.caseName;
    auto work = labels::LabelWorkSession::open(m_location, description);
    if (!work) {
        m_history->setRevisions({});
        Q_EMIT statusMessage(tr("Label store: %1").arg(work.error().describe()));
        return false;
    }
    m_work = std::move(*work);
    connect(m_work.get(), &labels::LabelWorkSession::dirtyChanged, this,
            &EditPersistence::dirtyChanged);
    connect(m_work.get(), &labels::LabelWorkSession::journalFailed, this, [this](const QString& m) {
        Q_EMIT statusMessage(tr("Edit journal failed, save now: %1").arg(m));
    });
    refreshHistory();
    auto pending = m_work->pendingRecovery();
    if (!pending) {
        Q_EMIT statusMessage(pending.error().describe());
        return false;
    }
    if (!*pending)
        return false;
    if (m_recoveryPrompt((*pending)->session)) {
        m_pending = std::move(**pending);
        return true;
    }
    m_work->closeRecovered((*pending)->session.id); // kept in the store, not offered again
    return false;
}

bool EditPersistence::confirmClose() {
    if (!isDirty())
        return true;
    switch (m_unsavedPrompt(m_caseName)) {
    case UnsavedChoice::Cancel:
        return false;
    case UnsavedChoice::Save:
        return save().ok();
    case UnsavedChoice::Discard:
        m_work->discard();
        return true;
    }
    return false;
}

void EditPersistence::editingStarted() {
    imaging::EditableLabels* doc = m_session->document();
    if (!m_work || !doc)
        return;
    if (m_work->document() != doc) {
        const QString who = QSettings().value(annotatorSettingsKey()).toString();
        std::optional<qint64> base;
        if (m_pending)
            base = m_pending->session.baseRevisionId;
        auto attached = m_work->attach(doc, base, who);
        if (!attached)
            Q_EMIT statusMessage(attached.error().describe());
    }
    m_work->setEditingActive(true);
    restorePending();
}

void EditPersistence::editingStopped() {
    if (m_work)
        m_work->setEditingActive(false);
}

void EditPersistence::restorePending() {
    if (!m_pending)
        return;
    const labels::RecoveredWork work = std::move(*m_pending);
    m_pending.reset();
    imaging::EditableLabels* doc = m_session->document();
    // The crashed session's labels = what its editor started from + its journaled planes.
    // It started from the same labels this one did, unless it was based on a revision.
    auto copy = imaging::LabelVolume::fromVolume(doc->labels().volume().clone());
    if (!copy) {
        Q_EMIT statusMessage(copy.error().describe());
        return;
    }
    imaging::LabelVolume labels = std::move(*copy);
    if (work.session.baseRevisionId) {
        auto base = m_work->store().loadSegmentation(*work.session.baseRevisionId);
        if (base && base->labels.extent() == labels.extent())
            labels = std::move(base->labels);
    }
    auto applied = work.applyTo(labels, nullptr);
    if (!applied) {
        Q_EMIT statusMessage(applied.error().describe());
        return;
    }
    auto restored = imaging::PredictionImport::apply(*doc, labels, tr("Restore unsaved work"),
                                                     imaging::TouchPolicy::MarkTouched);
    if (!restored) {
        Q_EMIT statusMessage(restored.error().describe());
        return;
    }
    // Now journaled in this session: the crashed one is no longer needed for recovery.
    m_work->closeRecovered(work.session.id);
    Q_EMIT statusMessage(tr("Restored %n unsaved action(s)", "", work.session.actionCount));
}

QString EditPersistence::annotator() {
    QSettings settings;
    QString who = settings.value(annotatorSettingsKey()).toString();
    if (who.isEmpty()) {
        QString user = qEnvironmentVariable("USER");
        if (user.isEmpty())
            user = qEnvironmentVariable("USERNAME");
        who = m_annotatorPrompt(user);
        if (!who.isEmpty())
            settings.setValue(annotatorSettingsKey(), who);
    }
    return who;
}

Result<qint64> EditPersistence::save() {
    if (!m_work || !m_work->document())
        return Error{tr("nothing to save: edit the labels first"), {}};
    const QString who = annotator();
    if (who.isEmpty())
        return Error{tr("saving needs the annotator's name"), {}};
    m_work->setAnnotator(who);
    auto saved = m_work->save();
    if (!saved) {
        Q_EMIT statusMessage(tr("Not saved: %1").arg(saved.error().describe()));
        return saved;
    }
    refreshHistory();
    Q_EMIT statusMessage(tr("Saved revision %1 of %2").arg(*saved).arg(m_caseName));
    return saved;
}

void EditPersistence::refreshHistory() {
    if (!m_work)
        return;
    auto revisions = m_work->store().history(m_work->caseId(), labels::RevisionKind::Segmentation);
    m_history->setRevisions(revisions ? *revisions : std::vector<labels::RevisionInfo>{});
}

void EditPersistence::revertTo(qint64 revisionId) {
    if (!m_work)
        return;
    auto rev = m_work->store().loadSegmentation(revisionId);
    if (!rev) {
        Q_EMIT statusMessage(rev.error().describe());
        return;
    }
    if (!m_session->document())
        Q_EMIT editRequested();
    imaging::EditableLabels* doc = m_session->document();
    if (!doc)
        return;
    auto applied = imaging::PredictionImport::apply(*doc, rev->labels,
                                                    tr("Revert to revision %1").arg(revisionId),
                                                    imaging::TouchPolicy::MarkTouched);
    if (!applied) {
        Q_EMIT statusMessage(applied.error().describe());
        return;
    }
    m_work->setBaseRevision(revisionId);
    Q_EMIT statusMessage(tr("Working labels reverted to revision %1").arg(revisionId));
}

} // namespace cardiolens::widgets
