#pragma once

#include <cstddef>
#include <span>

namespace cardiolens::imaging {

/// A non-owning, typed view of one 2-D frame (width x height pixels, row-major from the
/// top-left, x fastest) inside a volume's buffer. Cheap to copy; valid while the volume lives.
template <typename T> class FrameView {
public:
    FrameView() = default;
    FrameView(T* data, int width, int height) : m_data(data), m_width(width), m_height(height) {}

    int width() const { return m_width; }
    int height() const { return m_height; }
    bool isEmpty() const { return m_data == nullptr; }

    T& at(int x, int y) const { return m_data[std::size_t(y) * std::size_t(m_width) + x]; }
    T* row(int y) const { return m_data + std::size_t(y) * std::size_t(m_width); }
    std::span<T> pixels() const { return {m_data, std::size_t(m_width) * std::size_t(m_height)}; }

private:
    T* m_data = nullptr;
    int m_width = 0;
    int m_height = 0;
};

} // namespace cardiolens::imaging
