#include "imaging/edit/ConnectedRegions.h"

namespace cardiolens::imaging {

ConnectedRegions ConnectedRegions::find(const std::uint8_t* pixels, int width, int height,
                                        const std::function<bool(std::uint8_t)>& member,
                                        Connectivity connectivity) {
    ConnectedRegions r;
    const std::size_t n = std::size_t(width) * std::size_t(height);
    r.regionOf.assign(n, 0);
    std::vector<bool> isMember(n);
    for (std::size_t i = 0; i < n; ++i)
        isMember[i] = member(pixels[i]);
    const bool eight = connectivity == Connectivity::Eight;
    std::vector<int> stack;
    for (std::size_t start = 0; start < n; ++start) {
        if (!isMember[start] || r.regionOf[start] != 0)
            continue;
        const int id = int(r.sizes.size()) + 1;
        int size = 0;
        bool border = false;
        r.regionOf[start] = id;
        stack.push_back(int(start));
        // Iterative flood fill: frames are small, a stack of indices is enough.
        while (!stack.empty()) {
            const int i = stack.back();
            stack.pop_back();
            ++size;
            const int x = i % width, y = i / width;
            border = border || x == 0 || y == 0 || x == width - 1 || y == height - 1;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0))
                        continue;
                    const int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                        continue;
                    const std::size_t j = std::size_t(ny) * std::size_t(width) + std::size_t(nx);
                    if (isMember[j] && r.regionOf[j] == 0) {
                        r.regionOf[j] = id;
                        stack.push_back(int(j));
                    }
                }
        }
        r.sizes.push_back(size);
        r.touchesBorder.push_back(border);
    }
    return r;
}

} // namespace cardiolens::imaging
