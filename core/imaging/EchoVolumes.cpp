#include "imaging/EchoVolumes.h"

#include <QJsonArray>

#include <cmath>
#include <numbers>
#include <vector>

namespace cardiolens::imaging {

namespace {
struct Vec {
    double x, y;
};

Vec toMm(Point2 p, std::array<double, 2> s) {
    return {p.x * s[0], p.y * s[1]};
}
Point2 toPixels(Vec v, std::array<double, 2> s) {
    return {v.x / s[0], v.y / s[1]};
}
double dot(Vec a, Vec b) {
    return a.x * b.x + a.y * b.y;
}

// Half the extent of one pixel along unit direction u (mm).
double halfPixelAlong(Vec u, std::array<double, 2> s) {
    return 0.5 * (std::abs(u.x) * s[0] + std::abs(u.y) * s[1]);
}

// Cavity point farthest from base, pushed out by half a pixel to reach the boundary.
Vec findApex(const std::vector<Vec>& pixels, Vec base, std::array<double, 2> s) {
    Vec apex = base;
    double farthest = -1.0;
    for (const Vec& p : pixels) {
        const double d = std::hypot(p.x - base.x, p.y - base.y);
        if (d > farthest) {
            farthest = d;
            apex = p;
        }
    }
    const double len = std::hypot(apex.x - base.x, apex.y - base.y);
    if (len <= 0.0)
        return apex;
    const Vec u{(apex.x - base.x) / len, (apex.y - base.y) / len};
    const double h = halfPixelAlong(u, s);
    return {apex.x + u.x * h, apex.y + u.y * h};
}

// Base from the principal axis: the middle of the wider end of the cavity.
Vec baseFromPrincipalAxis(const std::vector<Vec>& pixels, std::array<double, 2> s) {
    Vec mean{0, 0};
    for (const Vec& p : pixels) {
        mean.x += p.x;
        mean.y += p.y;
    }
    mean.x /= double(pixels.size());
    mean.y /= double(pixels.size());
    double cxx = 0, cyy = 0, cxy = 0;
    for (const Vec& p : pixels) {
        cxx += (p.x - mean.x) * (p.x - mean.x);
        cyy += (p.y - mean.y) * (p.y - mean.y);
        cxy += (p.x - mean.x) * (p.y - mean.y);
    }
    const double angle = 0.5 * std::atan2(2.0 * cxy, cxx - cyy);
    Vec u{std::cos(angle), std::sin(angle)};
    double tmin = INFINITY, tmax = -INFINITY;
    for (const Vec& p : pixels) {
        const double t = dot({p.x - mean.x, p.y - mean.y}, u);
        tmin = std::min(tmin, t);
        tmax = std::max(tmax, t);
    }
    const double band = 0.15 * (tmax - tmin);
    std::size_t nearMin = 0, nearMax = 0;
    for (const Vec& p : pixels) {
        const double t = dot({p.x - mean.x, p.y - mean.y}, u);
        nearMin += t <= tmin + band ? 1 : 0;
        nearMax += t >= tmax - band ? 1 : 0;
    }
    if (nearMax > nearMin) { // make u point from base towards apex
        u = {-u.x, -u.y};
        std::swap(tmin, tmax);
        tmin = -tmin;
    }
    // Middle of the pixels within one pixel of the base end, moved out to the boundary.
    const double endBand = std::max(s[0], s[1]);
    Vec sum{0, 0};
    std::size_t n = 0;
    for (const Vec& p : pixels) {
        const double t = dot({p.x - mean.x, p.y - mean.y}, u);
        if (t <= tmin + endBand) {
            sum.x += p.x;
            sum.y += p.y;
            ++n;
        }
    }
    const double h = halfPixelAlong(u, s);
    return {sum.x / double(n) - u.x * h, sum.y / double(n) - u.y * h};
}
} // namespace

Result<EchoViewMeasure> measureEchoView(const Mask2D& mask, std::array<double, 2> spacing,
                                        std::uint8_t lvLabel, std::optional<std::uint8_t> laLabel,
                                        std::optional<LongAxis> axis) {
    if (!(spacing[0] > 0.0 && spacing[1] > 0.0))
        return Error{QStringLiteral("echo view has no valid pixel spacing"), {}};
    std::vector<Vec> pixels;
    Vec interfaceSum{0, 0};
    std::size_t interfaceCount = 0;
    for (int y = 0; y < mask.height; ++y) {
        for (int x = 0; x < mask.width; ++x) {
            if (mask.at(x, y) != lvLabel)
                continue;
            pixels.push_back(toMm({double(x), double(y)}, spacing));
            if (!laLabel)
                continue;
            const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
            for (int k = 0; k < 4; ++k) {
                const int nx = x + dx[k], ny = y + dy[k];
                if (mask.contains(nx, ny) && mask.at(nx, ny) == *laLabel) {
                    const Vec mid = toMm({x + 0.5 * dx[k], y + 0.5 * dy[k]}, spacing);
                    interfaceSum.x += mid.x;
                    interfaceSum.y += mid.y;
                    ++interfaceCount;
                }
            }
        }
    }
    if (pixels.size() < 3)
        return Error{QStringLiteral("echo view holds no LV cavity"), {}};

    Vec base, apex;
    if (axis) {
        base = toMm(axis->base, spacing);
        apex = toMm(axis->apex, spacing);
    } else {
        base = interfaceCount > 0 ? Vec{interfaceSum.x / double(interfaceCount),
                                        interfaceSum.y / double(interfaceCount)}
                                  : baseFromPrincipalAxis(pixels, spacing);
        apex = findApex(pixels, base, spacing);
    }
    EchoViewMeasure m;
    m.lengthMm = std::hypot(apex.x - base.x, apex.y - base.y);
    if (!(m.lengthMm > 0.0))
        return Error{QStringLiteral("echo view has a zero-length long axis"), {}};
    m.axis = {toPixels(base, spacing), toPixels(apex, spacing)};
    m.areaMm2 = double(pixels.size()) * spacing[0] * spacing[1];

    // Disc widths: area of the cavity in each slab / slab height, with each pixel split
    // into 4 x 4 samples so that slabs a few pixels high are still measured smoothly.
    const Vec u{(apex.x - base.x) / m.lengthMm, (apex.y - base.y) / m.lengthMm};
    const double slab = m.lengthMm / kSimpsonDiscs;
    constexpr int kSub = 4;
    const double sampleArea = spacing[0] * spacing[1] / (kSub * kSub);
    std::array<double, kSimpsonDiscs> area{};
    for (const Vec& p : pixels) {
        for (int j = 0; j < kSub; ++j) {
            for (int i = 0; i < kSub; ++i) {
                const Vec q{p.x + ((i + 0.5) / kSub - 0.5) * spacing[0],
                            p.y + ((j + 0.5) / kSub - 0.5) * spacing[1]};
                const double t = dot({q.x - base.x, q.y - base.y}, u);
                if (t < 0.0 || t >= m.lengthMm)
                    continue;
                area[std::size_t(std::min(kSimpsonDiscs - 1, int(t / slab)))] += sampleArea;
            }
        }
    }
    for (int i = 0; i < kSimpsonDiscs; ++i)
        m.discDiametersMm[std::size_t(i)] = area[std::size_t(i)] / slab;
    return m;
}

double areaLengthVolumeMl(const EchoViewMeasure& view) {
    if (view.lengthMm <= 0.0)
        return 0.0;
    return 8.0 * view.areaMm2 * view.areaMm2 / (3.0 * std::numbers::pi * view.lengthMm) / 1000.0;
}

double simpsonSinglePlaneVolumeMl(const EchoViewMeasure& view) {
    double sum = 0.0;
    for (double d : view.discDiametersMm)
        sum += d * d;
    return std::numbers::pi / 4.0 * sum * view.lengthMm / kSimpsonDiscs / 1000.0;
}

double simpsonBiplaneVolumeMl(const EchoViewMeasure& twoChamber,
                              const EchoViewMeasure& fourChamber) {
    double sum = 0.0;
    for (int i = 0; i < kSimpsonDiscs; ++i)
        sum += twoChamber.discDiametersMm[std::size_t(i)] *
               fourChamber.discDiametersMm[std::size_t(i)];
    const double length = std::max(twoChamber.lengthMm, fourChamber.lengthMm);
    return std::numbers::pi / 4.0 * sum * length / kSimpsonDiscs / 1000.0;
}

namespace {
double ef(double edv, double esv) {
    return edv > 0.0 ? 100.0 * (edv - esv) / edv : 0.0;
}

QJsonObject viewJson(const EchoViewMeasure& v) {
    QJsonObject o;
    o[QStringLiteral("area_mm2")] = v.areaMm2;
    o[QStringLiteral("length_mm")] = v.lengthMm;
    o[QStringLiteral("area_length_ml")] = areaLengthVolumeMl(v);
    o[QStringLiteral("simpson_single_plane_ml")] = simpsonSinglePlaneVolumeMl(v);
    return o;
}

void putVolumes(QJsonObject& o, const QString& prefix, double edv, double esv) {
    o[prefix + QStringLiteral("edv_ml")] = edv;
    o[prefix + QStringLiteral("esv_ml")] = esv;
    o[prefix + QStringLiteral("sv_ml")] = edv - esv;
    o[prefix + QStringLiteral("ef_percent")] = ef(edv, esv);
}
} // namespace

QJsonObject EchoMetrics::toJson() const {
    QJsonObject o;
    if (ed2ch)
        o[QStringLiteral("ed_2ch")] = viewJson(*ed2ch);
    if (es2ch)
        o[QStringLiteral("es_2ch")] = viewJson(*es2ch);
    if (ed4ch)
        o[QStringLiteral("ed_4ch")] = viewJson(*ed4ch);
    if (es4ch)
        o[QStringLiteral("es_4ch")] = viewJson(*es4ch);
    // Headline lv_* figures: biplane discs when both views exist, else single-plane discs
    // of the 4-chamber (or 2-chamber) view.
    QString method;
    if (ed2ch && es2ch && ed4ch && es4ch) {
        putVolumes(o, QStringLiteral("lv_"), simpsonBiplaneVolumeMl(*ed2ch, *ed4ch),
                   simpsonBiplaneVolumeMl(*es2ch, *es4ch));
        method = QStringLiteral("simpson_biplane");
    }
    const auto singlePlane = [&](const std::optional<EchoViewMeasure>& ed,
                                 const std::optional<EchoViewMeasure>& es, const QString& view) {
        if (!ed || !es)
            return;
        putVolumes(o, QStringLiteral("area_length_%1_").arg(view), areaLengthVolumeMl(*ed),
                   areaLengthVolumeMl(*es));
        putVolumes(o, QStringLiteral("simpson_%1_").arg(view), simpsonSinglePlaneVolumeMl(*ed),
                   simpsonSinglePlaneVolumeMl(*es));
        if (method.isEmpty()) {
            putVolumes(o, QStringLiteral("lv_"), simpsonSinglePlaneVolumeMl(*ed),
                       simpsonSinglePlaneVolumeMl(*es));
            method = QStringLiteral("simpson_single_plane_%1").arg(view);
        }
    };
    singlePlane(ed4ch, es4ch, QStringLiteral("4ch"));
    singlePlane(ed2ch, es2ch, QStringLiteral("2ch"));
    if (!method.isEmpty())
        o[QStringLiteral("lv_volume_method")] = method;
    // Volume curves over the labelled sequences: single-plane discs per view, biplane when
    // both views have the same number of frames.
    const auto curve = [](const std::vector<EchoViewMeasure>& seq) {
        QJsonArray a;
        for (const EchoViewMeasure& v : seq)
            a.append(simpsonSinglePlaneVolumeMl(v));
        return a;
    };
    if (!sequence2ch.empty())
        o[QStringLiteral("sequence_2ch_simpson_ml")] = curve(sequence2ch);
    if (!sequence4ch.empty())
        o[QStringLiteral("sequence_4ch_simpson_ml")] = curve(sequence4ch);
    if (!sequence2ch.empty() && sequence2ch.size() == sequence4ch.size()) {
        QJsonArray a;
        for (std::size_t i = 0; i < sequence2ch.size(); ++i)
            a.append(simpsonBiplaneVolumeMl(sequence2ch[i], sequence4ch[i]));
        o[QStringLiteral("sequence_biplane_ml")] = a;
    }
    return o;
}

} // namespace cardiolens::imaging
