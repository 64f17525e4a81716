#include "inference/SegmentationFigures.h"

#include "imaging/CardiacLabel.h"
#include "imaging/CineMetrics.h"
#include "imaging/EchoVolumes.h"
#include "imaging/EdEsPhases.h"
#include "imaging/LabelCine.h"

#include <QJsonArray>

#include <algorithm>

namespace cardiolens::inference {

namespace {
using imaging::CardiacLabel;

QJsonObject shortAxisFigures(const imaging::LabelVolume& labels, int phases) {
    imaging::LabelCineView view = imaging::labelCineView(labels);
    view.nt = phases; // Phases are stored last: the first N form a valid shorter cine.
    auto metrics = imaging::computeCineMetrics(view);
    if (!metrics)
        return {{QStringLiteral("cine_metrics_error"), metrics.error().message}};
    QJsonObject o = metrics->toJson();
    o[QStringLiteral("method")] = QStringLiteral("slice summation of the predicted labels");
    return {{QStringLiteral("cine_metrics"), o}};
}

QJsonObject clipFigures(const imaging::LabelVolume& labels, const imaging::CineVolume& image,
                        int frames) {
    const auto& g = labels.geometry();
    const double pixelMm2 = g.pixelSpacing[0] * g.pixelSpacing[1];
    const std::uint8_t lv = imaging::labelValue(CardiacLabel::LvBloodPool);
    const bool ultrasound = image.info().modality == QLatin1String("US") ||
                            image.info().format == QLatin1String("video");
    QJsonArray areas, volumes;
    std::vector<double> area(std::size_t(frames), 0.0), volume(std::size_t(frames), 0.0);
    for (int f = 0; f < frames; ++f) {
        const auto px = labels.frame(0, f).pixels();
        area[std::size_t(f)] = double(std::count(px.begin(), px.end(), lv)) * pixelMm2;
        areas.append(area[std::size_t(f)]);
        if (area[std::size_t(f)] <= 0)
            continue;
        if (ultrasound) {
            imaging::Mask2D mask(labels.extent().width, labels.extent().height);
            std::copy(px.begin(), px.end(), mask.values.begin());
            if (auto m = imaging::measureEchoView(mask, g.pixelSpacing, lv))
                volume[std::size_t(f)] = imaging::areaLengthVolumeMl(*m);
        }
    }
    QJsonObject o{{QStringLiteral("lv_area_mm2"), areas}};
    const imaging::EdEsPhases edEs = imaging::edEsByLvSize(area);
    if (!edEs.isValid())
        return {{QStringLiteral("lv_area"), o}};
    const int ed = edEs.ed, es = edEs.es;
    o[QStringLiteral("ed_frame")] = ed;
    o[QStringLiteral("es_frame")] = es;
    o[QStringLiteral("ed_area_mm2")] = area[std::size_t(ed)];
    o[QStringLiteral("es_area_mm2")] = area[std::size_t(es)];
    o[QStringLiteral("fractional_area_change_percent")] =
        100.0 * (area[std::size_t(ed)] - area[std::size_t(es)]) / area[std::size_t(ed)];
    if (ultrasound) {
        for (double v : volume)
            volumes.append(v);
        o[QStringLiteral("lv_volume_area_length_ml")] = volumes;
        const double edv = volume[std::size_t(ed)], esv = volume[std::size_t(es)];
        if (edv > 0) {
            o[QStringLiteral("lv_edv_ml")] = edv;
            o[QStringLiteral("lv_esv_ml")] = esv;
            o[QStringLiteral("lv_ef_percent")] = 100.0 * (edv - esv) / edv;
            o[QStringLiteral("volume_method")] =
                QStringLiteral("single-plane area-length at the ED / ES frames of largest / "
                               "smallest area; assumes an apical view");
        }
    }
    return {{QStringLiteral("lv_area"), o}};
}
} // namespace

QJsonObject segmentationFigures(const imaging::LabelVolume& labels,
                                const imaging::CineVolume& image, int phasesSegmented) {
    const int phases = std::min(phasesSegmented, labels.extent().phases);
    if (labels.isEmpty() || phases < 2)
        return {};
    if (labels.extent().slices > 1)
        return shortAxisFigures(labels, phases);
    return clipFigures(labels, image, phases);
}

} // namespace cardiolens::inference
