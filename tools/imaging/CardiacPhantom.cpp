#include "CardiacPhantom.h"

#include <cmath>
#include <numbers>

namespace cardiolens::tools {

namespace {
constexpr double kPi = std::numbers::pi;

double ellipsoidMl(const std::array<double, 3>& r) {
    return 4.0 / 3.0 * kPi * r[0] * r[1] * r[2] / 1000.0;
}
double mix(double ed, double es, double s) {
    return ed + (es - ed) * s;
}
bool inside(double x, double y, double z, const std::array<double, 3>& r) {
    return (x * x) / (r[0] * r[0]) + (y * y) / (r[1] * r[1]) + (z * z) / (r[2] * r[2]) <= 1.0;
}
} // namespace

CardiacPhantom::CardiacPhantom(CardiacPhantomSpec spec) : m_spec(spec) {}

double CardiacPhantom::systoleFraction(int p) const {
    const int ed = m_spec.edPhase, es = m_spec.esPhase, n = m_spec.phases;
    if (p <= ed)
        return 0.0;
    if (p <= es)
        return 0.5 * (1.0 - std::cos(kPi * double(p - ed) / double(es - ed)));
    return 0.5 * (1.0 + std::cos(kPi * double(p - es) / double(n - es)));
}

PhantomPhase CardiacPhantom::phase(int p) const {
    const double s = systoleFraction(p);
    const double k = m_spec.scale;
    PhantomPhase ph;
    ph.lv = {k * mix(25.0, 17.0, s), k * mix(23.0, 16.0, s), k * mix(40.0, 34.0, s)};
    ph.wall = k * mix(8.0, 11.0, s);
    ph.rv = {k * mix(20.0, 13.0, s), k * mix(33.0, 27.0, s), k * mix(38.0, 33.0, s)};
    return ph;
}

double CardiacPhantom::lvVolumeMl(int p) const {
    return ellipsoidMl(phase(p).lv);
}

double CardiacPhantom::myocardiumVolumeMl(int p) const {
    const PhantomPhase ph = phase(p);
    return ellipsoidMl({ph.lv[0] + ph.wall, ph.lv[1] + ph.wall, ph.lv[2] + ph.wall}) -
           ellipsoidMl(ph.lv);
}

double CardiacPhantom::rvVolumeMl(int p) const {
    return ellipsoidMl(phase(p).rv);
}

void CardiacPhantom::renderPhase(int p, std::uint8_t* out) const {
    const auto& s = m_spec;
    const PhantomPhase ph = phase(p);
    const PhantomPhase ed = phase(s.edPhase);
    const std::array<double, 3> outer{ph.lv[0] + ph.wall, ph.lv[1] + ph.wall, ph.lv[2] + ph.wall};
    // Centres off the voxel grid so that no symmetry hides sampling errors. The RV sits to
    // the left of the LV, clear of its wall at ED (the largest phase).
    const double cx = 0.5 * s.nx * s.spacing[0] + 0.15 * s.nx * s.spacing[0] + 0.3;
    const double cy = 0.5 * s.ny * s.spacing[1] - 0.7;
    const double cz = 0.5 * (s.nz - 1) * s.spacing[2] + 1.3;
    const double rvx = cx - (ed.lv[0] + ed.wall) - 3.0 * s.scale - ed.rv[0];
    std::size_t i = 0;
    for (int z = 0; z < s.nz; ++z) {
        const double pz = z * s.spacing[2] - cz;
        for (int y = 0; y < s.ny; ++y) {
            const double py = y * s.spacing[1] - cy;
            for (int x = 0; x < s.nx; ++x, ++i) {
                const double px = x * s.spacing[0];
                std::uint8_t label = 0;
                if (inside(px - cx, py, pz, ph.lv))
                    label = imaging::labelValue(imaging::CardiacLabel::LvBloodPool);
                else if (inside(px - cx, py, pz, outer))
                    label = imaging::labelValue(imaging::CardiacLabel::LvMyocardium);
                else if (inside(px - rvx, py, pz, ph.rv))
                    label = imaging::labelValue(imaging::CardiacLabel::RvBloodPool);
                out[i] = label;
            }
        }
    }
}

void CardiacPhantom::renderImagePhase(int p, std::int16_t* out) const {
    const auto& s = m_spec;
    std::vector<std::uint8_t> labels(std::size_t(s.nx) * std::size_t(s.ny) * std::size_t(s.nz));
    renderPhase(p, labels.data());
    static constexpr std::int16_t kGrey[] = {60, 420, 130, 400, 380, 380, 130, 360, 360};
    for (std::size_t i = 0; i < labels.size(); ++i) {
        // Deterministic texture so the images are not flat (and compress like real data).
        const std::int16_t texture = std::int16_t((i * 2654435761u >> 27) & 15);
        out[i] = std::int16_t(kGrey[labels[i] < 9 ? labels[i] : 0] + texture);
    }
}

imaging::LabelCine CardiacPhantom::render() const {
    imaging::LabelCine cine;
    cine.nx = m_spec.nx;
    cine.ny = m_spec.ny;
    cine.nz = m_spec.nz;
    cine.nt = m_spec.phases;
    cine.spacing = m_spec.spacing;
    cine.labels.resize(cine.phaseSize() * std::size_t(cine.nt));
    for (int p = 0; p < cine.nt; ++p)
        renderPhase(p, cine.phaseData(p));
    return cine;
}

} // namespace cardiolens::tools
