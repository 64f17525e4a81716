#include "ecg/WfdbFormats.h"

#include <algorithm>
#include <cstring>

// This file is compiled with -O3 (see CMakeLists.txt): the loops below rely on the
// vectoriser, which -O2 in GCC 12 applies only to trivially sized loops.

namespace cardiolens::ecg::wfdb {

namespace {

inline std::uint32_t load16(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8;
}
inline std::uint32_t load32(const unsigned char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v; // Little-endian hosts only (x86-64, aarch64).
}
inline std::int32_t signExtend(std::uint32_t v, int bits) {
    return std::int32_t(v << (32 - bits)) >> (32 - bits);
}

// Format 212: two 12-bit samples in three bytes; sample 0 = byte0 + low nibble of byte1,
// sample 1 = byte2 + high nibble of byte1.
inline std::int32_t pair212First(std::uint32_t v) {
    return signExtend(v & 0xFFF, 12);
}
inline std::int32_t pair212Second(std::uint32_t v) {
    return signExtend(((v >> 16) & 0xFF) | ((v >> 4) & 0xF00), 12);
}

void decode212(const unsigned char* data, std::int64_t first, std::int64_t count,
               std::int32_t* out) {
    std::int64_t pair = first >> 1;
    const unsigned char* p = data + pair * 3;
    auto bytes3 = [](const unsigned char* q) {
        return std::uint32_t(q[0]) | std::uint32_t(q[1]) << 8 | std::uint32_t(q[2]) << 16;
    };
    if (count <= 0)
        return;
    if (first & 1) { // Start in the middle of a pair.
        *out++ = pair212Second(bytes3(p));
        p += 3;
        --count;
    }
    // Main loop: 4-byte loads stay inside the mapping while another pair follows.
    std::int64_t pairs = count >> 1;
    std::int64_t fast = pairs > 0 ? pairs - 1 : 0;
    for (std::int64_t i = 0; i < fast; ++i) {
        const std::uint32_t v = load32(p + 3 * i);
        out[2 * i] = pair212First(v);
        out[2 * i + 1] = pair212Second(v);
    }
    p += 3 * fast;
    out += 2 * fast;
    for (std::int64_t i = fast; i < pairs; ++i) {
        const std::uint32_t v = bytes3(p);
        *out++ = pair212First(v);
        *out++ = pair212Second(v);
        p += 3;
    }
    if (count & 1) // Final lone sample: only its two bytes are required to exist.
        *out = signExtend(load16(p) & 0xFFF, 12);
}

// Format 310: three 10-bit samples in two little-endian 16-bit words; samples 0 and 1 in
// bits 1-10 of each word, sample 2 from the top five bits of both (first word low).
inline void triple310(const unsigned char* p, std::int32_t* s) {
    const std::uint32_t w0 = load16(p), w1 = load16(p + 2);
    s[0] = signExtend((w0 >> 1) & 0x3FF, 10);
    s[1] = signExtend((w1 >> 1) & 0x3FF, 10);
    s[2] = signExtend(((w0 >> 11) & 0x1F) | ((w1 >> 11) & 0x1F) << 5, 10);
}
// Format 311: three 10-bit samples in one little-endian 32-bit word, bits 0-9, 10-19, 20-29.
inline void triple311(const unsigned char* p, std::int32_t* s) {
    const std::uint32_t w = std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 |
                            std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
    s[0] = signExtend(w & 0x3FF, 10);
    s[1] = signExtend((w >> 10) & 0x3FF, 10);
    s[2] = signExtend((w >> 20) & 0x3FF, 10);
}

// TwoSampleBytes: bytes a partial group needs for two samples (310: 4, 311: 3).
template <void (*Triple)(const unsigned char*, std::int32_t*), int TwoSampleBytes>
void decodeTriples(const unsigned char* data, std::int64_t first, std::int64_t count,
                   std::int32_t* out) {
    std::int32_t s[3];
    std::int64_t i = first;
    const std::int64_t end = first + count;
    // Partial leading group, whole groups, partial trailing group. A partial trailing
    // group may lack its last bytes: read them as zero.
    while (i < end && i % 3 != 0) {
        unsigned char tmp[4] = {0, 0, 0, 0};
        const std::int64_t need = i % 3 == 1 ? TwoSampleBytes : i % 3 + 2;
        std::memcpy(tmp, data + (i / 3) * 4, std::size_t(std::min<std::int64_t>(4, need)));
        Triple(tmp, s);
        *out++ = s[i % 3];
        ++i;
    }
    for (; i + 3 <= end; i += 3) {
        Triple(data + (i / 3) * 4, out);
        out += 3;
    }
    if (i < end) {
        unsigned char tmp[4] = {0, 0, 0, 0};
        const std::int64_t need = (end - i) == 1 ? 2 : TwoSampleBytes;
        std::memcpy(tmp, data + (i / 3) * 4, std::size_t(need));
        Triple(tmp, s);
        for (int k = 0; i < end; ++i, ++k)
            *out++ = s[k];
    }
}

template <typename Fn>
void decodeFixed(const unsigned char* p, std::int64_t count, int width, Fn fn, std::int32_t* out) {
    for (std::int64_t i = 0; i < count; ++i)
        out[i] = fn(p + i * width);
}

inline std::int32_t read8(const unsigned char* p) {
    return std::int32_t(std::int8_t(p[0]));
}
inline std::int32_t read80(const unsigned char* p) {
    return std::int32_t(p[0]) - 128;
}
inline std::int32_t read16(const unsigned char* p) {
    std::int16_t v;
    std::memcpy(&v, p, 2);
    return v;
}
inline std::int32_t read61(const unsigned char* p) {
    return std::int32_t(std::int16_t(std::uint16_t(p[0]) << 8 | p[1]));
}
inline std::int32_t read160(const unsigned char* p) {
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return std::int32_t(v) - 32768;
}
inline std::int32_t read24(const unsigned char* p) {
    return signExtend(std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16,
                      24);
}
inline std::int32_t read32(const unsigned char* p) {
    std::int32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

// Contiguous format 16 is a widening copy; keep it trivially vectorisable.
void decode16(const unsigned char* data, std::int64_t count, std::int32_t* out) {
    for (std::int64_t i = 0; i < count; ++i) {
        std::int16_t v;
        std::memcpy(&v, data + 2 * i, 2);
        out[i] = v;
    }
}

template <std::int32_t (*Read)(const unsigned char*)>
void strided(const unsigned char* p, std::int64_t strideBytes, std::int64_t count,
             std::int32_t* out) {
    for (std::int64_t i = 0; i < count; ++i)
        out[i] = Read(p + i * strideBytes);
}

} // namespace

bool isSupportedFormat(int format) {
    switch (format) {
    case 0:
    case 8:
    case 16:
    case 24:
    case 32:
    case 61:
    case 80:
    case 160:
    case 212:
    case 310:
    case 311:
        return true;
    default:
        return false;
    }
}

bool isByteAligned(int format) {
    return bytesPerSample(format) > 0;
}

int bytesPerSample(int format) {
    switch (format) {
    case 8:
    case 80:
        return 1;
    case 16:
    case 61:
    case 160:
        return 2;
    case 24:
        return 3;
    case 32:
        return 4;
    default:
        return 0;
    }
}

std::int64_t samplesInBytes(int format, std::int64_t bytes) {
    if (bytes <= 0)
        return 0;
    if (const int w = bytesPerSample(format))
        return bytes / w;
    switch (format) {
    case 212: // 3 bytes per pair; a lone last sample needs 2 bytes.
        return (bytes / 3) * 2 + (bytes % 3 == 2 ? 1 : 0);
    case 310: // 4 bytes per triple; a partial triple's first sample needs 2 bytes, its
              // second all 4 (its word is the second one).
        return (bytes / 4) * 3 + (bytes % 4 >= 2 ? 1 : 0);
    case 311: // Partial triples: one sample in 2 bytes, two in 3.
        return (bytes / 4) * 3 + (bytes % 4 >= 2 ? bytes % 4 - 1 : 0);
    default:
        return 0;
    }
}

std::int64_t bytesForSamples(int format, std::int64_t samples) {
    if (const int w = bytesPerSample(format))
        return samples * w;
    switch (format) {
    case 212:
        return (samples / 2) * 3 + (samples % 2 ? 2 : 0);
    case 310:
        return (samples / 3) * 4 + (samples % 3 == 1 ? 2 : samples % 3 == 2 ? 4 : 0);
    case 311:
        return (samples / 3) * 4 + (samples % 3 ? samples % 3 + 1 : 0);
    default:
        return 0;
    }
}

std::int32_t invalidValue(int format) {
    switch (format) {
    case 8:
    case 80:
        return -128;
    case 212:
        return -2048;
    case 310:
    case 311:
        return -512;
    case 24:
        return -(1 << 23);
    case 32:
        return std::int32_t(0x80000000u);
    default:
        return -32768;
    }
}

void decodeFlat(int format, const unsigned char* data, std::int64_t first, std::int64_t count,
                std::int32_t* out) {
    if (count <= 0)
        return;
    switch (format) {
    case 16:
        decode16(data + 2 * first, count, out);
        return;
    case 212:
        decode212(data, first, count, out);
        return;
    case 8:
        decodeFixed(data + first, count, 1, read8, out);
        return;
    case 80:
        decodeFixed(data + first, count, 1, read80, out);
        return;
    case 61:
        decodeFixed(data + 2 * first, count, 2, read61, out);
        return;
    case 160:
        decodeFixed(data + 2 * first, count, 2, read160, out);
        return;
    case 24:
        decodeFixed(data + 3 * first, count, 3, read24, out);
        return;
    case 32:
        decodeFixed(data + 4 * first, count, 4, read32, out);
        return;
    case 310:
        decodeTriples<triple310, 4>(data, first, count, out);
        return;
    case 311:
        decodeTriples<triple311, 3>(data, first, count, out);
        return;
    default:
        std::fill(out, out + count, std::int32_t(-32768));
        return;
    }
}

void decodeStrided(int format, const unsigned char* data, std::int64_t first, std::int64_t stride,
                   std::int64_t count, std::int32_t* out) {
    if (format == 212) {
        // Each sample reads only its own two bytes, so the last one never overruns the file.
        auto firstOfPair = [](const unsigned char* q) {
            return signExtend(load16(q) & 0xFFF, 12);
        };
        auto secondOfPair = [](const unsigned char* q) {
            return signExtend(std::uint32_t(q[2]) | (std::uint32_t(q[1]) & 0xF0) << 4, 12);
        };
        if (stride % 2 == 0) { // Same half of a pair every time: no per-sample branch.
            const unsigned char* p = data + (first >> 1) * 3;
            const std::int64_t step = (stride >> 1) * 3;
            if (first & 1)
                for (std::int64_t i = 0; i < count; ++i)
                    out[i] = secondOfPair(p + i * step);
            else
                for (std::int64_t i = 0; i < count; ++i)
                    out[i] = firstOfPair(p + i * step);
            return;
        }
        for (std::int64_t i = 0, j = first; i < count; ++i, j += stride) {
            const unsigned char* q = data + (j >> 1) * 3;
            out[i] = (j & 1) ? secondOfPair(q) : firstOfPair(q);
        }
        return;
    }
    const int w = bytesPerSample(format);
    const unsigned char* p = data + first * w;
    const std::int64_t s = stride * w;
    switch (format) {
    case 16:
        strided<read16>(p, s, count, out);
        return;
    case 8:
        strided<read8>(p, s, count, out);
        return;
    case 80:
        strided<read80>(p, s, count, out);
        return;
    case 61:
        strided<read61>(p, s, count, out);
        return;
    case 160:
        strided<read160>(p, s, count, out);
        return;
    case 24:
        strided<read24>(p, s, count, out);
        return;
    case 32:
        strided<read32>(p, s, count, out);
        return;
    default:
        std::fill(out, out + count, std::int32_t(-32768));
        return;
    }
}

bool decodeFrames(int format, const unsigned char* data, std::int64_t firstFrame,
                  std::int64_t frames, std::int64_t frameSize, std::int32_t* out,
                  std::int64_t outStride) {
    if (format != 16)
        return false;
    const unsigned char* p = data + firstFrame * frameSize * 2;
    for (std::int64_t f = 0; f < frames; ++f)
        decode16(p + f * frameSize * 2, frameSize, out + f * outStride);
    return true;
}

void encodeFlat(int format, const std::int32_t* samples, std::int64_t count, unsigned char* out) {
    auto clip = [](std::int32_t v, int bits) {
        const std::int32_t hi = (1 << (bits - 1)) - 1, lo = -(1 << (bits - 1));
        return std::clamp(v, lo, hi);
    };
    switch (format) {
    case 8:
    case 80:
        for (std::int64_t i = 0; i < count; ++i)
            out[i] = static_cast<unsigned char>(clip(samples[i], 8) + (format == 80 ? 128 : 0));
        return;
    case 16:
    case 160:
        for (std::int64_t i = 0; i < count; ++i) {
            const std::uint32_t v =
                std::uint32_t(clip(samples[i], 16) + (format == 160 ? 32768 : 0));
            out[2 * i] = static_cast<unsigned char>(v);
            out[2 * i + 1] = static_cast<unsigned char>(v >> 8);
        }
        return;
    case 61:
        for (std::int64_t i = 0; i < count; ++i) {
            const std::uint32_t v = std::uint32_t(clip(samples[i], 16));
            out[2 * i] = static_cast<unsigned char>(v >> 8);
            out[2 * i + 1] = static_cast<unsigned char>(v);
        }
        return;
    case 24:
    case 32: {
        const int w = format / 8;
        for (std::int64_t i = 0; i < count; ++i) {
            const std::uint32_t v = std::uint32_t(format == 24 ? clip(samples[i], 24) : samples[i]);
            for (int b = 0; b < w; ++b)
                out[w * i + b] = static_cast<unsigned char>(v >> (8 * b));
        }
        return;
    }
    case 212:
        for (std::int64_t i = 0; i < count; i += 2) {
            const std::uint32_t a = std::uint32_t(clip(samples[i], 12)) & 0xFFF;
            const std::uint32_t b =
                i + 1 < count ? std::uint32_t(clip(samples[i + 1], 12)) & 0xFFF : 0;
            unsigned char* p = out + (i / 2) * 3;
            p[0] = static_cast<unsigned char>(a);
            p[1] = static_cast<unsigned char>((a >> 8) | ((b >> 8) << 4));
            if (i + 1 < count)
                p[2] = static_cast<unsigned char>(b);
        }
        return;
    case 310:
    case 311:
        for (std::int64_t i = 0; i < count; i += 3) {
            std::uint32_t v[3] = {0, 0, 0};
            for (int k = 0; k < 3 && i + k < count; ++k)
                v[k] = std::uint32_t(clip(samples[i + k], 10)) & 0x3FF;
            unsigned char g[4];
            if (format == 311) {
                const std::uint32_t w = v[0] | v[1] << 10 | v[2] << 20;
                for (int b = 0; b < 4; ++b)
                    g[b] = static_cast<unsigned char>(w >> (8 * b));
            } else {
                const std::uint32_t w0 = (v[0] << 1) | (v[2] & 0x1F) << 11;
                const std::uint32_t w1 = (v[1] << 1) | (v[2] >> 5) << 11;
                g[0] = static_cast<unsigned char>(w0);
                g[1] = static_cast<unsigned char>(w0 >> 8);
                g[2] = static_cast<unsigned char>(w1);
                g[3] = static_cast<unsigned char>(w1 >> 8);
            }
            const std::int64_t left = count - i;
            const int n = left >= 3 ? 4 : left == 1 ? 2 : format == 310 ? 4 : 3;
            std::memcpy(out + (i / 3) * 4, g, std::size_t(n));
        }
        return;
    default:
        return;
    }
}

} // namespace cardiolens::ecg::wfdb
