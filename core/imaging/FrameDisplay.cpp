#include "imaging/FrameDisplay.h"

#include <cmath>

#include <algorithm>
#include <cstring>
#include <vector>

namespace cardiolens::imaging {

namespace {
template <typename F> void forEachValue(const CineVolume& v, int slice, int phase, F&& f) {
    switch (v.pixelType()) {
    case PixelType::UInt8:
        for (std::uint8_t x : v.frame<std::uint8_t>(slice, phase).pixels())
            f(double(x));
        break;
    case PixelType::Int16:
        for (std::int16_t x : v.frame<std::int16_t>(slice, phase).pixels())
            f(double(x));
        break;
    case PixelType::Float32:
        for (float x : v.frame<float>(slice, phase).pixels())
            f(double(x));
        break;
    case PixelType::Rgb8:
        for (const Rgb8& x : v.frame<Rgb8>(slice, phase).pixels())
            f(0.299 * x.r + 0.587 * x.g + 0.114 * x.b);
        break;
    }
}

bool validFrame(const CineVolume& v, int slice, int phase) {
    return !v.isEmpty() && slice >= 0 && slice < v.slices() && phase >= 0 && phase < v.phases();
}
} // namespace

WindowLevel percentileWindow(const CineVolume& volume, int slice, int phase, double lowPercent,
                             double highPercent) {
    if (!validFrame(volume, slice, phase))
        return {};
    std::vector<double> values;
    values.reserve(volume.extent().pixelsPerFrame());
    forEachValue(volume, slice, phase, [&](double x) { values.push_back(x); });
    const auto at = [&](double pct) {
        const auto k = std::size_t(std::clamp(pct, 0.0, 100.0) / 100.0 * double(values.size() - 1));
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
        return values[k];
    };
    const double lo = at(lowPercent);
    const double hi = at(highPercent);
    return {std::max(1.0, hi - lo), 0.5 * (hi + lo)};
}

WindowLevel fullRangeWindow(const CineVolume& volume, int slice, int phase) {
    if (volume.pixelType() == PixelType::UInt8 || volume.pixelType() == PixelType::Rgb8)
        return {255.0, 127.5};
    if (!validFrame(volume, slice, phase))
        return {};
    double lo = 1e300, hi = -1e300;
    forEachValue(volume, slice, phase, [&](double x) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    });
    return {std::max(1.0, hi - lo), 0.5 * (hi + lo)};
}

LabelOverlayStyle LabelOverlayStyle::fromLabelTable() {
    LabelOverlayStyle s;
    for (const CardiacLabelInfo& info : cardiacLabelTable()) {
        const auto v = labelValue(info.label);
        s.colours[v] = info.rgb;
        s.visible[v] = v != 0;
    }
    return s;
}

void composeLabelOverlay(const std::uint8_t* labels, int width, int height,
                         const LabelOverlayStyle& style, std::span<std::uint8_t> rgba, bool flipY) {
    const std::size_t needed = std::size_t(width) * std::size_t(height) * 4;
    if (!labels || rgba.size() < needed)
        return;
    const auto alphaFill = std::uint8_t(std::clamp(style.opacity, 0.0, 1.0) * 255.0 + 0.5);
    const bool outline = style.mode == LabelOverlayStyle::Mode::Outline;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = labels + std::size_t(y) * std::size_t(width);
        const int outY = flipY ? height - 1 - y : y;
        std::uint8_t* dst = rgba.data() + std::size_t(outY) * std::size_t(width) * 4;
        for (int x = 0; x < width; ++x, dst += 4) {
            const std::uint8_t l = row[x];
            bool draw = l != 0 && style.visible[l];
            if (draw && outline) {
                const bool edge = x == 0 || y == 0 || x == width - 1 || y == height - 1 ||
                                  row[x - 1] != l || row[x + 1] != l || row[x - width] != l ||
                                  row[x + width] != l;
                draw = edge;
            }
            if (!draw) {
                dst[0] = dst[1] = dst[2] = dst[3] = 0;
                continue;
            }
            const auto& c = style.colours[l];
            dst[0] = c[0];
            dst[1] = c[1];
            dst[2] = c[2];
            dst[3] = outline ? 255 : alphaFill;
        }
    }
}

void renderFrameArgb(const CineVolume& volume, int slice, int phase, const WindowLevel& wl,
                     const std::uint8_t* labels, const LabelOverlayStyle* style,
                     std::span<std::uint32_t> out) {
    const std::size_t n = volume.extent().pixelsPerFrame();
    if (!validFrame(volume, slice, phase) || out.size() < n)
        return;
    std::size_t i = 0;
    if (volume.pixelType() == PixelType::Rgb8) {
        for (const Rgb8& p : volume.frame<Rgb8>(slice, phase).pixels())
            out[i++] = 0xff000000u | (std::uint32_t(p.r) << 16) | (std::uint32_t(p.g) << 8) | p.b;
    } else {
        forEachValue(volume, slice, phase, [&](double x) {
            const std::uint32_t g = windowed(x, wl);
            out[i++] = 0xff000000u | (g << 16) | (g << 8) | g;
        });
    }
    if (!labels || !style)
        return;
    const bool outline = style->mode == LabelOverlayStyle::Mode::Outline;
    const double a = outline ? 1.0 : std::clamp(style->opacity, 0.0, 1.0);
    const int w = volume.width(), h = volume.height();
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const std::size_t k = std::size_t(y) * std::size_t(w) + std::size_t(x);
            const std::uint8_t l = labels[k];
            if (l == 0 || !style->visible[l])
                continue;
            if (outline && !(x == 0 || y == 0 || x == w - 1 || y == h - 1 || labels[k - 1] != l ||
                             labels[k + 1] != l || labels[k - std::size_t(w)] != l ||
                             labels[k + std::size_t(w)] != l))
                continue;
            const auto& c = style->colours[l];
            const std::uint32_t p = out[k];
            const auto mix = [&](int shift, std::uint8_t col) {
                const double base = double((p >> shift) & 0xffu);
                return std::uint32_t(base + (double(col) - base) * a + 0.5) << shift;
            };
            out[k] = 0xff000000u | mix(16, c[0]) | mix(8, c[1]) | mix(0, c[2]);
        }
    }
}

namespace {
// Grey values of one frame row through a precomputed window (per pixel type).
template <typename T>
void windowRow(const T* src, int width, const WindowLevel& wl, std::uint8_t* dst) {
    const double lo = wl.level - 0.5 * wl.window;
    const double scale = 255.0 / wl.window;
    for (int x = 0; x < width; ++x, dst += 3) {
        const double t = (double(src[x]) - lo) * scale;
        const std::uint8_t g = std::uint8_t(t <= 0.0 ? 0 : t >= 255.0 ? 255 : int(t + 0.5));
        dst[0] = dst[1] = dst[2] = g;
    }
}
} // namespace

void renderFrameRgb(const CineVolume& volume, int slice, int phase, const WindowLevel& wl,
                    const std::uint8_t* labels, const LabelOverlayStyle* style,
                    std::span<std::uint8_t> rgb, bool flipY) {
    const int w = volume.width(), h = volume.height();
    if (!validFrame(volume, slice, phase) || rgb.size() < volume.extent().pixelsPerFrame() * 3)
        return;
    for (int y = 0; y < h; ++y) {
        std::uint8_t* dst = rgb.data() + std::size_t(flipY ? h - 1 - y : y) * std::size_t(w) * 3;
        switch (volume.pixelType()) {
        case PixelType::UInt8:
            windowRow(volume.frame<std::uint8_t>(slice, phase).row(y), w, wl, dst);
            break;
        case PixelType::Int16:
            windowRow(volume.frame<std::int16_t>(slice, phase).row(y), w, wl, dst);
            break;
        case PixelType::Float32:
            windowRow(volume.frame<float>(slice, phase).row(y), w, wl, dst);
            break;
        case PixelType::Rgb8:
            std::memcpy(dst, volume.frame<Rgb8>(slice, phase).row(y), std::size_t(w) * 3);
            break;
        }
    }
    if (!labels || !style)
        return;
    const bool outline = style->mode == LabelOverlayStyle::Mode::Outline;
    const double a = outline ? 1.0 : std::clamp(style->opacity, 0.0, 1.0);
    for (int y = 0; y < h; ++y) {
        const std::uint8_t* row = labels + std::size_t(y) * std::size_t(w);
        std::uint8_t* dst = rgb.data() + std::size_t(flipY ? h - 1 - y : y) * std::size_t(w) * 3;
        for (int x = 0; x < w; ++x) {
            const std::uint8_t l = row[x];
            if (l == 0 || !style->visible[l])
                continue;
            if (outline && !(x == 0 || y == 0 || x == w - 1 || y == h - 1 || row[x - 1] != l ||
                             row[x + 1] != l || row[x - w] != l || row[x + w] != l))
                continue;
            const auto& c = style->colours[l];
            std::uint8_t* px = dst + std::size_t(x) * 3;
            for (int k = 0; k < 3; ++k)
                px[k] = std::uint8_t(px[k] + (double(c[std::size_t(k)]) - px[k]) * a + 0.5);
        }
    }
}

void drawOutlineRgb(const Polygon& outline, int width, int height,
                    std::array<std::uint8_t, 3> colour, std::span<std::uint8_t> rgb, bool flipY) {
    if (outline.size() < 2 || rgb.size() < std::size_t(width) * std::size_t(height) * 3)
        return;
    const auto plot = [&](int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height)
            return;
        std::uint8_t* px =
            rgb.data() +
            (std::size_t(flipY ? height - 1 - y : y) * std::size_t(width) + std::size_t(x)) * 3;
        px[0] = colour[0];
        px[1] = colour[1];
        px[2] = colour[2];
    };
    for (std::size_t i = 0; i < outline.size(); ++i) {
        const Point2& a = outline[i];
        const Point2& b = outline[(i + 1) % outline.size()];
        // One step per pixel along the longer axis (a DDA): no gaps, no double corners.
        const double dx = b.x - a.x, dy = b.y - a.y;
        const int steps = std::max(1, int(std::ceil(std::max(std::abs(dx), std::abs(dy)))));
        for (int k = 0; k <= steps; ++k) {
            const double t = double(k) / steps;
            plot(int(std::lround(a.x + t * dx)), int(std::lround(a.y + t * dy)));
        }
    }
}

} // namespace cardiolens::imaging
