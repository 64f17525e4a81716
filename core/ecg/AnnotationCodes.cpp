#include "ecg/Annotation.h"

#include <array>

namespace cardiolens::ecg::AnnotationCodes {

namespace {
struct CodeInfo {
    const char* mnemonic;
    const char* description;
    bool beat;
};

// Index = code. Mnemonics and meanings as published in WFDB's ecgcodes.h / ecgmap.
constexpr std::array<CodeInfo, 42> kCodes = {{
    {"", "Not a QRS", false},
    {"N", "Normal beat", true},
    {"L", "Left bundle branch block beat", true},
    {"R", "Right bundle branch block beat", true},
    {"a", "Aberrated atrial premature beat", true},
    {"V", "Premature ventricular contraction", true},
    {"F", "Fusion of ventricular and normal beat", true},
    {"J", "Nodal (junctional) premature beat", true},
    {"A", "Atrial premature beat", true},
    {"S", "Supraventricular premature beat", true},
    {"E", "Ventricular escape beat", true},
    {"j", "Nodal (junctional) escape beat", true},
    {"/", "Paced beat", true},
    {"Q", "Unclassifiable beat", true},
    {"~", "Signal quality change", false},
    {"", "", false},
    {"|", "Isolated QRS-like artifact", false},
    {"", "", false},
    {"s", "ST change", false},
    {"T", "T-wave change", false},
    {"*", "Systole", false},
    {"D", "Diastole", false},
    {"\"", "Comment annotation", false},
    {"=", "Measurement annotation", false},
    {"p", "P-wave peak", false},
    {"B", "Bundle branch block beat (unspecified)", true},
    {"^", "Non-conducted pacer spike", false},
    {"t", "T-wave peak", false},
    {"+", "Rhythm change", false},
    {"u", "U-wave peak", false},
    {"?", "Learning", false},
    {"!", "Ventricular flutter wave", false},
    {"[", "Start of ventricular flutter/fibrillation", false},
    {"]", "End of ventricular flutter/fibrillation", false},
    {"e", "Atrial escape beat", true},
    {"n", "Supraventricular escape beat", true},
    {"@", "Link to external data", false},
    {"x", "Non-conducted P-wave (blocked APC)", false},
    {"f", "Fusion of paced and normal beat", true},
    {"(", "Waveform onset", false},
    {")", "Waveform end", false},
    {"r", "R-on-T premature ventricular contraction", true},
}};
} // namespace

QString mnemonic(int code) {
    if (code >= 0 && code < int(kCodes.size()) && kCodes[std::size_t(code)].mnemonic[0])
        return QString::fromLatin1(kCodes[std::size_t(code)].mnemonic);
    return QStringLiteral("[%1]").arg(code);
}

int fromMnemonic(const QString& m) {
    for (std::size_t i = 1; i < kCodes.size(); ++i)
        if (m == QLatin1String(kCodes[i].mnemonic))
            return int(i);
    if (m.startsWith(QLatin1Char('[')) && m.endsWith(QLatin1Char(']'))) {
        bool ok = false;
        const int code = m.mid(1, m.size() - 2).toInt(&ok);
        if (ok && code >= 0 && code <= MaxCode)
            return code;
    }
    return -1;
}

QString description(int code) {
    if (code >= 0 && code < int(kCodes.size()) && kCodes[std::size_t(code)].description[0])
        return QString::fromLatin1(kCodes[std::size_t(code)].description);
    return QStringLiteral("Annotation code %1").arg(code);
}

bool isBeat(int code) {
    return code >= 0 && code < int(kCodes.size()) && kCodes[std::size_t(code)].beat;
}

} // namespace cardiolens::ecg::AnnotationCodes
