#include "imaging/edit/BrushStroke.h"

#include "imaging/CineVolume.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/FrameIntensity.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::imaging {

std::array<double, 2> BrushSettings::radiiInPixels(const std::array<double, 2>& spacing) const {
    if (unit == Unit::Pixels)
        return {radius, radius};
    return {radius / (spacing[0] > 0.0 ? spacing[0] : 1.0),
            radius / (spacing[1] > 0.0 ? spacing[1] : 1.0)};
}

BrushStroke::BrushStroke(EditableLabels& doc, int slice, int phase, const BrushSettings& settings,
                         const CineVolume* image)
    : m_tx(doc.begin(settings.value == 0 ? QStringLiteral("Erase") : QStringLiteral("Paint"))),
      m_slice(slice), m_phase(phase), m_settings(settings),
      m_radii(settings.radiiInPixels(doc.labels().geometry().pixelSpacing)) {
    if (settings.threshold && image && image->extent() == doc.extent()) {
        m_intensity = frameIntensity(*image, slice, phase);
        m_hasIntensity = true;
    }
}

bool BrushStroke::covers(Point2 a, Point2 b, std::array<double, 2> radii, double x, double y) {
    // Distance from the centre to segment ab, measured in units of the semi-axes.
    const double ax = a.x / radii[0], ay = a.y / radii[1];
    const double bx = b.x / radii[0], by = b.y / radii[1];
    const double px = x / radii[0], py = y / radii[1];
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = px - (ax + t * dx), ey = py - (ay + t * dy);
    return ex * ex + ey * ey <= 1.0 + 1e-9;
}

FrameBox BrushStroke::moveTo(Point2 point) {
    auto frame = m_tx.frame(m_slice, m_phase);
    if (frame.isEmpty() || !(m_radii[0] > 0.0) || !(m_radii[1] > 0.0))
        return {};
    const Point2 from = m_last.value_or(point);
    m_last = point;
    ++m_moves;
    const int x0 = int(std::ceil(std::min(from.x, point.x) - m_radii[0] - 1e-9));
    const int x1 = int(std::floor(std::max(from.x, point.x) + m_radii[0] + 1e-9));
    const int y0 = int(std::ceil(std::min(from.y, point.y) - m_radii[1] - 1e-9));
    const int y1 = int(std::floor(std::max(from.y, point.y) + m_radii[1] + 1e-9));
    const FrameBox box =
        FrameBox{x0, y0, x1 - x0 + 1, y1 - y0 + 1}.clipped(frame.width(), frame.height());
    if (box.isEmpty())
        return {};
    stamp(from, point, box);
    m_tx.changed(m_slice, m_phase);
    return box;
}

void BrushStroke::stamp(Point2 a, Point2 b, const FrameBox& box) {
    auto frame = m_tx.frame(m_slice, m_phase);
    auto before = m_tx.original(m_slice, m_phase);
    const std::uint8_t value = m_settings.value;
    const auto& range = m_settings.threshold;
    if (range && !m_hasIntensity)
        return;
    for (int y = box.y; y < box.y + box.height; ++y) {
        std::uint8_t* row = frame.row(y);
        const std::uint8_t* old = before.row(y);
        for (int x = box.x; x < box.x + box.width; ++x) {
            if (row[x] == value || !m_settings.rule.allows(old[x]))
                continue;
            if (range) {
                const float v = m_intensity[std::size_t(y) * std::size_t(frame.width()) + x];
                if (v < range->lower || v > range->upper)
                    continue;
            }
            if (covers(a, b, m_radii, x, y))
                row[x] = value;
        }
    }
}

bool BrushStroke::finish() {
    return m_tx.commit();
}

void BrushStroke::cancel() {
    m_tx.cancel();
}

} // namespace cardiolens::imaging
