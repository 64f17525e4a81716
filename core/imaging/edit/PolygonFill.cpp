#include "imaging/edit/PolygonFill.h"

#include "imaging/PolygonRasterizer.h"
#include "imaging/edit/EditableLabels.h"

namespace cardiolens::imaging {

bool PolygonFill::apply(EditableLabels& doc, int slice, int phase, const Polygon& outline,
                        std::uint8_t label, Mode mode, PaintRule rule) {
    if (outline.size() < 3 || !doc.contains(slice, phase))
        return false;
    EditTransaction tx = doc.begin(mode == Mode::Add ? QStringLiteral("Polygon fill")
                                                     : QStringLiteral("Polygon cut"));
    auto frame = tx.frame(slice, phase);
    if (frame.isEmpty())
        return false;
    Mask2D inside(frame.width(), frame.height());
    PolygonRasterizer::fill(outline, inside, 1);
    auto pixels = frame.pixels();
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        if (!inside.values[i])
            continue;
        std::uint8_t& v = pixels[i];
        if (mode == Mode::Add) {
            if (rule.allows(v))
                v = label;
        } else if (label == 0 || v == label) {
            v = 0;
        }
    }
    tx.changed(slice, phase);
    return tx.commit();
}

} // namespace cardiolens::imaging
