#include "imaging/edit/HoleFill.h"

#include "imaging/edit/ConnectedRegions.h"
#include "imaging/edit/EditableLabels.h"

namespace cardiolens::imaging {

bool HoleFill::apply(EditableLabels& doc, int slice, int phase, std::uint8_t label) {
    if (label == 0 || !doc.contains(slice, phase))
        return false;
    EditTransaction tx = doc.begin(QStringLiteral("Fill holes"));
    auto frame = tx.frame(slice, phase);
    const int w = frame.width(), h = frame.height();
    const std::uint8_t* px = frame.pixels().data();
    auto regions = ConnectedRegions::find(
        px, w, h, [](std::uint8_t v) { return v == 0; }, ConnectedRegions::Connectivity::Four);
    // A region stays a hole only while every 4-neighbour outside it holds the label.
    std::vector<bool> hole(regions.sizes.size());
    for (std::size_t r = 0; r < hole.size(); ++r)
        hole[r] = !regions.touchesBorder[r];
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int id = regions.regionOf[std::size_t(y) * std::size_t(w) + std::size_t(x)];
            if (id == 0 || !hole[std::size_t(id - 1)])
                continue;
            const int nx[4] = {x - 1, x + 1, x, x}, ny[4] = {y, y, y - 1, y + 1};
            for (int k = 0; k < 4; ++k) {
                if (nx[k] < 0 || ny[k] < 0 || nx[k] >= w || ny[k] >= h)
                    continue;
                const std::uint8_t v = frame.at(nx[k], ny[k]);
                if (v != 0 && v != label)
                    hole[std::size_t(id - 1)] = false;
            }
        }
    auto pixels = frame.pixels();
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        const int id = regions.regionOf[i];
        if (id != 0 && hole[std::size_t(id - 1)])
            pixels[i] = label;
    }
    tx.changed(slice, phase);
    return tx.commit();
}

} // namespace cardiolens::imaging
