#pragma once

#include "ecg/Annotation.h"
#include "ecg/SignalSource.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace cardiolens::ecg {

/// Raw value of a missing sample where the storage has no sentinel of its own (EDF gaps,
/// blank CSV cells, WFDB null signals).
inline constexpr std::int32_t kInvalidSample = std::numeric_limits<std::int32_t>::min();

/// One lead (WFDB "signal", EDF "signal", DICOM "channel") of a record.
struct Lead {
    QString name; ///< "MLII", "V1", "I", ...
    QString units = QStringLiteral("mV");
    double gain = 200.0;   ///< ADC units per physical unit (> 0).
    double baseline = 0;   ///< Raw value of physical zero (EDF: may be fractional).
    int adcResolution = 0; ///< Bits; 0 = unknown.
    int adcZero = 0;
    int samplesPerFrame = 1; ///< > 1 for the faster leads of multi-rate records.
    QString format;          ///< Storage, e.g. "wfdb-212", "edf-16", "csv".
    /// The storage's "no sample" value as decoded (WFDB: -32768 for format 16, -2048 for
    /// 212, ...). Raw samples are kept as stored; readPhysical maps this value to NaN.
    std::int32_t invalidRaw = kInvalidSample;
    /// WFDB: the header's 16-bit sum of all samples (compared modulo 65536); none = unknown.
    std::optional<int> checksum;

    /// Factor from this lead's units to millivolts (mV 1, uV 0.001, V 1000); 1 if unknown.
    double millivoltsPerUnit() const;

    bool isValid(std::int32_t raw) const { return raw != invalidRaw && raw != kInvalidSample; }

    double toPhysical(std::int32_t raw) const { return (double(raw) - baseline) / gain; }
    std::int32_t toRaw(double physical) const {
        return std::int32_t(std::lround(physical * gain + baseline));
    }
};

/// A label attached to a whole record: a diagnosis, a rhythm class, a fold.
struct RecordLabel {
    QString scheme; ///< "snomed-ct", "scp", "cinc2017", "ptbxl-fold", ...
    QString code;   ///< "426783006", "NORM", "A", ...
    QString name;   ///< Human-readable, empty if the code is not in our tables.
    double likelihood = std::numeric_limits<double>::quiet_NaN(); ///< PTB-XL SCP %, else NaN.
    QString category; ///< Diagnostic superclass ("NORM", "MI", ...) or group; may be empty.
};

/// A record: metadata plus a SignalSource that decodes raw samples on demand.
/// Copying is cheap (the source is shared). Physical value = (raw - baseline) / gain.
struct EcgRecord {
    QString name;         ///< Record name ("100", "s0010_re", file base name otherwise).
    QString sourcePath;   ///< The file the user opened (the .hea for WFDB).
    QString formatName;   ///< "WFDB", "EDF", "EDF+", "CSV", "DICOM".
    double frameRate = 0; ///< Frames per second; lead L runs at frameRate * spf(L) Hz.
    std::int64_t frameCount = 0;
    std::optional<QDateTime> start; ///< Base date/time when the file gives one.
    std::vector<Lead> leads;
    QStringList warnings; ///< Tolerated oddities (odd dates, initial value mismatch, ...).
    QStringList comments; ///< Free text from the file (WFDB header comments, EDF+ fields).
    std::vector<RecordLabel> labels;
    /// Annotations stored inside the record file itself (EDF+ TALs as annotator "edf").
    /// Annotation files beside a WFDB record are read with MitAnnotationIO instead.
    std::vector<AnnotationSet> annotations;
    std::shared_ptr<const SignalSource> source;

    int leadCount() const { return int(leads.size()); }
    double sampleRate(int lead) const {
        return frameRate * leads[std::size_t(lead)].samplesPerFrame;
    }
    std::int64_t sampleCount(int lead) const {
        return frameCount * leads[std::size_t(lead)].samplesPerFrame;
    }
    double durationSeconds() const { return frameRate > 0 ? double(frameCount) / frameRate : 0.0; }
    /// Index of the lead called \a name (case-insensitive), or -1.
    int leadIndex(const QString& name) const;

    /// Raw samples [first, first + count) of \a lead into \a out; returns samples written.
    std::int64_t readRaw(int lead, std::int64_t first, std::int64_t count,
                         std::int32_t* out) const {
        return source ? source->readRaw(lead, first, count, out) : 0;
    }
    std::vector<std::int32_t> raw(int lead, std::int64_t first, std::int64_t count) const;
    /// Physical values; invalid samples become NaN. Returns samples written.
    std::int64_t readPhysical(int lead, std::int64_t first, std::int64_t count, float* out) const;
    std::vector<float> physical(int lead, std::int64_t first, std::int64_t count) const;
    /// See SignalSource::releaseFrames: call after processing a chunk of a long record.
    void releaseFrames(std::int64_t firstFrame, std::int64_t frames) const {
        if (source)
            source->releaseFrames(firstFrame, frames);
    }
    /// All leads, frame-major (see SignalSource::readFrames).
    std::int64_t readFrames(std::int64_t firstFrame, std::int64_t frames, std::int32_t* out) const {
        return source ? source->readFrames(firstFrame, frames, out) : 0;
    }
};

} // namespace cardiolens::ecg
