#include "ecg/WfdbHeader.h"

#include "common/SafeFile.h"

#include <QFile>
#include <QRegularExpression>

namespace cardiolens::ecg {

namespace {

constexpr qint64 kMaxHeaderBytes = 16 * 1024 * 1024;

QStringList splitFields(const QString& line) {
    static const QRegularExpression ws(QStringLiteral("[ \\t]+"));
    return line.trimmed().split(ws, Qt::SkipEmptyParts);
}

// Dates appear as DD/MM/YYYY (the specification) but CinC 2020/2021 headers also use
// forms such as DD-MMM-YYYY or YYYY-MM-DD; accept them and note the deviation.
std::optional<QDate> parseDate(const QString& s, QStringList& warnings) {
    for (const char* fmt : {"dd/MM/yyyy", "d/M/yyyy"}) {
        QDate d = QDate::fromString(s, QString::fromLatin1(fmt));
        if (d.isValid())
            return d;
    }
    for (const char* fmt : {"yyyy-MM-dd", "dd-MMM-yyyy", "d-MMM-yyyy", "dd-MM-yyyy", "yyyy/MM/dd",
                            "dd.MM.yyyy", "d.M.yyyy", "dd-MMM-yy", "dd/MM/yy"}) {
        QDate d = QDate::fromString(s, QString::fromLatin1(fmt));
        if (d.isValid()) {
            warnings << QStringLiteral("non-standard base date '%1'").arg(s);
            return d;
        }
    }
    warnings << QStringLiteral("unreadable base date '%1' ignored").arg(s);
    return std::nullopt;
}

std::optional<QTime> parseTime(const QString& s, QStringList& warnings) {
    for (const char* fmt : {"H:mm:ss.zzz", "H:mm:ss", "H:mm:ss.z", "H:mm:ss.zz", "H:m:s", "H:m:s.z",
                            "H:m:s.zzz", "m:ss", "H:mm"}) {
        QTime t = QTime::fromString(s, QString::fromLatin1(fmt));
        if (t.isValid())
            return t;
    }
    // Fractions longer than milliseconds ("10:20:30.123456"): keep milliseconds.
    static const QRegularExpression longFraction(QStringLiteral("^(\\d+:\\d+:\\d+\\.\\d{3})\\d+$"));
    if (const auto m = longFraction.match(s); m.hasMatch())
        return parseTime(m.captured(1), warnings);
    warnings << QStringLiteral("unreadable base time '%1' ignored").arg(s);
    return std::nullopt;
}

bool isUnknownToken(const QString& s) {
    return s.compare(QLatin1String("NaN"), Qt::CaseInsensitive) == 0 ||
           s.compare(QLatin1String("unknown"), Qt::CaseInsensitive) == 0 || s == QLatin1String("-");
}

bool toInt(const QString& s, int& out) {
    bool ok = false;
    out = s.toInt(&ok);
    return ok;
}

// "212", "16x4", "16+24", "16x1+24", "212:3" -> format, samples per frame, skew, offset.
bool parseFormatField(const QString& field, WfdbSignalSpec& sig) {
    static const QRegularExpression re(
        QStringLiteral("^(\\d+)(?:x(\\d+))?(?::(\\d+))?(?:\\+(\\d+))?$"));
    const auto m = re.match(field);
    if (!m.hasMatch())
        return false;
    sig.format = m.captured(1).toInt();
    if (m.hasCaptured(2))
        sig.samplesPerFrame = std::max(1, m.captured(2).toInt());
    if (m.hasCaptured(3))
        sig.skew = m.captured(3).toInt();
    if (m.hasCaptured(4))
        sig.byteOffset = m.captured(4).toLongLong();
    return true;
}

// "200", "200(0)", "1000.0(0)/mV", "1.052e+04/mV", "1000/mV".
bool parseGainField(const QString& field, WfdbSignalSpec& sig, bool& baselineGiven) {
    static const QRegularExpression re(
        QStringLiteral("^([-+0-9.eE]+)(?:\\((-?\\d+)\\))?(?:/(\\S+))?$"));
    const auto m = re.match(field);
    if (!m.hasMatch())
        return false;
    bool ok = false;
    const double g = m.captured(1).toDouble(&ok);
    if (!ok)
        return false;
    sig.adcGain = g == 0.0 ? 200.0 : g;
    if (m.hasCaptured(2)) {
        sig.baseline = m.captured(2).toInt();
        baselineGiven = true;
    }
    if (m.hasCaptured(3))
        sig.units = m.captured(3);
    return true;
}

Result<WfdbSignalSpec> parseSignalLine(const QStringList& f, const QString& src, int lineNo) {
    const auto bad = [&](const QString& what) {
        return fileError(src, QStringLiteral("line %1: %2").arg(lineNo).arg(what));
    };
    WfdbSignalSpec sig;
    if (f.size() < 2)
        return bad(QStringLiteral("signal line needs at least a file name and a format"));
    sig.fileName = f[0];
    if (!parseFormatField(f[1], sig))
        return bad(QStringLiteral("unreadable format field '%1'").arg(f[1]));
    bool baselineGiven = false;
    if (f.size() > 2) {
        if (!parseGainField(f[2], sig, baselineGiven))
            return bad(QStringLiteral("unreadable gain field '%1'").arg(f[2]));
    } else {
        sig.gainWasDefault = true;
    }
    if (f.size() > 3 && !toInt(f[3], sig.adcResolution))
        return bad(QStringLiteral("unreadable ADC resolution '%1'").arg(f[3]));
    if (f.size() > 4 && !toInt(f[4], sig.adcZero))
        return bad(QStringLiteral("unreadable ADC zero '%1'").arg(f[4]));
    if (f.size() > 5) {
        int v = 0;
        if (!toInt(f[5], v))
            return bad(QStringLiteral("unreadable initial value '%1'").arg(f[5]));
        sig.initialValue = v;
    }
    if (f.size() > 6) {
        int v = 0;
        if (!toInt(f[6], v))
            return bad(QStringLiteral("unreadable checksum '%1'").arg(f[6]));
        if (v != 0) // 0 is what CinC 2017 writes when it did not compute one.
            sig.checksum = v;
    }
    if (f.size() > 7 && !toInt(f[7], sig.blockSize))
        return bad(QStringLiteral("unreadable block size '%1'").arg(f[7]));
    if (f.size() > 8)
        sig.description = f.mid(8).join(QLatin1Char(' '));
    if (!baselineGiven)
        sig.baseline = sig.adcZero;
    return sig;
}

} // namespace

Result<WfdbHeader> WfdbHeaderParser::parse(const QString& text, const QString& src) {
    WfdbHeader h;
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool haveRecordLine = false;
    int lineNo = 0;
    for (QString line : lines) {
        ++lineNo;
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('#'))) {
            h.comments << line.mid(1).trimmed();
            continue;
        }
        const QStringList f = splitFields(line);
        if (!haveRecordLine) {
            haveRecordLine = true;
            const QStringList nameParts = f[0].split(QLatin1Char('/'));
            h.recordName = nameParts[0];
            if (nameParts.size() > 1 && !toInt(nameParts[1], h.segmentCount))
                return fileError(src, QStringLiteral("line %1: bad segment count").arg(lineNo));
            if (f.size() < 2 || !toInt(f[1], h.signalCount) || h.signalCount < 0)
                return fileError(
                    src,
                    QStringLiteral("line %1: record line has no valid signal count").arg(lineNo));
            if (h.signalCount > 4096)
                return fileError(src, QStringLiteral("line %1: implausible signal count %2")
                                          .arg(lineNo)
                                          .arg(h.signalCount));
            if (f.size() > 2) {
                static const QRegularExpression freq(
                    QStringLiteral("^([0-9.eE+-]+)(?:/([0-9.eE+-]+)(?:\\(([-0-9.eE+]+)\\))?)?$"));
                const auto m = freq.match(f[2]);
                bool ok = false;
                const double fs = m.hasMatch() ? m.captured(1).toDouble(&ok) : 0.0;
                if (!ok || fs < 0)
                    return fileError(src, QStringLiteral("line %1: bad sampling frequency '%2'")
                                              .arg(lineNo)
                                              .arg(f[2]));
                if (fs > 0)
                    h.samplingFrequency = fs;
                if (m.hasCaptured(2))
                    h.counterFrequency = m.captured(2).toDouble();
                if (m.hasCaptured(3))
                    h.baseCounter = m.captured(3).toDouble();
            }
            if (f.size() > 3) {
                bool ok = false;
                h.samplesPerSignal = f[3].toLongLong(&ok);
                if (!ok || h.samplesPerSignal < 0)
                    return fileError(
                        src,
                        QStringLiteral("line %1: bad sample count '%2'").arg(lineNo).arg(f[3]));
            }
            // Base time then base date per the specification; CinC 2017/2020 headers put
            // the date first ("2014-05-08 05:05:15") or write "NaN": classify each token.
            for (qsizetype k = 4; k < std::min<qsizetype>(f.size(), 6); ++k) {
                const QString& token = f[k];
                if (isUnknownToken(token)) {
                    h.warnings << QStringLiteral("base date/time '%1' ignored").arg(token);
                } else if (token.contains(QLatin1Char(':'))) {
                    if (k == 5 && !h.baseTime)
                        h.warnings << QStringLiteral("base date written before base time");
                    h.baseTime = parseTime(token, h.warnings);
                } else {
                    h.baseDate = parseDate(token, h.warnings);
                }
            }
            continue;
        }
        if (h.segmentCount > 0) {
            if (int(h.segments.size()) >= h.segmentCount)
                continue; // Lines after the segment table: tolerate.
            WfdbHeader::Segment seg;
            seg.name = f[0];
            if (f.size() > 1)
                seg.samples = f[1].toLongLong();
            h.segments.push_back(seg);
            continue;
        }
        if (int(h.signalSpecs.size()) >= h.signalCount) {
            h.warnings << QStringLiteral("line %1: extra line after %2 signal lines ignored")
                              .arg(lineNo)
                              .arg(h.signalCount);
            continue;
        }
        auto sig = parseSignalLine(f, src, lineNo);
        if (!sig)
            return sig.error();
        h.signalSpecs.push_back(std::move(sig.value()));
    }
    if (!haveRecordLine)
        return fileError(src, QStringLiteral("no record line: not a WFDB header"));
    if (h.segmentCount == 0 && int(h.signalSpecs.size()) != h.signalCount)
        return fileError(
            src, QStringLiteral("record line promises %1 signals but %2 signal lines follow")
                     .arg(h.signalCount)
                     .arg(h.signalSpecs.size()));
    if (h.segmentCount > 0 && int(h.segments.size()) != h.segmentCount)
        return fileError(src, QStringLiteral("record line promises %1 segments but %2 are listed")
                                  .arg(h.segmentCount)
                                  .arg(h.segments.size()));
    return h;
}

Result<WfdbHeader> WfdbHeaderParser::parseFile(const QString& path) {
    auto bytes = SafeFile::readAll(path, kMaxHeaderBytes, QStringLiteral("WFDB header"));
    if (!bytes)
        return bytes.error();
    if (bytes->contains('\0'))
        return fileError(path, QStringLiteral("binary data: not a WFDB header"));
    return parse(QString::fromUtf8(bytes.value()), path);
}

} // namespace cardiolens::ecg
