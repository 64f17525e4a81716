#pragma once

#include <QDialog>

namespace cardiolens::app {

/// Help ▸ About: the application version and the versions of the libraries it runs on.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    /// "Qt 6.4.2, VTK 9.1.0, ITK 5.2.1, libtorch 1.13.1" — the text the dialog shows.
    static QString libraryVersions();
};

} // namespace cardiolens::app
