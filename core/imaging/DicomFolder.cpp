#include "imaging/DicomFolder.h"

#include "imaging/DicomInspector.h"
#include "imaging/DicomStructureCheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <map>

#include <gdcmScanner.h>
#include <gdcmTag.h>

namespace cardiolens::imaging {

namespace {

const gdcm::Tag kSopInstanceUid(0x0008, 0x0018);
const gdcm::Tag kStudyDate(0x0008, 0x0020);
const gdcm::Tag kModality(0x0008, 0x0060);
const gdcm::Tag kManufacturer(0x0008, 0x0070);
const gdcm::Tag kSeriesDescription(0x0008, 0x103e);
const gdcm::Tag kPatientId(0x0010, 0x0020);
const gdcm::Tag kSliceThickness(0x0018, 0x0050);
const gdcm::Tag kTriggerTime(0x0018, 0x1060);
const gdcm::Tag kFrameTime(0x0018, 0x1063);
const gdcm::Tag kStudyUid(0x0020, 0x000d);
const gdcm::Tag kSeriesUid(0x0020, 0x000e);
const gdcm::Tag kSeriesNumber(0x0020, 0x0011);
const gdcm::Tag kInstanceNumber(0x0020, 0x0013);
const gdcm::Tag kPosition(0x0020, 0x0032);
const gdcm::Tag kOrientation(0x0020, 0x0037);
const gdcm::Tag kSamples(0x0028, 0x0002);
const gdcm::Tag kPhotometric(0x0028, 0x0004);
const gdcm::Tag kFrames(0x0028, 0x0008);
const gdcm::Tag kRows(0x0028, 0x0010);
const gdcm::Tag kColumns(0x0028, 0x0011);
const gdcm::Tag kPixelSpacing(0x0028, 0x0030);
const gdcm::Tag kBitsAllocated(0x0028, 0x0100);
const gdcm::Tag kBitsStored(0x0028, 0x0101);
const gdcm::Tag kPixelRepresentation(0x0028, 0x0103);
const gdcm::Tag kRescaleIntercept(0x0028, 0x1052);
const gdcm::Tag kRescaleSlope(0x0028, 0x1053);

const gdcm::Tag kAllTags[] = {
    kSopInstanceUid,    kStudyDate,     kModality,       kManufacturer,
    kSeriesDescription, kPatientId,     kSliceThickness, kTriggerTime,
    kFrameTime,         kStudyUid,      kSeriesUid,      kSeriesNumber,
    kInstanceNumber,    kPosition,      kOrientation,    kSamples,
    kPhotometric,       kFrames,        kRows,           kColumns,
    kPixelSpacing,      kBitsAllocated, kBitsStored,     kPixelRepresentation,
    kRescaleIntercept,  kRescaleSlope};

class Values {
public:
    Values(const gdcm::Scanner& scanner, const std::string& file)
        : m_scanner(scanner), m_file(file) {}
    QString text(const gdcm::Tag& tag) const {
        const char* v = m_scanner.GetValue(m_file.c_str(), tag);
        return v ? QString::fromLatin1(v).trimmed() : QString();
    }
    std::vector<double> numbers(const gdcm::Tag& tag) const {
        std::vector<double> out;
        for (const QString& part : text(tag).split(u'\\', Qt::SkipEmptyParts)) {
            bool ok = false;
            const double d = part.trimmed().toDouble(&ok);
            if (!ok)
                return {};
            out.push_back(d);
        }
        return out;
    }
    double number(const gdcm::Tag& tag, double fallback) const {
        const auto v = numbers(tag);
        return v.empty() ? fallback : v.front();
    }
    int integer(const gdcm::Tag& tag, int fallback) const { return int(number(tag, fallback)); }

private:
    const gdcm::Scanner& m_scanner;
    const std::string& m_file;
};

DicomFileEntry entryFrom(const Values& v, const QString& path) {
    DicomFileEntry e;
    e.path = path;
    e.instanceNumber = v.integer(kInstanceNumber, 0);
    e.rows = v.integer(kRows, 0);
    e.columns = v.integer(kColumns, 0);
    e.frames = std::max(1, v.integer(kFrames, 1));
    e.samplesPerPixel = std::max(1, v.integer(kSamples, 1));
    e.bitsAllocated = v.integer(kBitsAllocated, 0);
    e.bitsStored = v.integer(kBitsStored, e.bitsAllocated);
    e.pixelRepresentation = v.integer(kPixelRepresentation, 0);
    e.rescaleSlope = v.number(kRescaleSlope, 1.0);
    e.rescaleIntercept = v.number(kRescaleIntercept, 0.0);
    e.photometric = v.text(kPhotometric);
    if (const auto p = v.numbers(kPosition); p.size() == 3)
        e.position = std::array<double, 3>{p[0], p[1], p[2]};
    if (const auto o = v.numbers(kOrientation); o.size() == 6)
        e.orientation = std::array<double, 6>{o[0], o[1], o[2], o[3], o[4], o[5]};
    if (const auto t = v.numbers(kTriggerTime); !t.empty())
        e.triggerTimeMs = t.front();
    if (const auto s = v.numbers(kPixelSpacing); s.size() == 2)
        e.pixelSpacing = {s[0], s[1]};
    e.sliceThickness = v.number(kSliceThickness, 0.0);
    e.frameTimeMs = v.number(kFrameTime, 0.0);
    return e;
}

Result<std::vector<DicomSeries>> group(const gdcm::Scanner& scanner,
                                       const std::vector<std::string>& names) {
    std::map<QString, DicomSeries> bySeries;
    std::map<QString, int> invalidUids;
    for (const std::string& name : names) {
        if (!scanner.IsKey(name.c_str()))
            continue; // Not readable as DICOM.
        const Values v(scanner, name);
        const QString path = QFile::decodeName(name.c_str());
        DicomFileEntry entry = entryFrom(v, path);
        if (entry.rows <= 0 || entry.columns <= 0)
            continue; // Not an image (waveform, report, DICOMDIR).
        const QString uid = v.text(kSeriesUid);
        DicomSeries& s = bySeries[uid];
        if (s.files.empty()) {
            s.seriesInstanceUid = uid;
            s.studyInstanceUid = v.text(kStudyUid);
            s.description = v.text(kSeriesDescription);
            s.modality = v.text(kModality);
            s.patientId = v.text(kPatientId);
            s.studyDate = v.text(kStudyDate);
            s.manufacturer = v.text(kManufacturer);
            s.seriesNumber = v.integer(kSeriesNumber, 0);
        }
        for (const gdcm::Tag& tag : {kSopInstanceUid, kSeriesUid, kStudyUid})
            if (DicomFolder::hasLeadingZeroComponent(v.text(tag)))
                ++invalidUids[uid];
        s.files.push_back(std::move(entry));
    }
    std::vector<DicomSeries> out;
    for (auto& [uid, series] : bySeries) {
        if (const int n = invalidUids[uid]; n > 0)
            series.warnings << QStringLiteral("%1 UIDs with leading-zero components (invalid per "
                                              "DICOM PS3.5): tolerated")
                                   .arg(n);
        out.push_back(std::move(series));
    }
    std::sort(out.begin(), out.end(), [](const DicomSeries& a, const DicomSeries& b) {
        if (a.files.size() != b.files.size())
            return a.files.size() > b.files.size();
        return a.seriesNumber < b.seriesNumber;
    });
    return out;
}

std::vector<std::string> nativeNames(const QStringList& paths) {
    std::vector<std::string> names;
    names.reserve(std::size_t(paths.size()));
    for (const QString& p : paths)
        names.push_back(QFile::encodeName(p).toStdString());
    return names;
}

} // namespace

bool DicomFolder::hasLeadingZeroComponent(const QString& uid) {
    for (const QStringView part : QStringView(uid).split(u'.'))
        if (part.size() > 1 && part.front() == u'0')
            return true;
    return false;
}

Result<std::vector<DicomSeries>> DicomFolder::scan(const QString& folder) {
    const QDir dir(folder);
    if (!dir.exists())
        return fileError(folder, QStringLiteral("no such folder"));
    QStringList candidates;
    QStringList malformed;
    for (const QFileInfo& fi : dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name)) {
        const QString path = fi.filePath();
        if (fi.suffix().compare(QLatin1String("dcm"), Qt::CaseInsensitive) != 0 &&
            !DicomInspector::looksLikeDicom(path))
            continue;
        if (auto ok = DicomStructureCheck::check(path); ok)
            candidates << path;
        else
            malformed << ok.error().describe();
    }
    if (candidates.isEmpty())
        return fileError(folder, QStringLiteral("no DICOM files in the folder"));
    gdcm::Scanner scanner;
    for (const gdcm::Tag& tag : kAllTags)
        scanner.AddTag(tag);
    const auto names = nativeNames(candidates);
    if (!scanner.Scan(names))
        return fileError(folder, QStringLiteral("could not scan the DICOM files"));
    auto series = group(scanner, names);
    if (series && series->empty())
        return fileError(folder, QStringLiteral("no DICOM image series in the folder"));
    if (series && !malformed.isEmpty())
        for (DicomSeries& s : *series)
            s.warnings << QStringLiteral("%1 malformed DICOM files skipped, e.g. %2")
                              .arg(malformed.size())
                              .arg(malformed.front());
    return series;
}

Result<DicomSeries> DicomFolder::scanFile(const QString& path) {
    if (!QFileInfo(path).isFile())
        return fileError(path, QStringLiteral("no such file"));
    if (auto ok = DicomStructureCheck::check(path); !ok)
        return ok.error();
    gdcm::Scanner scanner;
    for (const gdcm::Tag& tag : kAllTags)
        scanner.AddTag(tag);
    const auto names = nativeNames({path});
    if (!scanner.Scan(names) || !scanner.IsKey(names.front().c_str()))
        return fileError(path, QStringLiteral("not a readable DICOM file"));
    auto series = group(scanner, names);
    if (!series)
        return series.error();
    if (series->empty())
        return fileError(path, QStringLiteral("DICOM file holds no image"));
    return std::move(series->front());
}

} // namespace cardiolens::imaging
