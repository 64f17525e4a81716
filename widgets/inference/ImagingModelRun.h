#pragma once

#include <QObject>
#include <QString>

namespace cardiolens::widgets {

class ImagingWorkspace;
class ModelRunController;

/// "Run model" for the imaging tab, kept outside the workspace: segments the open volume
/// in the background and hands the labels to ImagingWorkspace::setPrediction().
class ImagingModelRun : public QObject {
    Q_OBJECT
public:
    explicit ImagingModelRun(ImagingWorkspace* workspace);

    /// \a nameOrPath empty: ask the user for a segmentation model.
    void run(const QString& nameOrPath = {});
    void cancel();
    ModelRunController* controller() const { return m_controller; }

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    ImagingWorkspace* m_workspace;
    ModelRunController* m_controller;
};

} // namespace cardiolens::widgets
