#include "gui/AboutDialog.h"

#include "cardiolens/BuildInfo.h"
#include "imaging/ItkInfo.h"
#include "vtk/VtkVersion.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace cardiolens::app {

QString AboutDialog::libraryVersions() {
    // libtorch's version is the one the plugin was built against: asking the plugin
    // itself would load libtorch just to show a dialog.
    const QString torch = QString::fromLatin1(build::kTorchVersion).isEmpty()
                              ? tr("not built")
                              : QString::fromLatin1(build::kTorchVersion);
    return tr("Qt %1, VTK %2, ITK %3, libtorch %4")
        .arg(QString::fromLatin1(qVersion()), widgets::vtkVersionString(),
             QString::fromLatin1(imaging::itkVersionString()), torch);
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About Cardiolens"));
    auto* text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setText(
        tr("<h2>Cardiolens %1</h2>"
           "<p>A workstation for 12-lead ECG, Holter, cine MRI and echo data, "
           "with on-demand model inference and label editing for active learning.</p>"
           "<p>%2</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
            .arg(QString::fromLatin1(build::kAppVersion), libraryVersions().toHtmlEscaped()));
    text->setWordWrap(true);
    text->setObjectName(QStringLiteral("aboutText"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace cardiolens::app
