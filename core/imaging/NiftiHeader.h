#pragma once

#include "common/Result.h"
#include "imaging/VolumeGeometry.h"

#include <array>
#include <cstdint>

namespace cardiolens::imaging {

/// The fields of a NIfTI-1 or NIfTI-2 header that decide how much data a file must hold,
/// parsed by Cardiolens itself so that a lying header is refused before ITK (which would
/// allocate what the header claims) ever opens the file.
struct NiftiHeader {
    int version = 1;               ///< 1 or 2.
    bool byteSwapped = false;      ///< Header (and data) in the other byte order.
    bool compressed = false;       ///< .nii.gz / .img.gz.
    bool separateDataFile = false; ///< .hdr + .img pair ("ni1"/"ni2" magic).
    QString dataFile;              ///< File holding the voxels (the .nii itself or the .img).
    int dimensions = 0;            ///< dim[0]: 1..7.
    std::array<std::int64_t, 8> dim{};
    std::array<double, 8> pixdim{};
    int datatype = 0;           ///< NIFTI_TYPE_* code.
    int bitsPerVoxel = 0;       ///< From the datatype (the header's bitpix is advisory).
    std::int64_t voxOffset = 0; ///< Byte offset of the voxels in dataFile (decompressed).
    int xyztUnits = 0;
    double sclSlope = 0.0;
    double sclInter = 0.0;
    int qformCode = 0;
    int sformCode = 0;
    std::array<double, 3> quatern{}; ///< b, c, d.
    std::array<double, 3> qoffset{};
    std::array<double, 12> srow{}; ///< srow_x, srow_y, srow_z (RAS).

    /// Bytes of voxel data the header declares: product of dim[1..dim[0]] x bits / 8.
    std::uint64_t dataBytes() const;
    /// Time between volumes in ms from pixdim[4] and the time unit (without a unit: values
    /// below 5 are taken as seconds, others as ms); 0 when there is no time axis.
    double frameTimeMs() const;

    /// Geometry computed from the header itself (sform, else qform, else pixdim), in LPS
    /// like ITK's. Used when ITK refuses the file's orientation, as it does for the
    /// sheared (non-orthonormal) sforms some M&Ms files carry: the axes are then
    /// re-orthonormalised and a warning is added to \a warnings.
    VolumeGeometry geometryFromHeader(QStringList& warnings) const;

    /// Reads and checks the header of \a path (.nii, .nii.gz, .hdr, .hdr.gz): magic, sizes,
    /// datatype, dimensions, and that the data file really holds vox_offset + dataBytes()
    /// (for gzip: bounded by the deflate ratio, then by the trailer or by inflating at
    /// most that many bytes). Reads no more than the header plus, at worst, a bounded
    /// inflate of a compressed file; allocates nothing in proportion to the header's claims.
    static Result<NiftiHeader> inspect(const QString& path);

    /// True for names NIfTI readers accept: .nii, .nii.gz, .hdr, .hdr.gz (any case).
    static bool hasNiftiExtension(const QString& path);
};

} // namespace cardiolens::imaging
