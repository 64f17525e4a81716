#include "imaging/edit/EditSession.h"

#include "imaging/CaseAnnotations.h"
#include "imaging/CineView.h"
#include "imaging/LabelCine.h"
#include "imaging/edit/EditPalette.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/LabelEditor.h"
#include "imaging/edit/PredictionImport.h"

#include <algorithm>

namespace cardiolens::widgets {

Result<imaging::LabelVolume> labelVolumeFromCine(const imaging::CineVolume& image,
                                                 const imaging::LabelCine* cine) {
    auto labels = imaging::LabelVolume::like(image);
    if (!labels || !cine || cine->nx != image.width() || cine->ny != image.height() ||
        cine->nz != image.slices())
        return labels;
    for (int p = 0; p < image.phases(); ++p)
        for (int s = 0; s < image.slices(); ++s)
            if (const std::uint8_t* src = imaging::labelFrame(*cine, s, p)) {
                auto dst = labels->frame(s, p).pixels();
                std::copy(src, src + dst.size(), dst.begin());
            }
    return labels;
}

imaging::LabelCine labelCineFromVolume(const imaging::CineVolume& image,
                                       const imaging::LabelVolume& labels) {
    imaging::LabelCine cine;
    cine.nx = image.width();
    cine.ny = image.height();
    cine.nz = image.slices();
    cine.nt = image.phases();
    const auto& g = image.geometry();
    cine.spacing = {g.pixelSpacing[0], g.pixelSpacing[1], g.sliceSpacing};
    cine.labels.assign(labels.labels().begin(), labels.labels().end());
    return cine;
}

EditSession::EditSession(QWidget* paletteParent, QObject* parent)
    : QObject(parent), m_editor(new LabelEditor(this)),
      m_palette(new EditPalette(m_editor, paletteParent)) {
    m_palette->setVisible(false);
}

EditSession::~EditSession() {
    m_editor->attach(nullptr, nullptr, nullptr);
}

bool EditSession::isActive() const {
    return m_view != nullptr;
}

Result<bool> EditSession::start(CineView* view, const imaging::CineVolume* image,
                                const imaging::LabelCine* initial) {
    if (!view || !image)
        return Error{tr("open an image first"), {}};
    if (m_doc && m_image != image)
        reset();
    if (!m_doc) {
        auto labels = labelVolumeFromCine(*image, initial);
        if (!labels)
            return labels.error();
        m_doc = std::make_unique<imaging::EditableLabels>(std::move(*labels));
        connect(m_doc.get(), &imaging::EditableLabels::historyChanged, m_palette,
                &EditPalette::updateHistory);
        connect(m_doc.get(), &imaging::EditableLabels::historyChanged, this,
                &EditSession::labelsChanged);
    }
    m_view = view;
    m_image = image;
    m_editor->attach(view, m_doc.get(), image);
    m_palette->updateHistory();
    m_palette->setVisible(true);
    view->setFocus();
    return true;
}

void EditSession::stop() {
    m_editor->attach(nullptr, nullptr, nullptr);
    m_palette->setVisible(false);
    m_view = nullptr;
}

void EditSession::reset() {
    stop();
    m_doc.reset();
    m_image = nullptr;
    m_palette->updateHistory();
}

Result<bool> EditSession::startFromPrediction(const imaging::LabelCine& prediction) {
    if (!m_doc || !m_image)
        return Error{tr("not editing"), {}};
    auto labels = labelVolumeFromCine(*m_image, &prediction);
    if (!labels)
        return labels.error();
    return imaging::PredictionImport::apply(*m_doc, *labels);
}

} // namespace cardiolens::widgets
