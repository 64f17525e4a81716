#pragma once
// Internal to core/imaging: shared checks for the text-header formats (MetaImage, NRRD)
// that must be validated before ITK's readers see them.

#include "common/Result.h"

#include <cstdint>
#include <vector>

namespace cardiolens::imaging::detail {

/// Key/value fields of a text header.
struct TextHeader {
    std::vector<std::pair<QString, QString>> fields; ///< In order, keys as written.
    std::int64_t headerBytes = 0;                    ///< Offset just past the header.

    QString value(const QString& key, Qt::CaseSensitivity cs = Qt::CaseInsensitive) const;
    bool has(const QString& key) const { return !value(key).isNull(); }
};

/// One line of a text header and the byte offset just past it.
struct HeaderLine {
    QString text;
    std::int64_t end = 0;
};

/// The first lines of \a path (at most 64 KiB, each at most 4 KiB; '\r' stripped). Stops
/// at a NUL byte (binary data) or the end of the window; fails on an over-long line, the
/// shape of header that overflows MetaIO's fixed buffers.
Result<std::vector<HeaderLine>> readHeaderLines(const QString& path);

/// Parses whitespace-separated numbers; empty result when any token is not a number.
std::vector<double> parseNumbers(const QString& text);

/// Bytes a pixel of \a voxels x \a bytesPerVoxel needs, with overflow reported as UINT64_MAX.
std::uint64_t checkedBytes(const std::vector<std::int64_t>& sizes, std::uint64_t bytesPerVoxel);

/// The common size check: raw data must fit in what the file holds after \a offset;
/// compressed data may not claim more than deflate can expand \a compressedBytes to. A missing
/// data file is reported against \a headerPath (the file the user opened), naming both.
Result<bool> checkDataSize(const QString& headerPath, const QString& dataFile,
                           std::uint64_t declaredBytes, std::int64_t offset, bool compressed,
                           const QString& what);

/// Inflates (zlib or gzip, discarding the output) the stream starting at \a offset in
/// \a dataFile and fails unless it yields at least \a declaredBytes: MetaIO silently leaves
/// a blank image when the stream is not zlib or is cut short. Bounded by \a declaredBytes.
Result<bool> checkInflates(const QString& dataFile, std::int64_t offset,
                           std::uint64_t declaredBytes);

} // namespace cardiolens::imaging::detail
