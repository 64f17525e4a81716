// Child process of test_edit_store: opens a case in the imaging tab, enters Edit mode and
// paints strokes forever, printing "done N DIGEST" after each action (by then it is
// journaled), until the parent kills it with SIGKILL. Usage: edit_journal_child CASE_DIR
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImagingWorkspace.h"
#include "imaging/edit/EditSession.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/LabelEditor.h"
#include "vtk/VtkHostWidget.h"

#include "EditStrokes.h"

#include <QApplication>
#include <QSettings>
#include <QSurfaceFormat>
#include <QTimer>

#include <cstdio>

using namespace cardiolens;

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(widgets::VtkHostWidget::defaultFormat());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Cardiolens"));
    QApplication::setApplicationName(QStringLiteral("test_edit_store"));
    if (argc < 2)
        return 2;
    QSettings().setValue(QStringLiteral("labels/annotator"), QStringLiteral("Crashing Child"));
    widgets::ImagingWorkspace w;
    w.resize(1100, 800);
    w.show();
    if (!w.openVolume(QString::fromLocal8Bit(argv[1])).ok())
        return 1;
    w.setEditMode(true);
    auto* doc = w.editSession()->document();
    widgets::CineView* view = w.view();
    int n = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        // Strokes on the middle slice, walking across the phases and the image.
        view->showFrame(view->volume()->slices() / 2, n % view->volume()->phases());
        w.editSession()->editor()->setActiveLabel(std::uint8_t(1 + n % 3));
        const QPoint c = view->rect().center();
        const QPoint a = c + QPoint(-60 + 7 * (n % 17), -50 + 5 * (n % 19));
        test::dragStroke(view, a, a + QPoint(30, 20));
        ++n;
        std::printf("done %d %s\n", int(doc->history().undoCount()),
                    test::labelDigest(doc->labels()).constData());
        std::fflush(stdout);
    });
    timer.start(15);
    return app.exec();
}
