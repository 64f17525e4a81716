#pragma once

#include "common/Result.h"

#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

/// A NRRD (.nrrd, or .nhdr + detached data) header parsed and size-checked before ITK's
/// reader allocates what it declares.
struct NrrdHeader {
    int dimension = 0;
    std::vector<std::int64_t> sizes;
    QString type; ///< Normalised: int8 uint8 int16 uint16 int32 uint32 int64 uint64 float double.
    int bytesPerValue = 0;
    QString encoding; ///< raw, gzip, ascii, hex.
    QString dataFile; ///< Absolute path of the voxel data.
    std::int64_t dataOffset = 0;

    std::uint64_t dataBytes() const;

    static Result<NrrdHeader> inspect(const QString& path);
};

} // namespace cardiolens::imaging
