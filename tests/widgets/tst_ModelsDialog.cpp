// Models ▸ Manage models: lists the bundled models, shows broken user folders, validates a
// model with a test forward, installs a valid TorchScript model and refuses one libtorch
// 1.13 cannot run — all in the background, with the reason in the dialog.
#include "inference/ModelRunController.h"
#include "inference/ModelsDialog.h"
#include "inference/TorchScriptModel.h"

#include "ModelFolder.h"
#include "TestData.h"
#include "TorchRequired.h"

#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

using namespace cardiolens;
using widgets::ModelsDialog;

namespace {
bool waitForWork(ModelsDialog& dialog, QSignalSpy& spy) {
    return spy.wait(60000) || !dialog.isBusy();
}
} // namespace

class TestModelsDialog : public QObject {
    Q_OBJECT
    QString m_userDir;

private Q_SLOTS:
    void initTestCase() {
        m_userDir = test::scratchDir() + QStringLiteral("/dialog-user-models");
        QDir(m_userDir).removeRecursively();
        QDir().mkpath(m_userDir + QStringLiteral("/broken"));
        QFile f(m_userDir + QStringLiteral("/broken/manifest.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"name\": \"broken\"");
        f.close();
        qputenv("CARDIOLENS_MODELS_DIR", m_userDir.toUtf8());
    }

    void listsBundledModelsAndBrokenFolders() {
        ModelsDialog dialog;
        QVERIFY(dialog.rowOf(QStringLiteral("lv-seg-sunnybrook@1.0.0")) >= 0);
        QVERIFY(dialog.rowOf(QStringLiteral("beat-aami@1.0.0")) >= 0);
        QVERIFY(dialog.rowOf(QStringLiteral("rhythm-af@1.0.0")) >= 0);
        const int row = dialog.rowOf(QStringLiteral("lv-seg-sunnybrook@1.0.0"));
        QCOMPARE(dialog.table()->item(row, 2)->text(), QStringLiteral("segmentation-2d"));
        QCOMPARE(dialog.table()->item(row, 3)->text(), QStringLiteral("bundled"));
        const QString problems = dialog.problemsText();
        QVERIFY2(problems.contains(QLatin1String("broken")), qPrintable(problems));

        // The thread count is a setting the next run picks up.
        dialog.threadsBox()->setValue(1);
        QCOMPARE(widgets::ModelRunController::threadCount(), 1);
        dialog.threadsBox()->setValue(2);
        QCOMPARE(widgets::ModelRunController::threadCount(),
                 std::min(2, QThread::idealThreadCount()));
    }

    void validatesTheSelectedModel() {
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        ModelsDialog dialog;
        const int row = dialog.rowOf(QStringLiteral("beat-aami@1.0.0"));
        QVERIFY(row >= 0);
        dialog.table()->selectRow(row);
        QSignalSpy done(&dialog, &ModelsDialog::workFinished);
        dialog.validateSelected();
        QVERIFY(dialog.isBusy() || !done.isEmpty());
        QVERIFY(waitForWork(dialog, done));
        QCOMPARE(done.size(), 1);
        QVERIFY2(done.front().at(0).toBool(), qPrintable(dialog.statusText()));
        QVERIFY2(dialog.statusText().contains(QLatin1String("beat-aami@1.0.0 is valid")),
                 qPrintable(dialog.statusText()));
        // For looking at the dialog: CARDIOLENS_TEST_GRAB=DIR saves it as a PNG there.
        if (qEnvironmentVariableIsSet("CARDIOLENS_TEST_GRAB")) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(qEnvironmentVariable("CARDIOLENS_TEST_GRAB") +
                               QStringLiteral("/models-dialog.png"));
        }
    }

    void addsAValidModelAndRefusesAnUnrunnableOne() {
        CARDIOLENS_REQUIRE_SHARED(unet, "models/torch2x-export/unet_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const QString good = test::writeModelFolder(
            QStringLiteral("dialog-unet"),
            R"({"name": "dialog-unet", "version": "3", "task": "segmentation-2d", "file": "model.pt",
            "input": {"dtype": "float32", "shape": [-1, 1, 64, 64], "size": [64, 64]},
            "output": {"activation": "softmax", "labels": [{"index": 0, "name": "bg"},
              {"index": 1, "name": "lv", "code": "lv_blood_pool"},
              {"index": 2, "name": "myo", "code": "lv_myocardium"}]}})",
            {unet});
        ModelsDialog dialog;
        QSignalSpy done(&dialog, &ModelsDialog::workFinished);
        QSignalSpy changed(&dialog, &ModelsDialog::modelsChanged);
        dialog.addModel(good + QStringLiteral("/manifest.json"));
        QVERIFY(waitForWork(dialog, done));
        QVERIFY2(done.front().at(0).toBool(), qPrintable(dialog.statusText()));
        QCOMPARE(changed.size(), 1);
        QVERIFY(dialog.rowOf(QStringLiteral("dialog-unet@3")) >= 0);
        QCOMPARE(dialog.table()->item(dialog.rowOf(QStringLiteral("dialog-unet@3")), 3)->text(),
                 QStringLiteral("user"));
        QVERIFY(QFileInfo::exists(m_userDir + QStringLiteral("/dialog-unet/model.pt")));

        CARDIOLENS_REQUIRE_SHARED(attn, "models/torch2x-export/attn_script.pt");
        const QString bad = test::writeModelFolder(
            QStringLiteral("dialog-attn"),
            R"({"name": "dialog-attn", "version": "1", "task": "ecg-record-classification",
            "file": "model.pt", "input": {"dtype": "float32", "shape": [1, 5, 16], "leads": ["any"],
            "sampling_rate_hz": 100, "window_samples": 16},
            "output": {"activation": "softmax", "labels": [{"index": 0, "name": "a"}]}})",
            {attn});
        done.clear();
        dialog.addModel(bad);
        QVERIFY(waitForWork(dialog, done));
        QVERIFY(!done.front().at(0).toBool());
        QVERIFY2(
            dialog.statusText().contains(QLatin1String("dialog-attn@1")) &&
                dialog.statusText().contains(QLatin1String("aten::scaled_dot_product_attention")),
            qPrintable(dialog.statusText()));
        QCOMPARE(dialog.rowOf(QStringLiteral("dialog-attn@1")), -1);
        QVERIFY(!QFileInfo::exists(m_userDir + QStringLiteral("/dialog-attn")));

        // A folder without a model file: the message names the manifest and the problem.
        const QString missing = test::writeModelFolder(
            QStringLiteral("dialog-missing"),
            R"({"name": "dialog-missing", "version": "1", "task": "segmentation-2d", "file": "model.pt",
            "input": {"dtype": "float32", "shape": [-1, 1, 64, 64], "size": [64, 64]},
            "output": {"activation": "softmax", "labels": [{"index": 0, "name": "bg"}]}})",
            {});
        done.clear();
        dialog.addModel(missing);
        QVERIFY(waitForWork(dialog, done));
        QVERIFY(!done.front().at(0).toBool());
        QVERIFY2(dialog.statusText().contains(QLatin1String("model.pt")),
                 qPrintable(dialog.statusText()));
    }
};

QTEST_MAIN(TestModelsDialog)
#include "tst_ModelsDialog.moc"
