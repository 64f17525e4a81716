#include "inference/MaskPostprocess.h"

#include <array>
#include <map>
#include <vector>

namespace cardiolens::inference {

namespace {
// Labels 4-connected regions where pred(pixel) holds; returns component id per pixel
// (-1 outside) and each component's pixel list through \a sizes / callback.
template <typename Pred>
int components(int width, int height, Pred pred, std::vector<int>& id, std::vector<int>& sizes) {
    const std::size_t n = std::size_t(width) * std::size_t(height);
    id.assign(n, -1);
    sizes.clear();
    std::vector<int> stack;
    for (std::size_t start = 0; start < n; ++start) {
        if (id[start] >= 0 || !pred(start))
            continue;
        const int comp = int(sizes.size());
        sizes.push_back(0);
        id[start] = comp;
        stack.push_back(int(start));
        while (!stack.empty()) {
            const int p = stack.back();
            stack.pop_back();
            ++sizes.back();
            const int x = p % width, y = p / width;
            const std::array<std::array<int, 2>, 4> nb{
                {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}}};
            for (const auto& q : nb) {
                if (q[0] < 0 || q[1] < 0 || q[0] >= width || q[1] >= height)
                    continue;
                const std::size_t qi = std::size_t(q[1]) * std::size_t(width) + std::size_t(q[0]);
                if (id[qi] < 0 && pred(qi)) {
                    id[qi] = comp;
                    stack.push_back(int(qi));
                }
            }
        }
    }
    return int(sizes.size());
}
} // namespace

void keepLargestComponents(std::span<std::uint8_t> labels, int width, int height) {
    std::array<bool, 256> present{};
    for (auto v : labels)
        present[v] = true;
    std::vector<int> id, sizes;
    for (int label = 1; label < 256; ++label) {
        if (!present[std::size_t(label)])
            continue;
        const int count = components(
            width, height, [&](std::size_t i) { return labels[i] == label; }, id, sizes);
        if (count < 2)
            continue;
        int largest = 0;
        for (int c = 1; c < count; ++c)
            if (sizes[std::size_t(c)] > sizes[std::size_t(largest)])
                largest = c;
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (id[i] >= 0 && id[i] != largest)
                labels[i] = 0;
    }
}

void fillHoles(std::span<std::uint8_t> labels, int width, int height) {
    std::vector<int> id, sizes;
    const int count = components(
        width, height, [&](std::size_t i) { return labels[i] == 0; }, id, sizes);
    std::vector<bool> touchesBorder(std::size_t(count), false);
    for (int x = 0; x < width; ++x) {
        for (int y : {0, height - 1}) {
            const int c = id[std::size_t(y) * std::size_t(width) + std::size_t(x)];
            if (c >= 0)
                touchesBorder[std::size_t(c)] = true;
        }
    }
    for (int y = 0; y < height; ++y) {
        for (int x : {0, width - 1}) {
            const int c = id[std::size_t(y) * std::size_t(width) + std::size_t(x)];
            if (c >= 0)
                touchesBorder[std::size_t(c)] = true;
        }
    }
    // Votes of the neighbouring labels for each hole.
    std::vector<std::map<int, int>> votes(static_cast<std::size_t>(count));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::size_t i = std::size_t(y) * std::size_t(width) + std::size_t(x);
            const int c = id[i];
            if (c < 0 || touchesBorder[std::size_t(c)])
                continue;
            const std::array<std::array<int, 2>, 4> nb{
                {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}}};
            for (const auto& q : nb) {
                const std::size_t qi = std::size_t(q[1]) * std::size_t(width) + std::size_t(q[0]);
                if (labels[qi] != 0)
                    ++votes[std::size_t(c)][labels[qi]];
            }
        }
    std::vector<std::uint8_t> fill(std::size_t(count), 0);
    for (int c = 0; c < count; ++c) {
        int best = 0, bestVotes = 0;
        for (const auto& [label, n] : votes[std::size_t(c)])
            if (n > bestVotes) {
                best = label;
                bestVotes = n;
            }
        fill[std::size_t(c)] = std::uint8_t(best);
    }
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (id[i] >= 0 && !touchesBorder[std::size_t(id[i])])
            labels[i] = fill[std::size_t(id[i])];
}

} // namespace cardiolens::inference
