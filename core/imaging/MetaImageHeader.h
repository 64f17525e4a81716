#pragma once

#include "common/Result.h"

#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

/// A MetaImage (.mhd + data file, or .mha) header parsed and checked by Cardiolens before
/// ITK's MetaIO, which has memory-safety defects on malformed headers (over-long fields,
/// more DimSize values than NDims, sizes the data file does not hold), ever reads it.
struct MetaImageHeader {
    int dimensions = 0;
    std::vector<std::int64_t> sizes;
    QString elementType; ///< MET_UCHAR, MET_SHORT, ...
    int bytesPerComponent = 0;
    int channels = 1;
    bool compressed = false;
    std::int64_t compressedSize = -1;
    QString dataFile; ///< Absolute path of the voxel data (the header file for LOCAL).
    std::int64_t dataOffset = 0;
    std::vector<double> spacing;

    std::uint64_t dataBytes() const;

    static Result<MetaImageHeader> inspect(const QString& path);
};

} // namespace cardiolens::imaging
