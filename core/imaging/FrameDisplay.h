#pragma once

#include "imaging/CardiacLabel.h"
#include "imaging/CineVolume.h"
#include "imaging/Polygon.h"

#include <array>
#include <cstdint>
#include <span>

namespace cardiolens::imaging {

/// Display window: values level - window/2 .. level + window/2 map to black .. white.
struct WindowLevel {
    double window = 1.0;
    double level = 0.5;
    friend bool operator==(const WindowLevel&, const WindowLevel&) = default;
};

/// The window that maps the \a lowPercent .. \a highPercent percentiles of frame
/// (slice, phase) to black .. white (RGB: of the luma). Never narrower than 1.
WindowLevel percentileWindow(const CineVolume& volume, int slice, int phase,
                             double lowPercent = 1.0, double highPercent = 99.0);
/// The full range of the pixel type for 8-bit data, else the frame's min .. max.
WindowLevel fullRangeWindow(const CineVolume& volume, int slice, int phase);

/// Grey value 0..255 of \a value through \a wl.
inline std::uint8_t windowed(double value, const WindowLevel& wl) {
    const double t = (value - (wl.level - 0.5 * wl.window)) / wl.window;
    return std::uint8_t(t <= 0.0 ? 0 : t >= 1.0 ? 255 : int(t * 255.0 + 0.5));
}

/// How label maps are drawn over an image.
struct LabelOverlayStyle {
    enum class Mode { Fill, Outline };
    Mode mode = Mode::Fill;
    double opacity = 0.45; ///< Fill opacity; outlines are drawn opaque.
    std::array<std::array<std::uint8_t, 3>, 256> colours{};
    std::array<bool, 256> visible{};

    /// Colours from the internal label table, every label but background visible.
    static LabelOverlayStyle fromLabelTable();
};

/// Writes the RGBA overlay of one label frame (width x height labels, row-major from the
/// top) into \a rgba (4 bytes per pixel, same size): transparent where the label is 0 or
/// hidden; in Outline mode only label pixels with a 4-neighbour of another label (or the
/// border) are drawn. \a flipY writes row y to row height-1-y (VTK's bottom-up rows).
/// No allocation; \a rgba must hold width*height*4 bytes.
void composeLabelOverlay(const std::uint8_t* labels, int width, int height,
                         const LabelOverlayStyle& style, std::span<std::uint8_t> rgba,
                         bool flipY = false);

/// Frame (slice, phase) as 0xAARRGGBB pixels through \a wl (RGB frames shown as they are),
/// with an optional label overlay blended in. For thumbnails and the lightbox.
/// \a out must hold width*height values.
void renderFrameArgb(const CineVolume& volume, int slice, int phase, const WindowLevel& wl,
                     const std::uint8_t* labels, const LabelOverlayStyle* style,
                     std::span<std::uint32_t> out);

/// The same picture as 8-bit RGB (3 bytes per pixel) for the GPU: \a flipY writes image
/// row y to row height-1-y (VTK's bottom-up rows). \a rgb must hold width*height*3 bytes.
/// No allocation.
void renderFrameRgb(const CineVolume& volume, int slice, int phase, const WindowLevel& wl,
                    const std::uint8_t* labels, const LabelOverlayStyle* style,
                    std::span<std::uint8_t> rgb, bool flipY);

/// Draws a closed outline (pixel coordinates, pixel centres at integers) into a width x
/// height RGB frame in \a colour, one pixel wide, clipped to the frame. Composing contours
/// on the CPU like the labels keeps each cine frame a single texture upload.
void drawOutlineRgb(const Polygon& outline, int width, int height,
                    std::array<std::uint8_t, 3> colour, std::span<std::uint8_t> rgb, bool flipY);

} // namespace cardiolens::imaging
