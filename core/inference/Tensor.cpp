#include "inference/Tensor.h"

#include <QStringList>

#include <cstring>
#include <numeric>
#include <stdexcept>

namespace cardiolens::inference {

QString dtypeName(DType t) {
    switch (t) {
    case DType::Float32:
        return QStringLiteral("float32");
    case DType::Float64:
        return QStringLiteral("float64");
    case DType::Int64:
        return QStringLiteral("int64");
    }
    return QStringLiteral("unknown");
}

std::size_t Tensor::elementSize(DType t) {
    switch (t) {
    case DType::Float32:
        return 4;
    case DType::Float64:
        return 8;
    case DType::Int64:
        return 8;
    }
    return 0;
}

Tensor::Tensor(DType dtype, std::vector<std::int64_t> shape)
    : m_dtype(dtype), m_shape(std::move(shape)) {
    for (auto d : m_shape)
        if (d < 0)
            throw std::invalid_argument("negative tensor dimension");
    m_bytes.resize(std::size_t(elementCount()) * elementSize(dtype));
}

std::int64_t Tensor::elementCount() const {
    return std::accumulate(m_shape.begin(), m_shape.end(), std::int64_t{1},
                           std::multiplies<std::int64_t>());
}

Tensor Tensor::fromFloats(std::vector<std::int64_t> shape, std::span<const float> values) {
    Tensor t(DType::Float32, std::move(shape));
    if (std::size_t(t.elementCount()) != values.size())
        throw std::invalid_argument("value count does not match tensor shape");
    std::memcpy(t.data(), values.data(), values.size_bytes());
    return t;
}

Tensor Tensor::fromDoubles(std::vector<std::int64_t> shape, std::span<const double> values) {
    Tensor t(DType::Float64, std::move(shape));
    if (std::size_t(t.elementCount()) != values.size())
        throw std::invalid_argument("value count does not match tensor shape");
    std::memcpy(t.data(), values.data(), values.size_bytes());
    return t;
}

double Tensor::valueAt(std::int64_t i) const {
    switch (m_dtype) {
    case DType::Float32:
        return static_cast<const float*>(data())[i];
    case DType::Float64:
        return static_cast<const double*>(data())[i];
    case DType::Int64:
        return double(static_cast<const std::int64_t*>(data())[i]);
    }
    return 0.0;
}

QString Tensor::shapeString() const {
    QStringList dims;
    for (auto d : m_shape)
        dims << QString::number(d);
    return QLatin1Char('(') + dims.join(QStringLiteral(", ")) + QLatin1Char(')');
}

} // namespace cardiolens::inference
