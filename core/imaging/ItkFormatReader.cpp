#include "imaging/ItkFormatReader.h"

#include "imaging/ItkVolumeIo_p.h"
#include "imaging/MetaImageHeader.h"
#include "imaging/NrrdHeader.h"

#include <itkMetaImageIO.h>
#include <itkNrrdImageIO.h>

namespace cardiolens::imaging {

Result<CineVolume> ItkFormatReader::readMetaImage(const QString& path) {
    auto header = MetaImageHeader::inspect(path);
    if (!header)
        return header.error();
    auto io = itk::MetaImageIO::New();
    auto volume = detail::readWithImageIo(io.GetPointer(), path);
    if (volume) {
        volume->info().sourcePath = path;
        volume->info().format = QStringLiteral("MetaImage");
    }
    return volume;
}

Result<CineVolume> ItkFormatReader::readNrrd(const QString& path) {
    auto header = NrrdHeader::inspect(path);
    if (!header)
        return header.error();
    auto io = itk::NrrdImageIO::New();
    auto volume = detail::readWithImageIo(io.GetPointer(), path);
    if (volume) {
        volume->info().sourcePath = path;
        volume->info().format = QStringLiteral("NRRD");
    }
    return volume;
}

} // namespace cardiolens::imaging
