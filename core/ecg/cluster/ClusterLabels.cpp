#include "ecg/cluster/ClusterLabels.h"

#include <algorithm>

namespace cardiolens::ecg {

namespace {
// Index of the beat annotation at exactly \a sample, or items.size().
std::size_t beatAt(const std::vector<Annotation>& items, std::int64_t sample) {
    auto it = std::lower_bound(items.begin(), items.end(), sample,
                               [](const Annotation& a, std::int64_t s) { return a.sample < s; });
    for (; it != items.end() && it->sample == sample; ++it)
        if (AnnotationCodes::isBeat(it->code))
            return std::size_t(it - items.begin());
    return items.size();
}
} // namespace

std::vector<std::size_t> clusterMemberIndexes(const BeatClustering& clustering, int cluster,
                                              const std::vector<Annotation>& items) {
    std::vector<std::size_t> out;
    if (cluster < 0 || std::size_t(cluster) >= clustering.clusters.size())
        return out;
    for (std::size_t m : clustering.clusters[std::size_t(cluster)].members)
        if (const std::size_t i = beatAt(items, clustering.beats[m]); i < items.size())
            out.push_back(i);
    return out;
}

std::vector<std::map<int, int>> clusterLabelMix(const BeatClustering& clustering,
                                                const std::vector<Annotation>& items) {
    std::vector<std::map<int, int>> out(clustering.clusters.size());
    for (std::size_t c = 0; c < clustering.clusters.size(); ++c)
        for (std::size_t m : clustering.clusters[c].members)
            if (const std::size_t i = beatAt(items, clustering.beats[m]); i < items.size())
                ++out[c][items[i].code];
    return out;
}

} // namespace cardiolens::ecg
