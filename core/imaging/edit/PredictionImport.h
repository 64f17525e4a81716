#pragma once

#include "common/Result.h"
#include "imaging/edit/EditTransaction.h"

#include <QString>

namespace cardiolens::imaging {

class EditableLabels;
class LabelVolume;

/// "Start from a prediction": a model's labels replace the working labels as ONE action
/// (undo brings the previous labels back). The frames it changes are no longer marked as
/// touched by a person.
class PredictionImport {
public:
    /// False when the prediction equals the working labels; an error when its extent differs.
    static Result<bool> apply(EditableLabels& doc, const LabelVolume& prediction);
    /// The same replacement under another name and touch policy: "Revert to revision N"
    /// and "Restore unsaved work" are a person's choices (MarkTouched).
    static Result<bool> apply(EditableLabels& doc, const LabelVolume& labels, const QString& action,
                              TouchPolicy policy);
};

} // namespace cardiolens::imaging
