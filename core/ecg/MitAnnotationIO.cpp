#include "ecg/MitAnnotationIO.h"

#include "common/SafeFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace cardiolens::ecg {

namespace {

// Pseudo-annotation types (annot(5)).
constexpr int kSkip = 59, kNum = 60, kSub = 61, kChn = 62, kAux = 63;
constexpr int kMaxStep = 1023;
constexpr qint64 kMaxAnnotationBytes = qint64(1) << 31;

int signed10(int v) {
    return v >= 512 ? v - 1024 : v;
}

void putWord(QByteArray& out, int type, int value) {
    const std::uint32_t w = (std::uint32_t(type) << 10) | (std::uint32_t(value) & 0x3FF);
    out.append(char(w & 0xFF));
    out.append(char((w >> 8) & 0xFF));
}
void putRawWord(QByteArray& out, std::uint32_t w) {
    out.append(char(w & 0xFF));
    out.append(char((w >> 8) & 0xFF));
}

QString recordBase(const QString& recordPath) {
    const QFileInfo fi(recordPath);
    const bool known = QFileInfo(recordPath).isFile();
    const QString base = known ? fi.completeBaseName() : fi.fileName();
    return fi.dir().filePath(base);
}

} // namespace

Result<std::vector<Annotation>> MitAnnotationIO::parse(const QByteArray& bytes,
                                                       const QString& source) {
    std::vector<Annotation> out;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qint64 n = bytes.size();
    qint64 pos = 0;
    auto word = [&](qint64 at) {
        return int(p[at]) | int(p[at + 1]) << 8;
    };
    std::int64_t time = 0;
    int chan = 0, num = 0;         // Persist from one annotation to the next.
    Annotation* current = nullptr; // Pseudo-annotations modify the annotation before them.
    bool ended = false;
    while (pos + 2 <= n) {
        const int w = word(pos);
        pos += 2;
        const int type = w >> 10, value = w & 0x3FF;
        if (w == 0) {
            ended = true;
            break;
        }
        switch (type) {
        case kSkip: {
            if (pos + 4 > n)
                return fileError(source, QStringLiteral("truncated SKIP at byte %1").arg(pos - 2));
            const std::int32_t step =
                std::int32_t(std::uint32_t(word(pos)) << 16 | std::uint32_t(word(pos + 2)));
            time += step;
            pos += 4;
            break;
        }
        case kNum:
            if (!current)
                return fileError(source, QStringLiteral("NUM before any annotation"));
            num = current->number = signed10(value);
            break;
        case kSub:
            if (!current)
                return fileError(source, QStringLiteral("SUB before any annotation"));
            current->subtype = signed10(value);
            break;
        case kChn:
            if (!current)
                return fileError(source, QStringLiteral("CHN before any annotation"));
            chan = current->channel = value;
            break;
        case kAux: {
            if (!current)
                return fileError(source, QStringLiteral("AUX before any annotation"));
            if (pos + value > n)
                return fileError(source,
                                 QStringLiteral("truncated AUX string at byte %1").arg(pos));
            current->aux = QByteArray(bytes.constData() + pos, value);
            pos += value + (value & 1);
            break;
        }
        default: {
            if (type > AnnotationCodes::MaxCode)
                return fileError(
                    source,
                    QStringLiteral("invalid annotation type %1 at byte %2").arg(type).arg(pos - 2));
            time += value;
            if (time < 0)
                return fileError(
                    source, QStringLiteral("negative annotation time at byte %1").arg(pos - 2));
            Annotation a;
            a.sample = time;
            a.code = type;
            a.channel = chan;
            a.number = num;
            out.push_back(a);
            current = &out.back();
            break;
        }
        }
    }
    if (!ended && pos != n)
        return fileError(source, QStringLiteral("odd number of bytes: truncated annotation file"));
    return out;
}

QByteArray MitAnnotationIO::serialize(const std::vector<Annotation>& annotations) {
    QByteArray out;
    out.reserve(qsizetype(annotations.size() * 2 + 2));
    std::int64_t previous = 0;
    int chan = 0, num = 0;
    for (const Annotation& a : annotations) {
        std::int64_t step = a.sample - previous;
        // The word (type 0, step 0) marks the end of the file, so a NOTQRS annotation keeps
        // a step of at least 1 by borrowing it from a SKIP.
        const std::int64_t minWordStep = a.code == 0 ? 1 : 0;
        if (step > kMaxStep || step < minWordStep) {
            putWord(out, kSkip, 0);
            const std::uint32_t s = std::uint32_t(std::int32_t(step - minWordStep));
            putRawWord(out, s >> 16);
            putRawWord(out, s & 0xFFFF);
            step = minWordStep;
        }
        putWord(out, a.code, int(step));
        if (a.subtype != 0)
            putWord(out, kSub, a.subtype);
        if (a.channel != chan) {
            putWord(out, kChn, a.channel);
            chan = a.channel;
        }
        if (a.number != num) {
            putWord(out, kNum, a.number);
            num = a.number;
        }
        if (!a.aux.isEmpty()) {
            const int len = int(std::min<qsizetype>(a.aux.size(), 255));
            putWord(out, kAux, len);
            out.append(a.aux.left(len));
            if (len & 1)
                out.append('\0');
        }
        previous = a.sample;
    }
    putRawWord(out, 0);
    return out;
}

Result<AnnotationSet> MitAnnotationIO::read(const QString& path) {
    auto bytes = SafeFile::readAll(path, kMaxAnnotationBytes, QStringLiteral("annotation file"));
    if (!bytes)
        return bytes.error();
    auto items = parse(bytes.value(), path);
    if (!items)
        return items.error();
    AnnotationSet set;
    set.annotator = QFileInfo(path).suffix();
    set.path = path;
    set.items = std::move(items.value());
    return set;
}

Result<AnnotationSet> MitAnnotationIO::read(const QString& recordPath, const QString& annotator) {
    const QString path = pathFor(recordPath, annotator);
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("no annotator '%1' for this record").arg(annotator));
    return read(path);
}

Result<bool> MitAnnotationIO::write(const QString& path,
                                    const std::vector<Annotation>& annotations) {
    for (std::size_t i = 1; i < annotations.size(); ++i)
        if (annotations[i].sample < annotations[i - 1].sample)
            return fileError(path,
                             QStringLiteral("annotations are not in time order (index %1)").arg(i));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    const QByteArray bytes = serialize(annotations);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fileError(path, QStringLiteral("write failed: %1").arg(file.errorString()));
    return true;
}

QString MitAnnotationIO::pathFor(const QString& recordPath, const QString& annotator) {
    return recordBase(recordPath) + QLatin1Char('.') + annotator;
}

QStringList MitAnnotationIO::annotatorsFor(const QString& recordPath, QStringList* skipped) {
    const QString base = recordBase(recordPath);
    const QFileInfo bi(base);
    static const QStringList notAnnotations = {
        QStringLiteral("hea"), QStringLiteral("dat"), QStringLiteral("mat"), QStringLiteral("xyz"),
        QStringLiteral("csv"), QStringLiteral("edf"), QStringLiteral("dcm"), QStringLiteral("txt")};
    QStringList found;
    const QStringList names =
        bi.dir().entryList({bi.fileName() + QStringLiteral(".*")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        const QString ext = name.mid(bi.fileName().size() + 1);
        if (ext.isEmpty() || ext.contains(QLatin1Char('.')) ||
            notAnnotations.contains(ext.toLower()))
            continue;
        const QString path = bi.dir().filePath(name);
        const auto annotations = read(path);
        if (annotations)
            found << ext;
        else if (skipped)
            *skipped << annotations.error().describe();
    }
    return found;
}

} // namespace cardiolens::ecg
