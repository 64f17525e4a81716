#pragma once
// A small label store for the export tests: cine NIfTI images written to a scratch folder,
// registered as dataset cases, with segmentation revisions in chosen review states.

#include "imaging/NiftiWriter.h"
#include "labels/LabelStore.h"

#include <QDir>
#include <QtTest>

#include <cmath>

namespace cardiolens::test {

struct SyntheticCase {
    QString image;
    qint64 caseId = 0;
    qint64 revision = 0;
    imaging::LabelVolume labels; ///< Internal values, as stored.
};

/// A 48x40, 3-slice, 4-phase int16 cine whose content depends on \a seed (so each case has
/// its own fingerprint), with geometry that is not the identity.
inline imaging::CineVolume syntheticImage(int seed) {
    auto v = imaging::CineVolume::create({48, 40, 3, 4}, imaging::PixelType::Int16);
    auto& g = v->geometry();
    g.pixelSpacing = {1.25, 1.5};
    g.pixelSpacingKnown = true;
    g.sliceSpacing = 8.0;
    g.origin = {-30.5, 12.25, 4.0};
    const double c = std::cos(0.2), s = std::sin(0.2);
    g.direction = {c, -s, 0, s, c, 0, 0, 0, 1};
    auto px = v->pixels<std::int16_t>();
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = std::int16_t((i * 37 + std::size_t(seed) * 1009) % 900);
    return std::move(*v);
}

/// Labels on \a frames (slice, phase) pairs: a blood-pool disc, and on \a withMyo frames a
/// myocardium ring too (the others are "partial": only the blood pool traced).
inline imaging::LabelVolume syntheticLabels(const imaging::CineVolume& image,
                                            const std::vector<std::pair<int, int>>& frames,
                                            const std::vector<std::pair<int, int>>& withMyo) {
    auto l = imaging::LabelVolume::like(image);
    for (const auto& [z, p] : frames) {
        const bool myo =
            std::find(withMyo.begin(), withMyo.end(), std::pair{z, p}) != withMyo.end();
        auto f = l->frame(z, p);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const double r = std::hypot(x - 24.0 - p, y - 20.0 + z);
                f.at(x, y) = r < 7 ? 1 : (myo && r < 11 ? 2 : (x < 6 && y < 6 ? 3 : 0));
            }
    }
    return std::move(*l);
}

inline SyntheticCase addCase(labels::LabelStore& store, const QString& dir, const QString& name,
                             int seed, const std::vector<std::pair<int, int>>& frames,
                             const std::vector<std::pair<int, int>>& withMyo,
                             labels::ReviewState state) {
    SyntheticCase c;
    const imaging::CineVolume image = syntheticImage(seed);
    c.image = QDir(dir).filePath(name + QStringLiteral(".nii.gz"));
    if (!imaging::NiftiWriter::write(image, c.image))
        return c;
    auto match = store.ensureCase({c.image, QStringLiteral("MR"), QStringLiteral("acdc"), name});
    if (!match)
        return c;
    c.caseId = match->record->id;
    c.labels = syntheticLabels(image, frames, withMyo);
    labels::NewRevision r;
    r.caseId = c.caseId;
    r.origin = labels::Origin::annotator(QStringLiteral("dr-test"));
    r.state = labels::ReviewState::InProgress;
    r.editSeconds = 42.5;
    auto id = store.saveSegmentation(r, c.labels);
    if (!id)
        return c;
    c.revision = *id;
    if (state != labels::ReviewState::InProgress) {
        auto reviewed = store.changeReviewState(
            *id, state, labels::Origin::annotator(QStringLiteral("reviewer")));
        c.revision = reviewed ? *reviewed : 0;
    }
    return c;
}

} // namespace cardiolens::test
