#include "inference/TorchScriptModel.h"

#include "TestData.h"
#include "TorchRequired.h"

#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::inference;

namespace {
std::vector<double> readNumbers(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    std::vector<double> values;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (!line.isEmpty())
            values.push_back(line.toDouble());
    }
    return values;
}
} // namespace

class TestTorchScript : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        auto version = TorchScriptModel::backendVersion();
        if (!version)
            CARDIOLENS_SKIP_WITHOUT_TORCH(version.error().message);
        qInfo("libtorch %s", qPrintable(version.value()));
    }

    void waveUnetReproducesReferenceArgmax() {
        CARDIOLENS_REQUIRE_SHARED(modelPath, "models/ecg-wave-unet/model.pt");
        const auto input =
            readNumbers(test::shared(QStringLiteral("models/ecg-wave-unet/input.txt")));
        const auto expected =
            readNumbers(test::shared(QStringLiteral("models/ecg-wave-unet/argmax_output.txt")));
        QCOMPARE(input.size(), std::size_t(144000));
        QCOMPARE(expected.size(), input.size());

        auto model = TorchScriptModel::load(modelPath);
        QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().describe()));
        (*model)->setThreadCount(2);
        const std::int64_t n = std::int64_t(input.size());
        auto out = (*model)->forward({Tensor::fromDoubles({1, 1, n}, input)});
        QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().describe()));
        const Tensor& logits = out->front();
        // (4, N) or (1, 4, N): classes on the second-to-last axis.
        const auto& shape = logits.shape();
        QVERIFY(shape.size() >= 2);
        QCOMPARE(shape.back(), n);
        const std::int64_t classes = shape[shape.size() - 2];
        QCOMPARE(classes, std::int64_t(4));
        std::int64_t mismatches = 0;
        for (std::int64_t i = 0; i < n; ++i) {
            std::int64_t best = 0;
            for (std::int64_t c = 1; c < classes; ++c)
                if (logits.valueAt(c * n + i) > logits.valueAt(best * n + i))
                    best = c;
            if (best != std::int64_t(expected[std::size_t(i)]))
                ++mismatches;
        }
        QCOMPARE(mismatches, std::int64_t(0));
    }

    void corruptModelIsRefusedWithReason() {
        const QString path = test::scratchDir() + QStringLiteral("/corrupt.pt");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PK\x03\x04 this is not a TorchScript archive");
        f.close();
        auto model = TorchScriptModel::load(path);
        QVERIFY(!model.ok());
        QCOMPARE(model.error().file, path);
        QVERIFY(model.error().message.contains(QLatin1String("cannot load TorchScript model")));
    }

    void missingModelIsRefused() {
        auto model = TorchScriptModel::load(QStringLiteral("/nonexistent/model.pt"));
        QVERIFY(!model.ok());
        QVERIFY(model.error().message.contains(QLatin1String("not found")));
    }

    void modelFromNewerTorchNamesMissingOperator() {
        CARDIOLENS_REQUIRE_SHARED(path, "models/torch2x-export/attn_script.pt");
        auto model = TorchScriptModel::load(path);
        if (model.ok()) {
            // Loading may succeed lazily; the unsupported operator then fails at run time.
            std::vector<float> zeros(5 * 16, 0.0f);
            auto out = (*model)->forward({Tensor::fromFloats({1, 5, 16}, zeros)});
            QVERIFY(!out.ok());
            QVERIFY2(out.error().message.contains(QLatin1String("scaled_dot_product_attention")),
                     qPrintable(out.error().message));
        } else {
            QVERIFY2(model.error().message.contains(QLatin1String("scaled_dot_product_attention")),
                     qPrintable(model.error().message));
        }
    }

    void wrongInputShapeIsAnErrorNotACrash() {
        CARDIOLENS_REQUIRE_SHARED(path, "models/torch2x-export/resnet1d_script.pt");
        auto model = TorchScriptModel::load(path);
        QVERIFY(model.ok());
        std::vector<float> x(3 * 7, 1.0f);
        auto out = (*model)->forward({Tensor::fromFloats({3, 7}, x)});
        QVERIFY(!out.ok());
        QVERIFY(out.error().message.contains(QLatin1String("resnet1d_script.pt")));
    }
};

QTEST_GUILESS_MAIN(TestTorchScript)
#include "tst_TorchScript.moc"
