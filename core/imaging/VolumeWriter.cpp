#include "imaging/VolumeWriter.h"

#include "imaging/ItkVolumeIo_p.h"
#include "imaging/NiftiHeader.h"
#include "imaging/NiftiWriter.h"

#include <itkMetaImageIO.h>
#include <itkNrrdImageIO.h>

namespace cardiolens::imaging {

Result<bool> VolumeWriter::write(const CineVolume& volume, const QString& path, bool compress) {
    const QString lower = path.toLower();
    if (NiftiHeader::hasNiftiExtension(path))
        return NiftiWriter::write(volume, path);
    if (lower.endsWith(QLatin1String(".mhd")) || lower.endsWith(QLatin1String(".mha"))) {
        auto io = itk::MetaImageIO::New();
        io->SetUseCompression(compress);
        return detail::writeWithImageIo(io.GetPointer(), volume, path,
                                        volume.geometry().frameTimeMs);
    }
    if (lower.endsWith(QLatin1String(".nrrd")) || lower.endsWith(QLatin1String(".nhdr"))) {
        auto io = itk::NrrdImageIO::New();
        io->SetUseCompression(compress);
        return detail::writeWithImageIo(io.GetPointer(), volume, path,
                                        volume.geometry().frameTimeMs);
    }
    return fileError(path, QStringLiteral("unknown image file extension (use .nii, .nii.gz, "
                                          ".mhd, .mha, .nrrd or .nhdr)"));
}

} // namespace cardiolens::imaging
