#include "inference/EcgReferenceScore.h"

#include "ecg/AamiClass.h"
#include "ecg/dsp/BeatMatching.h"

#include <QFile>

#include <cmath>

namespace cardiolens::inference {

QStringList EcgReferenceScore::classCodes(const ModelManifest& model) {
    QStringList out;
    for (const OutputLabel& l : model.labels)
        out << l.code;
    return out;
}

namespace {
// Model class of a beat annotation code: the class whose code is the beat's AAMI class.
int beatClass(const QStringList& classes, int mitCode) {
    const ecg::AamiClass a = ecg::aamiClassOf(mitCode);
    if (a == ecg::AamiClass::None)
        return -1;
    return int(classes.indexOf(QString(QChar(char(a)))));
}
} // namespace

ClassificationTally EcgReferenceScore::beats(const InferenceResult& result,
                                             const ModelManifest& model,
                                             const ecg::AnnotationSet& reference) {
    const QStringList classes = classCodes(model);
    ClassificationTally tally(classes);
    struct Beat {
        std::int64_t sample;
        int cls;
    };
    std::vector<Beat> ref, pred;
    for (const ecg::Annotation& a : reference.items)
        if (ecg::isBeatCode(a.code))
            ref.push_back({a.sample, beatClass(classes, a.code)});
    for (const ecg::Annotation& a : result.annotations)
        pred.push_back({a.sample, beatClass(classes, a.code)});
    auto bySample = [](const Beat& a, const Beat& b) {
        return a.sample < b.sample;
    };
    std::stable_sort(ref.begin(), ref.end(), bySample);
    std::stable_sort(pred.begin(), pred.end(), bySample);
    const std::int64_t window = std::llround(0.15 * result.frameRate);
    std::vector<bool> used(pred.size(), false);
    std::size_t first = 0;
    for (const Beat& r : ref) {
        while (first < pred.size() && pred[first].sample < r.sample - window)
            ++first;
        std::size_t best = pred.size();
        for (std::size_t k = first; k < pred.size() && pred[k].sample <= r.sample + window; ++k)
            if (!used[k] && (best == pred.size() || std::llabs(pred[k].sample - r.sample) <
                                                        std::llabs(pred[best].sample - r.sample)))
                best = k;
        if (best < pred.size())
            used[best] = true;
        // Reference beats of no model class (unclassifiable codes) are left out, with their
        // pair, rather than counted against the model.
        if (r.cls >= 0)
            tally.add(r.cls, best < pred.size() ? pred[best].cls : -1);
    }
    for (std::size_t k = 0; k < pred.size(); ++k)
        if (!used[k])
            tally.add(-1, pred[k].cls);
    return tally;
}

int EcgReferenceScore::recordClass(const ModelManifest& model, const QString& referenceCode) {
    const QStringList classes = classCodes(model);
    for (int i = 0; i < classes.size(); ++i)
        if (classes[i].compare(referenceCode, Qt::CaseInsensitive) == 0)
            return i;
    const QString code = referenceCode.trimmed().toUpper();
    if (code == QLatin1String("A") || code == QLatin1String("AFIB")) {
        const int af = int(classes.indexOf(QStringLiteral("AF")));
        if (af >= 0)
            return af;
    }
    return int(classes.indexOf(QStringLiteral("other")));
}

ClassificationTally EcgReferenceScore::record(const InferenceResult& result,
                                              const ModelManifest& model,
                                              const QString& referenceCode) {
    ClassificationTally tally(classCodes(model));
    int predicted = -1;
    for (std::size_t i = 0; i < model.labels.size(); ++i)
        if (model.labels[i].name == result.predictedLabel)
            predicted = int(i);
    const int reference = recordClass(model, referenceCode);
    if (reference >= 0)
        tally.add(reference, predicted);
    return tally;
}

Result<QHash<QString, QString>> EcgReferenceScore::readReferenceCsv(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(
            path, QStringLiteral("cannot open the reference labels: %1").arg(f.errorString()));
    if (f.size() > (std::int64_t(64) << 20))
        return fileError(path, QStringLiteral("is over 64 MB: not a REFERENCE.csv"));
    QHash<QString, QString> out;
    int line = 0;
    while (!f.atEnd()) {
        ++line;
        const QString row = QString::fromUtf8(f.readLine()).trimmed();
        if (row.isEmpty())
            continue;
        const QStringList cells = row.split(QLatin1Char(','));
        if (cells.size() < 2 || cells[0].trimmed().isEmpty())
            return fileError(path, QStringLiteral("line %1 is not \"record,label\"").arg(line));
        out.insert(cells[0].trimmed(), cells[1].trimmed());
    }
    if (out.isEmpty())
        return fileError(path, QStringLiteral("holds no \"record,label\" rows"));
    return out;
}

} // namespace cardiolens::inference
