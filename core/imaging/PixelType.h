#pragma once

#include <cstddef>
#include <cstdint>

namespace cardiolens::imaging {

/// One 8-bit-per-channel colour pixel, as colour echo clips deliver them.
struct Rgb8 {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend bool operator==(const Rgb8&, const Rgb8&) = default;
};
static_assert(sizeof(Rgb8) == 3, "Rgb8 must be tightly packed");

/// The pixel types a cine volume stores. Readers convert anything else (uint16, int32,
/// double, scaled data) to Float32 so every consumer handles only these four.
enum class PixelType : std::uint8_t {
    UInt8,   ///< Greyscale echo video, label maps.
    Int16,   ///< MR magnitude images as scanners store them.
    Float32, ///< Scaled or converted data.
    Rgb8,    ///< Colour ultrasound (palette or RGB DICOM, colour video).
};

constexpr std::size_t bytesPerPixel(PixelType type) {
    switch (type) {
    case PixelType::UInt8:
        return 1;
    case PixelType::Int16:
        return 2;
    case PixelType::Float32:
        return 4;
    case PixelType::Rgb8:
        return 3;
    }
    return 0;
}

constexpr const char* pixelTypeName(PixelType type) {
    switch (type) {
    case PixelType::UInt8:
        return "uint8";
    case PixelType::Int16:
        return "int16";
    case PixelType::Float32:
        return "float32";
    case PixelType::Rgb8:
        return "rgb8";
    }
    return "unknown";
}

/// Maps a C++ pixel type to its PixelType, so typed accessors can check what they are given.
template <typename T> struct PixelTypeOf;
template <> struct PixelTypeOf<std::uint8_t> {
    static constexpr PixelType value = PixelType::UInt8;
};
template <> struct PixelTypeOf<std::int16_t> {
    static constexpr PixelType value = PixelType::Int16;
};
template <> struct PixelTypeOf<float> { static constexpr PixelType value = PixelType::Float32; };
template <> struct PixelTypeOf<Rgb8> { static constexpr PixelType value = PixelType::Rgb8; };

} // namespace cardiolens::imaging
