#pragma once

#include "common/Result.h"
#include "imaging/CineMetrics.h"
#include "imaging/DatasetCase.h"
#include "imaging/EchoVolumes.h"
#include "imaging/LabelCine.h"
#include "imaging/LabelVolume.h"

#include <QJsonObject>

#include <optional>

namespace cardiolens::imaging {

/// Clinical numbers for one labelled case, with what they came from.
struct CaseMetrics {
    std::optional<DatasetCase> datasetCase; ///< Absent for an --image/--labels pair.
    std::optional<CineMetrics> cine;        ///< Short-axis MRI (ACDC, M&Ms, Sunnybrook, pairs).
    std::optional<EchoMetrics> echo;        ///< Apical echo views (CAMUS, EchoNet).
    /// False when pixel sizes are unknown (EchoNet videos): volumes are then in pixel^3 / 1000
    /// and only EF is meaningful.
    bool calibrated = true;
    QStringList warnings;

    /// The `cardiolens-cli metrics` JSON: dataset, case, lv_* / rv_* figures, ed_phase,
    /// es_phase (0-based cine frames), per-phase volumes, warnings.
    QJsonObject toJson() const;
};

/// Turns a case found by DatasetLayout (or an image + label file pair) into internal label
/// volumes and computes the metrics.
class LabelledCaseLoader {
public:
    static Result<CaseMetrics> metrics(const QString& path);
    static Result<CaseMetrics> metrics(const DatasetCase& datasetCase);
    /// \a image may be empty; when given, its extent must match the labels'.
    static Result<CaseMetrics> metricsForPair(const QString& image, const QString& labels,
                                              LabelConvention convention,
                                              const CineMetricsOptions& options = {});

    /// Reads a label file (NIfTI, MetaImage, NRRD, DICOM) and maps it to internal labels in place.
    static Result<LabelVolume> readLabels(const QString& path, LabelConvention convention);
    /// The Sunnybrook expert contours of a case drawn into a label cine: one stored phase
    /// per contoured cardiac phase, one slice per contoured slice position.
    static Result<LabelCine> sunnybrookLabels(const DatasetCase& datasetCase,
                                              QStringList* warnings = nullptr);
};

} // namespace cardiolens::imaging
