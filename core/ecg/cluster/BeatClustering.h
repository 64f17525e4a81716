#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// Tunables of beat-morphology clustering.
struct BeatClusterSettings {
    double preMs = 150.0;         ///< Window before the fiducial point...
    double postMs = 250.0;        ///< ...and after it (QRS and early ST).
    double stepMs = 10.0;         ///< Feature sampling step.
    int maxLeads = 3;             ///< Leads with the most QRS energy take part.
    double matchDistance = 0.35;  ///< Largest residual energy (share of the template's) to join.
    double prematureShare = 0.87; ///< RR / local RR below this: premature.
    int localBeats = 16;          ///< Preceding beats that define the local RR.
    int maxClusters = 400;        ///< Beyond this, unmatched beats join their nearest cluster.
    int outlierSize = 3;          ///< Clusters this small are outliers.
};

/// One morphology cluster: similar beats with the same prematurity.
struct BeatCluster {
    int id = 0;                       ///< Rank by size: 0 is the largest.
    std::vector<std::size_t> members; ///< Indices into BeatClustering::beats, in time order.
    std::vector<float> median;        ///< Median beat, lead-major: leads x windowSamples, mV.
    std::vector<std::vector<float>> examples; ///< Up to 12 members spread over the cluster.
    double meanPrematurity = 1.0;             ///< Mean RR / local RR of the members.
    bool premature = false;
    bool outlier = false;
};

/// Every beat of a record in one cluster.
struct BeatClustering {
    double fs = 0.0;
    std::vector<int> leads; ///< Record leads of the features and medians.
    int windowSamples = 0;  ///< Samples per lead in a median (at stepMs).
    double preMs = 0.0;
    double stepMs = 0.0;
    std::vector<std::int64_t> beats;   ///< Sample positions, sorted.
    std::vector<float> prematurity;    ///< Per beat: RR / local RR (1 for the first).
    std::vector<int> clusterOf;        ///< Per beat: index into clusters.
    std::vector<BeatCluster> clusters; ///< Largest first.
    double seconds = 0.0;              ///< Wall time (reading included).
};

/// Clusters the beats at \a beats (sample positions) by the shape of a window around each,
/// over the leads with the most QRS energy, and by prematurity (premature beats never share
/// a cluster with on-time ones: an atrial premature beat looks like a normal one). Online
/// template matching: each beat joins the closest template whose residual energy is below
/// matchDistance of the template's, else starts a new one; outliers stay apart.
Result<BeatClustering> clusterBeats(const EcgRecord& record, std::vector<std::int64_t> beats,
                                    const BeatClusterSettings& settings = {});

} // namespace cardiolens::ecg
