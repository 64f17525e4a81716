#pragma once
// Locations of test inputs: small fixtures in the repo, the bundled samples, and the
// optional real datasets in ../shared/data (tests needing those skip when absent).

#include "common/DataPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QtTest>

namespace cardiolens::test {

inline QString fixture(const QString& relative) {
    return QDir(QStringLiteral(CARDIOLENS_TEST_DATA_DIR)).filePath(relative);
}

inline QString sample(const QString& relative) {
    return QDir(DataPaths::samplesDir()).filePath(relative);
}

/// Path under the shared data folder, or empty when that folder or file is absent.
inline QString shared(const QString& relative) {
    const QString root = DataPaths::sharedDataDir();
    if (root.isEmpty())
        return {};
    const QString path = QDir(root).filePath(relative);
    return QFileInfo::exists(path) ? path : QString();
}

/// A scratch folder removed when the test object is destroyed.
inline QString scratchDir() {
    static QTemporaryDir dir;
    return dir.path();
}

} // namespace cardiolens::test

/// Declares `var` as the shared-data path of `relative`, or skips the test when absent.
#define CARDIOLENS_REQUIRE_SHARED(var, relative)                                                   \
    const QString var = cardiolens::test::shared(QStringLiteral(relative));                        \
    if (var.isEmpty())                                                                             \
    QSKIP("shared data not available: " relative)
