#include "inference/SegmentationAgreement.h"

namespace cardiolens::inference {

using imaging::CardiacLabel;

const LabelAgreement* SegmentationAgreement::find(CardiacLabel label) const {
    for (const LabelAgreement& a : labels)
        if (a.label == label)
            return &a;
    return nullptr;
}

QJsonObject SegmentationAgreement::toJson() const {
    QJsonObject perLabel;
    for (const LabelAgreement& a : labels) {
        QJsonObject o{{QStringLiteral("frames"), a.frames},
                      {QStringLiteral("frames_scored"), a.framesScored},
                      {QStringLiteral("predicted_voxels"), double(a.predictedVoxels)},
                      {QStringLiteral("reference_voxels"), double(a.referenceVoxels)},
                      {QStringLiteral("overlap_voxels"), double(a.overlapVoxels)}};
        if (a.framesScored > 0) {
            o[QStringLiteral("dice")] = a.meanDice;
            o[QStringLiteral("dice_pooled")] = a.pooledDice;
        }
        perLabel[QString::fromLatin1(imaging::cardiacLabelInfo(a.label).key)] = o;
    }
    return {{QStringLiteral("reference"), reference},
            {QStringLiteral("frames_compared"), framesCompared},
            {QStringLiteral("labels"), perLabel}};
}

Result<SegmentationAgreement> compareSegmentation(const imaging::LabelVolume& predicted,
                                                  const ReferenceLabels& reference) {
    const imaging::VolumeExtent& e = predicted.extent();
    if (!(e == reference.labels.extent()) || reference.annotated.size() != e.frameCount())
        return Error{QStringLiteral("the prediction and the reference have different grids"),
                     reference.source};
    SegmentationAgreement out;
    out.reference = reference.description;
    for (const std::uint16_t bits : reference.annotated)
        out.framesCompared += bits != 0;
    for (const auto& info : imaging::cardiacLabelTable()) {
        if (info.label == CardiacLabel::Background)
            continue;
        LabelAgreement a;
        a.label = info.label;
        a.frames = reference.framesAnnotating(info.label);
        if (a.frames == 0)
            continue;
        const std::uint8_t v = imaging::labelValue(info.label);
        double diceSum = 0;
        for (int p = 0; p < e.phases; ++p)
            for (int s = 0; s < e.slices; ++s) {
                if (!reference.annotates(s, p, info.label))
                    continue;
                const auto pred = predicted.frame(s, p).pixels();
                const auto ref = reference.labels.frame(s, p).pixels();
                std::int64_t np = 0, nr = 0, both = 0;
                for (std::size_t i = 0; i < pred.size(); ++i) {
                    const bool inP = pred[i] == v, inR = ref[i] == v;
                    np += inP;
                    nr += inR;
                    both += inP && inR;
                }
                a.predictedVoxels += np;
                a.referenceVoxels += nr;
                a.overlapVoxels += both;
                if (np + nr > 0) {
                    diceSum += 2.0 * double(both) / double(np + nr);
                    ++a.framesScored;
                }
            }
        if (a.framesScored > 0) {
            a.meanDice = diceSum / a.framesScored;
            a.pooledDice =
                2.0 * double(a.overlapVoxels) / double(a.predictedVoxels + a.referenceVoxels);
        }
        out.labels.push_back(a);
    }
    return out;
}

} // namespace cardiolens::inference
