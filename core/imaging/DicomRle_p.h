#pragma once
// Internal to core/imaging: a bounds-checked DICOM RLE Lossless (PS3.5 Annex G) decoder.
// GDCM's own RLE decoder reads and writes out of bounds on corrupt fragments (found by
// test_corrupt_input), so RLE pixel data never reaches it.

#include <QString>

#include <cstddef>

namespace cardiolens::imaging::detail {

/// Decodes one RLE fragment (one frame) into \a out: \a pixels pixels of \a samples
/// samples of \a bytesPerSample bytes, interleaved (planar configuration 0), multi-byte
/// samples little endian. Returns false with \a why when the fragment is malformed or
/// holds too little data; never touches memory outside the two buffers.
bool decodeRleFrame(const char* fragment, std::size_t length, std::size_t pixels, int samples,
                    int bytesPerSample, char* out, QString& why);

} // namespace cardiolens::imaging::detail
