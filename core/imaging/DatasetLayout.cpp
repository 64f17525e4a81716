#include "imaging/DatasetLayout.h"

#include "imaging/MaskContourTracer.h"
#include "imaging/TextTables.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>

namespace cardiolens::imaging {

QString datasetKindName(DatasetKind kind) {
    switch (kind) {
    case DatasetKind::Acdc:
        return QStringLiteral("acdc");
    case DatasetKind::Mnms:
        return QStringLiteral("mnms");
    case DatasetKind::Camus:
        return QStringLiteral("camus");
    case DatasetKind::EchoNet:
        return QStringLiteral("echonet");
    case DatasetKind::Sunnybrook:
        return QStringLiteral("sunnybrook");
    }
    return {};
}

namespace {
QString folderOf(const QString& path) {
    const QFileInfo info(path);
    return info.isDir() ? info.absoluteFilePath() : info.absolutePath();
}

// An ancestor folder (the folder itself first, up to \a levels above) holding \a name.
QString ancestorHolding(const QString& folder, const QString& name, int levels) {
    QDir dir(folder);
    for (int i = 0; i <= levels; ++i) {
        if (QFileInfo::exists(dir.filePath(name)))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return {};
}

std::optional<int> intValue(const QMap<QString, QString>& map, const QString& key) {
    bool ok = false;
    const int v = map.value(key).toInt(&ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

std::optional<double> positiveValue(const QString& text) {
    bool ok = false;
    const double v = text.toDouble(&ok);
    return (ok && v > 0.0) ? std::optional<double>(v) : std::nullopt;
}

bool hasFileMatching(const QString& folder, const QRegularExpression& re) {
    const QStringList names = QDir(folder).entryList(QDir::Files);
    for (const QString& n : names)
        if (re.match(n).hasMatch())
            return true;
    return false;
}

const QRegularExpression& acdcFileRe() {
    static const QRegularExpression re(
        QStringLiteral(R"(^patient\d+_(4d|frame\d+)(_gt)?\.nii(\.gz)?$)"));
    return re;
}
const QRegularExpression& mnmsFileRe() {
    static const QRegularExpression re(QStringLiteral(R"(^(.+)_sa(_gt)?\.nii(\.gz)?$)"));
    return re;
}
const QRegularExpression& camusFileRe() {
    static const QRegularExpression re(QStringLiteral(
        R"(^patient\d+_(2CH|4CH)_(ED|ES|half_sequence|sequence)(_gt)?\.(mhd|nii(\.gz)?)$)"));
    return re;
}
} // namespace

QString DatasetLayout::findImage(const QString& folder, const QString& stem) {
    static const char* const kSuffixes[] = {".nii.gz", ".nii", ".mhd", ".nrrd"};
    const QDir dir(folder);
    for (const char* suffix : kSuffixes) {
        const QString path = dir.filePath(stem + QLatin1String(suffix));
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

std::optional<DatasetKind> DatasetLayout::detect(const QString& path) {
    if (!QFileInfo::exists(path))
        return std::nullopt;
    const QString folder = folderOf(path);
    // EchoNet: the root holds VolumeTracings.csv; videos sit one level down in Videos/.
    if (!ancestorHolding(folder, QStringLiteral("VolumeTracings.csv"), 1).isEmpty())
        return DatasetKind::EchoNet;
    if (!ancestorHolding(folder, QStringLiteral("link.csv"), 3).isEmpty() &&
        (folder.contains(QLatin1String("SCD")) || folder.contains(QLatin1String("SC-")) ||
         QFileInfo::exists(QDir(folder).filePath(QStringLiteral("link.csv")))))
        return DatasetKind::Sunnybrook;
    const QDir dir(folder);
    if (dir.exists(QStringLiteral("Info_2CH.cfg")) || dir.exists(QStringLiteral("Info_4CH.cfg")) ||
        hasFileMatching(folder, camusFileRe()))
        return DatasetKind::Camus;
    if (dir.exists(QStringLiteral("Info.cfg")) || hasFileMatching(folder, acdcFileRe()))
        return DatasetKind::Acdc;
    if (hasFileMatching(folder, mnmsFileRe()))
        return DatasetKind::Mnms;
    return std::nullopt;
}

Result<DatasetCase> DatasetLayout::open(const QString& path) {
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("no such file or folder"));
    const auto kind = detect(path);
    if (!kind)
        return fileError(path, QStringLiteral("not a recognised dataset layout (ACDC, M&Ms, CAMUS, "
                                              "EchoNet-Dynamic, Sunnybrook)"));
    switch (*kind) {
    case DatasetKind::Acdc:
        return openAcdc(folderOf(path));
    case DatasetKind::Mnms:
        return openMnms(folderOf(path));
    case DatasetKind::Camus:
        return openCamus(folderOf(path));
    case DatasetKind::EchoNet:
        return openEchoNet(path);
    case DatasetKind::Sunnybrook:
        return openSunnybrook(path);
    }
    return fileError(path, QStringLiteral("unknown layout"));
}

Result<DatasetCase> DatasetLayout::openAcdc(const QString& folder) {
    DatasetCase c;
    c.kind = DatasetKind::Acdc;
    c.convention = LabelConvention::Acdc;
    c.folder = QDir(folder).absolutePath();
    c.caseId = QDir(folder).dirName();
    // The case id is the file prefix; the folder may have been renamed.
    static const QRegularExpression prefixRe(QStringLiteral(R"(^(patient\d+)_)"));
    for (const QString& n : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        const auto m = prefixRe.match(n);
        if (m.hasMatch()) {
            c.caseId = m.captured(1);
            break;
        }
    }
    const QString cfgPath = QDir(folder).filePath(QStringLiteral("Info.cfg"));
    if (QFileInfo::exists(cfgPath)) {
        auto cfg = TextTables::readKeyValues(cfgPath);
        if (!cfg)
            return cfg.error();
        c.info = *cfg;
        if (auto ed = intValue(c.info, QStringLiteral("ED")))
            c.edFrame = *ed - 1; // Info.cfg counts frames from 1
        if (auto es = intValue(c.info, QStringLiteral("ES")))
            c.esFrame = *es - 1;
        c.frameCount = intValue(c.info, QStringLiteral("NbFrame"));
        c.heightCm = positiveValue(c.info.value(QStringLiteral("Height")));
        c.weightKg = positiveValue(c.info.value(QStringLiteral("Weight")));
        c.group = c.info.value(QStringLiteral("Group"));
    } else {
        c.warnings << QStringLiteral("Info.cfg missing: ED/ES from LV volumes");
    }
    c.cineImage = findImage(folder, c.caseId + QStringLiteral("_4d"));

    static const QRegularExpression frameRe(
        QStringLiteral(R"(^patient\d+_frame(\d+)\.nii(\.gz)?$)"));
    for (const QString& n : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        const auto m = frameRe.match(n);
        if (!m.hasMatch())
            continue;
        LabelledFrameFiles f;
        f.image = QDir(folder).filePath(n);
        f.frame = m.captured(1).toInt() - 1;
        f.labels = findImage(folder, QStringLiteral("%1_frame%2_gt").arg(c.caseId, m.captured(1)));
        if (c.edFrame && f.frame == *c.edFrame)
            f.phase = QStringLiteral("ED");
        else if (c.esFrame && f.frame == *c.esFrame)
            f.phase = QStringLiteral("ES");
        if (f.labels.isEmpty())
            c.warnings << QStringLiteral("%1 has no _gt labels").arg(n);
        c.frames.push_back(f);
    }
    if (c.frames.empty() && c.cineImage.isEmpty())
        return fileError(folder,
                         QStringLiteral("ACDC case holds no patientNNN_4d or _frameNN images"));
    return c;
}

Result<DatasetCase> DatasetLayout::openMnms(const QString& folder) {
    DatasetCase c;
    c.kind = DatasetKind::Mnms;
    c.convention = LabelConvention::Mnms;
    c.folder = QDir(folder).absolutePath();
    for (const QString& n : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        const auto m = mnmsFileRe().match(n);
        if (m.hasMatch() && m.captured(2).isEmpty()) {
            c.caseId = m.captured(1);
            c.cineImage = QDir(folder).filePath(n);
            break;
        }
    }
    if (c.cineImage.isEmpty())
        return fileError(folder, QStringLiteral("M&Ms case holds no <code>_sa.nii.gz image"));
    c.cineLabels = findImage(folder, c.caseId + QStringLiteral("_sa_gt"));

    // The metadata CSV sits at the dataset root, a few folders above the case.
    QDir dir(folder);
    QString csvPath;
    for (int level = 0; level <= 4 && csvPath.isEmpty(); ++level) {
        for (const QString& n : dir.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
            auto read =
                TextTables::readCsv(dir.filePath(n), [](const QStringList&) { return false; });
            if (read && read->contains(QStringLiteral("External code"), Qt::CaseInsensitive)) {
                csvPath = dir.filePath(n);
                break;
            }
        }
        if (!dir.cdUp())
            break;
    }
    if (csvPath.isEmpty()) {
        c.warnings << QStringLiteral("M&Ms metadata CSV not found: ED/ES from LV volumes");
        return c;
    }
    QStringList row;
    auto header = TextTables::readCsv(csvPath, [&](const QStringList& fields) {
        if (fields.contains(c.caseId)) {
            row = fields;
            return false;
        }
        return true;
    });
    if (!header)
        return header.error();
    if (row.isEmpty()) {
        c.warnings << QStringLiteral("%1 has no row for %2").arg(csvPath, c.caseId);
        return c;
    }
    for (qsizetype i = 0; i < header->size() && i < row.size(); ++i)
        if (!header->at(i).isEmpty())
            c.info.insert(header->at(i), row[i]);
    c.edFrame = intValue(c.info, QStringLiteral("ED"));
    c.esFrame = intValue(c.info, QStringLiteral("ES"));
    c.heightCm = positiveValue(c.info.value(QStringLiteral("Height")));
    c.weightKg = positiveValue(c.info.value(QStringLiteral("Weight")));
    c.group = c.info.value(QStringLiteral("Pathology"));
    return c;
}

Result<DatasetCase> DatasetLayout::openCamus(const QString& folder) {
    DatasetCase c;
    c.kind = DatasetKind::Camus;
    c.convention = LabelConvention::Camus;
    c.folder = QDir(folder).absolutePath();
    c.caseId = QDir(folder).dirName();
    static const QRegularExpression prefixRe(QStringLiteral(R"(^(patient\d+)_(2CH|4CH)_)"));
    for (const QString& n : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        const auto m = prefixRe.match(n);
        if (m.hasMatch()) {
            c.caseId = m.captured(1);
            break;
        }
    }
    for (const QString& viewName : {QStringLiteral("2CH"), QStringLiteral("4CH")}) {
        CamusView view;
        view.name = viewName;
        const QString stem = c.caseId + QLatin1Char('_') + viewName;
        const QString cfgPath = QDir(folder).filePath(QStringLiteral("Info_%1.cfg").arg(viewName));
        if (QFileInfo::exists(cfgPath)) {
            auto cfg = TextTables::readKeyValues(cfgPath);
            if (!cfg)
                return cfg.error();
            view.info = *cfg;
            if (auto ed = intValue(view.info, QStringLiteral("ED")))
                view.edFrame = *ed - 1;
            if (auto es = intValue(view.info, QStringLiteral("ES")))
                view.esFrame = *es - 1;
            view.frameCount = intValue(view.info, QStringLiteral("NbFrame"));
        }
        for (const QString& phase : {QStringLiteral("ED"), QStringLiteral("ES")}) {
            LabelledFrameFiles f;
            f.phase = phase;
            f.image = findImage(folder, stem + QLatin1Char('_') + phase);
            f.labels = findImage(folder, stem + QLatin1Char('_') + phase + QStringLiteral("_gt"));
            const auto frame = phase == QLatin1String("ED") ? view.edFrame : view.esFrame;
            f.frame = frame.value_or(phase == QLatin1String("ED") ? 0 : 1);
            if (f.image.isEmpty() && f.labels.isEmpty())
                continue;
            (phase == QLatin1String("ED") ? view.ed : view.es) = f;
        }
        view.sequence = findImage(folder, stem + QStringLiteral("_half_sequence"));
        if (view.sequence.isEmpty())
            view.sequence = findImage(folder, stem + QStringLiteral("_sequence"));
        view.sequenceLabels = findImage(folder, stem + QStringLiteral("_half_sequence_gt"));
        if (view.ed || view.es || !view.sequence.isEmpty())
            c.views.push_back(view);
    }
    if (c.views.empty())
        return fileError(folder, QStringLiteral("CAMUS case holds no 2CH or 4CH images"));
    return c;
}

Result<Polygon> readSunnybrookContour(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fileError(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    if (file.size() > (4 << 20))
        return fileError(path, QStringLiteral("too large for a contour file"));
    Polygon polygon;
    int lineNumber = 0;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        ++lineNumber;
        const QList<QByteArray> parts = raw.simplified().split(' ');
        if (raw.trimmed().isEmpty())
            continue;
        bool okX = false, okY = false;
        const double x = parts.size() == 2 ? parts[0].toDouble(&okX) : 0.0;
        const double y = parts.size() == 2 ? parts[1].toDouble(&okY) : 0.0;
        if (!okX || !okY || !std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e6 ||
            std::abs(y) > 1e6)
            return fileError(path, QStringLiteral("line %1 is not an 'x y' point").arg(lineNumber));
        polygon.push_back({x, y});
    }
    if (polygon.size() < 3)
        return fileError(path, QStringLiteral("contour has fewer than 3 points"));
    return polygon;
}

Result<bool> writeSunnybrookContour(const QString& path, const Polygon& polygon) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fileError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    QByteArray text;
    for (const Point2& p : polygon)
        text += QByteArray::number(p.x, 'f', 2) + ' ' + QByteArray::number(p.y, 'f', 2) + '\n';
    if (file.write(text) != text.size())
        return fileError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    return true;
}

Polygon sunnybrookContourFromLabels(const Mask2D& internalLabels, SunnybrookContourKind kind) {
    const std::uint8_t lv = labelValue(CardiacLabel::LvBloodPool);
    const std::uint8_t both[2] = {lv, labelValue(CardiacLabel::LvMyocardium)};
    const auto outlines =
        kind == SunnybrookContourKind::Inner
            ? MaskContourTracer::trace(internalLabels, lv)
            : MaskContourTracer::trace(internalLabels, std::span<const std::uint8_t>(both));
    Polygon largest;
    for (const Polygon& p : outlines)
        if (signedArea(p) > signedArea(largest))
            largest = p;
    return largest;
}

} // namespace cardiolens::imaging
