// bench imaging-load: time ImageLoader::load on the three shapes of cine the workstation
// opens most: a 240-file DICOM MR cine (Sunnybrook SCD0000101, from the shared data), a
// 256 x 216 x 10 x 30 int16 .nii.gz and a 112 x 112 x 200 echo AVI (both written first).
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "imaging/ImageLoader.h"
#include "imaging/NiftiWriter.h"
#include "imaging/VideoWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cmath>
#include <random>

namespace cardiolens::cli {

namespace {

using namespace cardiolens::imaging;

// An MR-like cine: smooth anatomy that beats, plus Rician-ish noise, so the gzip ratio is
// close to a real scan's (noise-free synthetic data would compress unrealistically well).
CineVolume syntheticMrCine() {
    auto v = CineVolume::create({256, 216, 10, 30}, PixelType::Int16);
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 12.0);
    v->geometry().pixelSpacing = {1.37, 1.37};
    v->geometry().pixelSpacingKnown = true;
    v->geometry().sliceSpacing = 10.0;
    v->geometry().frameTimeMs = 33.0;
    for (int p = 0; p < 30; ++p)
        for (int s = 0; s < 10; ++s) {
            auto f = v->frame<std::int16_t>(s, p);
            const double r = 20.0 + 6.0 * std::cos(2.0 * M_PI * p / 30.0) - s;
            for (int y = 0; y < 216; ++y)
                for (int x = 0; x < 256; ++x) {
                    const double d = std::hypot(x - 128.0, y - 108.0);
                    const double body = d < 95 ? 300.0 : 20.0;
                    const double blood = d < r ? 500.0 : 0.0;
                    f.at(x, y) = std::int16_t(std::max(0.0, body + blood + noise(rng)));
                }
        }
    return std::move(v).value();
}

CineVolume syntheticEcho() {
    auto v = CineVolume::create({112, 112, 1, 200}, PixelType::UInt8);
    v->geometry().frameTimeMs = 20.0;
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> speckle(0, 40);
    for (int p = 0; p < 200; ++p) {
        auto f = v->frame<std::uint8_t>(0, p);
        const double r = 25.0 + 8.0 * std::sin(2.0 * M_PI * p / 40.0);
        for (int y = 0; y < 112; ++y)
            for (int x = 0; x < 112; ++x) {
                const double d = std::hypot(x - 56.0, y - 60.0);
                const bool sector = y > 5 && std::abs(x - 56.0) < y * 0.9;
                f.at(x, y) = std::uint8_t(!sector ? 0 : (d < r ? 20 : 120) + speckle(rng));
            }
    }
    return std::move(v).value();
}

struct Timing {
    QJsonObject json;
    double medianMs = 0.0;
};

Timing timeLoads(const QString& path, int repeats, const VolumeExtent& expected) {
    Timing t;
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        const double start = nowMs();
        auto v = ImageLoader::load(path);
        ms.push_back(nowMs() - start);
        if (!v) {
            t.json[QStringLiteral("error")] = v.error().describe();
            return t;
        }
        if (!(v->extent() == expected)) {
            t.json[QStringLiteral("error")] = QStringLiteral("unexpected extent %1x%2x%3x%4")
                                                  .arg(v->width())
                                                  .arg(v->height())
                                                  .arg(v->slices())
                                                  .arg(v->phases());
            return t;
        }
    }
    std::vector<double> copy = ms;
    t.medianMs = percentile(copy, 50);
    t.json[QStringLiteral("median_ms")] = t.medianMs;
    t.json[QStringLiteral("min_ms")] = percentile(copy, 0);
    t.json[QStringLiteral("max_ms")] = percentile(copy, 100);
    t.json[QStringLiteral("runs")] = repeats;
    return t;
}

QJsonObject run(const QStringList& args) {
    int repeats = 5;
    const int r = args.indexOf(QStringLiteral("--repeat"));
    if (r >= 0 && r + 1 < args.size())
        repeats = std::max(1, args[r + 1].toInt());
    QJsonObject out;
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        out[QStringLiteral("error")] = QStringLiteral("no temporary folder");
        return out;
    }
    bool allMet = true;

    // 1. DICOM folder (shared data; skipped when absent).
    const QString shared = DataPaths::sharedDataDir();
    const QString scd =
        shared.isEmpty()
            ? QString()
            : QDir(shared).filePath(QStringLiteral("imaging/sunnybrook/dicoms/SCD0000101"));
    if (!scd.isEmpty() && QFileInfo(scd).isDir()) {
        ImageLoader::load(scd); // Warm the file cache: measure decoding, not the disk.
        Timing t = timeLoads(scd, repeats, {256, 256, 12, 20});
        t.json[QStringLiteral("target_ms")] = 1500;
        t.json[QStringLiteral("files")] = 240;
        allMet = allMet && !t.json.contains(QStringLiteral("error")) && t.medianMs < 1500;
        out[QStringLiteral("dicom_scd0000101")] = t.json;
    } else {
        out[QStringLiteral("dicom_scd0000101")] =
            QJsonObject{{QStringLiteral("skipped"), QStringLiteral("shared data not available")}};
    }

    // 2. NIfTI .nii.gz written first.
    const QString nii = tmp.filePath(QStringLiteral("cine.nii.gz"));
    if (auto w = NiftiWriter::write(syntheticMrCine(), nii); !w) {
        out[QStringLiteral("error")] = w.error().describe();
        return out;
    }
    Timing n = timeLoads(nii, repeats, {256, 216, 10, 30});
    n.json[QStringLiteral("target_ms")] = 600;
    n.json[QStringLiteral("file_kb")] = double(QFileInfo(nii).size()) / 1024.0;
    allMet = allMet && !n.json.contains(QStringLiteral("error")) && n.medianMs < 600;
    out[QStringLiteral("nifti_gz_256x216x10x30")] = n.json;

    // 3. AVI written first (MJPEG, as EchoNet-Dynamic clips are stored).
    const QString avi = tmp.filePath(QStringLiteral("echo.avi"));
    if (auto w = VideoWriter::write(syntheticEcho(), avi); !w) {
        out[QStringLiteral("error")] = w.error().describe();
        return out;
    }
    Timing a = timeLoads(avi, repeats, {112, 112, 1, 200});
    a.json[QStringLiteral("target_ms")] = 300;
    a.json[QStringLiteral("file_kb")] = double(QFileInfo(avi).size()) / 1024.0;
    allMet = allMet && !a.json.contains(QStringLiteral("error")) && a.medianMs < 300;
    out[QStringLiteral("avi_112x112x200")] = a.json;

    out[QStringLiteral("targets_met")] = allMet;
    out[QStringLiteral("resident_mb")] = residentMb();
    for (const char* key : {"dicom_scd0000101", "nifti_gz_256x216x10x30", "avi_112x112x200"})
        if (out.value(QLatin1String(key)).toObject().contains(QStringLiteral("error")))
            out[QStringLiteral("error")] =
                out.value(QLatin1String(key)).toObject().value(QStringLiteral("error"));
    return out;
}

const bool registered = registerBench(
    {QStringLiteral("imaging-load"),
     QStringLiteral("load a 240-file DICOM cine, a 4-D .nii.gz and a 200-frame AVI (medians)"),
     run});

} // namespace

} // namespace cardiolens::cli
