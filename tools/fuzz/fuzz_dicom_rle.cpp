// libFuzzer harness: the bounds-checked RLE Lossless decoder. The first 4 bytes choose the
// frame (pixels, samples per pixel, bytes per sample); the rest is the fragment.
#include "imaging/DicomRle_p.h"

#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4)
        return 0;
    const std::size_t pixels = std::size_t(data[0] | data[1] << 8) + 1;
    const int samples = data[2] % 2 ? 3 : 1;
    const int bytes = 1 + data[3] % 2;
    std::vector<char> out(pixels * std::size_t(samples * bytes));
    QString why;
    (void)cardiolens::imaging::detail::decodeRleFrame(
        reinterpret_cast<const char*>(data + 4), size - 4, pixels, samples, bytes, out.data(), why);
    return 0;
}
