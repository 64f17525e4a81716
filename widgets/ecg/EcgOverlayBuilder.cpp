#include "ecg/EcgOverlayBuilder.h"

#include "ecg/AamiClass.h"

namespace cardiolens::widgets {

EcgOverlays EcgOverlays::fromAnnotations(const std::vector<ecg::Annotation>& items,
                                         double frameRate, double durationSeconds) {
    using namespace ecg::AnnotationCodes;
    EcgOverlays out;
    if (frameRate <= 0)
        return out;
    int openRhythm = -1; // index into episodes of the rhythm currently running
    int openNoise = -1;
    double waveStart = -1; // onset of the wave being read, -1 outside one
    char waveKind = 0;
    for (const ecg::Annotation& a : items) {
        const double t = double(a.sample) / frameRate;
        if (a.code == WaveOn) {
            waveStart = t;
            waveKind = 0;
            continue;
        }
        if (a.code == WaveOff) {
            if (waveStart >= 0 && waveKind)
                out.waves.push_back({waveStart, t, waveKind});
            waveStart = -1;
            continue;
        }
        if (waveStart >= 0)
            waveKind = a.code == PWave   ? 'P'
                       : a.code == TWave ? 'T'
                       : isBeat(a.code)  ? 'Q'
                                         : waveKind;
        if (isBeat(a.code)) {
            const ecg::AamiClass cls = ecg::aamiClassOf(a.code);
            out.beats.push_back(
                {t, mnemonic(a.code), cls == ecg::AamiClass::None ? 'Q' : char(cls)});
            out.beatSamples.push_back(a.sample);
        } else if (a.code == Rhythm && !a.aux.isEmpty()) {
            if (openRhythm >= 0)
                out.episodes[std::size_t(openRhythm)].endSeconds = t;
            QString label = QString::fromLatin1(a.aux).trimmed();
            label.remove(QChar(0));
            out.episodes.push_back({t, durationSeconds, label, false});
            openRhythm = int(out.episodes.size()) - 1;
        } else if (a.code == Noise) {
            if (openNoise >= 0) {
                out.episodes[std::size_t(openNoise)].endSeconds = t;
                openNoise = -1;
            }
            if (a.subtype != 0) {
                out.episodes.push_back({t, durationSeconds, QStringLiteral("noise"), true});
                openNoise = int(out.episodes.size()) - 1;
            }
        } else if (a.code == Artifact) {
            out.episodes.push_back({t - 0.1, t + 0.1, QStringLiteral("|"), true});
        }
    }
    return out;
}

} // namespace cardiolens::widgets
