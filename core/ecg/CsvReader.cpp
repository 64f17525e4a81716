#include "ecg/CsvReader.h"

#include "common/SafeFile.h"

#include "ecg/MemorySignalSource.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace cardiolens::ecg {

namespace {

constexpr qint64 kMaxCsvBytes = qint64(2) << 30;
constexpr int kKaggleColumns = 188;
constexpr double kKaggleRate = 125.0;
constexpr int kMaxDecimals = 6;
// Leads a CSV record may have (EDF allows 4096 signals too); a Kaggle row has 188 cells.
constexpr qsizetype kMaxCsvColumns = 4096;
// Largest sample magnitude: int32 storage at gain 1. A larger value (1e300) would force
// the lead's gain so low that every other sample rounds to zero.
constexpr double kMaxCsvValue = 2.0e9;

char detectSeparator(const QByteArray& line) {
    const qsizetype commas = line.count(','), semis = line.count(';'), tabs = line.count('\t');
    if (tabs > commas && tabs > semis)
        return '\t';
    return semis > commas ? ';' : ',';
}

// A strict number: finite, nothing else in the cell. Also reports the decimals it uses.
bool parseNumber(const QByteArray& cell, double& value, int& decimals) {
    const QByteArray t = cell.trimmed();
    if (t.isEmpty())
        return false;
    bool ok = false;
    value = t.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return false;
    const qsizetype dot = t.indexOf('.');
    qsizetype exp = t.indexOf('e');
    if (exp < 0)
        exp = t.indexOf('E');
    const int frac = dot < 0 ? 0 : int((exp < 0 ? t.size() : exp) - dot - 1);
    const int e = exp < 0 ? 0 : t.mid(exp + 1).toInt();
    decimals = std::clamp(frac - e, 0, kMaxDecimals);
    return true;
}

struct Table {
    std::vector<QByteArray> header;
    std::vector<std::vector<double>> columns;
    std::vector<int> decimals;
};

Result<Table> parseTable(const QString& path, const QByteArray& bytes) {
    Table t;
    QList<QByteArray> lines = bytes.split('\n');
    while (!lines.isEmpty() && lines.back().trimmed().isEmpty())
        lines.pop_back();
    if (lines.isEmpty())
        return fileError(path, QStringLiteral("empty CSV file"));
    const char sep = detectSeparator(lines.front());
    const qsizetype width = lines.front().count(sep) + 1;
    if (width > kMaxCsvColumns)
        return fileError(path, QStringLiteral("%1 columns is more than the %2 leads a CSV record "
                                              "may have")
                                   .arg(width)
                                   .arg(kMaxCsvColumns));
    qsizetype row = 0;
    // Header if any cell of the first line is not a number.
    {
        const QList<QByteArray> cells = lines.front().split(sep);
        bool numeric = true;
        for (const auto& c : cells) {
            double v;
            int d;
            numeric = numeric && parseNumber(c, v, d);
        }
        if (!numeric) {
            for (const auto& c : cells)
                t.header.push_back(c.trimmed());
            row = 1;
        }
    }
    t.columns.resize(std::size_t(width));
    t.decimals.assign(std::size_t(width), 0);
    for (auto& c : t.columns)
        c.reserve(std::size_t(lines.size()));
    for (; row < lines.size(); ++row) {
        const QByteArray& line = lines[row];
        if (line.trimmed().isEmpty())
            return fileError(path, QStringLiteral("row %1 is empty").arg(row + 1));
        const QList<QByteArray> cells = line.split(sep);
        if (cells.size() != width)
            return fileError(path, QStringLiteral("row %1 has %2 columns, expected %3")
                                       .arg(row + 1)
                                       .arg(cells.size())
                                       .arg(width));
        for (qsizetype c = 0; c < width; ++c) {
            double v = 0;
            int d = 0;
            if (!parseNumber(cells[c], v, d)) {
                const QString name =
                    t.header.empty()
                        ? QString()
                        : QStringLiteral(" (%1)").arg(QString::fromUtf8(t.header[std::size_t(c)]));
                return fileError(path, QStringLiteral("row %1, column %2%3: '%4' is not a number")
                                           .arg(row + 1)
                                           .arg(c + 1)
                                           .arg(name)
                                           .arg(QString::fromUtf8(cells[c].trimmed().left(40))));
            }
            t.columns[std::size_t(c)].push_back(v);
            t.decimals[std::size_t(c)] = std::max(t.decimals[std::size_t(c)], d);
        }
    }
    if (t.columns.front().empty())
        return fileError(path, QStringLiteral("no data rows"));
    return t;
}

// Integer storage at the column's decimal resolution, coarser if int32 would overflow.
Lead quantize(const std::vector<double>& values, int decimals, std::vector<std::int32_t>& out) {
    double peak = 0;
    for (double v : values)
        peak = std::max(peak, std::abs(v));
    double gain = std::pow(10.0, decimals);
    while (gain > 1e-9 && peak * gain > 2.0e9)
        gain /= 10.0;
    out.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        out[i] = std::int32_t(std::llround(values[i] * gain));
    Lead l;
    l.gain = gain;
    l.baseline = 0;
    l.format = QStringLiteral("csv");
    return l;
}

bool isTimeColumn(const QString& name, double& toSeconds, bool& isIndex) {
    const QString n = name.toLower().remove(QLatin1Char('"')).trimmed();
    static const QRegularExpression timeRe(
        QStringLiteral("^(time|t|sec|secs|seconds|elapsed "
                       "time|timestamp)(\\s*[\\[(]?\\s*(s|sec|ms|msec)?\\s*[\\])]?)?$|"
                       "^time_(s|ms)$|^ms$"));
    static const QRegularExpression indexRe(QStringLiteral("^(sample|samples|index|sample #|n)$"));
    isIndex = indexRe.match(n).hasMatch();
    if (isIndex)
        return true;
    if (!timeRe.match(n).hasMatch())
        return false;
    toSeconds = n.contains(QLatin1String("ms")) || n.contains(QLatin1String("msec")) ? 1e-3 : 1.0;
    return true;
}

void splitUnits(const QString& header, QString& name, QString& units) {
    static const QRegularExpression re(QStringLiteral("^(.*?)\\s*[\\[(]([^\\])]+)[\\])]\\s*$"));
    const auto m = re.match(header);
    name = m.hasMatch() ? m.captured(1) : header;
    units = m.hasMatch() ? m.captured(2) : QStringLiteral("mV");
    name.remove(QLatin1Char('"'));
}

Result<EcgRecord> kaggleRecord(const QString& path, Table& t) {
    EcgRecord rec;
    const bool ptb = QFileInfo(path).fileName().contains(QLatin1String("ptb"), Qt::CaseInsensitive);
    const std::size_t rows = t.columns.front().size();
    const std::size_t beat = kKaggleColumns - 1;
    std::vector<double> values;
    values.reserve(rows * beat);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < beat; ++c)
            values.push_back(t.columns[c][r]);
    int decimals = 0;
    for (std::size_t c = 0; c < beat; ++c)
        decimals = std::max(decimals, t.decimals[c]);
    std::vector<std::vector<std::int32_t>> leads(1);
    Lead lead = quantize(values, decimals, leads[0]);
    lead.name = QStringLiteral("beat");
    lead.units = QStringLiteral("NU");
    rec.leads.push_back(lead);
    rec.frameRate = kKaggleRate;
    rec.formatName = QStringLiteral("CSV");
    rec.comments << (ptb ? QStringLiteral("Kaggle PTB heartbeat CSV: %1 beats of 187 samples")
                         : QStringLiteral("Kaggle MIT-BIH heartbeat CSV: %1 beats of 187 samples"))
                        .arg(rows);
    AnnotationSet set;
    set.annotator = QStringLiteral("csv");
    set.path = path;
    static const int mitCodes[] = {AnnotationCodes::Normal, AnnotationCodes::Svpb,
                                   AnnotationCodes::Pvc, AnnotationCodes::Fusion,
                                   AnnotationCodes::Unknown};
    for (std::size_t r = 0; r < rows; ++r) {
        const int label = int(t.columns[beat][r]);
        Annotation a;
        a.sample = std::int64_t(r * beat);
        a.number = label;
        if (ptb) {
            a.code = AnnotationCodes::Note;
            a.aux = label ? QByteArray("abnormal") : QByteArray("normal");
        } else {
            a.code = mitCodes[label];
        }
        set.items.push_back(a);
    }
    rec.annotations.push_back(std::move(set));
    rec.source = std::make_shared<MemorySignalSource>(std::move(leads));
    rec.frameCount = rec.source->frameCount();
    return rec;
}

bool looksLikeKaggle(const Table& t) {
    if (!t.header.empty() || t.columns.size() != kKaggleColumns)
        return false;
    for (double v : t.columns.back())
        if (v != std::floor(v) || v < 0 || v > 4)
            return false;
    return true;
}

} // namespace

Result<EcgRecord> CsvReader::open(const QString& path, const Options& options) {
    auto read = SafeFile::readAll(path, kMaxCsvBytes, QStringLiteral("CSV record"));
    if (!read)
        return read.error();
    QByteArray& bytes = read.value();
    if (bytes.contains('\0'))
        return fileError(path, QStringLiteral("binary data: not a CSV file"));
    bytes.replace('\r', "");
    auto table = parseTable(path, bytes);
    if (!table)
        return table.error();
    Table& t = table.value();
    if (looksLikeKaggle(t)) {
        auto rec = kaggleRecord(path, t);
        if (rec) {
            rec->sourcePath = path;
            rec->name = QFileInfo(path).completeBaseName();
        }
        return rec;
    }

    EcgRecord rec;
    rec.sourcePath = path;
    rec.name = QFileInfo(path).completeBaseName();
    rec.formatName = QStringLiteral("CSV");
    int timeColumn = -1;
    double toSeconds = 1.0;
    bool isIndex = false;
    if (!t.header.empty() && isTimeColumn(QString::fromUtf8(t.header.front()), toSeconds, isIndex))
        timeColumn = 0;
    rec.frameRate = options.samplingRate > 0 ? options.samplingRate : 250.0;
    if (timeColumn == 0 && !isIndex) {
        const auto& time = t.columns.front();
        std::vector<double> steps;
        for (std::size_t i = 1; i < time.size(); ++i)
            steps.push_back(time[i] - time[i - 1]);
        if (steps.empty() && options.samplingRate <= 0)
            return fileError(path,
                             QStringLiteral("one row: the time column gives no sampling rate"));
        if (!steps.empty()) {
            std::nth_element(steps.begin(), steps.begin() + std::ptrdiff_t(steps.size() / 2),
                             steps.end());
            const double step = steps[steps.size() / 2] * toSeconds;
            if (!(step > 0))
                return fileError(path, QStringLiteral("time column does not increase"));
            rec.frameRate = std::round(1.0 / step * 1e6) / 1e6;
            for (std::size_t i = 1; i < time.size(); ++i)
                if (time[i] <= time[i - 1])
                    return fileError(
                        path, QStringLiteral("time column goes backwards at row %1").arg(i + 2));
        }
    } else if (options.samplingRate <= 0) {
        rec.warnings << QStringLiteral("no time column: sampling rate assumed to be 250 Hz");
    }
    std::vector<std::vector<std::int32_t>> leads;
    for (std::size_t c = timeColumn == 0 ? 1 : 0; c < t.columns.size(); ++c) {
        const auto& column = t.columns[c];
        const auto outlier = std::find_if(column.begin(), column.end(),
                                          [](double v) { return std::abs(v) > kMaxCsvValue; });
        if (outlier != column.end())
            return fileError(path, QStringLiteral("row %1, column %2: %3 is out of range for a "
                                                  "signal value (at most %4 in magnitude)")
                                       .arg(outlier - column.begin() + (t.header.empty() ? 1 : 2))
                                       .arg(c + 1)
                                       .arg(*outlier)
                                       .arg(kMaxCsvValue));
        leads.emplace_back();
        Lead lead = quantize(t.columns[c], t.decimals[c], leads.back());
        if (t.header.empty()) {
            lead.name = QStringLiteral("col%1").arg(c + 1);
        } else {
            splitUnits(QString::fromUtf8(t.header[c]).trimmed(), lead.name, lead.units);
        }
        rec.leads.push_back(lead);
    }
    if (rec.leads.empty())
        return fileError(path, QStringLiteral("no signal columns besides time"));
    rec.source = std::make_shared<MemorySignalSource>(std::move(leads));
    rec.frameCount = rec.source->frameCount();
    return rec;
}

} // namespace cardiolens::ecg
