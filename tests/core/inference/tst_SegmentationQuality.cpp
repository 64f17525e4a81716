// Segmentation quality and clinical figures: Dice against expert contours (Sunnybrook held-out
// patient), EF of the prediction against the experts' EF, and the per-frame pipeline on a real
// echo clip. Synthetic fixtures pin the scoring rules; the real-data cases skip when the shared
// data, the torch plugin or the demo model are absent.
#include "imaging/CardiacLabel.h"
#include "imaging/DatasetLayout.h"
#include "imaging/EdEsPhases.h"
#include "imaging/ImageLoader.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/NiftiWriter.h"
#include "inference/InferenceRunner.h"
#include "inference/ModelRegistry.h"
#include "inference/SegmentationAgreement.h"
#include "inference/SegmentationFigures.h"
#include "inference/SegmentationReference.h"
#include "inference/TorchScriptModel.h"

#include "TestData.h"
#include "TorchRequired.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::inference;
using imaging::CardiacLabel;

namespace {
constexpr std::uint8_t kBlood = imaging::labelValue(CardiacLabel::LvBloodPool);
constexpr std::uint8_t kMyo = imaging::labelValue(CardiacLabel::LvMyocardium);

constexpr std::uint16_t bit(CardiacLabel l) {
    return std::uint16_t(1u << imaging::labelValue(l));
}

// Sets pixels [from, to) of frame (slice, phase) to \a value.
void paint(imaging::LabelVolume& v, int slice, int phase, int from, int to, std::uint8_t value) {
    auto px = v.frame(slice, phase).pixels();
    for (int i = from; i < to; ++i)
        px[std::size_t(i)] = value;
}

// A filled disc of radius r at the centre of frame (slice, phase).
void disc(imaging::LabelVolume& v, int slice, int phase, double r, std::uint8_t value) {
    auto f = v.frame(slice, phase);
    const int w = v.extent().width, h = v.extent().height;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (std::hypot(x - w / 2.0, y - h / 2.0) < r)
                f.at(x, y) = value;
}

std::optional<ModelManifest> demoSegModel() {
    auto reg = ModelRegistry::scan({ModelRegistry::bundledDir()});
    auto m = reg.find(QStringLiteral("lv-seg-sunnybrook"));
    if (!m.ok() || !QFileInfo::exists(m->modelPath))
        return std::nullopt;
    ModelManifest single = *m;
    single.uncertainty = UncertaintyMethod::Entropy; // One pass: the Dice of the mean model.
    return single;
}

// LV blood-pool volume (ml) of each phase over the frames \a ref annotates with blood pool.
std::map<int, double> annotatedBloodVolumes(const imaging::LabelVolume& labels,
                                            const ReferenceLabels& ref) {
    std::map<int, double> ml;
    const auto& e = labels.extent();
    const double voxelMl = labels.geometry().voxelVolumeMm3() / 1000.0;
    for (int p = 0; p < e.phases; ++p)
        for (int s = 0; s < e.slices; ++s)
            if (ref.annotates(s, p, CardiacLabel::LvBloodPool)) {
                const auto px = labels.frame(s, p).pixels();
                ml[p] += double(std::count(px.begin(), px.end(), kBlood)) * voxelMl;
            }
    return ml;
}

double efOf(const std::map<int, double>& volumes) {
    double edv = 0, esv = 1e300;
    for (const auto& [p, v] : volumes) {
        edv = std::max(edv, v);
        esv = std::min(esv, v);
    }
    return edv > 0 ? 100.0 * (edv - esv) / edv : 0.0;
}
} // namespace

class TestSegmentationQuality : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void agreementCountsOnlyAnnotatedFrames() {
        auto pred = imaging::LabelVolume::create({8, 8, 2, 2}, {});
        auto refLabels = imaging::LabelVolume::create({8, 8, 2, 2}, {});
        QVERIFY(pred.ok() && refLabels.ok());
        ReferenceLabels ref{std::move(*refLabels), std::vector<std::uint16_t>(4, 0), {}, {}};
        const std::uint16_t both = bit(CardiacLabel::LvBloodPool) | bit(CardiacLabel::LvMyocardium);
        // Frame (0,0): fully annotated; blood pool half found, myocardium exact.
        ref.annotated[0] = both;
        paint(ref.labels, 0, 0, 0, 4, kBlood);
        paint(ref.labels, 0, 0, 4, 8, kMyo);
        paint(*pred, 0, 0, 0, 2, kBlood);
        paint(*pred, 0, 0, 4, 8, kMyo);
        // Frame (1,0): endocardium only; the predicted myocardium there must not count.
        ref.annotated[1] = bit(CardiacLabel::LvBloodPool);
        paint(ref.labels, 1, 0, 0, 4, kBlood);
        paint(*pred, 1, 0, 0, 4, kBlood);
        paint(*pred, 1, 0, 10, 21, kMyo);
        // Frame (0,1): not annotated; a predicted blood pool there is no false positive.
        paint(*pred, 0, 1, 0, 30, kBlood);
        // Frame (1,1): annotates blood pool, neither side has any: no Dice, left out.
        ref.annotated[3] = bit(CardiacLabel::LvBloodPool);
        auto a = compareSegmentation(*pred, ref);
        QVERIFY(a.ok());
        QCOMPARE(a->framesCompared, 3);
        const LabelAgreement* blood = a->find(CardiacLabel::LvBloodPool);
        const LabelAgreement* myo = a->find(CardiacLabel::LvMyocardium);
        QVERIFY(blood && myo);
        QCOMPARE(blood->frames, 3);
        QCOMPARE(blood->framesScored, 2);
        QVERIFY(std::abs(blood->meanDice - (2.0 * 2 / 6 + 1.0) / 2) < 1e-12);
        QVERIFY(std::abs(blood->pooledDice - 12.0 / 14.0) < 1e-12);
        QCOMPARE(myo->frames, 1);
        QCOMPARE(myo->predictedVoxels, std::int64_t(4));
        QCOMPARE(myo->meanDice, 1.0);
        QVERIFY(!a->find(CardiacLabel::RvBloodPool));
        const QJsonObject json = a->toJson();
        QCOMPARE(json.value(QStringLiteral("labels"))
                     .toObject()
                     .value(QStringLiteral("lv_myocardium"))
                     .toObject()
                     .value(QStringLiteral("dice"))
                     .toDouble(),
                 1.0);
        // Grids that differ are refused.
        auto other = imaging::LabelVolume::create({8, 8, 1, 2}, {});
        QVERIFY(!compareSegmentation(*other, ref).ok());
    }

    void labelFileReferenceMapsConventionAndFindsLabelledFrames() {
        auto image = imaging::CineVolume::create({16, 16, 2, 2}, imaging::PixelType::Int16);
        auto acdc = imaging::LabelVolume::create({16, 16, 2, 2}, {});
        QVERIFY(image.ok() && acdc.ok());
        paint(*acdc, 0, 0, 0, 10, 3);  // ACDC LV blood pool
        paint(*acdc, 0, 0, 10, 20, 2); // ACDC myocardium
        paint(*acdc, 1, 1, 0, 5, 1);   // ACDC RV blood pool
        const QString path = test::scratchDir() + QStringLiteral("/acdc-like_gt.nii");
        QVERIFY(imaging::NiftiWriter::write(*acdc, path).ok());
        auto ref = labelFileReference(path, imaging::LabelConvention::Acdc, *image);
        QVERIFY2(ref.ok(), qPrintable(ref.ok() ? QString() : ref.error().describe()));
        QCOMPARE(ref->labels.at(0, 0, 0, 0), kBlood);
        QCOMPARE(ref->labels.at(10, 0, 0, 0), kMyo);
        QCOMPARE(ref->labels.at(0, 0, 1, 1), imaging::labelValue(CardiacLabel::RvBloodPool));
        // Fully labelled frames: every ACDC label is annotated where any label is drawn.
        QCOMPARE(ref->framesAnnotating(CardiacLabel::LvBloodPool), 2);
        QVERIFY(ref->annotates(0, 0, CardiacLabel::RvBloodPool));
        QVERIFY(!ref->annotates(1, 0, CardiacLabel::LvBloodPool));
        QVERIFY(!ref->annotates(0, 0, CardiacLabel::LeftAtrium)); // Not an ACDC label.
        // A grid that differs, and a missing file, are refused naming the file.
        auto small = imaging::CineVolume::create({16, 16, 1, 2}, imaging::PixelType::Int16);
        auto wrong = labelFileReference(path, imaging::LabelConvention::Acdc, *small);
        QVERIFY(!wrong.ok() && wrong.error().describe().contains(QLatin1String("acdc-like_gt")));
        QVERIFY(!loadReference(path + QStringLiteral(".missing"), *image).ok());
    }

    void sunnybrookContoursOfAnotherPatientAreRefused() {
        CARDIOLENS_REQUIRE_SHARED(dir, "imaging/sunnybrook/dicoms/SCD0000301");
        CARDIOLENS_REQUIRE_SHARED(other, "imaging/sunnybrook/contourfiles/SC-HF-I-1");
        auto image = imaging::ImageLoader::load(dir);
        QVERIFY(image.ok());
        auto own = findReference(*image);
        QVERIFY2(own.ok(), qPrintable(own.ok() ? QString() : own.error().describe()));
        QVERIFY(own->description.contains(QLatin1String("20 endocardial, 10 epicardial")));
        auto wrong = loadReference(other, *image);
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().message.contains(QLatin1String("SCD0000101")),
                 qPrintable(wrong.error().describe()));
    }

    void figuresOfShortAxisCineAndEchoClip() {
        imaging::VolumeGeometry g;
        g.pixelSpacing = {1.0, 1.0};
        g.sliceSpacing = 10.0;
        auto cineImage = imaging::CineVolume::create({40, 40, 2, 3}, imaging::PixelType::Int16);
        auto cine = imaging::LabelVolume::create({40, 40, 2, 3}, g);
        QVERIFY(cineImage.ok() && cine.ok());
        const double radius[3] = {10, 6, 8};
        for (int p = 0; p < 3; ++p)
            for (int s = 0; s < 2; ++s) {
                disc(*cine, s, p, radius[p] + 2, kMyo);
                disc(*cine, s, p, radius[p], kBlood);
            }
        const QJsonObject sa = segmentationFigures(*cine, *cineImage, 3)
                                   .value(QStringLiteral("cine_metrics"))
                                   .toObject();
        QCOMPARE(sa.value(QStringLiteral("ed_phase")).toInt(), 0);
        QCOMPARE(sa.value(QStringLiteral("es_phase")).toInt(), 1);
        // Analytic: EF = 1 - 6^2/10^2 = 64 %; ED mass = 1.05 g/ml x pi (12^2 - 10^2) mm^2 x
        // 2 slices x 10 mm = 2.90 g. Discs on a 1-mm grid: EF within 1 point; the 2-pixel
        // myocardial ring within 8 % (its pixelated area is ~5 % short).
        const double ef = sa.value(QStringLiteral("lv_ef_percent")).toDouble();
        const double mass = sa.value(QStringLiteral("lv_mass_g")).toDouble();
        const double analyticMass = 1.05 * M_PI * (144.0 - 100.0) * 2 * 10.0 / 1000.0;
        qInfo("synthetic short axis: EF %.2f %% (analytic 64), mass %.3f g (analytic %.3f)", ef,
              mass, analyticMass);
        QVERIFY(std::abs(ef - 64.0) < 1.0);
        QVERIFY(std::abs(mass - analyticMass) < 0.08 * analyticMass);
        // Only complete phases count: with 2, ES can only be phase 1 and ED phase 0 still.
        QCOMPARE(segmentationFigures(*cine, *cineImage, 2)
                     .value(QStringLiteral("cine_metrics"))
                     .toObject()
                     .value(QStringLiteral("phase_volumes"))
                     .toArray()
                     .size(),
                 2);

        // An echo clip: 1 slice x 4 frames, LV areas 0 (no LV), large, small, medium.
        g.pixelSpacing = {0.5, 0.5};
        auto clipImage = imaging::CineVolume::create({60, 80, 1, 4}, imaging::PixelType::UInt8);
        auto clip = imaging::LabelVolume::create({60, 80, 1, 4}, g);
        QVERIFY(clipImage.ok() && clip.ok());
        const double clipRadius[4] = {0, 20, 12, 16};
        for (int f = 1; f < 4; ++f)
            disc(*clip, 0, f, clipRadius[f], kBlood);
        QJsonObject mr =
            segmentationFigures(*clip, *clipImage, 4).value(QStringLiteral("lv_area")).toObject();
        QCOMPARE(mr.value(QStringLiteral("lv_area_mm2")).toArray().size(), 4);
        QCOMPARE(mr.value(QStringLiteral("lv_area_mm2")).toArray().at(0).toDouble(), 0.0);
        QCOMPARE(mr.value(QStringLiteral("ed_frame")).toInt(), 1);
        QCOMPARE(mr.value(QStringLiteral("es_frame")).toInt(), 2);
        const double ed = mr.value(QStringLiteral("ed_area_mm2")).toDouble();
        QVERIFY(std::abs(ed - M_PI * 20 * 20 * 0.25) < 0.05 * ed);
        QVERIFY(!mr.contains(QStringLiteral("lv_ef_percent"))); // Not ultrasound: no volumes.
        clipImage->info().modality = QStringLiteral("US");
        const QJsonObject us =
            segmentationFigures(*clip, *clipImage, 4).value(QStringLiteral("lv_area")).toObject();
        // Area-length on a disc of radius r (mm): A = pi r^2, L = 2r, V = 8A^2 / (3 pi L) =
        // 4/3 pi r^3, a sphere. ED r 10 mm: 4.19 ml; ES r 6 mm: 0.905 ml; EF 1 - 0.6^3 = 78.4 %.
        // Discs of 20 / 12 pixels at 0.5 mm: volumes within 6 %, EF within 2 points.
        const double edv = us.value(QStringLiteral("lv_edv_ml")).toDouble();
        const double esv = us.value(QStringLiteral("lv_esv_ml")).toDouble();
        const double usEf = us.value(QStringLiteral("lv_ef_percent")).toDouble();
        qInfo("synthetic echo: EDV %.3f ml, ESV %.3f ml, EF %.2f %%", edv, esv, usEf);
        QVERIFY(std::abs(edv - 4.0 / 3.0 * M_PI * 1.0) < 0.06 * 4.0 / 3.0 * M_PI);
        QVERIFY(std::abs(esv - 4.0 / 3.0 * M_PI * 0.216) < 0.06 * 4.0 / 3.0 * M_PI * 0.216);
        QVERIFY(std::abs(usEf - 78.4) < 2.0);
        // One frame: nothing to measure.
        QVERIFY(segmentationFigures(*clip, *clipImage, 1).isEmpty());
    }

    void demoModelDiceOnHeldOutPatient() {
        CARDIOLENS_REQUIRE_SHARED(dir, "imaging/sunnybrook/dicoms/SCD0000301");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const auto model = demoSegModel();
        QVERIFY2(model, "the bundled lv-seg-sunnybrook model is missing");
        InferenceRequest request{*model, dir, {}, {}};
        request.segmentation.referencePath = QStringLiteral("auto");
        JobControl control;
        auto r = InferenceRunner::run(request, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        QVERIFY2(r->details.contains(QStringLiteral("agreement")),
                 qPrintable(r->details.value(QStringLiteral("agreement_error")).toString()));
        const QJsonObject labels = r->details.value(QStringLiteral("agreement"))
                                       .toObject()
                                       .value(QStringLiteral("labels"))
                                       .toObject();
        const QJsonObject blood = labels.value(QStringLiteral("lv_blood_pool")).toObject();
        const QJsonObject myo = labels.value(QStringLiteral("lv_myocardium")).toObject();
        // The manifest's validation counted 20 endocardial and 10 epicardial frames.
        QCOMPARE(blood.value(QStringLiteral("frames")).toInt(), 20);
        QCOMPARE(myo.value(QStringLiteral("frames")).toInt(), 10);
        const double dBlood = blood.value(QStringLiteral("dice")).toDouble();
        const double dMyo = myo.value(QStringLiteral("dice")).toDouble();
        qInfo("SCD0000301 (held out), C++ pipeline: Dice blood pool %.4f (pooled %.4f), "
              "myocardium %.4f (pooled %.4f); manifest (PyTorch) 0.8632 / 0.601",
              dBlood, blood.value(QStringLiteral("dice_pooled")).toDouble(), dMyo,
              myo.value(QStringLiteral("dice_pooled")).toDouble());
        QVERIFY(dBlood >= 0.80);
        QVERIFY(dMyo >= 0.50);
        // Close to what the manifest claims (PyTorch, no postprocessing): the C++ pipeline
        // reproduces the validation, it does not only clear a floor.
        const double claimedBlood =
            model->metrics.value(QStringLiteral("dice_lv_blood_pool")).toDouble();
        const double claimedMyo =
            model->metrics.value(QStringLiteral("dice_lv_myocardium")).toDouble();
        QVERIFY(claimedBlood > 0 && claimedMyo > 0);
        QVERIFY(std::abs(dBlood - claimedBlood) < 0.04);
        QVERIFY(std::abs(dMyo - claimedMyo) < 0.04);
    }

    void predictedEfIsNearExpertEf_data() {
        QTest::addColumn<QString>("patient");
        QTest::addColumn<double>("maxDifference");
        // EF points on the expert's slices and phases: ~3x the largest difference measured
        // (SCD0000101 1.9, SCD0000301 0.9; see core/inference/README.md). A broken mapping or
        // model gives tens of points.
        QTest::newRow("SCD0000101") << QStringLiteral("SCD0000101") << 6.0;
        QTest::newRow("SCD0000301") << QStringLiteral("SCD0000301") << 6.0;
    }
    void predictedEfIsNearExpertEf() {
        QFETCH(QString, patient);
        QFETCH(double, maxDifference);
        const QString dir = test::shared(QStringLiteral("imaging/sunnybrook/dicoms/") + patient);
        if (dir.isEmpty())
            QSKIP("shared Sunnybrook data not available");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const auto model = demoSegModel();
        QVERIFY2(model, "the bundled lv-seg-sunnybrook model is missing");
        auto expert = imaging::LabelledCaseLoader::metrics(dir);
        QVERIFY2(expert.ok() && expert->cine,
                 qPrintable(expert.ok() ? QString() : expert.error().describe()));
        // ED/ES first: the figures must not depend on the order, and the two phases handed
        // out early must be final.
        InferenceRequest request{*model, dir, {}, {}};
        request.segmentation.edEsFirst = true;
        int early = 0, earlyEd = -1, earlyEs = -1;
        std::vector<std::uint8_t> earlyLabels;
        request.segmentation.edEsReady = [&](const imaging::LabelVolume& l, int ed, int es) {
            ++early;
            earlyEd = ed;
            earlyEs = es;
            for (int s = 0; s < l.extent().slices; ++s)
                for (int p : {ed, es}) {
                    const auto px = l.frame(s, p).pixels();
                    earlyLabels.insert(earlyLabels.end(), px.begin(), px.end());
                }
        };
        JobControl control;
        QStringList stages;
        control.setProgressCallback([&](double, const QString& stage) {
            if (stages.isEmpty() || stages.back() != stage)
                stages << stage;
        });
        auto r = InferenceRunner::run(request, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        QCOMPARE(early, 1);
        QVERIFY2(stages.contains(QStringLiteral("ED and ES segmented")),
                 qPrintable(stages.join(QLatin1Char('|'))));
        std::vector<std::uint8_t> finalLabels;
        for (int s = 0; s < r->labels->extent().slices; ++s)
            for (int p : {earlyEd, earlyEs}) {
                const auto px = std::as_const(*r->labels).frame(s, p).pixels();
                finalLabels.insert(finalLabels.end(), px.begin(), px.end());
            }
        QVERIFY(earlyLabels == finalLabels);
        const QJsonObject cm = r->details.value(QStringLiteral("cine_metrics")).toObject();
        QVERIFY2(!cm.isEmpty(),
                 qPrintable(r->details.value(QStringLiteral("cine_metrics_error")).toString()));
        // The same slices and phases as the experts contoured, through the same frame mapping
        // as the Dice: the comparison that isolates the model from slice coverage.
        auto image = imaging::ImageLoader::load(dir);
        QVERIFY(image.ok());
        auto ref = findReference(*image);
        QVERIFY2(ref.ok(), qPrintable(ref.ok() ? QString() : ref.error().describe()));
        const double expertEf = expert->cine->lvEfPercent;
        const double expertEfOnGrid = efOf(annotatedBloodVolumes(ref->labels, *ref));
        const double matchedEf = efOf(annotatedBloodVolumes(*r->labels, *ref));
        const double wholeEf = cm.value(QStringLiteral("lv_ef_percent")).toDouble();
        qInfo("%s: expert EF %.1f%% (EDV %.1f ml, ESV %.1f ml, %d slices); predicted EF on the "
              "expert's slices/phases %.1f%%; predicted EF of the whole cine %.1f%% (EDV %.1f ml, "
              "ESV %.1f ml, mass %.1f g, ED phase %d, ES phase %d)",
              qPrintable(patient), expertEf, expert->cine->lvEdvMl, expert->cine->lvEsvMl,
              ref->framesAnnotating(CardiacLabel::LvBloodPool) / 2, matchedEf, wholeEf,
              cm.value(QStringLiteral("lv_edv_ml")).toDouble(),
              cm.value(QStringLiteral("lv_esv_ml")).toDouble(),
              cm.value(QStringLiteral("lv_mass_g")).toDouble(),
              cm.value(QStringLiteral("ed_phase")).toInt(),
              cm.value(QStringLiteral("es_phase")).toInt());
        qInfo("%s: ED/ES-first picked ED phase %d, ES phase %d from the middle slice",
              qPrintable(patient), earlyEd, earlyEs);
        {
            // ED/ES-first chose by the one definition (largest / smallest LV pool) on the
            // middle slice, whatever phase the cine starts at (SCD0000101: ED is phase 18).
            const int mid = r->labels->extent().slices / 2;
            std::vector<double> pool;
            for (int p = 0; p < r->labels->extent().phases; ++p) {
                const auto px = std::as_const(*r->labels).frame(mid, p).pixels();
                pool.push_back(double(std::count(px.begin(), px.end(), kBlood)));
            }
            const imaging::EdEsPhases expected = imaging::edEsByLvSize(pool);
            QCOMPARE(earlyEd, expected.ed);
            QCOMPARE(earlyEs, expected.es);
        }
        if (r->labels->extent().phases > 2) {
            // One definition (largest / smallest LV pool): the middle slice's choice is the
            // whole volume's within a phase (the pool is flat around ED and ES).
            const int n = r->labels->extent().phases;
            for (const auto& [picked, key] :
                 {std::pair{earlyEd, "ed_phase"}, {earlyEs, "es_phase"}}) {
                const int d = std::abs(picked - cm.value(QLatin1String(key)).toInt());
                QVERIFY2(std::min(d, n - d) <= 1, key);
            }
        }
        // The reference drawn on the image grid must give the loader's expert EF.
        QVERIFY(std::abs(expertEfOnGrid - expertEf) < 0.5);
        QVERIFY(std::abs(matchedEf - expertEf) < maxDifference);
        // The whole cine adds the basal / apical slices the experts left out (5.6 points).
        QVERIFY(std::abs(wholeEf - expertEf) < maxDifference + 4.0);
    }

    void echoClipIsSegmentedFramePerFrame() {
        CARDIOLENS_REQUIRE_SHARED(clip, "imaging/echo/US-PAL-8-10x-echo.dcm");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const auto model = demoSegModel();
        QVERIFY2(model, "the bundled lv-seg-sunnybrook model is missing");
        // No labelled echo can be shipped (CAMUS / EchoNet terms), so this checks the per-frame
        // pipeline on a real clip, not accuracy: the MRI-trained model is applied to
        // ultrasound on purpose (anyModality), as a user's echo model would be.
        auto image = imaging::ImageLoader::load(clip);
        QVERIFY(image.ok());
        QCOMPARE(image->slices(), 1);
        QCOMPARE(image->phases(), 10);
        InferenceRequest request{*model, clip, {}, {}};
        JobControl refusing;
        auto refused = InferenceRunner::run(request, refusing, 2);
        QVERIFY(!refused.ok() && refused.error().message.contains(QLatin1String("this is US")));
        request.anyModality = true;
        JobControl control;
        std::vector<double> fractions;
        control.setProgressCallback([&](double f, const QString&) { fractions.push_back(f); });
        auto r = InferenceRunner::run(request, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        QCOMPARE(r->items, 10);
        QCOMPARE(r->labels->extent(), image->extent());
        QCOMPARE(r->labels->geometry().pixelSpacing, image->geometry().pixelSpacing);
        QCOMPARE(r->labels->geometry().frameTimeMs, image->geometry().frameTimeMs);
        const QJsonArray perFrame = r->details.value(QStringLiteral("frame_uncertainty")).toArray();
        QCOMPARE(perFrame.size(), 10);
        for (const auto& u : perFrame)
            QVERIFY(u.toDouble() >= 0 && u.toDouble() <= 1);
        const QJsonObject area = r->details.value(QStringLiteral("lv_area")).toObject();
        QCOMPARE(area.value(QStringLiteral("lv_area_mm2")).toArray().size(), 10);
        qInfo("echo clip %dx%d, 10 frames: %.0f ms, mean uncertainty %.3f, LV area per frame %s",
              image->width(), image->height(), r->elapsedMs, r->uncertainty,
              qPrintable(QString::fromUtf8(
                  QJsonDocument(area.value(QStringLiteral("lv_area_mm2")).toArray())
                      .toJson(QJsonDocument::Compact))));
        QVERIFY(fractions.size() >= 5); // One report per batch of 2 frames, at least.

        // Cancel from the progress callback after the first batch: no second batch runs.
        JobControl cancelling;
        int batches = 0;
        cancelling.setProgressCallback([&](double f, const QString& stage) {
            if (f > 0 && stage == QLatin1String("segmenting frames")) {
                ++batches;
                cancelling.cancel();
            }
        });
        auto cancelled = InferenceRunner::run(request, cancelling, 2);
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().message, cancelledMessage());
        QCOMPARE(batches, 1);
    }
};

QTEST_GUILESS_MAIN(TestSegmentationQuality)
#include "tst_SegmentationQuality.moc"
