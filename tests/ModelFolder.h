#pragma once
// Model folders written on the fly for tests that add, run or refuse user models.

#include "TestData.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

namespace cardiolens::test {

/// What goes beside the manifest as model.pt.
struct ModelWeights {
    QString copyFrom;     ///< A TorchScript file to copy; empty with corrupt false: no file.
    bool corrupt = false; ///< A zip-looking file that is not TorchScript.
};

/// Writes a fresh scratch folder \a name with manifest.json = \a manifest and model.pt as
/// \a weights says; returns the folder (empty if it could not be written).
inline QString writeModelFolder(const QString& name, const QByteArray& manifest,
                                const ModelWeights& weights = {}) {
    const QString dir = scratchDir() + QLatin1Char('/') + name;
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    const QString pt = dir + QStringLiteral("/model.pt");
    if (!weights.copyFrom.isEmpty() && !QFile::copy(weights.copyFrom, pt))
        return {};
    if (weights.corrupt) {
        QFile f(pt);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("PK\x03\x04 this is not TorchScript");
    }
    QFile f(dir + QStringLiteral("/manifest.json"));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(manifest);
    return dir;
}

} // namespace cardiolens::test
