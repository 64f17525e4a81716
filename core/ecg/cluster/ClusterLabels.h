#pragma once

#include "ecg/Annotation.h"
#include "ecg/cluster/BeatClustering.h"

#include <map>
#include <vector>

namespace cardiolens::ecg {

/// A cluster's members as indexes into an annotation list (beats whose sample matches a
/// member exactly; members deleted from the list since clustering are skipped).
std::vector<std::size_t> clusterMemberIndexes(const BeatClustering& clustering, int cluster,
                                              const std::vector<Annotation>& items);

/// Current label counts (MIT code -> beats) of every cluster's members in \a items.
std::vector<std::map<int, int>> clusterLabelMix(const BeatClustering& clustering,
                                                const std::vector<Annotation>& items);

} // namespace cardiolens::ecg
