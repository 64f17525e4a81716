// `cardiolens-cli bench inference [--json] [--threads N]`: the figures the inference issue
// asks for, on the shared data: 10-s 12-lead record classification latency, beat
// classification of a 30-min 2-lead record (MIT-BIH 208), one 256x256 slice segmentation,
// all frames of Sunnybrook SCD0000101, and cancel latency. Bundled demo models are used
// where one exists for the task; otherwise the random-weight torch2x-export models stand in
// (the JSON names the model of each figure). Model loading is timed separately.
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "ecg/EcgReader.h"
#include "imaging/ImageLoader.h"
#include "inference/EcgInference.h"
#include "inference/InferenceRunner.h"
#include "inference/ModelRegistry.h"
#include "inference/ModelSession.h"
#include "inference/SegmentationInference.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <cmath>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::inference;

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

QString shared(const QString& rel) {
    const QString root = DataPaths::sharedDataDir();
    return root.isEmpty() ? QString() : QDir(root).filePath(rel);
}

// A manifest for a torch2x-export stand-in, written into \a dir.
Result<ModelManifest> standIn(const QTemporaryDir& dir, const QString& name,
                              const QJsonObject& json) {
    const QString folder = dir.filePath(name);
    QDir().mkpath(folder);
    QFile f(folder + QStringLiteral("/manifest.json"));
    if (!f.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write a stand-in manifest"), folder};
    f.write(QJsonDocument(json).toJson());
    f.close();
    return ModelRegistry::readAt(folder);
}

QJsonObject labelsJson(int n) {
    QJsonArray labels;
    const char* codes[] = {"", "lv_blood_pool", "lv_myocardium", "N", "V"};
    for (int i = 0; i < n; ++i)
        labels.append(QJsonObject{{QStringLiteral("index"), i},
                                  {QStringLiteral("name"), QStringLiteral("class %1").arg(i)},
                                  {QStringLiteral("code"), QString::fromLatin1(codes[i % 5])}});
    return QJsonObject{{QStringLiteral("activation"), QStringLiteral("softmax")},
                       {QStringLiteral("labels"), labels}};
}

QJsonObject resnetStandIn() {
    QJsonArray leads;
    for (const char* l :
         {"I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"})
        leads.append(QString::fromLatin1(l));
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("resnet1d-standin")},
        {QStringLiteral("version"), QStringLiteral("torch2x")},
        {QStringLiteral("task"), QStringLiteral("ecg-record-classification")},
        {QStringLiteral("file"),
         shared(QStringLiteral("models/torch2x-export/resnet1d_script.pt"))},
        {QStringLiteral("input"), QJsonObject{{QStringLiteral("dtype"), QStringLiteral("float32")},
                                              {QStringLiteral("shape"), QJsonArray{-1, 12, 1000}},
                                              {QStringLiteral("leads"), leads},
                                              {QStringLiteral("sampling_rate_hz"), 100},
                                              {QStringLiteral("window_samples"), 1000},
                                              {QStringLiteral("stride_samples"), 1000}}},
        {QStringLiteral("output"), labelsJson(5)}};
}

QJsonObject unetStandIn(int size) {
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("unet-standin")},
        {QStringLiteral("version"), QStringLiteral("torch2x")},
        {QStringLiteral("task"), QStringLiteral("segmentation-2d")},
        {QStringLiteral("file"), shared(QStringLiteral("models/torch2x-export/unet_script.pt"))},
        {QStringLiteral("input"),
         QJsonObject{{QStringLiteral("dtype"), QStringLiteral("float32")},
                     {QStringLiteral("shape"), QJsonArray{-1, 1, size, size}},
                     {QStringLiteral("size"), QJsonArray{size, size}},
                     {QStringLiteral("normalisation"),
                      QJsonObject{{QStringLiteral("method"), QStringLiteral("percentile")}}}}},
        {QStringLiteral("output"), labelsJson(3)}};
}

// The bundled model for \a task when there is one, else the stand-in.
ModelManifest pick(const ModelRegistry& registry, ModelTask task, const ModelManifest& fallback) {
    for (const RegisteredModel& r : registry.models())
        if (r.manifest.task == task && QFileInfo::exists(r.manifest.modelPath) &&
            r.manifest.name != QLatin1String("ecg-wave-unet"))
            return r.manifest;
    return fallback;
}

double median(std::vector<double> v) {
    return v.empty() ? 0.0 : percentile(v, 50);
}

QJsonObject runInference(const QStringList& args) {
    int threads = 2;
    for (int i = 0; i < args.size(); ++i)
        if (args[i] == QLatin1String("--threads") && i + 1 < args.size())
            threads = std::max(1, args[++i].toInt());
    QJsonObject out;
    out[QStringLiteral("threads")] = threads;
    out[QStringLiteral("omp_wait_policy")] =
        qEnvironmentVariable("OMP_WAIT_POLICY", QStringLiteral("(default)"));
    if (DataPaths::sharedDataDir().isEmpty()) {
        out[QStringLiteral("error")] = QStringLiteral("shared data folder not found");
        return out;
    }
    QTemporaryDir tmp;
    const ModelRegistry registry = ModelRegistry::scan();
    JobControl control;

    // 1. 10-s 12-lead record classification.
    {
        QJsonObject r;
        auto resnet = standIn(tmp, QStringLiteral("resnet"), resnetStandIn());
        auto record = ecg::EcgReader::open(shared(QStringLiteral("ecg/cinc2021/E07500.hea")));
        if (resnet && record) {
            QElapsedTimer load;
            load.start();
            auto session = ModelSession::open(*resnet);
            r[QStringLiteral("model_load_ms")] = round2(double(load.nsecsElapsed()) / 1e6);
            if (session) {
                (*session)->setThreadCount(threads);
                std::vector<double> times;
                for (int i = 0; i < 11; ++i) {
                    QElapsedTimer t;
                    t.start();
                    auto res = runEcgModel(**session, *record, control);
                    if (i > 0) // The first run warms up the allocator and oneDNN primitives.
                        times.push_back(double(t.nsecsElapsed()) / 1e6);
                    if (!res) {
                        r[QStringLiteral("error")] = res.error().describe();
                        break;
                    }
                }
                r[QStringLiteral("latency_ms_median")] = round2(median(times));
            } else {
                r[QStringLiteral("error")] = session.error().describe();
            }
            r[QStringLiteral("model")] =
                resnet->id() + QStringLiteral(" (torch2x-export stand-in: no 12-lead demo model)");
            r[QStringLiteral("record")] = record->name;
        } else {
            r[QStringLiteral("error")] =
                resnet ? record.error().describe() : resnet.error().describe();
        }
        out[QStringLiteral("ecg_12lead_10s_classification")] = r;
    }

    // 2. Beat classification of MIT-BIH 208 (30 min, 2 leads).
    {
        QJsonObject r;
        auto standin = standIn(tmp, QStringLiteral("resnet"), resnetStandIn());
        const ModelManifest model =
            pick(registry, ModelTask::EcgBeatClassification, standin ? *standin : ModelManifest{});
        auto record = ecg::EcgReader::open(shared(QStringLiteral("ecg/mitdb/208.hea")));
        auto session = ModelSession::open(model);
        if (record && session && model.task == ModelTask::EcgBeatClassification) {
            (*session)->setThreadCount(threads);
            ModelManifest single = model;
            single.uncertainty = UncertaintyMethod::Entropy;
            auto plain = ModelSession::open(single);
            (*plain)->setThreadCount(threads);
            QElapsedTimer t;
            t.start();
            auto res = runEcgModel(**plain, *record, control);
            r[QStringLiteral("total_ms")] = round2(double(t.nsecsElapsed()) / 1e6);
            if (res) {
                r[QStringLiteral("beats")] = res->items;
                if (model.uncertainty == UncertaintyMethod::McDropout) {
                    t.restart();
                    auto mc = runEcgModel(**session, *record, control);
                    r[QStringLiteral("mc_dropout_total_ms")] =
                        round2(double(t.nsecsElapsed()) / 1e6);
                    r[QStringLiteral("mc_dropout_passes")] = model.uncertaintyPasses;
                }
            } else {
                r[QStringLiteral("error")] = res.error().describe();
            }
            r[QStringLiteral("model")] = model.id();
            r[QStringLiteral("note")] = QStringLiteral(
                "total_ms includes reading, resampling to the model rate and windowing");
        } else {
            r[QStringLiteral("error")] =
                !record ? record.error().describe()
                        : (!session ? session.error().describe() : QStringLiteral("no beat model"));
        }
        out[QStringLiteral("ecg_beats_30min_2lead")] = r;
    }

    // 3 + 4 + 5. Segmentation: one 256x256 slice, all frames of SCD0000101, cancel latency.
    {
        QJsonObject one, all, cancel;
        auto standin = standIn(tmp, QStringLiteral("unet256"), unetStandIn(256));
        const ModelManifest withUncertainty =
            pick(registry, ModelTask::Segmentation2d, standin ? *standin : ModelManifest{});
        // Plain inference for the timings; the ensemble's cost is reported per slice below.
        ModelManifest model = withUncertainty;
        model.uncertainty = UncertaintyMethod::Entropy;
        const QString scd = shared(QStringLiteral("imaging/sunnybrook/dicoms/SCD0000101"));
        auto image = imaging::ImageLoader::load(scd);
        auto session = ModelSession::open(model);
        if (image && session) {
            (*session)->setThreadCount(threads);
            SegmentationOptions first;
            first.maxFrames = 1;
            std::vector<double> times;
            for (int i = 0; i < 6; ++i) {
                QElapsedTimer t;
                t.start();
                auto res = runSegmentation(**session, *image, control, first);
                if (i > 0)
                    times.push_back(double(t.nsecsElapsed()) / 1e6);
                if (!res) {
                    one[QStringLiteral("error")] = res.error().describe();
                    break;
                }
            }
            one[QStringLiteral("latency_ms_median")] = round2(median(times));
            one[QStringLiteral("frame_size")] =
                QStringLiteral("%1x%2").arg(image->width()).arg(image->height());
            one[QStringLiteral("model")] = model.id();
            if (withUncertainty.uncertainty != UncertaintyMethod::Entropy) {
                auto ensemble = ModelSession::open(withUncertainty);
                if (ensemble) {
                    (*ensemble)->setThreadCount(threads);
                    QElapsedTimer e;
                    e.start();
                    (void)runSegmentation(**ensemble, *image, control, first);
                    one[QStringLiteral("with_uncertainty_ms")] =
                        round2(double(e.nsecsElapsed()) / 1e6);
                    one[QStringLiteral("uncertainty")] =
                        QStringLiteral("%1 x%2")
                            .arg(uncertaintyMethodName(withUncertainty.uncertainty))
                            .arg(withUncertainty.uncertaintyPasses);
                }
            }

            QElapsedTimer t;
            t.start();
            auto res = runSegmentation(**session, *image, control);
            all[QStringLiteral("total_ms")] = round2(double(t.nsecsElapsed()) / 1e6);
            all[QStringLiteral("frames")] = int(image->extent().frameCount());
            all[QStringLiteral("model")] = model.id();
            if (!res)
                all[QStringLiteral("error")] = res.error().describe();
            // ED/ES first: how soon the two phases a clinician needs first are final.
            SegmentationOptions edEs;
            edEs.edEsFirst = true;
            double readyMs = -1;
            QElapsedTimer te;
            edEs.edEsReady = [&](const imaging::LabelVolume&, int, int) {
                readyMs = double(te.nsecsElapsed()) / 1e6;
            };
            te.start();
            if (runSegmentation(**session, *image, control, edEs)) {
                all[QStringLiteral("ed_es_first_ready_ms")] = round2(readyMs);
                all[QStringLiteral("ed_es_first_total_ms")] =
                    round2(double(te.nsecsElapsed()) / 1e6);
            }

            InferenceRunner runner(threads);
            std::vector<double> latencies;
            for (int i = 0; i < 5; ++i) {
                std::atomic<int> batches{0};
                auto job = runner.start({model, scd, {}, {}}, [&](double f, const QString&) {
                    if (f > 0)
                        ++batches;
                });
                while (batches < 2 + i && !job->isFinished())
                    QThread::msleep(1);
                QElapsedTimer c;
                c.start();
                job->cancel();
                job->wait();
                latencies.push_back(double(c.nsecsElapsed()) / 1e6);
            }
            std::vector<double> sorted = latencies;
            cancel[QStringLiteral("latency_ms_median")] = round2(median(latencies));
            cancel[QStringLiteral("latency_ms_max")] =
                round2(*std::max_element(sorted.begin(), sorted.end()));
            cancel[QStringLiteral("model")] = model.id();
        } else {
            const QString e = image ? session.error().describe() : image.error().describe();
            one[QStringLiteral("error")] = e;
            all[QStringLiteral("error")] = e;
            cancel[QStringLiteral("error")] = e;
        }
        out[QStringLiteral("segmentation_one_slice")] = one;
        out[QStringLiteral("segmentation_scd0000101_all_frames")] = all;
        out[QStringLiteral("cancel")] = cancel;
    }
    return out;
}

const bool registered = registerBench(
    {QStringLiteral("inference"),
     QStringLiteral("model latency: 12-lead classification, 30-min beat classification, slice and "
                    "cine segmentation, cancel [--threads N]"),
     runInference});
} // namespace

} // namespace cardiolens::cli
