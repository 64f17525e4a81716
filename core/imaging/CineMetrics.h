#pragma once

#include "common/Result.h"
#include "imaging/LabelCine.h"

#include <QJsonObject>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace cardiolens::imaging {

/// What is known about a case beyond its labels.
struct CineMetricsOptions {
    std::optional<int> edFrame; ///< 0-based cine frame of end-diastole, from metadata.
    std::optional<int> esFrame; ///< 0-based cine frame of end-systole.
    std::optional<double> heightCm;
    std::optional<double> weightKg;
};

/// Clinical numbers from a labelled short-axis cine. Volumes come from slice summation
/// (label area x slice spacing), so they are exact for the labelled voxels.
struct CineMetrics {
    /// Volume in ml of each internal label, per stored phase.
    std::vector<std::array<double, kCardiacLabelCount>> phaseVolumesMl;
    std::vector<int> phaseFrames; ///< Cine frame (0-based) of each stored phase.
    int edPhase = 0;              ///< Index into the stored phases.
    int esPhase = 0;
    int edFrame = 0; ///< Cine frame (0-based) of edPhase / esPhase.
    int esFrame = 0;
    bool phasesFromMetadata = false;

    double lvEdvMl = 0, lvEsvMl = 0, lvSvMl = 0, lvEfPercent = 0;
    double myoEdVolumeMl = 0;
    double lvMassG = 0; ///< 1.05 g/ml x myocardial volume at ED.
    bool hasRv = false;
    double rvEdvMl = 0, rvEsvMl = 0, rvSvMl = 0, rvEfPercent = 0;
    std::optional<double> bsaM2; ///< Mosteller, when height and weight are known.
    QStringList warnings;        ///< e.g. metadata ED/ES frames that carry no labels.

    /// The CLI's JSON: lv_edv_ml, ..., ed_phase, es_phase (cine frames, 0-based), indexed
    /// values (…_index_ml_m2, lv_mass_index_g_m2) when the BSA is known, rv_* when RV is
    /// labelled, and per-phase volumes.
    QJsonObject toJson() const;
};

inline constexpr double kMyocardiumDensityGPerMl = 1.05;

/// Body-surface area by Mosteller: sqrt(height_cm x weight_kg / 3600) m^2.
double mostellerBsa(double heightCm, double weightKg);

/// Computes the metrics. ED/ES come from \a options when given (and stored), else ED is
/// the phase of largest and ES of smallest LV blood-pool volume among labelled phases.
Result<CineMetrics> computeCineMetrics(const LabelCineView& cine,
                                       const CineMetricsOptions& options = {});
inline Result<CineMetrics> computeCineMetrics(const LabelCine& cine,
                                              const CineMetricsOptions& options = {}) {
    return computeCineMetrics(cine.view(), options);
}

} // namespace cardiolens::imaging
