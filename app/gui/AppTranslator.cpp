#include "gui/AppTranslator.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace cardiolens::app {

namespace {
constexpr const char* kSettingsKey = "ui/language";
}

QStringList availableTranslations() {
    QStringList codes;
    for (const QString& f :
         QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("cardiolens_*.qm")}))
        codes << f.mid(11, f.size() - 11 - 3); // "cardiolens_" ... ".qm"
    return codes;
}

QString installTranslation(const QString& requestedLanguage) {
    const QSettings settings;
    QString lang = requestedLanguage;
    if (lang.isEmpty())
        lang = settings.value(QLatin1String(kSettingsKey)).toString();
    if (lang.isEmpty())
        lang = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    // --lang is a one-off override; View > Language is what changes the saved setting.

    // Owned by the application object: translators must outlive every widget. A second
    // call replaces the first call's translators.
    static QPointer<QTranslator> ours;
    static QPointer<QTranslator> qt;
    for (QPointer<QTranslator>* t : {&ours, &qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete t->data();
        }
    }
    if (lang == QLatin1String("en") || !availableTranslations().contains(lang)) {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return QStringLiteral("en");
    }
    ours = new QTranslator(QCoreApplication::instance());
    if (ours->load(QStringLiteral(":/i18n/cardiolens_%1.qm").arg(lang)))
        QCoreApplication::installTranslator(ours);
    qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    QLocale::setDefault(QLocale(lang));
    return lang;
}

} // namespace cardiolens::app
