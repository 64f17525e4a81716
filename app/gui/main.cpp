// cardiolens: the desktop application.
#include "cardiolens/BuildInfo.h"
#include "common/MemoryBudget.h"
#include "ecg/EcgStripView.h"
#include "ecg/EcgWorkspace.h"
#include "gui/AppOptions.h"
#include "gui/AppTranslator.h"
#include "gui/DemoSamples.h"
#include "gui/InferenceUi.h"
#include "gui/MainWindow.h"
#include "gui/ScreenshotWriter.h"
#include "imaging/ImagingWorkspace.h"
#include "inference/OpenMpPolicy.h"
#include "vtk/VtkHostWidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[]) {
    cardiolens::inference::ensurePassiveOpenMp(argv); // Before anything else: may re-exec.
    QElapsedTimer clock;
    clock.start();
    // VTK needs a 3.2 core context; this must be set before the QApplication exists.
    QSurfaceFormat::setDefaultFormat(cardiolens::widgets::VtkHostWidget::defaultFormat());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Cardiolens"));
    QApplication::setApplicationName(QStringLiteral("Cardiolens"));
    QApplication::setApplicationVersion(QString::fromLatin1(cardiolens::build::kAppVersion));
    cardiolens::MemoryBudget::applySetting(); // Before any file is opened.
    QApplication::setDesktopFileName(QStringLiteral("org.cardiolens.Cardiolens"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/cardiolens.svg")));

    using namespace cardiolens::app;
    AppOptions opts = AppOptions::parse(QApplication::arguments());
    if (opts.exitRequested)
        return opts.exitCode;
    installTranslation(opts.language);

    MainWindow window;
    const bool headless = !opts.screenshotPath.isEmpty();
    window.setInteractive(!headless);
    QStringList files = opts.files;
    if (opts.demo)
        files = demoSampleFiles() + files;
    window.show();
    int failures = 0;
    for (const QString& f : files)
        failures += window.openFile(f) ? 0 : 1;
    if (opts.ecgPageSeconds > 0) {
        QCoreApplication::processEvents(); // lay the window out so the page width is known
        window.ecgWorkspace()->stripView()->setPageSeconds(opts.ecgPageSeconds);
        window.ecgWorkspace()->stripView()->goToTime(opts.ecgStart);
    }

    if (auto* imaging = window.imagingWorkspace(); imaging->volume()) {
        using Layout = cardiolens::widgets::ImagingWorkspace::Layout;
        const QString l = opts.imagingLayout;
        if (l == QLatin1String("pair"))
            imaging->setViewLayout(Layout::SideBySide);
        else if (l == QLatin1String("slices"))
            imaging->setViewLayout(Layout::LightboxSlices);
        else if (l == QLatin1String("phases"))
            imaging->setViewLayout(Layout::LightboxPhases);
        else if (l == QLatin1String("surfaces"))
            imaging->setViewLayout(Layout::Surfaces);
        if (opts.imagingSlice > 0 && opts.imagingPhase > 0)
            imaging->showFrame(opts.imagingSlice - 1, opts.imagingPhase - 1);
    }

    if (!opts.runModel.isEmpty())
        window.inference()->runOnCurrentWorkspace(opts.runModel);

    if (opts.printTiming) {
        QTimer::singleShot(0, &window, [&clock] {
            std::fprintf(stderr, "cardiolens: window shown %lld ms after main()\n",
                         static_cast<long long>(clock.elapsed()));
        });
    }

    if (headless) {
        QString error;
        if (!writeScreenshotWhenReady(&window, opts.screenshotPath, &error,
                                      [&window] { return !window.isBusy(); })) {
            std::fprintf(stderr, "cardiolens: %s\n", qPrintable(error));
            return 1;
        }
        if (opts.printTiming)
            std::fprintf(stderr, "cardiolens: screenshot written %lld ms after main()\n",
                         static_cast<long long>(clock.elapsed()));
        return failures > 0 ? 1 : 0;
    }
    return app.exec();
}
