// Edit mode in the imaging tab on the real Sunnybrook case: the working labels start from
// the expert labels, a stroke on the main view is one undoable action on them, "start from
// prediction" replaces them as one action, and reopening the case drops them. With
// CARDIOLENS_SCREENSHOT_DIR set, saves edit-mode.png (brush cursor over the stroke).
#include "imaging/CaseAnnotations.h"
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImagingWorkspace.h"
#include "imaging/edit/EditPalette.h"
#include "imaging/edit/EditPersistence.h"
#include "imaging/edit/EditSession.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/LabelEditor.h"

#include "TestData.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::widgets;

class TestEditWorkspace : public QObject {
    Q_OBJECT
public:
    static void initMain() { QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat()); }

private Q_SLOTS:
    void editExpertLabelsOnSunnybrook() {
        CARDIOLENS_REQUIRE_SHARED(dir, "imaging/sunnybrook/dicoms/SCD0000101");
        // Edits are journaled in the default label store: a fresh one for this test.
        QTemporaryDir data;
        qputenv("XDG_DATA_HOME", data.path().toLocal8Bit());
        ImagingWorkspace w;
        int asked = 0;
        w.persistence()->setUnsavedPrompt([&](const QString&) {
            ++asked;
            return EditPersistence::UnsavedChoice::Discard;
        });
        w.persistence()->setRecoveryPrompt([](const labels::EditSession&) { return false; });
        w.resize(1300, 850);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openVolume(dir).ok());
        QVERIFY(w.annotations());
        const auto& contour = w.annotations()->contours.front();
        w.view()->showFrame(contour.slice, contour.phase);
        w.setEditMode(true);
        EditSession* session = w.editSession();
        QVERIFY(session->isActive());
        QVERIFY(session->palette()->isVisible());
        imaging::EditableLabels* doc = session->document();
        QVERIFY(doc);
        // Working labels = the expert labels of the contoured frame.
        const std::uint8_t* expert =
            imaging::labelFrame(w.annotations()->labels, contour.slice, contour.phase);
        QVERIFY(expert);
        const auto working = doc->labels().frame(contour.slice, contour.phase).pixels();
        QVERIFY(std::equal(working.begin(), working.end(), expert));
        QVERIFY(std::count(working.begin(), working.end(), 1) > 100);

        // A stroke with the LV myocardium label beside the blood pool.
        CineView* view = w.view();
        QTest::qWait(100); // the palette's appearance re-lays out (and resets) the view first
        view->zoomBy(2.5); // editing is done zoomed in
        session->editor()->setActiveLabel(2);
        const QPoint a =
            view->widgetPointForPixel(contour.points[0].x, contour.points[0].y).toPoint();
        const QPoint b = a + QPoint(40, 25);
        auto send = [&](QEvent::Type t, QPoint at, Qt::MouseButton button,
                        Qt::MouseButtons buttons) {
            QMouseEvent e(t, QPointF(at), QPointF(view->mapToGlobal(at)), button, buttons, {});
            QCoreApplication::sendEvent(view, &e);
        };
        send(QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
        for (int i = 1; i <= 10; ++i)
            send(QEvent::MouseMove, a + (b - a) * i / 10, Qt::NoButton, Qt::LeftButton);
        send(QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
        send(QEvent::MouseMove, b + QPoint(30, 10), Qt::NoButton, Qt::NoButton); // hover cursor
        QCOMPARE(doc->history().undoCount(), 1);
        QVERIFY(doc->isTouched(contour.slice, contour.phase));
        QTest::qWait(50);
        const QString shots = qEnvironmentVariable("CARDIOLENS_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(w.grab().save(QDir(shots).filePath(QStringLiteral("edit-mode.png"))));

        // Leaving and re-entering Edit mode keeps the work and its history.
        w.setEditMode(false);
        QVERIFY(!session->isActive());
        QVERIFY(view->workingLabels() == nullptr);
        w.setEditMode(true);
        QCOMPARE(session->document(), doc);
        QCOMPARE(doc->history().undoCount(), 1);

        // Start from a prediction: one action, undone in one step.
        imaging::LabelCine prediction = w.annotations()->labels;
        std::fill(prediction.labels.begin(), prediction.labels.end(), std::uint8_t(0));
        w.setPrediction(std::move(prediction));
        auto replaced = session->startFromPrediction(w.annotations()->labels);
        QVERIFY(replaced.ok() && *replaced);
        QCOMPARE(doc->history().undoCount(), 2);
        QVERIFY(std::equal(working.begin(), working.end(), expert));
        QVERIFY(doc->undo());
        QVERIFY(!std::equal(working.begin(), working.end(), expert));

        // Opening the case again asks about the unsaved edits, then drops them (Discard).
        QVERIFY(w.openVolume(dir).ok());
        QCOMPARE(asked, 1);
        QVERIFY(!session->isActive());
        QVERIFY(session->document() == nullptr);
    }
};

QTEST_MAIN(TestEditWorkspace)
#include "tst_EditWorkspace.moc"
