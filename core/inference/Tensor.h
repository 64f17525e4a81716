#pragma once

#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace cardiolens::inference {

enum class DType { Float32, Float64, Int64 };

QString dtypeName(DType t);

/// A dense, contiguous, row-major tensor that crosses the boundary to the torch plugin.
/// Owning and plain so that nothing outside the plugin needs torch types.
class Tensor {
public:
    Tensor() = default;
    Tensor(DType dtype, std::vector<std::int64_t> shape);

    static Tensor fromFloats(std::vector<std::int64_t> shape, std::span<const float> values);
    static Tensor fromDoubles(std::vector<std::int64_t> shape, std::span<const double> values);

    DType dtype() const { return m_dtype; }
    const std::vector<std::int64_t>& shape() const { return m_shape; }
    std::int64_t elementCount() const;
    std::size_t byteCount() const { return m_bytes.size(); }
    static std::size_t elementSize(DType t);

    void* data() { return m_bytes.data(); }
    const void* data() const { return m_bytes.data(); }

    /// Element \a i converted to double, whatever the stored type.
    double valueAt(std::int64_t i) const;
    QString shapeString() const;

private:
    DType m_dtype = DType::Float32;
    std::vector<std::int64_t> m_shape;
    std::vector<std::byte> m_bytes;
};

} // namespace cardiolens::inference
