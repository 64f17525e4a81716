#pragma once

#include "common/Result.h"
#include "ecg/Annotation.h"
#include "ecg/EcgRecord.h"
#include "ecg/dsp/BeatMatching.h"
#include "ecg/dsp/QrsDetector.h"

#include <QString>

#include <vector>

namespace cardiolens::ecg {

/// QRS detections of a whole record.
struct RecordQrs {
    double fs = 0.0;
    std::vector<int> leadsUsed;
    std::vector<QrsBeat> beats;
    double detectSeconds = 0.0; ///< Wall time of detection (decoding excluded).
};

/// Runs the QRS detector over a record: every lead sampled at the frame rate (or only
/// \a lead when >= 0), in chunks of an hour with overlap so a 24-h Holter needs little
/// memory. Missing samples are held at the last valid value.
Result<RecordQrs> detectRecordQrs(const EcgRecord& record, int lead = -1,
                                  QrsDetectorSettings settings = {});

/// Sample positions of the reference beats of an annotation set (beat codes only; rhythm,
/// noise and comment annotations are skipped).
std::vector<std::int64_t> referenceBeats(const AnnotationSet& annotations);

/// Beat-by-beat comparison with the standard 150 ms window.
BeatScore scoreQrs(const RecordQrs& detected, const AnnotationSet& reference);

/// The annotated records the detector is judged on, relative to the shared data folder
/// (MIT-BIH 100 and 208, SVDB 800, CPSC 2021 subjects 8, 21 and 92).
QStringList qrsBenchmarkRecords();

/// MIT-BIH DS1, the training half of de Chazal's inter-patient split (22 records), relative
/// to the shared data folder. Beat models train and tune on these only.
QStringList mitBihDs1Records();

} // namespace cardiolens::ecg
