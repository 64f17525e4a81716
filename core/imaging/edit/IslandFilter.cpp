#include "imaging/edit/IslandFilter.h"

#include "imaging/edit/ConnectedRegions.h"
#include "imaging/edit/EditableLabels.h"

#include <algorithm>

namespace cardiolens::imaging {

namespace {

// Clears the islands of \a label that choose(sizes) marks for dropping.
template <typename Choose>
bool filterIslands(EditableLabels& doc, int slice, int phase, std::uint8_t label,
                   const QString& action, Choose choose) {
    if (label == 0 || !doc.contains(slice, phase))
        return false;
    EditTransaction tx = doc.begin(action);
    auto frame = tx.frame(slice, phase);
    auto regions = ConnectedRegions::find(
        frame.pixels().data(), frame.width(), frame.height(),
        [label](std::uint8_t v) { return v == label; }, ConnectedRegions::Connectivity::Eight);
    const std::vector<bool> drop = choose(regions.sizes);
    auto pixels = frame.pixels();
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        const int id = regions.regionOf[i];
        if (id != 0 && drop[std::size_t(id - 1)])
            pixels[i] = 0;
    }
    tx.changed(slice, phase);
    return tx.commit();
}

} // namespace

bool IslandFilter::keepLargest(EditableLabels& doc, int slice, int phase, std::uint8_t label) {
    return filterIslands(
        doc, slice, phase, label, QStringLiteral("Keep largest island"),
        [](const std::vector<int>& sizes) {
            std::vector<bool> drop(sizes.size(), true);
            if (!sizes.empty())
                drop[std::size_t(std::max_element(sizes.begin(), sizes.end()) - sizes.begin())] =
                    false;
            return drop;
        });
}

bool IslandFilter::removeSmall(EditableLabels& doc, int slice, int phase, std::uint8_t label,
                               int minPixels) {
    return filterIslands(doc, slice, phase, label, QStringLiteral("Remove small islands"),
                         [minPixels](const std::vector<int>& sizes) {
                             std::vector<bool> drop(sizes.size());
                             for (std::size_t i = 0; i < sizes.size(); ++i)
                                 drop[i] = sizes[i] < minPixels;
                             return drop;
                         });
}

} // namespace cardiolens::imaging
