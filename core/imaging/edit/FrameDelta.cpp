#include "imaging/edit/FrameDelta.h"

#include <algorithm>

namespace cardiolens::imaging {

FrameBox FrameBox::united(const FrameBox& o) const {
    if (o.isEmpty())
        return *this;
    if (isEmpty())
        return o;
    const int x0 = std::min(x, o.x), y0 = std::min(y, o.y);
    const int x1 = std::max(x + width, o.x + o.width), y1 = std::max(y + height, o.y + o.height);
    return {x0, y0, x1 - x0, y1 - y0};
}

FrameBox FrameBox::clipped(int frameWidth, int frameHeight) const {
    const int x0 = std::max(x, 0), y0 = std::max(y, 0);
    const int x1 = std::min(x + width, frameWidth), y1 = std::min(y + height, frameHeight);
    if (x1 <= x0 || y1 <= y0)
        return {};
    return {x0, y0, x1 - x0, y1 - y0};
}

namespace {

void putVarint(std::vector<std::uint8_t>& out, std::size_t v) {
    while (v >= 0x80) {
        out.push_back(std::uint8_t(v | 0x80));
        v >>= 7;
    }
    out.push_back(std::uint8_t(v));
}

bool getVarint(const std::uint8_t*& p, const std::uint8_t* end, std::size_t& v) {
    v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (p == end)
            return false;
        const std::uint8_t b = *p++;
        v |= std::size_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

} // namespace

std::optional<FrameDelta> FrameDelta::between(std::span<const std::uint8_t> before,
                                              FrameView<const std::uint8_t> after, int slice,
                                              int phase, FrameBox hint) {
    const int w = after.width(), h = after.height();
    if (before.size() != std::size_t(w) * std::size_t(h))
        return std::nullopt;
    const FrameBox area = hint.isEmpty() ? FrameBox{0, 0, w, h} : hint.clipped(w, h);
    // Tight bounding box of the changed pixels inside the hinted area.
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int y = area.y; y < area.y + area.height; ++y) {
        const std::uint8_t* a = before.data() + std::size_t(y) * std::size_t(w);
        const std::uint8_t* b = after.row(y);
        int first = -1, last = -1;
        for (int x = area.x; x < area.x + area.width; ++x)
            if (a[x] != b[x]) {
                if (first < 0)
                    first = x;
                last = x;
            }
        if (first < 0)
            continue;
        x0 = std::min(x0, first);
        x1 = std::max(x1, last);
        y0 = std::min(y0, y);
        y1 = y;
    }
    if (x1 < 0)
        return std::nullopt;
    FrameDelta d;
    d.slice = slice;
    d.phase = phase;
    d.box = {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    std::uint8_t runValue = 0;
    std::size_t run = 0;
    for (int y = y0; y <= y1; ++y) {
        const std::uint8_t* a = before.data() + std::size_t(y) * std::size_t(w);
        const std::uint8_t* b = after.row(y);
        for (int x = x0; x <= x1; ++x) {
            const std::uint8_t v = a[x] ^ b[x];
            if (run > 0 && v != runValue) {
                putVarint(d.rle, run);
                d.rle.push_back(runValue);
                run = 0;
            }
            runValue = v;
            ++run;
        }
    }
    putVarint(d.rle, run);
    d.rle.push_back(runValue);
    d.rle.shrink_to_fit();
    return d;
}

bool FrameDelta::applyTo(FrameView<std::uint8_t> frame) const {
    if (box.isEmpty() || box.clipped(frame.width(), frame.height()) != box)
        return false;
    // Decode fully first: a malformed stream must leave the frame untouched.
    const std::size_t total = box.area();
    std::vector<std::uint8_t> xorBytes;
    xorBytes.reserve(total);
    const std::uint8_t* p = rle.data();
    const std::uint8_t* end = p + rle.size();
    while (p != end) {
        std::size_t run = 0;
        if (!getVarint(p, end, run) || p == end || run == 0 || run > total - xorBytes.size())
            return false;
        xorBytes.insert(xorBytes.end(), run, *p++);
    }
    if (xorBytes.size() != total)
        return false;
    const std::uint8_t* src = xorBytes.data();
    for (int y = box.y; y < box.y + box.height; ++y) {
        std::uint8_t* row = frame.row(y) + box.x;
        for (int x = 0; x < box.width; ++x)
            row[x] ^= *src++;
    }
    return true;
}

bool FrameDelta::isWellFormed() const {
    const std::size_t total = box.area();
    std::size_t decoded = 0;
    const std::uint8_t* p = rle.data();
    const std::uint8_t* end = p + rle.size();
    while (p != end) {
        std::size_t run = 0;
        if (!getVarint(p, end, run) || p == end || run == 0 || run > total - decoded)
            return false;
        ++p;
        decoded += run;
    }
    return total > 0 && decoded == total;
}

std::size_t FrameDelta::changedPixels() const {
    std::size_t changed = 0;
    const std::uint8_t* p = rle.data();
    const std::uint8_t* end = p + rle.size();
    while (p != end) {
        std::size_t run = 0;
        if (!getVarint(p, end, run) || p == end)
            break;
        if (*p++ != 0)
            changed += run;
    }
    return changed;
}

} // namespace cardiolens::imaging
