// Models ▸ Retrain…: the dialog runs the training process in the background, shows its
// progress, cancels it, and names what is missing when Python lacks torch. A stand-in
// python3 script plays the interpreter so the test is quick and needs no torch.
#include "inference/RetrainDialog.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace cardiolens::widgets;

namespace {
void writeScript(const QString& path, const QByteArray& body) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(f.permissions() | QFile::ExeOwner);
}

// Distinct colours in a grab: a rendered dialog has text, frames and a progress chunk.
int colours(const QImage& image) {
    QSet<QRgb> seen;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            seen.insert(image.pixel(x, y));
    return int(seen.size());
}
} // namespace

class TestRetrainDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { qputenv("CARDIOLENS_MODELS_DIR", m_dir.filePath("models").toUtf8()); }

    void namesMissingTorch() {
        const QString py = m_dir.filePath("python-no-torch");
        writeScript(py, "echo 'MISSING torch'\nexit 3\n");
        qputenv("CARDIOLENS_PYTHON", py.toUtf8());
        RetrainDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setExportDir(m_dir.path());
        QSignalSpy ended(&dialog, &RetrainDialog::runEnded);
        dialog.start();
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.at(0).at(0).toBool(), false);
        QVERIFY2(dialog.statusText().contains("lacks: torch"), qPrintable(dialog.statusText()));
        QVERIFY(dialog.statusText().contains("python3-torch"));
        QVERIFY(!dialog.isRunning());
    }

    void progressAndCancel() {
        const QString py = m_dir.filePath("python-slow");
        writeScript(py, "echo 'PROGRESS 0.25 epoch 1/4 loss 0.5000'\n"
                        "exec sleep 30\n");
        qputenv("CARDIOLENS_PYTHON", py.toUtf8());
        RetrainDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setExportDir(m_dir.path());
        QSignalSpy ended(&dialog, &RetrainDialog::runEnded);
        dialog.start();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.progressBar()->value(), 250, 10000);
        QVERIFY(dialog.isRunning());
        QVERIFY(dialog.statusText().contains("epoch 1/4"));
        const QImage running = dialog.grab().toImage();
        QVERIFY(colours(running) > 20);
        if (qEnvironmentVariableIsSet("CARDIOLENS_TEST_GRAB"))
            running.save(qEnvironmentVariable("CARDIOLENS_TEST_GRAB") + "/retrain-dialog.png");
        dialog.cancel();
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.at(0).at(0).toBool(), false);
        QVERIFY(dialog.statusText().contains("Cancelled"));
        QVERIFY(!dialog.isRunning());
        QVERIFY(QDir(m_dir.filePath("models")).isEmpty() ||
                !QDir(m_dir.filePath("models")).exists());
        qunsetenv("CARDIOLENS_PYTHON");
    }
};

QTEST_MAIN(TestRetrainDialog)
#include "tst_RetrainDialog.moc"
