// NiftiHeader::geometryFromHeader: the NIfTI orientation rules (sform, qform, pixdim) for
// files ITK will not open because their axes are not orthonormal.
#include "imaging/NiftiHeader.h"

#include <cmath>

namespace cardiolens::imaging {

namespace {
using Vec3 = std::array<double, 3>;
double norm(const Vec3& v) {
    return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}
double dot(const Vec3& a, const Vec3& b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
Vec3 unit(const Vec3& v) {
    const double n = norm(v);
    return n > 0 ? Vec3{v[0] / n, v[1] / n, v[2] / n} : v;
}
} // namespace

VolumeGeometry NiftiHeader::geometryFromHeader(QStringList& warnings) const {
    std::array<Vec3, 3> axes{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}; // RAS columns
    Vec3 spacing{std::abs(pixdim[1]), std::abs(pixdim[2]), std::abs(pixdim[3])};
    Vec3 origin{0, 0, 0};
    if (sformCode > 0) {
        for (std::size_t axis = 0; axis < 3; ++axis) {
            const Vec3 column{srow[axis], srow[4 + axis], srow[8 + axis]};
            spacing[axis] = norm(column);
            axes[axis] = unit(column);
        }
        origin = {srow[3], srow[7], srow[11]};
    } else if (qformCode > 0) {
        const double b = quatern[0], c = quatern[1], d = quatern[2];
        const double a = std::sqrt(std::max(0.0, 1.0 - (b * b + c * c + d * d)));
        const double qfac = pixdim[0] < 0 ? -1.0 : 1.0;
        axes[0] = {a * a + b * b - c * c - d * d, 2 * (b * c + a * d), 2 * (b * d - a * c)};
        axes[1] = {2 * (b * c - a * d), a * a + c * c - b * b - d * d, 2 * (c * d + a * b)};
        axes[2] = {qfac * 2 * (b * d + a * c), qfac * 2 * (c * d - a * b),
                   qfac * (a * a + d * d - c * c - b * b)};
        origin = qoffset;
    }
    const double skew = std::max({std::abs(dot(axes[0], axes[1])), std::abs(dot(axes[0], axes[2])),
                                  std::abs(dot(axes[1], axes[2]))});
    if (skew > 1e-4) {
        warnings << QStringLiteral("NIfTI axes are not orthonormal (largest cosine %1): "
                                   "re-orthonormalised, x axis kept")
                        .arg(skew, 0, 'g', 3);
        // Gram-Schmidt keeping x, then the in-plane y, then z on the same side.
        const Vec3 x = axes[0];
        Vec3 y = axes[1];
        const double xy = dot(x, y);
        y = unit({y[0] - xy * x[0], y[1] - xy * x[1], y[2] - xy * x[2]});
        Vec3 z{x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        if (dot(z, axes[2]) < 0)
            z = {-z[0], -z[1], -z[2]};
        axes = {x, y, z};
    }
    VolumeGeometry g;
    g.pixelSpacing = {spacing[0] > 0 ? spacing[0] : 1.0, spacing[1] > 0 ? spacing[1] : 1.0};
    g.pixelSpacingKnown = spacing[0] > 0 && spacing[1] > 0;
    g.sliceSpacing = spacing[2] > 0 ? spacing[2] : 1.0;
    // RAS (NIfTI) -> LPS (ITK/DICOM): negate x and y rows.
    g.origin = {-origin[0], -origin[1], origin[2]};
    for (std::size_t axis = 0; axis < 3; ++axis) {
        g.direction[0 * 3 + axis] = -axes[axis][0];
        g.direction[1 * 3 + axis] = -axes[axis][1];
        g.direction[2 * 3 + axis] = axes[axis][2];
    }
    g.frameTimeMs = frameTimeMs();
    return g;
}

} // namespace cardiolens::imaging
