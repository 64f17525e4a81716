#include "ecg/DicomEcgReader.h"

#include "common/SafeFile.h"
#include "ecg/DicomStructureCheck.h"
#include "ecg/MemorySignalSource.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstring>
#include <sstream>

#include <gdcmDataSet.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfItems.h>

namespace cardiolens::ecg {

namespace {

constexpr int kMaxChannels = 1024;
constexpr qint64 kMaxDicomBytes = qint64(1) << 30;

QString text(const gdcm::DataSet& ds, std::uint16_t group, std::uint16_t element) {
    const gdcm::Tag tag(group, element);
    if (!ds.FindDataElement(tag))
        return {};
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    if (!bv)
        return {};
    QByteArray b(bv->GetPointer(), qsizetype(bv->GetLength()));
    while (!b.isEmpty() && (b.back() == '\0' || b.back() == ' '))
        b.chop(1);
    return QString::fromLatin1(b).trimmed();
}

double decimal(const gdcm::DataSet& ds, std::uint16_t g, std::uint16_t e, double fallback) {
    bool ok = false;
    const double v = text(ds, g, e).section(QLatin1Char('\\'), 0, 0).toDouble(&ok);
    return ok ? v : fallback;
}

// Binary US/UL values (little-endian transfer syntaxes).
std::int64_t binary(const gdcm::DataSet& ds, std::uint16_t g, std::uint16_t e) {
    const gdcm::Tag tag(g, e);
    if (!ds.FindDataElement(tag))
        return -1;
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    if (!bv)
        return -1;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(bv->GetPointer());
    switch (bv->GetLength()) {
    case 2:
        return p[0] | p[1] << 8;
    case 4:
        return std::int64_t(p[0] | p[1] << 8 | p[2] << 16) | std::int64_t(p[3]) << 24;
    default:
        return -1;
    }
}

gdcm::SmartPointer<gdcm::SequenceOfItems> sequence(const gdcm::DataSet& ds, std::uint16_t g,
                                                   std::uint16_t e) {
    const gdcm::Tag tag(g, e);
    if (!ds.FindDataElement(tag))
        return nullptr;
    return ds.GetDataElement(tag).GetValueAsSQ();
}

// First item's code meaning / value of a code sequence.
QString codeOf(const gdcm::DataSet& ds, std::uint16_t g, std::uint16_t e, std::uint16_t field) {
    auto seq = sequence(ds, g, e);
    if (!seq || seq->GetNumberOfItems() < 1)
        return {};
    return text(seq->GetItem(1).GetNestedDataSet(), 0x0008, field);
}

QString leadName(const QString& meaning) {
    QString n = meaning;
    n.remove(QRegularExpression(QStringLiteral("\\s*\\(.*\\)\\s*$")));
    n.remove(
        QRegularExpression(QStringLiteral("^Lead\\s+"), QRegularExpression::CaseInsensitiveOption));
    return n.trimmed();
}

} // namespace

Result<std::vector<EcgRecord>> DicomEcgReader::openAll(const QString& path) {
    if (auto regular = SafeFile::requireRegular(path); !regular)
        return regular.error();
    // Check the structure ourselves first: GDCM aborts on some truncated files.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    if (file.size() > kMaxDicomBytes)
        return fileError(path,
                         QStringLiteral("%1 bytes is too large for a DICOM ECG").arg(file.size()));
    const QByteArray content = file.readAll();
    if (auto ok = DicomStructureCheck::check(content, path); !ok)
        return ok.error();
    std::istringstream stream(std::string(content.constData(), std::size_t(content.size())));
    gdcm::Reader reader;
    reader.SetStream(stream);
    if (!reader.Read())
        return fileError(path, QStringLiteral("not a readable DICOM file"));
    const gdcm::DataSet& ds = reader.GetFile().GetDataSet();
    auto groups = sequence(ds, 0x5400, 0x0100);
    if (!groups || groups->GetNumberOfItems() == 0)
        return fileError(path, QStringLiteral("DICOM file has no waveform sequence"));

    EcgRecord common;
    common.sourcePath = path;
    common.formatName = QStringLiteral("DICOM");
    const QString acquired = text(ds, 0x0008, 0x002A);
    const QDateTime start =
        QDateTime::fromString(acquired.left(14), QStringLiteral("yyyyMMddHHmmss"));
    if (start.isValid())
        common.start = start;
    common.comments << QStringLiteral("manufacturer: %1 %2")
                           .arg(text(ds, 0x0008, 0x0070), text(ds, 0x0008, 0x1090))
                           .trimmed();
    // Waveform annotations: free text becomes labels, measurements become comments.
    if (auto notes = sequence(ds, 0x0040, 0xB020)) {
        for (gdcm::SequenceOfItems::SizeType i = 1; i <= notes->GetNumberOfItems(); ++i) {
            const gdcm::DataSet& item = notes->GetItem(i).GetNestedDataSet();
            const QString note = text(item, 0x0070, 0x0006);
            if (!note.isEmpty()) {
                RecordLabel l;
                l.scheme = QStringLiteral("dicom-statement");
                l.code = note;
                l.name = note;
                common.labels.push_back(l);
                continue;
            }
            const QString measured = codeOf(item, 0x0040, 0xA043, 0x0104);
            const QString value = text(item, 0x0040, 0xA30A);
            if (!measured.isEmpty() && !value.isEmpty())
                common.comments << QStringLiteral("%1: %2 %3")
                                       .arg(measured, value, codeOf(item, 0x0040, 0x08EA, 0x0100))
                                       .trimmed();
        }
    }

    std::vector<EcgRecord> records;
    for (gdcm::SequenceOfItems::SizeType gi = 1; gi <= groups->GetNumberOfItems(); ++gi) {
        const gdcm::DataSet& g = groups->GetItem(gi).GetNestedDataSet();
        const QString where = QStringLiteral("multiplex group %1: ").arg(gi);
        const std::int64_t channels = binary(g, 0x003A, 0x0005);
        const std::int64_t samples = binary(g, 0x003A, 0x0010);
        const double fs = decimal(g, 0x003A, 0x001A, 0);
        const std::int64_t bits = binary(g, 0x5400, 0x1004);
        const QString interpretation = text(g, 0x5400, 0x1006);
        if (channels < 1 || channels > kMaxChannels || samples < 1 || !(fs > 0))
            return fileError(path, where + QStringLiteral("implausible geometry (%1 channels, %2 "
                                                          "samples, %3 Hz)")
                                               .arg(channels)
                                               .arg(samples)
                                               .arg(fs));
        const int bytes = bits == 8 ? 1 : bits == 16 ? 2 : bits == 32 ? 4 : 0;
        if (!bytes)
            return fileError(path,
                             where + QStringLiteral("unsupported bits allocated %1").arg(bits));
        const bool isSigned = interpretation.startsWith(QLatin1Char('S'));
        const gdcm::Tag dataTag(0x5400, 0x1010);
        const gdcm::ByteValue* data =
            g.FindDataElement(dataTag) ? g.GetDataElement(dataTag).GetByteValue() : nullptr;
        const std::int64_t need = channels * samples * bytes;
        if (!data || std::int64_t(data->GetLength()) < need)
            return fileError(path, where + QStringLiteral("waveform data holds %1 bytes, %2 "
                                                          "channels x %3 samples need %4")
                                               .arg(data ? qint64(data->GetLength()) : 0)
                                               .arg(channels)
                                               .arg(samples)
                                               .arg(need));
        // Sample-major interleaving: all channels of sample 0, then of sample 1, ...
        std::vector<std::vector<std::int32_t>> leads(
            static_cast<std::size_t>(channels),
            std::vector<std::int32_t>(static_cast<std::size_t>(samples)));
        const unsigned char* p = reinterpret_cast<const unsigned char*>(data->GetPointer());
        for (std::int64_t s = 0; s < samples; ++s)
            for (std::int64_t c = 0; c < channels; ++c) {
                const unsigned char* q = p + (s * channels + c) * bytes;
                std::int32_t v = 0;
                if (bytes == 1)
                    v = isSigned ? std::int8_t(q[0]) : q[0];
                else if (bytes == 2)
                    v = isSigned ? std::int16_t(q[0] | q[1] << 8) : std::int32_t(q[0] | q[1] << 8);
                else
                    std::memcpy(&v, q, 4);
                leads[std::size_t(c)][std::size_t(s)] = v;
            }

        EcgRecord rec = common;
        const QString label = text(g, 0x003A, 0x0020);
        rec.name = QFileInfo(path).completeBaseName() +
                   (label.isEmpty() ? QString() : QStringLiteral(" ") + label);
        rec.frameRate = fs;
        rec.comments << QStringLiteral("multiplex group %1 of %2: %3 (%4)")
                            .arg(gi)
                            .arg(groups->GetNumberOfItems())
                            .arg(label, text(g, 0x003A, 0x0004));
        auto defs = sequence(g, 0x003A, 0x0200);
        for (std::int64_t c = 0; c < channels; ++c) {
            Lead lead;
            lead.format = QStringLiteral("dicom-%1%2").arg(isSigned ? 's' : 'u').arg(bits);
            lead.name = QStringLiteral("ch%1").arg(c + 1);
            lead.adcResolution = int(bits);
            if (defs && gdcm::SequenceOfItems::SizeType(c + 1) <= defs->GetNumberOfItems()) {
                const gdcm::DataSet& d =
                    defs->GetItem(gdcm::SequenceOfItems::SizeType(c + 1)).GetNestedDataSet();
                const QString channelLabel = text(d, 0x003A, 0x0203);
                const QString meaning = codeOf(d, 0x003A, 0x0208, 0x0104);
                lead.name = !channelLabel.isEmpty() ? channelLabel
                            : !meaning.isEmpty()    ? leadName(meaning)
                                                    : lead.name;
                const double sensitivity = decimal(d, 0x003A, 0x0210, 1.0);
                const double correction = decimal(d, 0x003A, 0x0212, 1.0);
                const double baseline = decimal(d, 0x003A, 0x0213, 0.0);
                const QString units = codeOf(d, 0x003A, 0x0211, 0x0100);
                if (sensitivity * correction == 0)
                    return fileError(
                        path, where + QStringLiteral("channel %1 has zero sensitivity").arg(c + 1));
                lead.gain = 1.0 / (sensitivity * correction);
                lead.baseline = -baseline;
                if (!units.isEmpty())
                    lead.units = units;
                const std::int64_t stored = binary(d, 0x003A, 0x021A);
                if (stored > 0)
                    lead.adcResolution = int(stored);
            }
            rec.leads.push_back(lead);
        }
        rec.source = std::make_shared<MemorySignalSource>(std::move(leads));
        rec.frameCount = samples;
        records.push_back(std::move(rec));
    }
    return records;
}

Result<EcgRecord> DicomEcgReader::open(const QString& path) {
    auto all = openAll(path);
    if (!all)
        return all.error();
    EcgRecord first = std::move(all->front());
    for (std::size_t i = 1; i < all->size(); ++i)
        first.warnings << QStringLiteral("further multiplex group '%1' (%2 samples) not shown; "
                                         "open it with DicomEcgReader::openAll")
                              .arg((*all)[i].name)
                              .arg((*all)[i].frameCount);
    return first;
}

} // namespace cardiolens::ecg
