#include "imaging/DicomRle_p.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace cardiolens::imaging::detail {

namespace {
std::uint32_t le32(const char* p) {
    return std::uint32_t(std::uint8_t(p[0])) | (std::uint32_t(std::uint8_t(p[1])) << 8) |
           (std::uint32_t(std::uint8_t(p[2])) << 16) | (std::uint32_t(std::uint8_t(p[3])) << 24);
}
} // namespace

bool decodeRleFrame(const char* fragment, std::size_t length, std::size_t pixels, int samples,
                    int bytesPerSample, char* out, QString& why) {
    const int segments = samples * bytesPerSample;
    if (length < 64) {
        why = QStringLiteral("RLE fragment shorter than its 64-byte header");
        return false;
    }
    if (int(le32(fragment)) != segments) {
        why = QStringLiteral("RLE header lists %1 segments, %2 expected")
                  .arg(le32(fragment))
                  .arg(segments);
        return false;
    }
    std::uint32_t offsets[16] = {};
    for (int s = 0; s < segments; ++s) {
        offsets[s] = le32(fragment + 4 + 4 * s);
        if (offsets[s] < 64 || offsets[s] > length || (s > 0 && offsets[s] <= offsets[s - 1])) {
            why = QStringLiteral("RLE segment offset %1 is invalid").arg(offsets[s]);
            return false;
        }
    }
    const std::size_t stride = std::size_t(segments);
    for (int s = 0; s < segments; ++s) {
        const char* in = fragment + offsets[s];
        const char* inEnd = fragment + (s + 1 < segments ? offsets[s + 1] : length);
        // Segment s holds byte (bytesPerSample - 1 - s % bytesPerSample), most significant
        // first, of sample s / bytesPerSample; place it little endian, interleaved.
        const int sample = s / bytesPerSample;
        const int byte = bytesPerSample - 1 - s % bytesPerSample;
        char* dst = out + std::size_t(sample * bytesPerSample + byte);
        std::size_t written = 0;
        while (written < pixels && in < inEnd) {
            const int n = std::int8_t(*in++);
            if (n >= 0) { // Literal run of n + 1 bytes.
                const std::size_t count = std::min<std::size_t>(
                    {std::size_t(n) + 1, std::size_t(inEnd - in), pixels - written});
                for (std::size_t i = 0; i < count; ++i)
                    dst[(written + i) * stride] = in[i];
                in += std::ptrdiff_t(n) + 1 > inEnd - in ? inEnd - in : std::ptrdiff_t(n) + 1;
                written += count;
            } else if (n != -128) { // Replicate the next byte 1 - n times.
                if (in >= inEnd)
                    break;
                const char value = *in++;
                const std::size_t count =
                    std::min<std::size_t>(std::size_t(1 - n), pixels - written);
                for (std::size_t i = 0; i < count; ++i)
                    dst[(written + i) * stride] = value;
                written += count;
            }
        }
        if (written < pixels) {
            why = QStringLiteral("RLE segment %1 decodes to %2 of %3 bytes")
                      .arg(s)
                      .arg(written)
                      .arg(pixels);
            return false;
        }
    }
    return true;
}

} // namespace cardiolens::imaging::detail
