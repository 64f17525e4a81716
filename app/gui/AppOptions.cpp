#include "gui/AppOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace cardiolens::app {

AppOptions AppOptions::parse(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "AppOptions", "Cardiolens: ECG, cine MRI and echo workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("AppOptions", "Render the window once everything is shown, "
                                                  "write it to <png> and exit."),
        QStringLiteral("png"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QCoreApplication::translate("AppOptions", "User interface language (en, de)."),
        QStringLiteral("code"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("AppOptions", "Open the bundled demo samples."));
    const QCommandLineOption timing(
        QStringLiteral("timing"),
        QCoreApplication::translate("AppOptions", "Print start-up timing to stderr."));
    const QCommandLineOption ecgWindow(
        QStringLiteral("ecg-window"),
        QCoreApplication::translate("AppOptions",
                                    "Show the ECG from START seconds, LENGTH seconds per screen."),
        QStringLiteral("start:length"));
    const QCommandLineOption imagingLayout(
        QStringLiteral("imaging-layout"),
        QCoreApplication::translate(
            "AppOptions", "Imaging layout: single, pair, slices or phases (lightbox), surfaces."),
        QStringLiteral("layout"));
    const QCommandLineOption imagingFrame(
        QStringLiteral("imaging-frame"),
        QCoreApplication::translate("AppOptions", "Show cine slice and phase (1-based)."),
        QStringLiteral("slice:phase"));
    const QCommandLineOption runModel(
        QStringLiteral("run-model"),
        QCoreApplication::translate("AppOptions",
                                    "Run this model (name, name@version or folder) on the case "
                                    "shown after opening the files."),
        QStringLiteral("model"));
    parser.addOptions(
        {screenshot, lang, demo, timing, ecgWindow, imagingLayout, imagingFrame, runModel});
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QCoreApplication::translate("AppOptions", "Files to open."),
                                 QStringLiteral("[FILE...]"));

    AppOptions opts;
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "cardiolens: %s\n", qPrintable(parser.errorText()));
        opts.exitRequested = true;
        opts.exitCode = 2;
        return opts;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        opts.exitRequested = true;
        return opts;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("cardiolens %s\n", qPrintable(QCoreApplication::applicationVersion()));
        opts.exitRequested = true;
        return opts;
    }
    opts.files = parser.positionalArguments();
    opts.screenshotPath = parser.value(screenshot);
    opts.language = parser.value(lang);
    opts.demo = parser.isSet(demo);
    opts.printTiming = parser.isSet(timing);
    opts.imagingLayout = parser.value(imagingLayout);
    opts.runModel = parser.value(runModel);
    if (parser.isSet(imagingFrame)) {
        const QStringList parts = parser.value(imagingFrame).split(QLatin1Char(':'));
        opts.imagingSlice = parts.value(0).toInt();
        opts.imagingPhase = parts.value(1).toInt();
    }
    if (parser.isSet(ecgWindow)) {
        const QStringList parts = parser.value(ecgWindow).split(QLatin1Char(':'));
        bool okStart = false, okLength = false;
        opts.ecgStart = parts.value(0).toDouble(&okStart);
        opts.ecgPageSeconds = parts.value(1).toDouble(&okLength);
        if (parts.size() != 2 || !okStart || !okLength || opts.ecgStart < 0 ||
            opts.ecgPageSeconds <= 0) {
            std::fprintf(stderr, "cardiolens: --ecg-window wants START:LENGTH in seconds\n");
            opts.exitRequested = true;
            opts.exitCode = 2;
        }
    }
    return opts;
}

} // namespace cardiolens::app
