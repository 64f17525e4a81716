#include "imaging/NiftiWriter.h"

#include "imaging/ItkVolumeIo_p.h"
#include "imaging/NiftiHeader.h"

#include <itkNiftiImageIO.h>

namespace cardiolens::imaging {

Result<bool> NiftiWriter::write(const CineVolume& volume, const QString& path) {
    if (!NiftiHeader::hasNiftiExtension(path))
        return fileError(path, QStringLiteral("a NIfTI file name must end in .nii or .nii.gz"));
    auto io = itk::NiftiImageIO::New();
    // ITK labels the fourth axis in seconds (xyzt_units = mm, s).
    return detail::writeWithImageIo(io.GetPointer(), volume, path,
                                    volume.geometry().frameTimeMs / 1000.0);
}

} // namespace cardiolens::imaging
