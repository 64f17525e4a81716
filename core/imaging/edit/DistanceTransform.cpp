#include "imaging/edit/DistanceTransform.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cardiolens::imaging {

namespace {

constexpr double kFar = 1e20;

// 1-D squared distance transform of f (n samples spaced \a step apart), written to d:
// the lower envelope of the parabolas step^2 (q - p)^2 + f[p].
void transform1d(const double* f, int n, double step, double* d, std::vector<int>& v,
                 std::vector<double>& z) {
    const double s2 = step * step;
    auto meet = [&](int q, int p) {
        return ((f[q] + s2 * q * q) - (f[p] + s2 * p * p)) / (2.0 * s2 * (q - p));
    };
    std::size_t k = 0;
    v[0] = 0;
    z[0] = -std::numeric_limits<double>::infinity();
    z[1] = std::numeric_limits<double>::infinity();
    for (int q = 1; q < n; ++q) {
        double s = meet(q, v[k]);
        while (s <= z[k]) { // z[0] is -inf, so k stays >= 0
            --k;
            s = meet(q, v[k]);
        }
        ++k;
        v[k] = q;
        z[k] = s;
        z[k + 1] = std::numeric_limits<double>::infinity();
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[k + 1] < q)
            ++k;
        const int p = v[k];
        d[q] = s2 * (q - p) * (q - p) + f[p];
    }
}

} // namespace

std::vector<float> DistanceTransform::toNearest(const std::vector<bool>& inside, int width,
                                                int height, std::array<double, 2> spacing) {
    const std::size_t n = std::size_t(width) * std::size_t(height);
    std::vector<double> grid(n);
    for (std::size_t i = 0; i < n; ++i)
        grid[i] = inside[i] ? 0.0 : kFar;
    const std::size_t longest = std::size_t(std::max(width, height));
    std::vector<double> f(longest), d(longest);
    std::vector<int> v(longest);
    std::vector<double> z(longest + 1);
    for (int x = 0; x < width; ++x) {
        for (int y = 0; y < height; ++y)
            f[std::size_t(y)] = grid[std::size_t(y) * std::size_t(width) + std::size_t(x)];
        transform1d(f.data(), height, spacing[1], d.data(), v, z);
        for (int y = 0; y < height; ++y)
            grid[std::size_t(y) * std::size_t(width) + std::size_t(x)] = d[std::size_t(y)];
    }
    for (int y = 0; y < height; ++y) {
        double* row = grid.data() + std::size_t(y) * std::size_t(width);
        std::copy(row, row + width, f.begin());
        transform1d(f.data(), width, spacing[0], row, v, z);
    }
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = grid[i] >= kFar * 0.5 ? float(1e10) : float(std::sqrt(grid[i]));
    return out;
}

std::vector<float> DistanceTransform::signedDistance(const std::vector<bool>& inside, int width,
                                                     int height, std::array<double, 2> spacing) {
    std::vector<bool> outside(inside.size());
    for (std::size_t i = 0; i < inside.size(); ++i)
        outside[i] = !inside[i];
    const auto toInside = toNearest(inside, width, height, spacing);
    const auto toOutside = toNearest(outside, width, height, spacing);
    const float half = float(0.25 * (spacing[0] + spacing[1]));
    std::vector<float> out(inside.size());
    for (std::size_t i = 0; i < inside.size(); ++i)
        out[i] = inside[i] ? half - toOutside[i] : toInside[i] - half;
    return out;
}

} // namespace cardiolens::imaging
