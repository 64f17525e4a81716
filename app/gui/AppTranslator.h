#pragma once

#include <QString>

namespace cardiolens::app {

/// Installs the translation for a language code ("de"), or the saved/system language
/// when the code is empty (the code itself is not saved). Returns the language actually in use
/// ("en" when none applies).
QString installTranslation(const QString& requestedLanguage);

/// Languages the build embeds, besides English.
QStringList availableTranslations();

} // namespace cardiolens::app
