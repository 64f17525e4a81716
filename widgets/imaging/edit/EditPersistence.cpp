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
        (session.actionCount == 1 ? tr("1 action") : tr("%1 actions").arg(session.actionCount)) +
        tr(" by %1, the last \"%2\" at %3. Restore them into the working labels?")
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
    if (!*pending || !m_recoveryPrompt)
        return false; // nobody to ask: the work stays pending for the next open
    if (m_recoveryPrompt((*pending)->session)) {
        m_pending = std::move(**pending);
        return true;
    }
    m_work->closeRecovered((*pending)->session.id); // kept in the store, not offered again
    return false;
}

bool EditPersistence::confirmClose() {
    if (!isDirty() || !m_unsavedPrompt)
        return true; // nobody to ask: the journal session stays open and is offered later
    switch (m_unsavedPrompt(m_caseName)) {
    case UnsavedChoice::Cancel:
        return false;
    case UnsavedChoice::Save:
        return save().ok();
    case UnsavedChoice::Discard:
        m_work->discard();
        return true;
    case UnsavedChoice::Keep:
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
        who = m_annotatorPrompt ? m_annotatorPrompt(user) : user;
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
