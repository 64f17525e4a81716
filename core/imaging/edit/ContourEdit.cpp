#include "imaging/edit/ContourEdit.h"

#include "imaging/MaskContourTracer.h"
#include "imaging/PolygonRasterizer.h"
#include "imaging/edit/EditableLabels.h"

namespace cardiolens::imaging {

ContourEdit::ContourEdit(const EditableLabels& doc, int slice, int phase, std::uint8_t label,
                         double simplifyTolerance)
    : m_slice(slice), m_phase(phase), m_label(label) {
    if (!doc.contains(slice, phase) || label == 0)
        return;
    const auto frame = doc.labels().frame(slice, phase);
    m_width = frame.width();
    m_height = frame.height();
    Mask2D mask(m_width, m_height);
    const auto pixels = frame.pixels();
    std::copy(pixels.begin(), pixels.end(), mask.values.begin());
    MaskContourTracer::Options options;
    options.simplifyTolerance = simplifyTolerance;
    m_outlines = MaskContourTracer::trace(mask, label, options);
    m_traced = rasterised();
}

std::optional<ContourEdit::Vertex> ContourEdit::nearestVertex(Point2 point,
                                                              double maxDistance) const {
    std::optional<Vertex> best;
    double bestD2 = maxDistance * maxDistance;
    for (std::size_t o = 0; o < m_outlines.size(); ++o)
        for (std::size_t i = 0; i < m_outlines[o].size(); ++i) {
            const double dx = m_outlines[o][i].x - point.x, dy = m_outlines[o][i].y - point.y;
            const double d2 = dx * dx + dy * dy;
            if (d2 <= bestD2) {
                bestD2 = d2;
                best = Vertex{int(o), int(i)};
            }
        }
    return best;
}

void ContourEdit::moveVertex(Vertex v, Point2 to) {
    if (v.outline < 0 || v.outline >= int(m_outlines.size()) || v.index < 0 ||
        v.index >= int(m_outlines[std::size_t(v.outline)].size()))
        return;
    m_outlines[std::size_t(v.outline)][std::size_t(v.index)] = to;
}

Mask2D ContourEdit::rasterised() const {
    Mask2D mask(m_width, m_height);
    PolygonRasterizer::fill(std::span<const Polygon>(m_outlines), mask, m_label);
    return mask;
}

bool ContourEdit::apply(EditableLabels& doc, PaintRule rule) const {
    if (m_width == 0 || !doc.contains(m_slice, m_phase))
        return false;
    EditTransaction tx = doc.begin(QStringLiteral("Edit contour"));
    auto frame = tx.frame(m_slice, m_phase);
    if (frame.width() != m_width || frame.height() != m_height)
        return false;
    const Mask2D inside = rasterised();
    auto pixels = frame.pixels();
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        if (inside.values[i] == m_traced.values[i])
            continue;
        std::uint8_t& v = pixels[i];
        if (inside.values[i]) {
            if (v != m_label && rule.allows(v))
                v = m_label;
        } else if (v == m_label) {
            v = 0;
        }
    }
    tx.changed(m_slice, m_phase);
    return tx.commit();
}

} // namespace cardiolens::imaging
