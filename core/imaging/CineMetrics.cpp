#include "imaging/CineMetrics.h"

#include "imaging/EdEsPhases.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace cardiolens::imaging {

namespace {
double ejectionFraction(double edv, double esv) {
    return edv > 0.0 ? 100.0 * (edv - esv) / edv : 0.0;
}

// Voxel counts of every label value in one phase. Four interleaved tables avoid the
// store-to-load stalls of a single histogram on long runs of one label.
std::array<std::size_t, 256> histogram(const std::uint8_t* data, std::size_t n) {
    std::array<std::array<std::size_t, 256>, 4> partial{};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        ++partial[0][data[i]];
        ++partial[1][data[i + 1]];
        ++partial[2][data[i + 2]];
        ++partial[3][data[i + 3]];
    }
    for (; i < n; ++i)
        ++partial[0][data[i]];
    for (int v = 0; v < 256; ++v)
        partial[0][std::size_t(v)] +=
            partial[1][std::size_t(v)] + partial[2][std::size_t(v)] + partial[3][std::size_t(v)];
    return partial[0];
}

std::optional<int> phaseOfFrame(const LabelCineView& cine, std::optional<int> frame) {
    if (!frame)
        return std::nullopt;
    for (int p = 0; p < cine.nt; ++p)
        if (cine.frameOfPhase(p) == *frame)
            return p;
    return std::nullopt;
}
} // namespace

double mostellerBsa(double heightCm, double weightKg) {
    return (heightCm > 0.0 && weightKg > 0.0) ? std::sqrt(heightCm * weightKg / 3600.0) : 0.0;
}

Result<CineMetrics> computeCineMetrics(const LabelCineView& cine,
                                       const CineMetricsOptions& options) {
    if (!cine.isConsistent())
        return Error{QStringLiteral("labelled cine has inconsistent dimensions"), {}};
    if (!(cine.spacing[0] > 0 && cine.spacing[1] > 0 && cine.spacing[2] > 0))
        return Error{QStringLiteral("labelled cine has no valid voxel spacing"), {}};

    CineMetrics m;
    const double voxelMl = cine.spacing[0] * cine.spacing[1] * cine.spacing[2] / 1000.0;
    m.phaseVolumesMl.resize(std::size_t(cine.nt));
    for (int p = 0; p < cine.nt; ++p) {
        m.phaseFrames.push_back(cine.frameOfPhase(p));
        const auto counts = histogram(cine.phaseData(p), cine.phaseSize());
        for (int l = 0; l < kCardiacLabelCount; ++l)
            m.phaseVolumesMl[std::size_t(p)][std::size_t(l)] =
                double(counts[std::size_t(l)]) * voxelMl;
    }
    auto volume = [&](int phase, CardiacLabel label) {
        return m.phaseVolumesMl[std::size_t(phase)][labelValue(label)];
    };

    // Metadata ED/ES count only when those frames are stored and carry LV labels (a 1-based
    // index read as 0-based lands on an unlabelled frame).
    auto labelledPhase = [&](std::optional<int> frame, const char* name) -> std::optional<int> {
        if (!frame)
            return std::nullopt;
        const auto p = phaseOfFrame(cine, frame);
        if (p && volume(*p, CardiacLabel::LvBloodPool) > 0.0)
            return p;
        m.warnings << QStringLiteral("%1 frame %2 from the metadata holds no LV labels: %1 taken "
                                     "from the LV volumes")
                          .arg(QLatin1String(name))
                          .arg(*frame);
        return std::nullopt;
    };
    const auto edMeta = labelledPhase(options.edFrame, "ED");
    const auto esMeta = labelledPhase(options.esFrame, "ES");
    std::vector<double> lvVolumes;
    for (int p = 0; p < cine.nt; ++p)
        lvVolumes.push_back(volume(p, CardiacLabel::LvBloodPool));
    const EdEsPhases byVolume = edEsByLvSize(lvVolumes);
    if (!byVolume.isValid())
        return Error{QStringLiteral("no phase holds an LV blood-pool label"), {}};
    m.edPhase = edMeta.value_or(byVolume.ed);
    m.esPhase = esMeta.value_or(byVolume.es);
    m.phasesFromMetadata = edMeta && esMeta;
    m.edFrame = cine.frameOfPhase(m.edPhase);
    m.esFrame = cine.frameOfPhase(m.esPhase);

    m.lvEdvMl = volume(m.edPhase, CardiacLabel::LvBloodPool);
    m.lvEsvMl = volume(m.esPhase, CardiacLabel::LvBloodPool);
    m.lvSvMl = m.lvEdvMl - m.lvEsvMl;
    m.lvEfPercent = ejectionFraction(m.lvEdvMl, m.lvEsvMl);
    m.myoEdVolumeMl = volume(m.edPhase, CardiacLabel::LvMyocardium);
    m.lvMassG = kMyocardiumDensityGPerMl * m.myoEdVolumeMl;

    m.rvEdvMl = volume(m.edPhase, CardiacLabel::RvBloodPool);
    m.rvEsvMl = volume(m.esPhase, CardiacLabel::RvBloodPool);
    m.hasRv = m.rvEdvMl > 0.0 || m.rvEsvMl > 0.0;
    m.rvSvMl = m.rvEdvMl - m.rvEsvMl;
    m.rvEfPercent = ejectionFraction(m.rvEdvMl, m.rvEsvMl);

    if (options.heightCm && options.weightKg) {
        const double bsa = mostellerBsa(*options.heightCm, *options.weightKg);
        if (bsa > 0.0)
            m.bsaM2 = bsa;
    }
    return m;
}

QJsonObject CineMetrics::toJson() const {
    QJsonObject o;
    o[QStringLiteral("ed_phase")] = edFrame;
    o[QStringLiteral("es_phase")] = esFrame;
    o[QStringLiteral("phases_from_metadata")] = phasesFromMetadata;
    o[QStringLiteral("lv_edv_ml")] = lvEdvMl;
    o[QStringLiteral("lv_esv_ml")] = lvEsvMl;
    o[QStringLiteral("lv_sv_ml")] = lvSvMl;
    o[QStringLiteral("lv_ef_percent")] = lvEfPercent;
    o[QStringLiteral("lv_myocardium_ed_ml")] = myoEdVolumeMl;
    o[QStringLiteral("lv_mass_g")] = lvMassG;
    if (hasRv) {
        o[QStringLiteral("rv_edv_ml")] = rvEdvMl;
        o[QStringLiteral("rv_esv_ml")] = rvEsvMl;
        o[QStringLiteral("rv_sv_ml")] = rvSvMl;
        o[QStringLiteral("rv_ef_percent")] = rvEfPercent;
    }
    if (bsaM2) {
        const double bsa = *bsaM2;
        o[QStringLiteral("bsa_m2")] = bsa;
        o[QStringLiteral("lv_edv_index_ml_m2")] = lvEdvMl / bsa;
        o[QStringLiteral("lv_esv_index_ml_m2")] = lvEsvMl / bsa;
        o[QStringLiteral("lv_sv_index_ml_m2")] = lvSvMl / bsa;
        o[QStringLiteral("lv_mass_index_g_m2")] = lvMassG / bsa;
        if (hasRv) {
            o[QStringLiteral("rv_edv_index_ml_m2")] = rvEdvMl / bsa;
            o[QStringLiteral("rv_esv_index_ml_m2")] = rvEsvMl / bsa;
        }
    }
    o[QStringLiteral("metric_warnings")] = QJsonArray::fromStringList(warnings);
    QJsonArray phases;
    for (std::size_t p = 0; p < phaseVolumesMl.size(); ++p) {
        QJsonObject entry;
        entry[QStringLiteral("phase")] = phaseFrames[p];
        for (int l = 1; l < kCardiacLabelCount; ++l) {
            const double v = phaseVolumesMl[p][std::size_t(l)];
            if (v > 0.0)
                entry[QLatin1String(cardiacLabelInfo(static_cast<CardiacLabel>(l)).key) +
                      QStringLiteral("_ml")] = v;
        }
        phases.append(entry);
    }
    o[QStringLiteral("phase_volumes")] = phases;
    return o;
}

} // namespace cardiolens::imaging
