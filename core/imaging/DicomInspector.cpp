#include "imaging/DicomInspector.h"
#include "imaging/DicomStructureCheck.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>

#include <gdcmAttribute.h>
#include <gdcmDataSet.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmStringFilter.h>
#include <gdcmUIDs.h>

namespace cardiolens::imaging {

namespace {

QString tagString(gdcm::StringFilter& filter, const gdcm::DataSet& ds, uint16_t group,
                  uint16_t element) {
    const gdcm::Tag tag(group, element);
    if (!ds.FindDataElement(tag))
        return {};
    return QString::fromStdString(filter.ToString(tag)).trimmed();
}

int tagInt(gdcm::StringFilter& f, const gdcm::DataSet& ds, uint16_t g, uint16_t e, int fallback) {
    bool ok = false;
    const int v = tagString(f, ds, g, e).toInt(&ok);
    return ok ? v : fallback;
}

QJsonArray decimalList(const QString& s) {
    QJsonArray out;
    for (const QString& part : s.split(QLatin1Char('\\'), Qt::SkipEmptyParts))
        out.append(part.trimmed().toDouble());
    return out;
}

// Text value of an element of a nested item (StringFilter only looks at the top level).
QString itemString(const gdcm::DataSet& item, uint16_t group, uint16_t element) {
    const gdcm::Tag tag(group, element);
    if (!item.FindDataElement(tag))
        return {};
    const gdcm::ByteValue* bv = item.GetDataElement(tag).GetByteValue();
    if (!bv)
        return {};
    return QString::fromLatin1(bv->GetPointer(), int(bv->GetLength())).trimmed();
}

template <uint16_t Group, uint16_t Element> double itemNumber(const gdcm::DataSet& item) {
    gdcm::Attribute<Group, Element> attribute;
    const gdcm::Tag tag(Group, Element);
    if (!item.FindDataElement(tag) || item.GetDataElement(tag).IsEmpty())
        return 0.0;
    attribute.SetFromDataElement(item.GetDataElement(tag));
    return double(attribute.GetValue());
}

// Waveform objects (ECG) keep their geometry in the Waveform Sequence (5400,0100): one item
// per multiplex group with channel count, sample count and sampling frequency.
QJsonArray describeWaveforms(const gdcm::DataSet& ds) {
    QJsonArray groups;
    const gdcm::Tag seqTag(0x5400, 0x0100);
    if (!ds.FindDataElement(seqTag))
        return groups;
    gdcm::SmartPointer<gdcm::SequenceOfItems> seq = ds.GetDataElement(seqTag).GetValueAsSQ();
    if (!seq)
        return groups;
    for (gdcm::SequenceOfItems::SizeType i = 1; i <= seq->GetNumberOfItems(); ++i) {
        const gdcm::DataSet& item = seq->GetItem(i).GetNestedDataSet();
        QJsonObject g;
        g[QStringLiteral("channels")] = itemNumber<0x003A, 0x0005>(item);
        g[QStringLiteral("samples")] = itemNumber<0x003A, 0x0010>(item);
        g[QStringLiteral("samplingFrequencyHz")] = itemString(item, 0x003A, 0x001A).toDouble();
        g[QStringLiteral("originality")] = itemString(item, 0x003A, 0x0004);
        g[QStringLiteral("label")] = itemString(item, 0x003A, 0x0020);
        groups.append(g);
    }
    return groups;
}

} // namespace

bool DicomInspector::looksLikeDicom(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() < 132)
        return false;
    f.seek(128);
    return f.read(4) == "DICM";
}

Result<QJsonObject> DicomInspector::describe(const QString& path) {
    if (!QFile::exists(path))
        return fileError(path, QStringLiteral("no such file"));
    if (auto meta = DicomStructureCheck::check(path); !meta) // GDCM may abort on these.
        return meta.error();
    gdcm::Reader reader;
    reader.SetFileName(path.toLocal8Bit().constData());
    // Stop before pixel data: describing a file must not decode (or allocate) its frames.
    if (!reader.ReadUpToTag(gdcm::Tag(0x7fe0, 0x0010)))
        return fileError(path, QStringLiteral("not a readable DICOM file"));

    const gdcm::DataSet& ds = reader.GetFile().GetDataSet();
    gdcm::StringFilter filter;
    filter.SetFile(reader.GetFile());

    QJsonObject out;
    out[QStringLiteral("path")] = path;
    out[QStringLiteral("format")] = QStringLiteral("DICOM");
    const QString sopClass = tagString(filter, ds, 0x0008, 0x0016);
    out[QStringLiteral("sopClassUid")] = sopClass;
    gdcm::UIDs uid;
    const char* sopName = uid.SetFromUID(sopClass.toLatin1().constData()) ? uid.GetName() : nullptr;
    if (sopName)
        out[QStringLiteral("sopClassName")] = QString::fromLatin1(sopName);
    out[QStringLiteral("modality")] = tagString(filter, ds, 0x0008, 0x0060);
    out[QStringLiteral("seriesInstanceUid")] = tagString(filter, ds, 0x0020, 0x000E);
    out[QStringLiteral("seriesDescription")] = tagString(filter, ds, 0x0008, 0x103E);
    out[QStringLiteral("instanceNumber")] = tagInt(filter, ds, 0x0020, 0x0013, 0);

    const QJsonArray waveforms = describeWaveforms(ds);
    if (!waveforms.isEmpty()) {
        out[QStringLiteral("kind")] = QStringLiteral("waveform");
        out[QStringLiteral("waveformGroups")] = waveforms;
        return out;
    }

    const int rows = tagInt(filter, ds, 0x0028, 0x0010, 0);
    const int cols = tagInt(filter, ds, 0x0028, 0x0011, 0);
    if (rows > 0 && cols > 0) {
        out[QStringLiteral("kind")] = QStringLiteral("image");
        out[QStringLiteral("rows")] = rows;
        out[QStringLiteral("columns")] = cols;
        out[QStringLiteral("frames")] = tagInt(filter, ds, 0x0028, 0x0008, 1);
        out[QStringLiteral("samplesPerPixel")] = tagInt(filter, ds, 0x0028, 0x0002, 1);
        out[QStringLiteral("bitsAllocated")] = tagInt(filter, ds, 0x0028, 0x0100, 0);
        out[QStringLiteral("photometricInterpretation")] = tagString(filter, ds, 0x0028, 0x0004);
        out[QStringLiteral("pixelSpacingMm")] = decimalList(tagString(filter, ds, 0x0028, 0x0030));
        const QString thickness = tagString(filter, ds, 0x0018, 0x0050);
        if (!thickness.isEmpty())
            out[QStringLiteral("sliceThicknessMm")] = thickness.toDouble();
        const QString position = tagString(filter, ds, 0x0020, 0x0032);
        if (!position.isEmpty())
            out[QStringLiteral("imagePositionPatient")] = decimalList(position);
        const QString trigger = tagString(filter, ds, 0x0018, 0x1060);
        if (!trigger.isEmpty())
            out[QStringLiteral("triggerTimeMs")] = trigger.toDouble();
        const QString frameTime = tagString(filter, ds, 0x0018, 0x1063);
        if (!frameTime.isEmpty())
            out[QStringLiteral("frameTimeMs")] = frameTime.toDouble();
        return out;
    }
    out[QStringLiteral("kind")] = QStringLiteral("other");
    return out;
}

Result<bool> DicomInspector::checkPixelDataComplete(const QString& path) {
    if (auto meta = DicomStructureCheck::check(path); !meta) // GDCM may abort on these.
        return meta.error();
    gdcm::Reader reader;
    reader.SetFileName(path.toLocal8Bit().constData());
    if (!reader.Read())
        return fileError(path, QStringLiteral("not a readable DICOM file (corrupt or truncated)"));
    const gdcm::DataSet& ds = reader.GetFile().GetDataSet();
    const gdcm::Tag pixelTag(0x7fe0, 0x0010);
    if (!ds.FindDataElement(pixelTag))
        return fileError(path, QStringLiteral("DICOM file has no pixel data"));
    const gdcm::DataElement& pixels = ds.GetDataElement(pixelTag);
    const gdcm::ByteValue* bv = pixels.GetByteValue();
    if (!bv)
        return true; // Encapsulated (compressed) data: the codec checks its own fragments.

    gdcm::StringFilter filter;
    filter.SetFile(reader.GetFile());
    const qint64 rows = tagInt(filter, ds, 0x0028, 0x0010, 0);
    const qint64 cols = tagInt(filter, ds, 0x0028, 0x0011, 0);
    const qint64 frames = std::max(1, tagInt(filter, ds, 0x0028, 0x0008, 1));
    const qint64 samples = std::max(1, tagInt(filter, ds, 0x0028, 0x0002, 1));
    const qint64 bits = tagInt(filter, ds, 0x0028, 0x0100, 0);
    if (rows <= 0 || cols <= 0 || bits <= 0)
        return fileError(path,
                         QStringLiteral("DICOM image has no valid rows/columns/bits allocated"));
    const qint64 expected = rows * cols * frames * samples * ((bits + 7) / 8);
    // GDCM reports the declared length even when the file ends early, so compare with
    // what the file can hold: a preamble (128 + 4 bytes) and the pixel data at the least.
    const qint64 fileSize = QFileInfo(path).size();
    const qint64 actual = std::min(qint64(bv->GetLength()), fileSize - 132);
    if (actual < expected)
        return fileError(path, QStringLiteral("truncated pixel data: %1 bytes present, %2 expected "
                                              "for %3 x %4 x %5 frames")
                                   .arg(actual)
                                   .arg(expected)
                                   .arg(cols)
                                   .arg(rows)
                                   .arg(frames));
    return true;
}

} // namespace cardiolens::imaging
