#include "imaging/DicomSliceReader.h"

#include "imaging/DicomInspector.h"
#include "imaging/DicomStructureCheck.h"

#include <QFileInfo>

#include <itkGDCMImageIO.h>
#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkMetaDataObject.h>

namespace cardiolens::imaging {

namespace {
QString metaString(const itk::MetaDataDictionary& dict, const char* tag) {
    std::string value;
    itk::ExposeMetaData<std::string>(dict, tag, value);
    return QString::fromStdString(value).trimmed();
}
} // namespace

Result<ImageSlice> DicomSliceReader::read(const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return fileError(path, QStringLiteral("no such file"));

    if (auto meta = DicomStructureCheck::check(path); !meta) // GDCM may abort on these.
        return meta.error();
    using Image = itk::Image<float, 3>;
    auto io = itk::GDCMImageIO::New();
    const std::string nativePath = path.toStdString();
    if (!io->CanReadFile(nativePath.c_str()))
        return fileError(path, QStringLiteral("not a DICOM image file GDCM can read"));

    if (auto complete = DicomInspector::checkPixelDataComplete(path); !complete)
        return complete.error();

    auto reader = itk::ImageFileReader<Image>::New();
    reader->SetImageIO(io);
    reader->SetFileName(nativePath);
    try {
        reader->Update();
    } catch (const itk::ExceptionObject& e) {
        return fileError(path, QStringLiteral("cannot decode DICOM image: %1")
                                   .arg(QString::fromStdString(e.GetDescription())));
    }

    const Image* image = reader->GetOutput();
    const auto size = image->GetLargestPossibleRegion().GetSize();
    if (size[0] == 0 || size[1] == 0)
        return fileError(path, QStringLiteral("DICOM image has no pixels"));

    ImageSlice slice;
    slice.width = int(size[0]);
    slice.height = int(size[1]);
    slice.spacing = {image->GetSpacing()[0], image->GetSpacing()[1]};
    slice.origin = {image->GetOrigin()[0], image->GetOrigin()[1], image->GetOrigin()[2]};
    const std::size_t count = std::size_t(slice.width) * std::size_t(slice.height);
    const float* src = image->GetBufferPointer(); // First frame: frames are the slowest axis.
    slice.pixels.assign(src, src + count);

    const auto& dict = io->GetMetaDataDictionary();
    slice.modality = metaString(dict, "0008|0060");
    slice.description = metaString(dict, "0008|103e");
    return slice;
}

} // namespace cardiolens::imaging
