// The application shell on real files: routing to workspaces, errors, recent files,
// About, German translation and the --screenshot mode of the real executable.
#include "ecg/EcgStripView.h"
#include "ecg/EcgWorkspace.h"
#include "gui/AboutDialog.h"
#include "gui/AppTranslator.h"
#include "gui/InferenceUi.h"
#include "gui/MainWindow.h"
#include "gui/RecentFiles.h"
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImagingWorkspace.h"
#include "inference/ModelResultPanel.h"
#include "inference/ModelRunController.h"
#include "inference/ModelRunStatus.h"
#include "inference/TorchScriptModel.h"
#include "inference/UncertaintyCache.h"
#include "plot/QCustomPlotInclude.h"

#include "TestData.h"
#include "TorchRequired.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::app;

class TestMainWindow : public QObject {
    Q_OBJECT
public:
    static void initMain() {
        QSurfaceFormat::setDefaultFormat(widgets::VtkHostWidget::defaultFormat());
        QCoreApplication::setOrganizationName(QStringLiteral("CardiolensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_MainWindow"));
    }

private Q_SLOTS:
    void initTestCase() { RecentFiles().clear(); }

    void opensEcgRecordInEcgTab() {
        MainWindow w;
        w.setInteractive(false);
        w.show();
        QVERIFY(w.openFile(test::sample(QStringLiteral("ecg/cinc2021/E07500.hea"))));
        QCOMPARE(w.tabs()->currentWidget(), w.ecgWorkspace());
        QCOMPARE(w.ecgWorkspace()->leadCount(), 12);
    }

    void opensDicomInImagingTabAndRendersIt() {
        MainWindow w;
        w.setInteractive(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString dcm = test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/105.dcm"));
        QVERIFY(w.openFile(dcm));
        QCOMPARE(w.tabs()->currentWidget(), w.imagingWorkspace());
        auto* view = w.imagingWorkspace()->view();
        QVERIFY(view->volume());
        QCOMPARE(view->volume()->width(), 256);
        QTRY_VERIFY(view->renderCount() > 0);
        const QImage frame = view->grabFramebuffer();
        // Rendered grey against the windowed source value on a grid over the image centre:
        // the slice must be the one opened, drawn where widgetPointForPixel says.
        const auto wl = view->windowLevel();
        int checked = 0, off = 0, bright = 0;
        for (int y = 64; y < 192; y += 4)
            for (int x = 64; x < 192; x += 4, ++checked) {
                const QPointF p = view->widgetPointForPixel(x, y);
                const int shown = qGray(frame.pixel(int(p.x() * frame.devicePixelRatio()),
                                                    int(p.y() * frame.devicePixelRatio())));
                const int want = imaging::windowed(view->volume()->valueAt(x, y, 0, 0), wl);
                off += std::abs(shown - want) > 2;
                bright += want > 64;
            }
        QVERIFY2(off <= checked / 100,
                 qPrintable(QStringLiteral("%1 of %2").arg(off).arg(checked)));
        QVERIFY(bright > checked / 10); // Not a trivially black comparison.
    }

    void badFileReportsNameAndReasonWithoutCrashing() {
        MainWindow w;
        w.setInteractive(false);
        const QString bad = test::scratchDir() + QStringLiteral("/broken.hea");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("broken 3 360 100\nbroken.dat 212\n");
        f.close();
        QVERIFY(!w.openFile(bad));
        QVERIFY(w.lastError().contains(bad));
        QVERIFY(w.lastError().contains(QLatin1String("promises 3 signals")));
        QVERIFY(!w.openFile(QStringLiteral("/no/such/file.dcm")));
        QVERIFY(w.lastError().contains(QLatin1String("/no/such/file.dcm")));
    }

    void droppedFilesAreOpened() {
        MainWindow w;
        w.setInteractive(false);
        w.show();
        auto* mime = new QMimeData;
        mime->setUrls(
            {QUrl::fromLocalFile(test::sample(QStringLiteral("ecg/ptbxl/00001_lr.hea")))});
        const QPoint at(w.width() / 2, w.height() / 2);
        QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QCOMPARE(w.tabs()->currentWidget(), w.ecgWorkspace());
        QCOMPARE(w.ecgWorkspace()->leadCount(), 12);
        delete mime;
    }

    void recentFilesArePersistedNewestFirst() {
        RecentFiles().clear();
        {
            MainWindow w;
            w.setInteractive(false);
            QVERIFY(w.openFile(test::sample(QStringLiteral("ecg/mitdb/100s.hea"))));
            QVERIFY(w.openFile(test::sample(QStringLiteral("ecg/ptbxl/00001_lr.hea"))));
            QVERIFY(w.openFile(test::sample(QStringLiteral("ecg/mitdb/100s.hea"))));
        }
        const QStringList recent = RecentFiles().files();
        QCOMPARE(recent.size(), 2);
        QVERIFY(recent[0].endsWith(QLatin1String("100s.hea")));
        QVERIFY(recent[1].endsWith(QLatin1String("00001_lr.hea")));
    }

    void aboutNamesLibraryVersions() {
        const QString text = AboutDialog::libraryVersions();
        QVERIFY2(text.contains(QLatin1String("Qt 6.")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("VTK 9.1")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("ITK 5.2")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("libtorch")), qPrintable(text));
    }

    void germanTranslationIsEmbeddedAndApplies() {
        QVERIFY(availableTranslations().contains(QStringLiteral("de")));
        QCOMPARE(installTranslation(QStringLiteral("de")), QStringLiteral("de"));
        MainWindow w;
        const QStringList menus = [&] {
            QStringList titles;
            for (QAction* a : w.menuBar()->actions())
                titles << a->text();
            return titles;
        }();
        QVERIFY2(menus.contains(QStringLiteral("&Datei")),
                 qPrintable(menus.join(QLatin1Char(','))));
        QCOMPARE(w.tabs()->tabText(1), QStringLiteral("Bildgebung"));
        // Switching back removes the German strings again.
        QCOMPARE(installTranslation(QStringLiteral("en")), QStringLiteral("en"));
        MainWindow english;
        QCOMPARE(english.tabs()->tabText(1), QStringLiteral("Imaging"));
    }

    void screenshotModeWritesTheWindowWithTheMriSlice() {
        const QString png = test::scratchDir() + QStringLiteral("/shot.png");
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QStringLiteral(CARDIOLENS_GUI_PATH),
                {QStringLiteral("--screenshot"), png,
                 test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/108.dcm"))});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QImage shot(png);
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() >= 800);
        // The MRI occupies the left part of the window: many mid-grey-to-bright pixels there.
        int lit = 0, total = 0;
        for (int y = shot.height() / 4; y < shot.height() * 3 / 4; y += 3)
            for (int x = shot.width() / 8; x < shot.width() / 2; x += 3, ++total) {
                const int g = qGray(shot.pixel(x, y));
                lit += (g > 40 && g < 250) ? 1 : 0;
            }
        QVERIFY2(lit > total / 5, qPrintable(QStringLiteral("%1 of %2").arg(lit).arg(total)));
    }

    void modelRunFillsResultDockAndUncertaintyCache() {
        // Held-out paroxysmal-AF record: the run ends in the ECG track, the result dock and
        // the uncertainty cache; a click on the probability plot moves the ECG page there.
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/cpsc2021/data_92_19.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        MainWindow w;
        w.setInteractive(false);
        w.show();
        QVERIFY(w.openFile(record));
        const QString cache = test::scratchDir() + QStringLiteral("/main-window-uncertainty.json");
        QFile::remove(cache);
        w.ecgWorkspace()->modelRun()->setUncertaintyCachePath(cache);
        QSignalSpy started(w.ecgWorkspace()->modelRun(), &widgets::ModelRunController::started);
        QSignalSpy failed(w.ecgWorkspace()->modelRun(), &widgets::ModelRunController::failed);
        w.inference()->runOnCurrentWorkspace(QStringLiteral("rhythm-af"));
        QVERIFY2(failed.isEmpty(),
                 qPrintable(failed.isEmpty() ? QString() : failed.front().front().toString()));
        QCOMPARE(started.size(), 1);
        QVERIFY(!w.isBusy() || w.inference()->ecgStatus()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
        QVERIFY(failed.isEmpty());
        QVERIFY(w.inference()->resultDock()->isVisible());
        QVERIFY(!w.inference()->ecgStatus()->isVisible());
        widgets::ModelResultPanel* panel = w.inference()->resultPanel();
        QVERIFY(panel->headline().contains(QLatin1String("rhythm-af@")));
        QCOMPARE(panel->table()->rowCount(), 2);
        QVERIFY(w.ecgWorkspace()->annotators().contains(QStringLiteral("model:rhythm-af")));
        const auto score = inference::UncertaintyCache(cache).lookup(
            record, w.ecgWorkspace()->modelRun()->modelId());
        QVERIFY(score.has_value());
        QVERIFY(*score >= 0 && *score <= 1);

        QCustomPlot* plot = panel->plot();
        QTRY_VERIFY(plot->isVisible() && plot->width() > 50);
        const int x = int(plot->xAxis->coordToPixel(280.0)); // Inside the second AF episode.
        QTest::mouseClick(plot, Qt::LeftButton, {}, QPoint(x, plot->height() / 2));
        const auto* view = w.ecgWorkspace()->stripView();
        const double centre = view->startSeconds() + view->pageSeconds() / 2;
        QVERIFY2(std::abs(centre - 280.0) < 3.0, qPrintable(QString::number(centre)));
    }

    void screenshotModeFailsCleanlyOnBadFile() {
        const QString png = test::scratchDir() + QStringLiteral("/bad.png");
        QProcess p;
        p.start(QStringLiteral(CARDIOLENS_GUI_PATH),
                {QStringLiteral("--screenshot"), png, QStringLiteral("/no/such.hea")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(
            QString::fromUtf8(p.readAllStandardError()).contains(QLatin1String("/no/such.hea")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
