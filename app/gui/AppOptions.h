#pragma once

#include <QString>
#include <QStringList>

namespace cardiolens::app {

/// The GUI's command line: `cardiolens [--demo] [--lang de] [--screenshot OUT.png]
/// [--run-model NAME] [FILE...]`.
struct AppOptions {
    QStringList files;
    QString screenshotPath;
    QString language; ///< Empty: use the saved setting (or the system language).
    bool demo = false;
    double ecgStart = -1.0; ///< --ecg-window START:LENGTH, seconds; < 0 = unset.
    double ecgPageSeconds = -1.0;
    QString imagingLayout; ///< --imaging-layout single|pair|slices|phases|surfaces.
    int imagingSlice = -1; ///< --imaging-frame SLICE:PHASE, 1-based; < 0 = unset.
    int imagingPhase = -1;
    QString runModel; ///< --run-model NAME: run it on the shown case after opening.
    bool printTiming = false;
    bool exitRequested = false; ///< --help/--version printed; exit with exitCode.
    int exitCode = 0;

    static AppOptions parse(const QStringList& arguments);
};

} // namespace cardiolens::app
