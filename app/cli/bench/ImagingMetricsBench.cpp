// bench imaging-metrics: clinical metrics of a 10-slice x 30-phase labelled cine
// (256 x 216 pixels, analytic heart labels), and of the ACDC-style two-frame case.
#include "cli/bench/Bench.h"

#include "imaging/CineMetrics.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/NiftiWriter.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <cstring>

#include <cmath>

namespace cardiolens::cli {

namespace {
using namespace imaging;

// Ellipsoid labels, phase-varying, on a 256 x 216 x 10 x 30 grid (1.4 mm, 10 mm slices).
LabelCine benchCine() {
    LabelCine c;
    c.nx = 256;
    c.ny = 216;
    c.nz = 10;
    c.nt = 30;
    c.spacing = {1.4, 1.4, 10.0};
    c.labels.assign(c.phaseSize() * std::size_t(c.nt), 0);
    for (int p = 0; p < c.nt; ++p) {
        const double s = 0.5 * (1.0 - std::cos(2.0 * 3.14159265358979 * p / c.nt));
        const double a = 25.0 - 8.0 * s, cz = 40.0 - 6.0 * s;
        std::uint8_t* d = c.phaseData(p);
        for (int z = 0; z < c.nz; ++z)
            for (int y = 0; y < c.ny; ++y)
                for (int x = 0; x < c.nx; ++x) {
                    const double px = (x - 140) * 1.4, py = (y - 108) * 1.4, pz = (z - 4.5) * 10.0;
                    const double r = px * px / (a * a) + py * py / (a * a) + pz * pz / (cz * cz);
                    const double ro = px * px / ((a + 9) * (a + 9)) +
                                      py * py / ((a + 9) * (a + 9)) +
                                      pz * pz / ((cz + 9) * (cz + 9));
                    const double rx = px + 65.0;
                    const double rv =
                        rx * rx / (18.0 * 18.0) + py * py / (30.0 * 30.0) + pz * pz / (36.0 * 36.0);
                    *d++ = r <= 1 ? 1 : (ro <= 1 ? 2 : (rv <= 1 - 0.3 * s ? 3 : 0));
                }
    }
    return c;
}

QJsonObject runImagingMetrics(const QStringList&) {
    const LabelCine cine = benchCine();
    std::vector<double> times;
    CineMetrics last;
    for (int i = 0; i < 15; ++i) {
        const double t0 = nowMs();
        auto m = computeCineMetrics(cine);
        times.push_back(nowMs() - t0);
        if (!m)
            return {{QStringLiteral("error"), m.error().message}};
        last = *m;
    }
    // The same labels as a 4-D .nii.gz read from disk, mapped and measured (what
    // `cardiolens-cli metrics --labels` does).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("labels.nii.gz"));
    {
        auto volume = CineVolume::create({cine.nx, cine.ny, cine.nz, cine.nt}, PixelType::UInt8);
        if (!volume)
            return {{QStringLiteral("error"), volume.error().describe()}};
        volume->geometry().pixelSpacing = {cine.spacing[0], cine.spacing[1]};
        volume->geometry().pixelSpacingKnown = true;
        volume->geometry().sliceSpacing = cine.spacing[2];
        std::memcpy(volume->bytes().data(), cine.labels.data(), cine.labels.size());
        auto written = NiftiWriter::write(*volume, path);
        if (!written)
            return {{QStringLiteral("error"), written.error().describe()}};
    }
    std::vector<double> fileTimes;
    for (int i = 0; i < 5; ++i) {
        const double t0 = nowMs();
        auto m = LabelledCaseLoader::metricsForPair({}, path, LabelConvention::Internal);
        fileTimes.push_back(nowMs() - t0);
        if (!m)
            return {{QStringLiteral("error"), m.error().describe()}};
    }

    QJsonObject o;
    o[QStringLiteral("file_load_and_metrics_median_ms")] = percentile(fileTimes, 50);
    o[QStringLiteral("cine")] = QStringLiteral("256x216x10x30 uint8 labels");
    o[QStringLiteral("metrics_median_ms")] = percentile(times, 50);
    o[QStringLiteral("metrics_p90_ms")] = percentile(times, 90);
    o[QStringLiteral("metrics_max_ms")] = percentile(times, 100);
    o[QStringLiteral("target_ms")] = 100;
    o[QStringLiteral("voxels_per_s")] =
        double(cine.labels.size()) / (percentile(times, 50) / 1000.0);
    o[QStringLiteral("lv_ef_percent")] = last.lvEfPercent;
    o[QStringLiteral("rss_mb")] = residentMb();
    return o;
}

const bool registered = registerBench(
    {QStringLiteral("imaging-metrics"),
     QStringLiteral("LV/RV metrics of a 10-slice x 30-phase labelled cine"), runImagingMetrics});
} // namespace

} // namespace cardiolens::cli
