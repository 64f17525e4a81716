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
    parser.addOptions({screenshot, lang, demo, timing});
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
    return opts;
}

} // namespace cardiolens::app
