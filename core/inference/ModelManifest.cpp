#include "inference/ModelManifest.h"
#include "inference/BeatRrFeatures.h"

#include "common/SafeFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <set>

namespace cardiolens::inference {

namespace {

constexpr qint64 kMaxManifestBytes = 1 << 20; // Manifests are a few KB; refuse anything huge.

template <typename E> struct Names {
    E value;
    const char* name;
};

constexpr Names<ModelTask> kTasks[] = {
    {ModelTask::EcgRecordClassification, "ecg-record-classification"},
    {ModelTask::EcgBeatClassification, "ecg-beat-classification"},
    {ModelTask::EcgDelineation, "ecg-delineation"},
    {ModelTask::Segmentation2d, "segmentation-2d"},
};
constexpr Names<Activation> kActivations[] = {
    {Activation::Softmax, "softmax"}, {Activation::Sigmoid, "sigmoid"}, {Activation::None, "none"}};
constexpr Names<Normalisation> kNormalisations[] = {{Normalisation::ZScore, "zscore"},
                                                    {Normalisation::MinMax, "minmax"},
                                                    {Normalisation::Percentile, "percentile"},
                                                    {Normalisation::None, "none"}};
constexpr Names<UncertaintyMethod> kUncertainty[] = {{UncertaintyMethod::Entropy, "entropy"},
                                                     {UncertaintyMethod::McDropout, "mc-dropout"},
                                                     {UncertaintyMethod::FlipTta, "flip-tta"}};

template <typename E, std::size_t N> QString allowed(const Names<E> (&table)[N]) {
    QStringList names;
    for (const auto& entry : table)
        names << QLatin1String(entry.name);
    return names.join(QStringLiteral(", "));
}

// Collects the first problem; every accessor names the field path ("input.shape").
class Reader {
public:
    explicit Reader(QString path) : m_path(std::move(path)) {}

    bool failed() const { return !m_problem.isEmpty(); }
    Error error() const { return fileError(m_path, m_problem); }
    void fail(const QString& field, const QString& why) {
        if (m_problem.isEmpty())
            m_problem = QStringLiteral("manifest field \"%1\" %2").arg(field, why);
    }

    QString string(const QJsonObject& o, const QString& key, const QString& field,
                   bool required = true) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(field, QStringLiteral("is missing"));
            return {};
        }
        if (!v.isString()) {
            fail(field, QStringLiteral("must be a string"));
            return {};
        }
        if (required && v.toString().trimmed().isEmpty())
            fail(field, QStringLiteral("must not be empty"));
        return v.toString();
    }

    double number(const QJsonObject& o, const QString& key, const QString& field, double fallback,
                  bool required) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(field, QStringLiteral("is missing"));
            return fallback;
        }
        if (!v.isDouble()) {
            fail(field, QStringLiteral("must be a number"));
            return fallback;
        }
        return v.toDouble();
    }

    int integer(const QJsonObject& o, const QString& key, const QString& field, int fallback,
                bool required) {
        const double d = number(o, key, field, fallback, required);
        if (d != double(int(d))) {
            fail(field, QStringLiteral("must be an integer"));
            return fallback;
        }
        return int(d);
    }

    template <typename E, std::size_t N>
    E choice(const QJsonObject& o, const QString& key, const QString& field,
             const Names<E> (&table)[N], E fallback, bool required) {
        const QString s = string(o, key, field, required);
        if (s.isEmpty())
            return fallback;
        for (const auto& entry : table)
            if (s == QLatin1String(entry.name))
                return entry.value;
        fail(field, QStringLiteral("is \"%1\"; expected one of %2").arg(s, allowed(table)));
        return fallback;
    }

    QJsonObject object(const QJsonObject& o, const QString& key, const QString& field,
                       bool required) {
        return member(o, key, field, required, QJsonValue::Object, QStringLiteral("an object"))
            .toObject();
    }

    QJsonArray array(const QJsonObject& o, const QString& key, const QString& field,
                     bool required) {
        return member(o, key, field, required, QJsonValue::Array, QStringLiteral("an array"))
            .toArray();
    }

private:
    // A member of the given JSON type; a missing required one or a wrong type is a failure.
    QJsonValue member(const QJsonObject& o, const QString& key, const QString& field, bool required,
                      QJsonValue::Type type, const QString& typeName) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(field, QStringLiteral("is missing"));
            return {};
        }
        if (v.type() != type)
            fail(field, QStringLiteral("must be %1").arg(typeName));
        return v;
    }

    QString m_path;
    QString m_problem;
};

void readNormalisation(Reader& r, const QJsonObject& in, InputContract& c) {
    const QJsonObject norm =
        r.object(in, QStringLiteral("normalisation"), QStringLiteral("input.normalisation"), false);
    c.normalisation =
        r.choice(norm, QStringLiteral("method"), QStringLiteral("input.normalisation.method"),
                 kNormalisations, Normalisation::None, false);
    c.normLow =
        r.number(norm, QStringLiteral("low"), QStringLiteral("input.normalisation.low"), 1, false);
    c.normHigh = r.number(norm, QStringLiteral("high"), QStringLiteral("input.normalisation.high"),
                          99, false);
    if (!r.failed() && c.normalisation == Normalisation::Percentile &&
        !(0 <= c.normLow && c.normLow < c.normHigh && c.normHigh <= 100))
        r.fail(QStringLiteral("input.normalisation"),
               QStringLiteral("needs 0 <= low < high <= 100 for percentile normalisation"));
}

void readRrFeatures(Reader& r, const QJsonObject& in, ModelManifest& m) {
    InputContract& c = m.input;
    const QJsonValue v = in.value(QStringLiteral("rr_features"));
    if (v.isUndefined() || r.failed())
        return;
    if (m.task != ModelTask::EcgBeatClassification) {
        r.fail(QStringLiteral("input.rr_features"),
               QStringLiteral("is for beat classification models only"));
        return;
    }
    for (const QJsonValue& name : v.toArray()) {
        if (!BeatRrFeatures::names().contains(name.toString())) {
            r.fail(QStringLiteral("input.rr_features"),
                   QStringLiteral("must name features from %1")
                       .arg(BeatRrFeatures::names().join(QStringLiteral(", "))));
            return;
        }
        c.rrFeatures << name.toString();
    }
    if (!v.isArray() || c.rrFeatures.isEmpty())
        r.fail(QStringLiteral("input.rr_features"),
               QStringLiteral("must be a non-empty list of feature names"));
    c.rrLocalBeats = r.integer(in, QStringLiteral("rr_local_beats"),
                               QStringLiteral("input.rr_local_beats"), 10, false);
    if (!r.failed() && (c.rrLocalBeats < 1 || c.rrLocalBeats > 10000))
        r.fail(QStringLiteral("input.rr_local_beats"), QStringLiteral("must be in [1, 10000]"));
}

void readEcgInput(Reader& r, const QJsonObject& in, ModelManifest& m) {
    InputContract& c = m.input;
    const QJsonArray leads =
        r.array(in, QStringLiteral("leads"), QStringLiteral("input.leads"), true);
    for (const QJsonValue& v : leads) {
        if (!v.isString() || v.toString().isEmpty()) {
            r.fail(QStringLiteral("input.leads"), QStringLiteral("must hold lead names"));
            return;
        }
        c.leads << v.toString();
    }
    if (!r.failed() && c.leads.isEmpty())
        r.fail(QStringLiteral("input.leads"), QStringLiteral("must name at least one lead"));
    c.samplingRateHz = r.number(in, QStringLiteral("sampling_rate_hz"),
                                QStringLiteral("input.sampling_rate_hz"), 0, true);
    if (!r.failed() && !(c.samplingRateHz > 0 && c.samplingRateHz <= 100000))
        r.fail(QStringLiteral("input.sampling_rate_hz"), QStringLiteral("must be in (0, 100000]"));
    c.windowSamples = r.integer(in, QStringLiteral("window_samples"),
                                QStringLiteral("input.window_samples"), 0, true);
    if (!r.failed() && (c.windowSamples <= 0 || c.windowSamples > 10'000'000))
        r.fail(QStringLiteral("input.window_samples"), QStringLiteral("must be positive"));
    const QJsonValue centred = in.value(QStringLiteral("beat_centred"));
    if (!centred.isUndefined() && !centred.isBool())
        r.fail(QStringLiteral("input.beat_centred"), QStringLiteral("must be true or false"));
    c.beatCentred = centred.toBool(m.task == ModelTask::EcgBeatClassification);
    c.strideSamples = r.integer(in, QStringLiteral("stride_samples"),
                                QStringLiteral("input.stride_samples"), c.windowSamples, false);
    // Beat windows sit on beats, so a beat model may leave the stride at 0.
    if (!r.failed() && c.strideSamples == 0 && m.task == ModelTask::EcgBeatClassification)
        c.strideSamples = c.windowSamples;
    if (!r.failed() && c.strideSamples <= 0)
        r.fail(QStringLiteral("input.stride_samples"), QStringLiteral("must be positive"));
    c.beatOffsetSamples =
        r.integer(in, QStringLiteral("beat_window_before_samples"),
                  QStringLiteral("input.beat_window_before_samples"), c.windowSamples / 2, false);
    if (!r.failed() && (c.beatOffsetSamples < 0 || c.beatOffsetSamples > c.windowSamples))
        r.fail(QStringLiteral("input.beat_window_before_samples"),
               QStringLiteral("must lie within the window"));
    readRrFeatures(r, in, m);
    readNormalisation(r, in, c);
}

void readImageInput(Reader& r, const QJsonObject& in, ModelManifest& m) {
    InputContract& c = m.input;
    c.channels =
        r.integer(in, QStringLiteral("channels"), QStringLiteral("input.channels"), 1, false);
    if (!r.failed() && c.channels != 1)
        r.fail(QStringLiteral("input.channels"), QStringLiteral("must be 1 (grey-level slices)"));
    const QJsonArray size = r.array(in, QStringLiteral("size"), QStringLiteral("input.size"), true);
    if (!r.failed()) {
        if (size.size() != 2 || !size[0].isDouble() || !size[1].isDouble() ||
            size[0].toDouble() < 1 || size[1].toDouble() < 1 || size[0].toDouble() > 4096 ||
            size[1].toDouble() > 4096)
            r.fail(QStringLiteral("input.size"),
                   QStringLiteral("must be [height, width] in 1..4096"));
        else {
            c.height = size[0].toInt();
            c.width = size[1].toInt();
        }
    }
    // "modality": "MR" or ["MR", "CT"]: what the images must be (checked when known).
    const QJsonValue modality = in.value(QStringLiteral("modality"));
    if (modality.isString())
        c.modalities << modality.toString().toUpper();
    else if (modality.isArray())
        for (const QJsonValue& v : modality.toArray()) {
            if (!v.isString()) {
                r.fail(QStringLiteral("input.modality"),
                       QStringLiteral("must be a DICOM modality code or a list of them"));
                break;
            }
            c.modalities << v.toString().toUpper();
        }
    else if (!modality.isUndefined() && !modality.isNull())
        r.fail(QStringLiteral("input.modality"),
               QStringLiteral("must be a DICOM modality code or a list of them"));
    readNormalisation(r, in, c);
}

} // namespace

QString taskName(ModelTask task) {
    for (const auto& entry : kTasks)
        if (entry.value == task)
            return QLatin1String(entry.name);
    return {};
}

QString uncertaintyMethodName(UncertaintyMethod method) {
    for (const auto& entry : kUncertainty)
        if (entry.value == method)
            return QLatin1String(entry.name);
    return {};
}

std::vector<std::int64_t> ModelManifest::concreteInputShape() const {
    std::vector<std::int64_t> shape = input.shape;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] >= 0)
            continue;
        const bool last = i + 1 == shape.size();
        if (isEcg() && last)
            shape[i] = input.rowLength();
        else if (!isEcg() && i + 2 == shape.size())
            shape[i] = input.height;
        else if (!isEcg() && last)
            shape[i] = input.width;
        else
            shape[i] = 1;
    }
    return shape;
}

Result<ModelManifest> ModelManifest::read(const QString& path) {
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("model manifest not found"));
    auto bytes = SafeFile::readAll(path, kMaxManifestBytes, QStringLiteral("model manifest"));
    if (!bytes)
        return bytes.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fileError(path, QStringLiteral("model manifest is not valid JSON: %1 at offset %2")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset));
    if (!doc.isObject())
        return fileError(path, QStringLiteral("model manifest must be a JSON object"));
    return fromJson(doc.object(), QFileInfo(path).absoluteFilePath());
}

Result<ModelManifest> ModelManifest::fromJson(const QJsonObject& json, const QString& path) {
    Reader r(path);
    ModelManifest m;
    m.manifestPath = path;
    m.name = r.string(json, QStringLiteral("name"), QStringLiteral("name"));
    m.version = r.string(json, QStringLiteral("version"), QStringLiteral("version"));
    m.task = r.choice(json, QStringLiteral("task"), QStringLiteral("task"), kTasks,
                      ModelTask::EcgRecordClassification, true);
    m.file = r.string(json, QStringLiteral("file"), QStringLiteral("file"));
    m.description =
        r.string(json, QStringLiteral("description"), QStringLiteral("description"), false);
    m.licence = r.string(json, QStringLiteral("licence"), QStringLiteral("licence"), false);
    m.trainingData =
        r.string(json, QStringLiteral("training_data"), QStringLiteral("training_data"), false);
    m.metrics = r.object(json, QStringLiteral("metrics"), QStringLiteral("metrics"), false);
    if (r.failed())
        return r.error();
    if (m.name.contains(QLatin1Char('@')) || m.name.contains(QLatin1Char('/')))
        r.fail(QStringLiteral("name"), QStringLiteral("must not contain '@' or '/'"));
    m.modelPath = QDir::cleanPath(QDir(QFileInfo(path).absolutePath()).absoluteFilePath(m.file));

    const QJsonObject in = r.object(json, QStringLiteral("input"), QStringLiteral("input"), true);
    if (r.failed())
        return r.error();
    const QString dtype = r.string(in, QStringLiteral("dtype"), QStringLiteral("input.dtype"));
    if (dtype == QLatin1String("float32"))
        m.input.dtype = DType::Float32;
    else if (dtype == QLatin1String("float64"))
        m.input.dtype = DType::Float64;
    else if (!r.failed())
        r.fail(QStringLiteral("input.dtype"),
               QStringLiteral("is \"%1\"; expected float32 or float64").arg(dtype));
    const QJsonArray shape =
        r.array(in, QStringLiteral("shape"), QStringLiteral("input.shape"), true);
    if (r.failed())
        return r.error();
    if (shape.isEmpty() || shape.size() > 5)
        r.fail(QStringLiteral("input.shape"), QStringLiteral("must have 1 to 5 dimensions"));
    for (const QJsonValue& v : shape) {
        const double d = v.toDouble(0);
        if (!v.isDouble() || d != double(std::int64_t(d)) || d == 0 || d < -1 || d > 1e7) {
            r.fail(QStringLiteral("input.shape"),
                   QStringLiteral("must hold positive sizes or -1 (variable)"));
            break;
        }
        m.input.shape.push_back(std::int64_t(d));
    }
    if (r.failed())
        return r.error();
    if (m.isEcg()) {
        readEcgInput(r, in, m);
        if (!r.failed() && m.input.shape.size() != 3)
            r.fail(QStringLiteral("input.shape"),
                   QStringLiteral("must be [batch, leads, samples] for ECG tasks"));
        if (!r.failed() && m.input.shape[1] > 0 && m.input.leads.size() != 1 &&
            m.input.shape[1] != m.input.leads.size())
            r.fail(QStringLiteral("input.leads"),
                   QStringLiteral("names %1 leads but input.shape has %2")
                       .arg(m.input.leads.size())
                       .arg(m.input.shape[1]));
        if (!r.failed() && m.input.shape[2] > 0 && m.input.shape[2] != m.input.rowLength())
            r.fail(QStringLiteral("input.window_samples"),
                   QStringLiteral("is %1 (+ %2 RR features) but input.shape fixes %3 values")
                       .arg(m.input.windowSamples)
                       .arg(m.input.rrFeatures.size())
                       .arg(m.input.shape[2]));
    } else {
        readImageInput(r, in, m);
        if (!r.failed() && m.input.shape.size() != 4)
            r.fail(QStringLiteral("input.shape"),
                   QStringLiteral("must be [batch, channels, height, width] for segmentation"));
    }
    if (r.failed())
        return r.error();

    const QJsonObject out =
        r.object(json, QStringLiteral("output"), QStringLiteral("output"), true);
    m.activation = r.choice(out, QStringLiteral("activation"), QStringLiteral("output.activation"),
                            kActivations, Activation::None, true);
    // Delineation: shorter runs of a wave class are argmax flicker at wave borders, not waves.
    m.minWaveMs = r.number(out, QStringLiteral("min_wave_ms"), QStringLiteral("output.min_wave_ms"),
                           0.0, false);
    if (!r.failed() && (m.minWaveMs < 0 || m.minWaveMs > 1000))
        r.fail(QStringLiteral("output.min_wave_ms"), QStringLiteral("must be 0..1000"));
    const QJsonArray labels =
        r.array(out, QStringLiteral("labels"), QStringLiteral("output.labels"), true);
    if (r.failed())
        return r.error();
    std::set<int> indices;
    for (int i = 0; i < labels.size() && !r.failed(); ++i) {
        const QString field = QStringLiteral("output.labels[%1]").arg(i);
        if (!labels[i].isObject()) {
            r.fail(field, QStringLiteral("must be an object"));
            break;
        }
        const QJsonObject o = labels[i].toObject();
        OutputLabel label;
        label.index =
            r.integer(o, QStringLiteral("index"), field + QStringLiteral(".index"), 0, true);
        label.name = r.string(o, QStringLiteral("name"), field + QStringLiteral(".name"));
        label.code = r.string(o, QStringLiteral("code"), field + QStringLiteral(".code"), false);
        if (!r.failed() && (label.index < 0 || !indices.insert(label.index).second))
            r.fail(field + QStringLiteral(".index"), QStringLiteral("must be unique and >= 0"));
        m.labels.push_back(label);
    }
    if (!r.failed() && m.labels.empty())
        r.fail(QStringLiteral("output.labels"), QStringLiteral("must list at least one class"));
    if (!r.failed() && *indices.rbegin() != int(m.labels.size()) - 1)
        r.fail(QStringLiteral("output.labels"),
               QStringLiteral("indices must run 0..%1 without gaps").arg(m.labels.size() - 1));

    const QJsonObject thresholds =
        r.object(json, QStringLiteral("thresholds"), QStringLiteral("thresholds"), false);
    for (auto it = thresholds.begin(); it != thresholds.end() && !r.failed(); ++it) {
        if (!it.value().isDouble())
            r.fail(QStringLiteral("thresholds.") + it.key(), QStringLiteral("must be a number"));
        m.thresholds[it.key()] = it.value().toDouble();
    }
    const QJsonObject unc =
        r.object(json, QStringLiteral("uncertainty"), QStringLiteral("uncertainty"), false);
    m.uncertainty = r.choice(unc, QStringLiteral("method"), QStringLiteral("uncertainty.method"),
                             kUncertainty, UncertaintyMethod::Entropy, false);
    const int defaultPasses = m.uncertainty == UncertaintyMethod::McDropout ? 8 : 1;
    m.uncertaintyPasses = r.integer(unc, QStringLiteral("passes"),
                                    QStringLiteral("uncertainty.passes"), defaultPasses, false);
    if (!r.failed() && (m.uncertaintyPasses < 1 || m.uncertaintyPasses > 64))
        r.fail(QStringLiteral("uncertainty.passes"), QStringLiteral("must be in 1..64"));
    if (!r.failed() && m.uncertainty == UncertaintyMethod::FlipTta && m.isEcg())
        r.fail(QStringLiteral("uncertainty.method"),
               QStringLiteral("flip-tta applies to segmentation models only"));
    if (r.failed())
        return r.error();
    return m;
}

std::optional<double> ModelManifest::thresholdFor(const OutputLabel& label) const {
    auto t = thresholds.find(label.name);
    if (t == thresholds.end())
        t = thresholds.find(label.code);
    if (t == thresholds.end())
        return std::nullopt;
    return t->second;
}

QJsonObject ModelManifest::toJson() const {
    QJsonObject o;
    o[QStringLiteral("name")] = name;
    o[QStringLiteral("version")] = version;
    o[QStringLiteral("id")] = id();
    o[QStringLiteral("task")] = taskName(task);
    o[QStringLiteral("manifest")] = manifestPath;
    o[QStringLiteral("model_file")] = modelPath;
    o[QStringLiteral("description")] = description;
    o[QStringLiteral("licence")] = licence;
    o[QStringLiteral("training_data")] = trainingData;
    o[QStringLiteral("metrics")] = metrics;
    QJsonArray shape;
    for (auto d : input.shape)
        shape.append(qint64(d));
    o[QStringLiteral("input_shape")] = shape;
    QJsonArray names;
    for (const OutputLabel& l : labels)
        names.append(l.name);
    o[QStringLiteral("labels")] = names;
    o[QStringLiteral("uncertainty")] = uncertaintyMethodName(uncertainty);
    return o;
}

} // namespace cardiolens::inference
