#include "inference/RhythmEpisodes.h"

#include <cmath>

namespace cardiolens::inference {

int windowCall(const ModelManifest& m, const WindowProbabilities& windows, std::size_t window) {
    if (window >= windows.startSeconds.size() || windows.perClass.empty())
        return -1;
    int best = -1, bestAbove = -1;
    for (std::size_t c = 0; c < windows.perClass.size(); ++c) {
        const float p = windows.perClass[c][window];
        if (best < 0 || p > windows.perClass[std::size_t(best)][window])
            best = int(c);
        const OutputLabel& label = m.labels[c];
        const auto t = m.thresholdFor(label);
        if (t && p >= *t && (bestAbove < 0 || p > windows.perClass[std::size_t(bestAbove)][window]))
            bestAbove = int(c);
    }
    return bestAbove >= 0 ? bestAbove : best;
}

QByteArray rhythmMnemonic(const OutputLabel& label) {
    const QString code = label.code.trimmed().toUpper();
    if (code == QLatin1String("AF") || code == QLatin1String("AFIB"))
        return "AFIB";
    if (code == QLatin1String("AFL"))
        return "AFL";
    if (code == QLatin1String("N") || code == QLatin1String("NSR") || code == QLatin1String("SR"))
        return "N";
    QString text = code.isEmpty() ? label.name.toUpper() : code;
    text.remove(QLatin1Char(' '));
    return text.toUtf8();
}

std::vector<ecg::Annotation>
rhythmEpisodes(const ModelManifest& m, const WindowProbabilities& windows, double recordFrameRate) {
    std::vector<ecg::Annotation> out;
    if (m.activation != Activation::Softmax)
        return out;
    int previous = -1;
    for (std::size_t i = 0; i < windows.startSeconds.size(); ++i) {
        const int call = windowCall(m, windows, i);
        if (call < 0 || call == previous)
            continue;
        double at = 0;
        if (i > 0) // Halfway between this window's centre and the previous one's.
            at = 0.5 * (windows.startSeconds[i - 1] + windows.startSeconds[i]) +
                 0.5 * windows.windowSeconds;
        ecg::Annotation a;
        a.sample = std::llround(at * recordFrameRate);
        a.code = ecg::AnnotationCodes::Rhythm;
        a.aux = "(" + rhythmMnemonic(m.labels[std::size_t(call)]);
        out.push_back(a);
        previous = call;
    }
    return out;
}

} // namespace cardiolens::inference
