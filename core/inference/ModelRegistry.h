#pragma once

#include "common/Result.h"
#include "inference/ModelManifest.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace cardiolens::inference {

/// A model the registry knows: its manifest and where it came from.
struct RegisteredModel {
    ModelManifest manifest;
    QString source; ///< "bundled", "user" or "added".
};

/// What a validation forward found.
struct ValidationReport {
    QString modelId;
    std::vector<std::int64_t> inputShape;
    std::vector<std::int64_t> outputShape;
    double forwardMs = 0;
};

/// The models Cardiolens can run: bundled ones (resources/models, share/cardiolens/models),
/// the user models folder ($CARDIOLENS_MODELS_DIR, else the "inference/userModelsDir"
/// setting, else <AppData>/models) and models added at run time. Each model is a folder
/// holding manifest.json and the TorchScript file it names.
///
/// A manifest's "file" is resolved beside the manifest; when it is not there, the registry
/// looks in the shared data folder under models/<folder name>/ (third-party models such as
/// ecg-wave-unet ship only their manifest, the weights stay with the shared data).
class ModelRegistry {
public:
    /// Scans the bundled and user folders (manifests only; nothing is loaded).
    static ModelRegistry scan();
    /// Scans only \a dirs (tests).
    static ModelRegistry scan(const QStringList& dirs);

    static QString bundledDir();
    static QString userDir();

    const std::vector<RegisteredModel>& models() const { return m_models; }
    /// Folders whose manifest could not be read, with the reason.
    const std::vector<Error>& problems() const { return m_problems; }

    /// By "name@version", by name (the newest version registered), or a path (model folder,
    /// manifest.json, or a .pt with a manifest.json beside it). Paths are read on the spot and need
    /// not be registered.
    Result<ModelManifest> find(const QString& nameOrPath) const;

    /// Validates \a path (as find() accepts paths; in a child process with limits, see
    /// IsolatedValidation) and adds it under source "added".
    /// With \a install, the manifest and model file are also copied into userDir().
    Result<ModelManifest> add(const QString& path, bool install = false);

    /// Loads the model and runs one forward on zeros of the declared input shape; checks that
    /// the output has as many classes as the manifest lists and holds finite values. The
    /// message names the model. Runs in this process: see IsolatedValidation for untrusted
    /// models.
    static Result<ValidationReport> validate(const ModelManifest& manifest);

    /// Reads a manifest from a folder, manifest.json or .pt path and resolves its model file.
    static Result<ModelManifest> readAt(const QString& path);

private:
    void scanDir(const QString& dir, const QString& source);
    std::vector<RegisteredModel> m_models;
    std::vector<Error> m_problems;
};

} // namespace cardiolens::inference
