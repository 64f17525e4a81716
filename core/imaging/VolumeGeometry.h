#pragma once

#include <QStringList>

#include <array>
#include <cstddef>
#include <vector>

namespace cardiolens::imaging {

/// Number of samples along each axis of a cine: x (columns) x y (rows) x slice x phase.
/// A 3-D volume has one phase; a 2-D+t echo clip has one slice.
struct VolumeExtent {
    int width = 0;
    int height = 0;
    int slices = 1;
    int phases = 1;

    std::size_t pixelsPerFrame() const { return std::size_t(width) * std::size_t(height); }
    std::size_t frameCount() const { return std::size_t(slices) * std::size_t(phases); }
    std::size_t pixelCount() const { return pixelsPerFrame() * frameCount(); }
    bool isValid() const { return width > 0 && height > 0 && slices > 0 && phases > 0; }
    friend bool operator==(const VolumeExtent&, const VolumeExtent&) = default;
};

/// Where the voxels sit in patient space (LPS, millimetres, the DICOM/ITK convention) and
/// when each phase was acquired.
struct VolumeGeometry {
    std::array<double, 2> pixelSpacing{1.0, 1.0}; ///< mm between columns (x) and rows (y).
    /// Whether pixelSpacing was read from the file. When it was not, pixelSpacing holds a
    /// 1 x 1 placeholder, so 1.0 mm alone cannot tell a real 1 mm image from an unknown one.
    bool pixelSpacingKnown = false;
    double sliceSpacing = 1.0;                   ///< mm between slice centres along the normal.
    double sliceThickness = 0.0;                 ///< Acquired thickness in mm; 0 when unknown.
    std::array<double, 3> origin{0.0, 0.0, 0.0}; ///< Centre of pixel (0,0) of slice 0.
    /// Row-major 3x3 matrix whose COLUMNS are the unit directions of the x, y and slice
    /// axes (ITK's convention): point = origin + D * (i*sx, j*sy, k*sz).
    std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};
    /// Per-phase trigger time in ms since the R wave (MR) or since the first frame (video);
    /// empty when unknown. When filled it has one entry per phase.
    std::vector<double> triggerTimesMs;
    double frameTimeMs = 0.0; ///< Nominal time between phases; 0 when unknown.

    /// Gap between slices (spacing minus thickness); negative for overlapping slices,
    /// 0 when the thickness is unknown.
    double sliceGap() const { return sliceThickness > 0.0 ? sliceSpacing - sliceThickness : 0.0; }
    /// Time of a phase in ms: its trigger time when known, else phase x frame time.
    double phaseTimeMs(int phase) const;
    /// Unit vector of the slice axis (third column of direction).
    std::array<double, 3> sliceNormal() const;
    /// Patient-space position (mm) of the centre of voxel (x, y, slice).
    std::array<double, 3> voxelToPatient(double x, double y, double slice) const;
    /// mm^3 of one voxel (pixel area x slice spacing), the unit of volume metrics.
    double voxelVolumeMm3() const { return pixelSpacing[0] * pixelSpacing[1] * sliceSpacing; }

    /// True when the direction columns are unit length and mutually perpendicular
    /// within \a tolerance.
    bool isOrthonormal(double tolerance = 1e-3) const;
    /// Problems a reader should report as warnings: non-positive spacing, non-orthonormal
    /// direction, trigger times that are not one per phase or not increasing.
    QStringList check(int phases) const;
};

} // namespace cardiolens::imaging
