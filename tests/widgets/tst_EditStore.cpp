// The imaging tab's editor wired to the label store, on the real Sunnybrook case and a real
// SQLite store file (in a temporary XDG_DATA_HOME): Ctrl+S saves a revision with the right
// provenance and bit-identical planes, the dirty marker follows, the history panel lists
// and reverts, unsaved edits are asked about, and after a child editor is killed with
// SIGKILL mid-edit, reopening offers its work back with at most the last action lost.
// With CARDIOLENS_SCREENSHOT_DIR set, saves revision-history.png and recovery-prompt.png.
#include "imaging/CaseAnnotations.h"
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImagingWorkspace.h"
#include "imaging/edit/EditPersistence.h"
#include "imaging/edit/EditSession.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/LabelEditor.h"
#include "imaging/edit/RevisionHistoryPanel.h"
#include "labels/LabelStore.h"
#include "labels/LabelWorkSession.h"
#include "labels/SegmentationRevision.h"
#include "labels/StoreLocation.h"
#include "vtk/VtkHostWidget.h"

#include "EditStrokes.h"
#include "TestData.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace cardiolens;
using namespace cardiolens::widgets;
using Choice = EditPersistence::UnsavedChoice;

class TestEditStore : public QObject {
    Q_OBJECT
public:
    static void initMain() { QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat()); }

private:
    QTemporaryDir m_data;
    QString m_case;

    static void strokeNear(ImagingWorkspace& w, QPoint offset, int label) {
        CineView* view = w.view();
        w.editSession()->editor()->setActiveLabel(std::uint8_t(label));
        const QPoint a = view->rect().center() + offset;
        test::dragStroke(view, a, a + QPoint(40, 25));
    }
    static std::unique_ptr<labels::LabelStore> openStore() {
        const QString file = labels::StoreLocation::defaultSqlitePath();
        if (!QFileInfo::exists(file))
            return {};
        auto store = labels::LabelStore::open(labels::StoreLocation::sqlite(file));
        return store ? std::move(*store) : nullptr;
    }
    std::vector<labels::RevisionInfo> revisions(labels::LabelStore& store) {
        auto match = store.findCase(m_case);
        if (!match || !match->record)
            return {};
        auto h = store.history(match->record->id, labels::RevisionKind::Segmentation);
        return h ? *h : std::vector<labels::RevisionInfo>{};
    }

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("Cardiolens"));
        QCoreApplication::setApplicationName(QStringLiteral("test_edit_store"));
        QVERIFY(m_data.isValid());
        // The default store lives in the user's data folder: here, a fresh one.
        qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
        QVERIFY(labels::StoreLocation::defaultSqlitePath().startsWith(m_data.path()));
        m_case = test::shared(QStringLiteral("imaging/sunnybrook/dicoms/SCD0000101"));
    }

    void saveRevertAndAsk() {
        if (m_case.isEmpty())
            QSKIP("shared data not available: imaging/sunnybrook/dicoms/SCD0000101");
        QSettings().setValue(EditPersistence::annotatorSettingsKey(), QStringLiteral("Ann Otator"));
        ImagingWorkspace w;
        w.resize(1300, 850);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow(); // shortcuts need the active window
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openVolume(m_case).ok());
        EditPersistence* persist = w.persistence();
        QVERIFY(w.windowTitle().contains(QStringLiteral("SCD0000101")));
        QVERIFY(!w.isWindowModified());
        const auto& contour = w.annotations()->contours.front();
        w.view()->showFrame(contour.slice, contour.phase);
        w.setEditMode(true);
        imaging::EditableLabels* doc = w.editSession()->document();
        QTest::qWait(100); // the palette's appearance re-lays out the view first
        w.view()->zoomBy(2.0);
        QSignalSpy dirty(&w, &ImagingWorkspace::dirtyChanged);
        strokeNear(w, {-30, -20}, 2);
        QCOMPARE(int(doc->history().undoCount()), 1);
        QVERIFY(w.isWindowModified()); // the "*" of the title
        QCOMPARE(dirty.count(), 1);
        QTest::qWait(1100); // editing time is counted in seconds

        // Ctrl+S in Edit mode: a revision in the store file.
        QTest::keyClick(w.view(), Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!w.isWindowModified());
        auto store = openStore();
        QVERIFY2(store, "no store file in XDG_DATA_HOME");
        auto revs = revisions(*store);
        QCOMPARE(revs.size(), std::size_t(1));
        const labels::RevisionInfo r1 = revs.front();
        QCOMPARE(r1.origin.type, labels::OriginType::Annotator);
        QCOMPARE(r1.origin.name, QStringLiteral("Ann Otator"));
        QVERIFY(!r1.parentId);
        QCOMPARE(r1.state, labels::ReviewState::InProgress);
        QVERIFY2(r1.editSeconds >= 1.0 && r1.editSeconds < 60.0,
                 qPrintable(QString::number(r1.editSeconds)));
        auto loaded = store->loadSegmentation(r1.id);
        QVERIFY(loaded.ok());
        QCOMPARE(test::labelDigest(loaded->labels), test::labelDigest(doc->labels()));
        QVERIFY(loaded->labels.labels().size() == doc->labels().labels().size());
        QVERIFY(std::equal(loaded->labels.labels().begin(), loaded->labels.labels().end(),
                           doc->labels().labels().begin()));
        const std::size_t shown = doc->labels().volume().frameIndex(contour.slice, contour.phase);
        QCOMPARE(loaded->touched.at(shown), std::uint8_t(1));
        QCOMPARE(int(std::count(loaded->touched.begin(), loaded->touched.end(), 1)), 1);
        RevisionHistoryPanel* panel = persist->historyPanel();
        QCOMPARE(panel->count(), 1);
        QCOMPARE(panel->revisionAt(0), r1.id);

        // A second save derives from the first.
        const QByteArray atFirst = test::labelDigest(doc->labels());
        strokeNear(w, {20, 30}, 3);
        QVERIFY(w.isWindowModified());
        QVERIFY(persist->save().ok());
        revs = revisions(*store);
        QCOMPARE(revs.size(), std::size_t(2));
        QCOMPARE(revs.back().parentId.value_or(-1), r1.id);
        const QByteArray atSecond = test::labelDigest(doc->labels());
        QVERIFY(atSecond != atFirst);
        QCOMPARE(panel->count(), 2);
        QCOMPARE(panel->revisionAt(0), revs.back().id); // newest first
        const QString shots = qEnvironmentVariable("CARDIOLENS_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            // The history shares the Labels box with the label table, as a tab.
            auto* tabs = qobject_cast<QTabWidget*>(panel->parentWidget()->parentWidget());
            QVERIFY(tabs);
            tabs->setCurrentWidget(panel);
            panel->select(1);
            QTest::qWait(50);
            QVERIFY(w.grab().save(QDir(shots).filePath(QStringLiteral("revision-history.png"))));
        }

        // "Revert to" the first revision: one undoable action, labels = revision 1.
        panel->select(1);
        QPushButton* revertButton = nullptr;
        for (QPushButton* b : panel->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Revert to"))
                revertButton = b;
        QVERIFY(revertButton && revertButton->isEnabled());
        const int undoBefore = int(doc->history().undoCount());
        revertButton->click();
        QCOMPARE(test::labelDigest(doc->labels()), atFirst);
        QCOMPARE(int(doc->history().undoCount()), undoBefore + 1);
        QVERIFY(w.isWindowModified());
        QVERIFY(doc->undo());
        QCOMPARE(test::labelDigest(doc->labels()), atSecond);

        // Opening another case with unsaved edits asks: Cancel keeps everything.
        QStringList asked;
        persist->setUnsavedPrompt([&](const QString& name) {
            asked << name;
            return Choice::Cancel;
        });
        QVERIFY(!w.openVolume(m_case).ok());
        QCOMPARE(asked, QStringList{QStringLiteral("SCD0000101")});
        QCOMPARE(w.editSession()->document(), doc);
        QVERIFY(w.isWindowModified());
        // Discard: the case opens again without asking to recover the discarded work.
        persist->setUnsavedPrompt([&](const QString&) { return Choice::Discard; });
        int recoveryOffers = 0;
        persist->setRecoveryPrompt([&](const labels::EditSession&) {
            ++recoveryOffers;
            return false;
        });
        QVERIFY(w.openVolume(m_case).ok());
        QCOMPARE(recoveryOffers, 0);
        QVERIFY(!w.isWindowModified());
        QCOMPARE(revisions(*store).size(), std::size_t(2));
        QCOMPARE(persist->historyPanel()->count(), 2);
    }

    void recoveryAfterKill() {
        if (m_case.isEmpty())
            QSKIP("shared data not available: imaging/sunnybrook/dicoms/SCD0000101");
        const QString child =
            QCoreApplication::applicationDirPath() + QStringLiteral("/edit_journal_child");
        QVERIFY(QFileInfo::exists(child));
        QProcess proc;
        proc.setProgram(child);
        proc.setArguments({m_case});
        proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        proc.start();
        QVERIFY(proc.waitForStarted());
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (out.count('\n') < 6 && t.elapsed() < 60000) {
            proc.waitForReadyRead(1000);
            out += proc.readAllStandardOutput();
            QVERIFY2(proc.state() == QProcess::Running, out.constData());
        }
        ::kill(pid_t(proc.processId()), SIGKILL); // mid-edit: the timer keeps painting
        QVERIFY(proc.waitForFinished(10000));
        out += proc.readAllStandardOutput();
        QCOMPARE(proc.exitStatus(), QProcess::CrashExit);
        // The last complete "done N DIGEST" line.
        int lastDone = 0;
        QByteArray lastDigest;
        for (const QByteArray& line : out.split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 3 && f[0] == "done") {
                lastDone = f[1].toInt();
                lastDigest = f[2];
            }
        }
        QVERIFY2(lastDone >= 5, out.constData());

        QSettings().setValue(EditPersistence::annotatorSettingsKey(), QStringLiteral("Ann Otator"));
        ImagingWorkspace w;
        w.resize(1300, 850);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        std::optional<labels::EditSession> offered;
        w.persistence()->setRecoveryPrompt([&](const labels::EditSession& s) {
            offered = s;
            const QString shots = qEnvironmentVariable("CARDIOLENS_SCREENSHOT_DIR");
            if (!shots.isEmpty()) {
                std::unique_ptr<QMessageBox> box(EditPersistence::createRecoveryBox(s, &w));
                box->show();
                QTest::qWait(100);
                box->grab().save(QDir(shots).filePath(QStringLiteral("recovery-prompt.png")));
            }
            return true;
        });
        QVERIFY(w.openVolume(m_case).ok());
        QVERIFY2(offered, "no recovery offered");
        QCOMPARE(offered->annotator, QStringLiteral("Crashing Child"));
        // At most the action in flight is lost.
        QVERIFY2(offered->actionCount == lastDone || offered->actionCount == lastDone + 1,
                 qPrintable(QStringLiteral("journal %1, child printed %2")
                                .arg(offered->actionCount)
                                .arg(lastDone)));
        imaging::EditableLabels* doc = w.editSession()->document();
        QVERIFY(doc);
        QVERIFY(w.isWindowModified()); // the restored work is unsaved
        if (offered->actionCount == lastDone)
            QCOMPARE(test::labelDigest(doc->labels()), lastDigest);
        else
            QVERIFY(test::labelDigest(doc->labels()) != lastDigest);
        QVERIFY(doc->touchedCount() > 0);
        // Restoring was one undoable action over the labels the child started from.
        QCOMPARE(int(doc->history().undoCount()), 1);

        // Saving closes it: reopening offers nothing.
        QVERIFY(w.persistence()->save().ok());
        offered.reset();
        QVERIFY(w.openVolume(m_case).ok());
        QVERIFY(!offered);
    }
};

QTEST_MAIN(TestEditStore)
#include "tst_EditStore.moc"
