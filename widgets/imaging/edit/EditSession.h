#pragma once

#include "common/Result.h"

#include <QObject>

#include <memory>

namespace cardiolens::imaging {
class CineVolume;
class EditableLabels;
class LabelVolume;
struct LabelCine;
} // namespace cardiolens::imaging

namespace cardiolens::widgets {

class CineView;
class EditPalette;
class LabelEditor;

/// Edit mode for one open cine: the working labels (an EditableLabels document made from
/// the labels shown when editing starts), the LabelEditor on the main view and its palette.
/// Leaving Edit mode keeps the document (and its undo history) until reset().
class EditSession : public QObject {
    Q_OBJECT
public:
    explicit EditSession(QWidget* paletteParent, QObject* parent = nullptr);
    ~EditSession() override;

    /// Enters Edit mode on \a view over \a image; the first time, the working labels start
    /// as a copy of \a initial (labelled frames only; may be null: all background).
    Result<bool> start(CineView* view, const imaging::CineVolume* image,
                       const imaging::LabelCine* initial);
    void stop();
    /// Drops the working labels and their history (another volume was opened).
    void reset();
    bool isActive() const;

    /// Replaces the working labels by a model's prediction as one undoable action.
    Result<bool> startFromPrediction(const imaging::LabelCine& prediction);

    imaging::EditableLabels* document() const { return m_doc.get(); }
    LabelEditor* editor() const { return m_editor; }
    EditPalette* palette() const { return m_palette; }

Q_SIGNALS:
    /// The working labels changed (an action, undo or redo): metrics may follow.
    void labelsChanged();

private:
    std::unique_ptr<imaging::EditableLabels> m_doc;
    LabelEditor* m_editor = nullptr;
    EditPalette* m_palette = nullptr;
    CineView* m_view = nullptr;
    const imaging::CineVolume* m_image = nullptr;
};

/// Frames of \a cine (labelled frames only) copied into an all-background label volume
/// with \a image's grid.
Result<imaging::LabelVolume> labelVolumeFromCine(const imaging::CineVolume& image,
                                                 const imaging::LabelCine* cine);

/// \a labels (of \a image's grid) as a label cine, e.g. to show a stored revision.
imaging::LabelCine labelCineFromVolume(const imaging::CineVolume& image,
                                       const imaging::LabelVolume& labels);

} // namespace cardiolens::widgets
