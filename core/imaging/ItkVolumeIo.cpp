#include "imaging/ItkVolumeIo_p.h"

#include <QFile>

#include <cmath>
#include <cstring>
#include <vector>

#include <itkImageIORegion.h>

namespace cardiolens::imaging::detail {

namespace {

using Component = itk::IOComponentEnum;

QString itkMessage(const itk::ExceptionObject& e) {
    return QString::fromStdString(e.GetDescription()).trimmed();
}

template <typename T> void toFloat(const char* in, std::size_t count, float* out) {
    for (std::size_t i = 0; i < count; ++i) {
        T v;
        std::memcpy(&v, in + i * sizeof(T), sizeof(T));
        out[i] = float(v);
    }
}

bool convertToFloat(Component type, const char* in, std::size_t count, float* out) {
    switch (type) {
    case Component::CHAR:
        toFloat<std::int8_t>(in, count, out);
        return true;
    case Component::UCHAR:
        toFloat<std::uint8_t>(in, count, out);
        return true;
    case Component::SHORT:
        toFloat<std::int16_t>(in, count, out);
        return true;
    case Component::USHORT:
        toFloat<std::uint16_t>(in, count, out);
        return true;
    case Component::INT:
        toFloat<std::int32_t>(in, count, out);
        return true;
    case Component::UINT:
        toFloat<std::uint32_t>(in, count, out);
        return true;
    case Component::LONG:
    case Component::LONGLONG:
        toFloat<std::int64_t>(in, count, out);
        return true;
    case Component::ULONG:
    case Component::ULONGLONG:
        toFloat<std::uint64_t>(in, count, out);
        return true;
    case Component::FLOAT:
        toFloat<float>(in, count, out);
        return true;
    case Component::DOUBLE:
        toFloat<double>(in, count, out);
        return true;
    default:
        return false;
    }
}

void setFullRegion(itk::ImageIOBase* io, unsigned dims) {
    itk::ImageIORegion region(dims);
    for (unsigned i = 0; i < dims; ++i) {
        region.SetIndex(i, 0);
        region.SetSize(i, io->GetDimensions(i));
    }
    io->SetIORegion(region);
}

std::array<double, 3> cross(const std::array<double, 3>& a, const std::array<double, 3>& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

} // namespace

Result<ImageLayout> readImageLayout(itk::ImageIOBase* io, const QString& path) {
    try {
        io->SetFileName(QFile::encodeName(path).toStdString());
        io->ReadImageInformation();
    } catch (const itk::ExceptionObject& e) {
        return fileError(path, QStringLiteral("cannot read image header: ") + itkMessage(e));
    }
    ImageLayout layout;
    const unsigned dims = io->GetNumberOfDimensions();
    if (dims < 2 || dims > 4)
        return fileError(
            path, QStringLiteral("%1-D images are not supported (2-D to 4-D only)").arg(dims));
    layout.dimensions = dims;
    for (unsigned i = 0; i < dims; ++i) {
        if (io->GetDimensions(i) < 1 || io->GetDimensions(i) > 1000000)
            return fileError(path, QStringLiteral("image extent %1 along axis %2 is not valid")
                                       .arg(io->GetDimensions(i))
                                       .arg(i));
    }
    layout.extent.width = int(io->GetDimensions(0));
    layout.extent.height = int(io->GetDimensions(1));
    layout.extent.slices = dims > 2 ? int(io->GetDimensions(2)) : 1;
    layout.extent.phases = dims > 3 ? int(io->GetDimensions(3)) : 1;
    layout.components = io->GetNumberOfComponents();
    layout.component = io->GetComponentType();

    VolumeGeometry& g = layout.geometry;
    g.pixelSpacing = {io->GetSpacing(0), io->GetSpacing(1)};
    g.pixelSpacingKnown = true; // These formats always store a spacing (1 mm is their default).
    g.sliceSpacing = dims > 2 ? io->GetSpacing(2) : 1.0;
    if (dims > 3) // MetaImage and NRRD keep the phase axis in ms (NIfTI overrides this).
        g.frameTimeMs = io->GetSpacing(3);
    for (unsigned i = 0; i < std::min(dims, 3u); ++i)
        g.origin[i] = io->GetOrigin(i);
    std::array<std::array<double, 3>, 3> axes{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
    for (unsigned axis = 0; axis < std::min(dims, 3u); ++axis) {
        const std::vector<double> d = io->GetDirection(axis);
        for (unsigned r = 0; r < 3; ++r)
            axes[axis][r] = r < d.size() ? d[r] : (r == axis ? 1.0 : 0.0);
    }
    if (dims == 2)
        axes[2] = cross(axes[0], axes[1]);
    for (int axis = 0; axis < 3; ++axis)
        for (int r = 0; r < 3; ++r)
            g.direction[std::size_t(r * 3 + axis)] = axes[std::size_t(axis)][std::size_t(r)];
    return layout;
}

Result<CineVolume> readWithImageIo(itk::ImageIOBase* io, const QString& path) {
    auto layoutResult = readImageLayout(io, path);
    if (!layoutResult)
        return layoutResult.error();
    const ImageLayout& layout = *layoutResult;
    const VolumeExtent extent = layout.extent;
    const unsigned components = layout.components;
    const Component component = layout.component;
    PixelType type = PixelType::Float32;
    bool direct = false;
    if (components == 1) {
        direct = true;
        if (component == Component::UCHAR)
            type = PixelType::UInt8;
        else if (component == Component::SHORT)
            type = PixelType::Int16;
        else if (component == Component::FLOAT)
            type = PixelType::Float32;
        else
            direct = false;
    } else if ((components == 3 || components == 4) && component == Component::UCHAR) {
        type = PixelType::Rgb8;
        direct = components == 3;
    } else {
        return fileError(path, QStringLiteral("unsupported pixel type: %1 components of %2")
                                   .arg(components)
                                   .arg(QString::fromStdString(
                                       itk::ImageIOBase::GetComponentTypeAsString(component))));
    }

    auto created = CineVolume::create(extent, type, path, /*zeroFill=*/false);
    if (!created)
        return created.error();
    CineVolume volume = std::move(created).value();

    try {
        setFullRegion(io, layout.dimensions);
        if (direct) {
            io->Read(volume.bytes().data());
        } else {
            // Only for uncommon stored types: the temporary holds the file's own data.
            std::vector<char> raw(io->GetImageSizeInBytes());
            io->Read(raw.data());
            if (type == PixelType::Rgb8) {
                auto out = volume.pixels<Rgb8>();
                for (std::size_t i = 0; i < out.size(); ++i)
                    out[i] = {std::uint8_t(raw[i * 4]), std::uint8_t(raw[i * 4 + 1]),
                              std::uint8_t(raw[i * 4 + 2])};
            } else if (!convertToFloat(component, raw.data(), extent.pixelCount(),
                                       volume.pixels<float>().data())) {
                return fileError(path,
                                 QStringLiteral("unsupported component type %1")
                                     .arg(QString::fromStdString(
                                         itk::ImageIOBase::GetComponentTypeAsString(component))));
            }
        }
    } catch (const itk::ExceptionObject& e) {
        return fileError(path, QStringLiteral("cannot read image data: ") + itkMessage(e));
    } catch (const std::bad_alloc&) {
        return fileError(path, QStringLiteral("out of memory reading image data"));
    }
    volume.geometry() = layout.geometry;
    volume.warnings() << layout.geometry.check(extent.phases);
    return volume;
}

Result<bool> writeWithImageIo(itk::ImageIOBase* io, const CineVolume& volume, const QString& path,
                              double timeSpacing) {
    if (volume.isEmpty())
        return fileError(path, QStringLiteral("nothing to write: the volume is empty"));
    const unsigned dims = volume.phases() > 1 ? 4 : 3;
    const VolumeGeometry& g = volume.geometry();
    try {
        io->SetNumberOfDimensions(dims);
        const int sizes[4] = {volume.width(), volume.height(), volume.slices(), volume.phases()};
        const double spacing[4] = {g.pixelSpacing[0], g.pixelSpacing[1], g.sliceSpacing,
                                   timeSpacing > 0.0 ? timeSpacing : 1.0};
        for (unsigned i = 0; i < dims; ++i) {
            io->SetDimensions(i, itk::SizeValueType(sizes[i]));
            io->SetSpacing(i, spacing[i]);
            io->SetOrigin(i, i < 3 ? g.origin[i] : 0.0);
            std::vector<double> axis(dims, 0.0);
            for (unsigned r = 0; r < dims; ++r)
                axis[r] = (i < 3 && r < 3) ? g.direction[r * 3 + i] : (r == i ? 1.0 : 0.0);
            io->SetDirection(i, axis);
        }
        switch (volume.pixelType()) {
        case PixelType::UInt8:
            io->SetPixelType(itk::IOPixelEnum::SCALAR);
            io->SetComponentType(Component::UCHAR);
            io->SetNumberOfComponents(1);
            break;
        case PixelType::Int16:
            io->SetPixelType(itk::IOPixelEnum::SCALAR);
            io->SetComponentType(Component::SHORT);
            io->SetNumberOfComponents(1);
            break;
        case PixelType::Float32:
            io->SetPixelType(itk::IOPixelEnum::SCALAR);
            io->SetComponentType(Component::FLOAT);
            io->SetNumberOfComponents(1);
            break;
        case PixelType::Rgb8:
            io->SetPixelType(itk::IOPixelEnum::RGB);
            io->SetComponentType(Component::UCHAR);
            io->SetNumberOfComponents(3);
            break;
        }
        if (path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive))
            io->SetUseCompression(true);
        io->SetFileName(QFile::encodeName(path).toStdString());
        setFullRegion(io, dims);
        io->WriteImageInformation();
        io->Write(volume.bytes().data());
    } catch (const itk::ExceptionObject& e) {
        return fileError(path, QStringLiteral("cannot write image: ") + itkMessage(e));
    }
    return true;
}

} // namespace cardiolens::imaging::detail
