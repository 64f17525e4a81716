// File ▸ Export labels…: the dialog exports a real store in the background (nnU-Net here),
// the result passes the nnU-Net checker, and a form without a review state is refused.
#include "../core/export/ExportTestSupport.h"

#include "export/NnunetChecker.h"
#include "labels/ExportDialog.h"

#include <QCheckBox>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::widgets;

class TestExportDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void exportsInTheBackground() {
        QTemporaryDir dir;
        {
            auto store = labels::LabelStore::open(
                labels::StoreLocation::sqlite(dir.filePath("labels.sqlite")));
            QVERIFY(store.ok());
            QVERIFY(test::addCase(**store, dir.path(), "patient001", 1, {{0, 0}, {1, 2}}, {{0, 0}},
                                  labels::ReviewState::Accepted)
                        .revision > 0);
        }
        ExportDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setSource(dir.path()); // a project folder: DIR/labels.sqlite
        dialog.setOutDir(dir.filePath("raw"));
        QSignalSpy done(&dialog, &ExportDialog::exportFinished);
        dialog.startExport();
        QVERIFY(done.wait(30000));
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(dialog.statusText()));
        QCOMPARE(dialog.lastTarget(), dir.filePath("raw/Dataset501_Cardiolens"));
        const auto check = exports::NnunetChecker::check(dialog.lastTarget());
        QVERIFY2(check.ok(), qPrintable(check.errors.join('\n')));
        QCOMPARE(check.cases, 2);
        QVERIFY(dialog.statusText().contains("as 2 cases"));
        // Rendered: text, fields and buttons, not a blank window.
        const QImage image = dialog.grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 20);
        if (qEnvironmentVariableIsSet("CARDIOLENS_TEST_GRAB"))
            image.save(qEnvironmentVariable("CARDIOLENS_TEST_GRAB") + "/export-dialog.png");
    }

    void noStateIsRefused() {
        ExportDialog dialog;
        dialog.setOutDir(QDir::tempPath() + "/never-written");
        dialog.findChildren<QCheckBox*>().first()->setChecked(false); // "accepted"
        QSignalSpy done(&dialog, &ExportDialog::exportFinished);
        dialog.startExport();
        QCOMPARE(done.size(), 1);
        QVERIFY(!done.at(0).at(0).toBool());
        QVERIFY(dialog.statusText().contains("review state"));
        QVERIFY(!QFileInfo::exists(QDir::tempPath() + "/never-written"));
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_ExportDialog.moc"
