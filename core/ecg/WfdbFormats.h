#pragma once

#include <cstdint>

namespace cardiolens::ecg::wfdb {

/// Sample storage formats of WFDB signal files (PhysioNet signal(5)). A signal file is a
/// flat stream of samples, frame after frame; these kernels decode ranges of that stream.
/// Format 8 stores first differences: decodeFlat yields the differences and the caller
/// integrates them per signal. Format 0 (null signal) has no data.
bool isSupportedFormat(int format);

/// Whole samples held by \a bytes bytes of a flat stream.
std::int64_t samplesInBytes(int format, std::int64_t bytes);

/// Bytes a flat stream of \a samples samples occupies (the last group padded).
std::int64_t bytesForSamples(int format, std::int64_t samples);

/// True for formats where each sample has its own whole bytes (8, 16, 24, 32, 61, 80, 160).
bool isByteAligned(int format);
int bytesPerSample(int format); ///< For byte-aligned formats; 0 otherwise.

/// The decoded value WFDB reserves for "no sample" in this format (e.g. -32768, -2048).
std::int32_t invalidValue(int format);

/// Decodes flat samples [first, first + count) of \a data into \a out. The caller has
/// checked the range against samplesInBytes(). Tight, branch-free loops: the hot path of
/// every WFDB read.
void decodeFlat(int format, const unsigned char* data, std::int64_t first, std::int64_t count,
                std::int32_t* out);

/// Decodes every \a stride-th flat sample starting at \a first (count samples) of a
/// byte-aligned format or format 212: one lead of a multiplexed file without decoding the
/// others.
void decodeStrided(int format, const unsigned char* data, std::int64_t first, std::int64_t stride,
                   std::int64_t count, std::int32_t* out);

/// Decodes \a frames frames of \a frameSize values each (starting at frame \a firstFrame)
/// into rows of \a out that are \a outStride values apart: one signal file's part of a
/// record frame when a record has several files. Returns false for formats without a
/// direct kernel (callers then decode flat and copy).
bool decodeFrames(int format, const unsigned char* data, std::int64_t firstFrame,
                  std::int64_t frames, std::int64_t frameSize, std::int32_t* out,
                  std::int64_t outStride);

/// Encodes \a count samples (values clipped to the format's range) and returns the bytes;
/// used by the writer and by tests that build fixtures in every format.
void encodeFlat(int format, const std::int32_t* samples, std::int64_t count, unsigned char* out);

} // namespace cardiolens::ecg::wfdb
