#include "imaging/MaskContourTracer.h"

#include <array>
#include <cmath>

namespace cardiolens::imaging {

namespace {
// Edges of a cell whose corners are the pixel centres a=(x,y), b=(x+1,y), c=(x+1,y+1),
// d=(x,y+1): T between a and b, R between b and c, B between d and c, L between a and d.
enum Edge : int { T, R, B, L, None };

struct CellSegments {
    Edge from[2];
    Edge to[2];
};

// Directed segments per corner pattern (bit 0 = a, 1 = b, 2 = c, 3 = d), oriented so the
// inside lies to the left in (x, y) axes. Saddles (a+c, b+d) join the two inside corners.
constexpr CellSegments kCases[16] = {
    {{None, None}, {None, None}}, // none
    {{T, None}, {L, None}},       // a
    {{R, None}, {T, None}},       // b
    {{R, None}, {L, None}},       // a b
    {{B, None}, {R, None}},       // c
    {{T, B}, {R, L}},             // a c (saddle, joined: cut off b and d)
    {{B, None}, {T, None}},       // b c
    {{B, None}, {L, None}},       // a b c
    {{L, None}, {B, None}},       // d
    {{T, None}, {B, None}},       // a d
    {{L, R}, {T, B}},             // b d (saddle, joined: cut off a and c)
    {{R, None}, {B, None}},       // a b d
    {{L, None}, {R, None}},       // c d
    {{T, None}, {R, None}},       // a c d
    {{L, None}, {T, None}},       // b c d
    {{None, None}, {None, None}}, // all
};
} // namespace

std::vector<Polygon> MaskContourTracer::trace(const Mask2D& mask, std::uint8_t label) {
    return trace(mask, label, Options{});
}

std::vector<Polygon> MaskContourTracer::trace(const Mask2D& mask,
                                              std::span<const std::uint8_t> labels) {
    return trace(mask, labels, Options{});
}

std::vector<Polygon> MaskContourTracer::trace(const Mask2D& mask, std::uint8_t label,
                                              const Options& options) {
    return trace(mask, std::span<const std::uint8_t>(&label, 1), options);
}

std::vector<Polygon> MaskContourTracer::trace(const Mask2D& mask,
                                              std::span<const std::uint8_t> labels,
                                              const Options& options) {
    std::array<bool, 256> wanted{};
    for (std::uint8_t l : labels)
        wanted[l] = true;
    std::vector<Polygon> result;
    if (mask.width <= 0 || mask.height <= 0)
        return result;
    // Sample grid padded by one outside pixel on each side: sample (i, j) is pixel
    // (i - 1, j - 1). Cells are indexed by their top-left sample.
    const int gw = mask.width + 2;
    const int gh = mask.height + 2;
    auto inside = [&](int i, int j) {
        const int x = i - 1, y = j - 1;
        return mask.contains(x, y) && wanted[mask.at(x, y)];
    };
    // Each edge midpoint gets an id: 2 * sample index for the edge to the right of the
    // sample, + 1 for the edge below it.
    auto edgeId = [gw](int i, int j, Edge e) -> long {
        switch (e) {
        case T:
            return 2L * (long(j) * gw + i);
        case B:
            return 2L * (long(j + 1) * gw + i);
        case L:
            return 2L * (long(j) * gw + i) + 1;
        default: // R
            return 2L * (long(j) * gw + i + 1) + 1;
        }
    };
    const std::size_t edgeCount = 2 * std::size_t(gw) * std::size_t(gh);
    std::vector<long> next(edgeCount, -1);
    std::vector<long> starts;
    for (int j = 0; j + 1 < gh; ++j) {
        for (int i = 0; i + 1 < gw; ++i) {
            const int pattern = (inside(i, j) ? 1 : 0) | (inside(i + 1, j) ? 2 : 0) |
                                (inside(i + 1, j + 1) ? 4 : 0) | (inside(i, j + 1) ? 8 : 0);
            const CellSegments& cs = kCases[pattern];
            for (int s = 0; s < 2; ++s) {
                if (cs.from[s] == None)
                    continue;
                const long a = edgeId(i, j, cs.from[s]);
                next[std::size_t(a)] = edgeId(i, j, cs.to[s]);
                starts.push_back(a);
            }
        }
    }
    // Edge id -> midpoint in pixel coordinates (subtract the padding).
    auto point = [gw](long id) {
        const long sample = id / 2;
        const double x = double(sample % gw) - 1.0;
        const double y = double(sample / gw) - 1.0;
        return (id % 2 == 0) ? Point2{x + 0.5, y} : Point2{x, y + 0.5};
    };
    for (long start : starts) {
        if (next[std::size_t(start)] < 0)
            continue; // already part of a traced outline
        Polygon outline;
        long id = start;
        while (id >= 0) {
            outline.push_back(point(id));
            const long following = next[std::size_t(id)];
            next[std::size_t(id)] = -1;
            id = following == start ? -1 : following;
        }
        outline = removeCollinear(outline);
        if (options.simplifyTolerance > 0.0)
            outline = simplify(outline, options.simplifyTolerance);
        if (outline.size() >= 3 && std::abs(signedArea(outline)) >= options.minArea)
            result.push_back(std::move(outline));
    }
    return result;
}

} // namespace cardiolens::imaging
