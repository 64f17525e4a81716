#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace cardiolens::ecg {

/// One signal line of a WFDB header (see PhysioNet's header(5) specification).
struct WfdbSignalSpec {
    QString fileName;
    int format = 0;
    int samplesPerFrame = 1;
    int skew = 0;
    std::int64_t byteOffset = 0;
    double adcGain = 200.0;      ///< ADC units per physical unit; 0 in a file means default 200.
    bool gainWasDefault = false; ///< No gain field: samples are raw ADC units.
    int baseline = 0;            ///< Defaults to adcZero when absent.
    QString units = QStringLiteral("mV");
    int adcResolution = 0;
    int adcZero = 0;
    std::optional<int> initialValue;
    std::optional<int> checksum; ///< 16-bit sum of samples; absent or 0 means unknown.
    int blockSize = 0;
    QString description;
};

/// A parsed WFDB header: the record line, the signal lines and the comments.
struct WfdbHeader {
    QString recordName;
    int segmentCount = 0; ///< > 0 for a multi-segment record.
    int signalCount = 0;
    double samplingFrequency = 250.0; ///< Frames per second (WFDB default 250).
    double counterFrequency = 0.0;
    double baseCounter = 0.0;
    std::int64_t samplesPerSignal = 0; ///< Frames; 0 when the header leaves it out.
    std::optional<QTime> baseTime;
    std::optional<QDate> baseDate;
    std::vector<WfdbSignalSpec> signalSpecs;
    QStringList comments; ///< Comment lines, without the leading '#'.
    QStringList warnings; ///< Tolerated oddities (odd dates, etc.).
    struct Segment {      ///< Multi-segment records only.
        QString name;
        std::int64_t samples = 0;
    };
    std::vector<Segment> segments;

    double durationSeconds() const {
        return samplingFrequency > 0 ? double(samplesPerSignal) / samplingFrequency : 0.0;
    }
};

/// Parses WFDB header text. Tolerant where real datasets deviate from the
/// specification (comments before the record line, odd date forms), strict where a
/// mistake would make us misread samples.
class WfdbHeaderParser {
public:
    /// Parses the text of a header; \a sourceName is used in error messages.
    static Result<WfdbHeader> parse(const QString& text, const QString& sourceName);

    /// Reads and parses a .hea file. Refuses files over 16 MB (no header is that large).
    static Result<WfdbHeader> parseFile(const QString& path);
};

} // namespace cardiolens::ecg
