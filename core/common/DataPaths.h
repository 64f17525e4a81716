#pragma once

#include <QString>
#include <QStringList>

namespace cardiolens {

/// Where Cardiolens finds the files it ships and the optional shared datasets.
/// Lookup works the same from the build tree, an installed package and the tests.
namespace DataPaths {

/// Folder of the bundled demo samples (resources/samples in the source tree,
/// share/cardiolens/samples once installed). Empty if none is found.
QString samplesDir();

/// The real datasets folder (../shared/data beside the checkout, or
/// $CARDIOLENS_SHARED_DATA). Empty when absent: callers skip what needs it.
QString sharedDataDir();

/// Folders searched for plugins such as the torch backend, most specific first.
QStringList pluginDirs();

} // namespace DataPaths
} // namespace cardiolens
