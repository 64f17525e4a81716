#include "labels/LabelExport.h"

#include "imaging/NiftiHeader.h"
#include "imaging/NiftiWriter.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>

namespace cardiolens::labels {

using namespace imaging;

Result<LabelExportResult> LabelExport::writeNifti(const LabelVolume& labels, const QString& path,
                                                  LabelConvention convention) {
    if (!NiftiHeader::hasNiftiExtension(path))
        return fileError(path, QStringLiteral("a NIfTI file name must end in .nii or .nii.gz"));
    auto mapped = LabelVolume::fromVolume(labels.volume().clone());
    if (!mapped)
        return fileError(path, mapped.error().message);
    LabelExportResult out;
    out.droppedVoxels = LabelMapping::forConvention(convention).exportInPlace(mapped->labels());

    // ITK writes to a path of its own: write into a private folder, then publish the bytes
    // through QSaveFile so the target is replaced atomically.
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return fileError(path, QStringLiteral("cannot create a temporary folder: ") +
                                   scratch.errorString());
    const QString temp = scratch.filePath(QFileInfo(path).fileName());
    auto written = NiftiWriter::write(*mapped, temp);
    if (!written)
        return fileError(path, written.error().message);
    QFile in(temp);
    if (!in.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot read back the written labels: ") +
                                   in.errorString());
    const QByteArray bytes = in.readAll();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, QStringLiteral("cannot write: ") + file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fileError(path, QStringLiteral("cannot write: ") + file.errorString());
    out.bytes = bytes.size();
    return out;
}

} // namespace cardiolens::labels
