#include "imaging/edit/PredictionImport.h"

#include "imaging/LabelVolume.h"
#include "imaging/edit/EditTransaction.h"
#include "imaging/edit/EditableLabels.h"

#include <algorithm>

namespace cardiolens::imaging {

Result<bool> PredictionImport::apply(EditableLabels& doc, const LabelVolume& prediction) {
    return apply(doc, prediction, QStringLiteral("Start from prediction"),
                 TouchPolicy::ClearTouched);
}

Result<bool> PredictionImport::apply(EditableLabels& doc, const LabelVolume& prediction,
                                     const QString& action, TouchPolicy policy) {
    const VolumeExtent& e = doc.extent();
    if (prediction.extent() != e)
        return Error{QStringLiteral("the prediction is %1x%2x%3x%4, the working labels "
                                    "%5x%6x%7x%8")
                         .arg(prediction.extent().width)
                         .arg(prediction.extent().height)
                         .arg(prediction.extent().slices)
                         .arg(prediction.extent().phases)
                         .arg(e.width)
                         .arg(e.height)
                         .arg(e.slices)
                         .arg(e.phases),
                     {}};
    EditTransaction tx = doc.begin(action, policy);
    for (int p = 0; p < e.phases; ++p)
        for (int s = 0; s < e.slices; ++s) {
            const auto source = prediction.frame(s, p).pixels();
            const auto current = doc.labels().frame(s, p).pixels();
            if (std::equal(source.begin(), source.end(), current.begin()))
                continue; // no snapshot for frames the prediction leaves as they are
            auto target = tx.frame(s, p).pixels();
            std::copy(source.begin(), source.end(), target.begin());
            tx.changed(s, p);
        }
    return tx.commit();
}

} // namespace cardiolens::imaging
