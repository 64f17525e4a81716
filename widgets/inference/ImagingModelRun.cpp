#include "inference/ImagingModelRun.h"

#include "imaging/CaseAnnotations.h"
#include "imaging/ImagingWorkspace.h"
#include "imaging/LabelCine.h"
#include "inference/ModelRunController.h"

#include <QWidget>

namespace cardiolens::widgets {

ImagingModelRun::ImagingModelRun(ImagingWorkspace* workspace)
    : QObject(workspace), m_workspace(workspace), m_controller(new ModelRunController(this)) {
    connect(m_controller, &ModelRunController::failed, this, &ImagingModelRun::statusMessage);
    connect(m_controller, &ModelRunController::finished, this,
            [this](const inference::InferenceResult& r) {
                if (!r.labels || r.casePath != m_workspace->currentFile())
                    return; // Another volume was opened meanwhile.
                const imaging::LabelVolume& v = *r.labels;
                imaging::LabelCine cine;
                cine.nx = v.extent().width;
                cine.ny = v.extent().height;
                cine.nz = v.extent().slices;
                cine.nt = v.extent().phases;
                cine.spacing = {v.geometry().pixelSpacing[0], v.geometry().pixelSpacing[1],
                                v.geometry().sliceSpacing};
                cine.labels.assign(v.labels().begin(), v.labels().end());
                m_workspace->setPrediction(std::move(cine));
                Q_EMIT statusMessage(tr("%1: %2 frames segmented, uncertainty %3 (%4)")
                                         .arg(r.modelId)
                                         .arg(r.items)
                                         .arg(r.uncertainty, 0, 'f', 3)
                                         .arg(r.uncertaintyMethod));
            });
}

void ImagingModelRun::run(const QString& nameOrPath) {
    if (m_workspace->currentFile().isEmpty()) {
        Q_EMIT statusMessage(tr("Open an image first."));
        return;
    }
    QString model = nameOrPath;
    if (model.isEmpty()) {
        QString problem;
        model = ModelRunController::chooseModel(m_workspace, false, &problem);
        if (model.isEmpty()) {
            if (!problem.isEmpty())
                Q_EMIT statusMessage(problem);
            return;
        }
    }
    // A case with expert contours (Sunnybrook) gets its model scored against them.
    const imaging::CaseAnnotations* reference = m_workspace->annotations();
    m_controller->setSegmentationReference(
        reference && !reference->contours.empty() ? QStringLiteral("auto") : QString());
    m_controller->start(model, m_workspace->currentFile());
}

void ImagingModelRun::cancel() {
    m_controller->cancel();
}

} // namespace cardiolens::widgets
