#include "SyntheticDatasets.h"

#include "AviWriter.h"
#include "CardiacPhantom.h"
#include "EchoPhantom.h"
#include "imaging/CineVolume.h"
#include "imaging/LabelConvention.h"
#include "imaging/NiftiWriter.h"
#include "imaging/VolumeWriter.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <cstring>
#include <numbers>

namespace cardiolens::tools {

using namespace imaging;

namespace {
Result<bool> writeText(const QString& path, const QString& text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text) || f.write(text.toUtf8()) < 0)
        return fileError(path, QStringLiteral("cannot write"));
    return true;
}

Result<bool> makeDir(const QString& path) {
    if (!QDir().mkpath(path))
        return fileError(path, QStringLiteral("cannot create folder"));
    return true;
}

// A volume of the phantom's grid with the given number of phases.
Result<CineVolume> phantomVolume(const CardiacPhantomSpec& s, int phases, PixelType type) {
    auto v = CineVolume::create({s.nx, s.ny, s.nz, phases}, type);
    if (!v)
        return v;
    VolumeGeometry& g = v->geometry();
    g.pixelSpacing = {s.spacing[0], s.spacing[1]};
    g.sliceSpacing = s.spacing[2];
    g.sliceThickness = s.spacing[2];
    g.frameTimeMs = 35.0;
    return v;
}

// Phase p of the phantom as dataset labels (convention applied) into phase slot t of v.
void putLabels(const CardiacPhantom& ph, int p, CineVolume& v, int t, const LabelMapping& mapping) {
    auto dst = v.frameBytes(0, t);
    const std::size_t n = v.bytesPerFrame() * std::size_t(v.slices());
    auto* out = reinterpret_cast<std::uint8_t*>(dst.data());
    ph.renderPhase(p, out);
    mapping.exportInPlace({out, n});
}

void putImage(const CardiacPhantom& ph, int p, CineVolume& v, int t) {
    auto dst = v.frameBytes(0, t);
    ph.renderImagePhase(p, reinterpret_cast<std::int16_t*>(dst.data()));
}

GeneratedCase truthOf(const CardiacPhantom& ph, const QString& layout, const QString& path) {
    const int ed = ph.spec().edPhase, es = ph.spec().esPhase;
    GeneratedCase g;
    g.layout = layout;
    g.path = path;
    g.edFrame = ed;
    g.esFrame = es;
    g.lvEdvMl = ph.lvVolumeMl(ed);
    g.lvEsvMl = ph.lvVolumeMl(es);
    g.lvEfPercent = 100.0 * (g.lvEdvMl - g.lvEsvMl) / g.lvEdvMl;
    g.lvMassG = 1.05 * ph.myocardiumVolumeMl(ed);
    g.rvEdvMl = ph.rvVolumeMl(ed);
    g.rvEsvMl = ph.rvVolumeMl(es);
    g.rvEfPercent = 100.0 * (g.rvEdvMl - g.rvEsvMl) / g.rvEdvMl;
    return g;
}

#define CARDIOLENS_TRY(expr)                                                                       \
    do {                                                                                           \
        auto r_ = (expr);                                                                          \
        if (!r_)                                                                                   \
            return r_.error();                                                                     \
    } while (false)
} // namespace

Result<GeneratedCase> SyntheticDatasets::writeAcdc(const QString& root, int patient) {
    CardiacPhantomSpec spec;
    spec.phases = 12;
    spec.esPhase = 5;
    const CardiacPhantom ph(spec);
    const QString id = QStringLiteral("patient%1").arg(patient, 3, 10, QLatin1Char('0'));
    const QString dir = QDir(root).filePath(id);
    CARDIOLENS_TRY(makeDir(dir));
    // Info.cfg counts frames from 1.
    CARDIOLENS_TRY(
        writeText(QDir(dir).filePath(QStringLiteral("Info.cfg")),
                  QStringLiteral("ED: %1\nES: %2\nGroup: NOR\nHeight: 178.0\nNbFrame: %3\n"
                                 "Weight: 72.0\n")
                      .arg(spec.edPhase + 1)
                      .arg(spec.esPhase + 1)
                      .arg(spec.phases)));
    auto cine = phantomVolume(spec, spec.phases, PixelType::Int16);
    if (!cine)
        return cine.error();
    for (int p = 0; p < spec.phases; ++p)
        putImage(ph, p, *cine, p);
    CARDIOLENS_TRY(
        NiftiWriter::write(*cine, QDir(dir).filePath(id + QStringLiteral("_4d.nii.gz"))));
    const auto acdc = LabelMapping::forConvention(LabelConvention::Acdc);
    for (int p : {spec.edPhase, spec.esPhase}) {
        const QString stem =
            QStringLiteral("%1_frame%2").arg(id).arg(p + 1, 2, 10, QLatin1Char('0'));
        auto image = phantomVolume(spec, 1, PixelType::Int16);
        auto labels = phantomVolume(spec, 1, PixelType::UInt8);
        if (!image || !labels)
            return fileError(dir, QStringLiteral("out of memory"));
        putImage(ph, p, *image, 0);
        putLabels(ph, p, *labels, 0, acdc);
        CARDIOLENS_TRY(
            NiftiWriter::write(*image, QDir(dir).filePath(stem + QStringLiteral(".nii.gz"))));
        CARDIOLENS_TRY(
            NiftiWriter::write(*labels, QDir(dir).filePath(stem + QStringLiteral("_gt.nii.gz"))));
    }
    return truthOf(ph, QStringLiteral("acdc"), dir);
}

Result<GeneratedCase> SyntheticDatasets::writeMnms(const QString& root, const QString& code) {
    CardiacPhantomSpec spec;
    spec.phases = 14;
    spec.edPhase = 1; // M&Ms ED is not always the first frame
    spec.esPhase = 8;
    spec.nz = 12;
    spec.spacing = {1.6, 1.6, 9.2};
    spec.scale = 0.95;
    const CardiacPhantom ph(spec);
    const QString dir = QDir(root).filePath(QStringLiteral("Training/Labeled/") + code);
    CARDIOLENS_TRY(makeDir(dir));
    // Metadata CSV at the dataset root; ED and ES are 0-based frame indices.
    CARDIOLENS_TRY(writeText(
        QDir(root).filePath(
            QStringLiteral("211230_M&Ms_Dataset_information_diagnosis_opendataset.csv")),
        QStringLiteral(
            ",External code,VendorName,Vendor,Centre,ED,ES,Age,Pathology,Sex,Height,Weight\n"
            "0,%1,Siemens,A,1,%2,%3,52,NOR,F,165.0,61.0\n")
            .arg(code)
            .arg(spec.edPhase)
            .arg(spec.esPhase)));
    auto cine = phantomVolume(spec, spec.phases, PixelType::Int16);
    auto labels = phantomVolume(spec, spec.phases, PixelType::UInt8);
    if (!cine || !labels)
        return fileError(dir, QStringLiteral("out of memory"));
    for (int p = 0; p < spec.phases; ++p)
        putImage(ph, p, *cine, p);
    // Only ED and ES carry labels; the other phases stay background.
    const auto mnms = LabelMapping::forConvention(LabelConvention::Mnms);
    putLabels(ph, spec.edPhase, *labels, spec.edPhase, mnms);
    putLabels(ph, spec.esPhase, *labels, spec.esPhase, mnms);
    CARDIOLENS_TRY(
        NiftiWriter::write(*cine, QDir(dir).filePath(code + QStringLiteral("_sa.nii.gz"))));
    CARDIOLENS_TRY(
        NiftiWriter::write(*labels, QDir(dir).filePath(code + QStringLiteral("_sa_gt.nii.gz"))));
    return truthOf(ph, QStringLiteral("mnms"), dir);
}

Result<GeneratedCase> SyntheticDatasets::writeCamus(const QString& root, int patient,
                                                    bool metaImage) {
    const QString id = QStringLiteral("patient%1").arg(patient, 4, 10, QLatin1Char('0'));
    const QString dir = QDir(root).filePath(id);
    CARDIOLENS_TRY(makeDir(dir));
    const int halfFrames = 10; // ED .. ES
    const QString ext = metaImage ? QStringLiteral(".mhd") : QStringLiteral(".nii.gz");
    const QString sequence =
        metaImage ? QStringLiteral("_sequence") : QStringLiteral("_half_sequence");
    const auto edPh = EchoPhantom::phase(0), esPh = EchoPhantom::phase(1);
    auto maskVolume = [](const Mask2D& m, int slices) {
        auto v = CineVolume::create({m.width, m.height, slices, 1}, PixelType::UInt8);
        if (v) {
            v->geometry().pixelSpacing = EchoPhantom::kSpacing;
            v->geometry().sliceSpacing = 1.0;
        }
        return v;
    };
    for (const bool four : {false, true}) {
        const QString view = four ? QStringLiteral("4CH") : QStringLiteral("2CH");
        const QString stem = id + QLatin1Char('_') + view;
        const double ef = 100.0 * (1.0 - EchoPhantom::volumeMl(esPh) / EchoPhantom::volumeMl(edPh));
        // The NIfTI release lists EF and FrameRate; the MetaImage one LVedv, LVesv and LVef.
        const QString tail = metaImage
                                 ? QStringLiteral("LVedv: %1\nLVesv: %2\nLVef: %3\n")
                                       .arg(EchoPhantom::volumeMl(edPh), 0, 'f', 2)
                                       .arg(EchoPhantom::volumeMl(esPh), 0, 'f', 2)
                                       .arg(ef, 0, 'f', 2)
                                 : QStringLiteral("EF: %1\nFrameRate: 25\n").arg(ef, 0, 'f', 1);
        CARDIOLENS_TRY(writeText(QDir(dir).filePath(QStringLiteral("Info_%1.cfg").arg(view)),
                                 QStringLiteral("ED: 1\nES: %1\nNbFrame: %1\nSex: F\nAge: 63\n"
                                                "ImageQuality: Good\n")
                                         .arg(halfFrames) +
                                     tail));
        for (int p = 0; p < 2; ++p) {
            const Mask2D labels = EchoPhantom::render(EchoPhantom::phase(p), four); // CAMUS values
            Mask2D image = labels;
            static constexpr std::uint8_t kGrey[] = {90, 20, 170, 25};
            for (std::size_t i = 0; i < image.values.size(); ++i)
                image.values[i] = std::uint8_t(kGrey[labels.values[i] & 3] + (i % 7));
            const QString phase = p == 0 ? QStringLiteral("_ED") : QStringLiteral("_ES");
            auto lv = maskVolume(labels, 1), iv = maskVolume(image, 1);
            if (!lv || !iv)
                return fileError(dir, QStringLiteral("out of memory"));
            std::memcpy(lv->bytes().data(), labels.values.data(), labels.values.size());
            std::memcpy(iv->bytes().data(), image.values.data(), image.values.size());
            CARDIOLENS_TRY(VolumeWriter::write(*iv, QDir(dir).filePath(stem + phase + ext)));
            CARDIOLENS_TRY(VolumeWriter::write(
                *lv, QDir(dir).filePath(stem + phase + QStringLiteral("_gt") + ext)));
        }
        // The half sequence (ED to ES) as a 3-D width x height x frame volume, as CAMUS stores it.
        auto seq = CineVolume::create({EchoPhantom::kWidth, EchoPhantom::kHeight, halfFrames, 1},
                                      PixelType::UInt8);
        auto seqGt = CineVolume::create({EchoPhantom::kWidth, EchoPhantom::kHeight, halfFrames, 1},
                                        PixelType::UInt8);
        if (!seq || !seqGt)
            return fileError(dir, QStringLiteral("out of memory"));
        for (CineVolume* v : {&*seq, &*seqGt}) {
            v->geometry().pixelSpacing = EchoPhantom::kSpacing;
            v->geometry().sliceSpacing = 1.0;
        }
        for (int f = 0; f < halfFrames; ++f) {
            const double s = double(f) / double(halfFrames - 1);
            const EchoPhantomPhase ph{edPh.longAxisMm + s * (esPh.longAxisMm - edPh.longAxisMm),
                                      edPh.b2Mm + s * (esPh.b2Mm - edPh.b2Mm),
                                      edPh.b4Mm + s * (esPh.b4Mm - edPh.b4Mm)};
            const Mask2D m = EchoPhantom::render(ph, four);
            auto gt = seqGt->frameBytes(f, 0);
            std::memcpy(gt.data(), m.values.data(), m.values.size());
            auto im = seq->frameBytes(f, 0);
            for (std::size_t i = 0; i < m.values.size(); ++i)
                im[i] = std::byte(m.values[i] == 1 ? 20 : (m.values[i] == 2 ? 170 : 90));
        }
        CARDIOLENS_TRY(VolumeWriter::write(*seq, QDir(dir).filePath(stem + sequence + ext)));
        if (!metaImage) // the first (MetaImage) release labels only ED and ES
            CARDIOLENS_TRY(VolumeWriter::write(
                *seqGt, QDir(dir).filePath(stem + sequence + QStringLiteral("_gt") + ext)));
    }
    GeneratedCase g;
    g.layout = QStringLiteral("camus");
    g.path = dir;
    g.edFrame = 0;
    g.esFrame = halfFrames - 1;
    g.lvEdvMl = EchoPhantom::volumeMl(edPh);
    g.lvEsvMl = EchoPhantom::volumeMl(esPh);
    g.lvEfPercent = 100.0 * (g.lvEdvMl - g.lvEsvMl) / g.lvEdvMl;
    return g;
}

Result<GeneratedCase> SyntheticDatasets::writeEchoNet(const QString& root) {
    const QString name = QStringLiteral("0X1A2B3C4D5E6F7081");
    CARDIOLENS_TRY(makeDir(QDir(root).filePath(QStringLiteral("Videos"))));
    constexpr int kSize = 112, kFrames = 48, kEd = 5, kEs = 21;
    constexpr double kPixelMm = 1.0;
    // The LV as a half-ellipse in an apical 4-chamber view, apex up, sized in pixels.
    auto shape = [](int frame) {
        const double s =
            0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * double(frame - kEd) / 32.0));
        return std::array<double, 2>{70.0 - 10.0 * s, 20.0 - 6.0 * s}; // long axis, half width
    };
    const double cx = 56.3, baseY = 90.5;
    std::vector<std::vector<std::uint8_t>> frames;
    for (int f = 0; f < kFrames; ++f) {
        const auto [l, b] = shape(f);
        std::vector<std::uint8_t> px(kSize * kSize, 0);
        for (int y = 0; y < kSize; ++y)
            for (int x = 0; x < kSize; ++x) {
                const double dx = (x - cx) / b, dy = (y - baseY) / l;
                const bool lv = y <= baseY && dx * dx + dy * dy <= 1.0;
                const double ox = (x - cx) / (b + 6), oy = (y - baseY) / (l + 6);
                px[std::size_t(y * kSize + x)] = lv ? 15 : (ox * ox + oy * oy <= 1.0 ? 160 : 40);
            }
        frames.push_back(std::move(px));
    }
    const QString video = QDir(root).filePath(QStringLiteral("Videos/%1.avi").arg(name));
    if (!AviWriter::write(video, kSize, kSize, 50.0, frames))
        return fileError(video, QStringLiteral("cannot write"));

    // Tracings: the long axis, then 20 chords perpendicular to it (x1,y1 on one wall,
    // x2,y2 on the other), for the two traced frames.
    QString tracings = QStringLiteral("FileName,X1,Y1,X2,Y2,Frame\n");
    double volumes[2] = {};
    for (int k = 0; k < 2; ++k) {
        const int f = k == 0 ? kEd : kEs;
        const auto [l, b] = shape(f);
        tracings += QStringLiteral("%1.avi,%2,%3,%4,%5,%6\n")
                        .arg(name)
                        .arg(cx)
                        .arg(baseY - l)
                        .arg(cx)
                        .arg(baseY)
                        .arg(f);
        for (int i = 0; i < 20; ++i) {
            const double t = (i + 0.5) / 20.0; // from the base towards the apex
            const double half = b * std::sqrt(1.0 - t * t);
            const double y = baseY - t * l;
            tracings += QStringLiteral("%1.avi,%2,%3,%4,%5,%6\n")
                            .arg(name)
                            .arg(cx - half, 0, 'f', 3)
                            .arg(y, 0, 'f', 3)
                            .arg(cx + half, 0, 'f', 3)
                            .arg(y, 0, 'f', 3)
                            .arg(f);
        }
        volumes[k] =
            2.0 / 3.0 * std::numbers::pi * b * b * l * kPixelMm * kPixelMm * kPixelMm / 1000.0;
    }
    CARDIOLENS_TRY(writeText(QDir(root).filePath(QStringLiteral("VolumeTracings.csv")), tracings));
    const double ef = 100.0 * (volumes[0] - volumes[1]) / volumes[0];
    CARDIOLENS_TRY(writeText(
        QDir(root).filePath(QStringLiteral("FileList.csv")),
        QStringLiteral("FileName,EF,ESV,EDV,FrameHeight,FrameWidth,FPS,NumberOfFrames,Split\n"
                       "%1,%2,%3,%4,%5,%5,50,%6,TRAIN\n")
            .arg(name)
            .arg(ef, 0, 'f', 4)
            .arg(volumes[1], 0, 'f', 4)
            .arg(volumes[0], 0, 'f', 4)
            .arg(kSize)
            .arg(kFrames)));
    GeneratedCase g;
    g.layout = QStringLiteral("echonet");
    g.path = video;
    g.edFrame = kEd;
    g.esFrame = kEs;
    g.lvEdvMl = volumes[0];
    g.lvEsvMl = volumes[1];
    g.lvEfPercent = ef;
    return g;
}

Result<QList<GeneratedCase>> SyntheticDatasets::writeAll(const QString& root) {
    QList<GeneratedCase> cases;
    auto add = [&](Result<GeneratedCase> r) -> std::optional<Error> {
        if (!r)
            return r.error();
        cases << *r;
        return std::nullopt;
    };
    if (auto e = add(writeAcdc(QDir(root).filePath(QStringLiteral("ACDC")))))
        return *e;
    if (auto e = add(writeMnms(QDir(root).filePath(QStringLiteral("MnMs")))))
        return *e;
    if (auto e = add(writeCamus(QDir(root).filePath(QStringLiteral("CAMUS")))))
        return *e;
    if (auto e = add(writeCamus(QDir(root).filePath(QStringLiteral("CAMUS")), 2, true)))
        return *e;
    if (auto e = add(writeEchoNet(QDir(root).filePath(QStringLiteral("EchoNet-Dynamic")))))
        return *e;
    return cases;
}

} // namespace cardiolens::tools
