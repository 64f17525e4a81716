#include "inference/ModelRegistry.h"
#include "inference/ModelSession.h"
#include "inference/TorchScriptModel.h"

#include "InferenceTestModels.h"
#include "TestData.h"
#include "TorchRequired.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::inference;

namespace {
std::vector<double> readNumbers(const QString& path) {
    QFile f(path);
    std::vector<double> values;
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return values;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (!line.isEmpty())
            values.push_back(line.toDouble());
    }
    return values;
}

std::vector<float> readFloats(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    std::vector<float> v(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(v.data(), bytes.constData(), v.size() * sizeof(float)); // Little-endian host.
    return v;
}

QJsonObject validEcgManifest() {
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("m")},
        {QStringLiteral("version"), QStringLiteral("1")},
        {QStringLiteral("task"), QStringLiteral("ecg-beat-classification")},
        {QStringLiteral("file"), QStringLiteral("model.pt")},
        {QStringLiteral("input"),
         QJsonObject{{QStringLiteral("dtype"), QStringLiteral("float32")},
                     {QStringLiteral("shape"), test::jsonShape({-1, 1, 256})},
                     {QStringLiteral("leads"), QJsonArray{QStringLiteral("II")}},
                     {QStringLiteral("sampling_rate_hz"), 360},
                     {QStringLiteral("window_samples"), 256},
                     {QStringLiteral("stride_samples"), 256},
                     {QStringLiteral("beat_centred"), true}}},
        {QStringLiteral("output"),
         QJsonObject{{QStringLiteral("activation"), QStringLiteral("softmax")},
                     {QStringLiteral("labels"),
                      test::jsonLabels({QStringLiteral("N"), QStringLiteral("V")},
                                       {QStringLiteral("N"), QStringLiteral("V")})}}},
        {QStringLiteral("thresholds"), QJsonObject{{QStringLiteral("V"), 0.4}}},
        {QStringLiteral("uncertainty"),
         QJsonObject{{QStringLiteral("method"), QStringLiteral("mc-dropout")},
                     {QStringLiteral("passes"), 5}}}};
}

// Sets obj[path] (dotted) to value, creating nothing: the path must exist up to the last key.
QJsonObject withField(QJsonObject root, const QStringList& path, const QJsonValue& value) {
    if (path.size() == 1) {
        if (value.isUndefined())
            root.remove(path.front());
        else
            root[path.front()] = value;
        return root;
    }
    root[path.front()] = withField(root.value(path.front()).toObject(), path.mid(1), value);
    return root;
}
} // namespace

class TestModelRegistry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validManifestParses() {
        auto m = ModelManifest::fromJson(validEcgManifest(), QStringLiteral("/x/manifest.json"));
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().describe()));
        QCOMPARE(m->id(), QStringLiteral("m@1"));
        QCOMPARE(m->task, ModelTask::EcgBeatClassification);
        QCOMPARE(m->modelPath, QStringLiteral("/x/model.pt"));
        QCOMPARE(m->labels.size(), std::size_t(2));
        QCOMPARE(m->uncertainty, UncertaintyMethod::McDropout);
        QCOMPARE(m->uncertaintyPasses, 5);
        QCOMPARE(m->thresholds.at(QStringLiteral("V")), 0.4);
        QCOMPARE(m->concreteInputShape(), (std::vector<std::int64_t>{1, 1, 256}));
    }

    void invalidManifestsNameFileAndField_data() {
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("no name") << QStringList{QStringLiteral("name")}
                                 << QJsonValue(QJsonValue::Undefined) << "\"name\" is missing";
        QTest::newRow("bad task") << QStringList{QStringLiteral("task")}
                                  << QJsonValue(QStringLiteral("ecg-magic"))
                                  << "\"task\" is \"ecg-magic\"";
        QTest::newRow("bad dtype") << QStringList{QStringLiteral("input"), QStringLiteral("dtype")}
                                   << QJsonValue(QStringLiteral("int8")) << "\"input.dtype\"";
        QTest::newRow("zero dim") << QStringList{QStringLiteral("input"), QStringLiteral("shape")}
                                  << QJsonValue(test::jsonShape({1, 0, 256})) << "\"input.shape\"";
        QTest::newRow("2-D ECG") << QStringList{QStringLiteral("input"), QStringLiteral("shape")}
                                 << QJsonValue(test::jsonShape({1, 256}))
                                 << "[batch, leads, samples]";
        QTest::newRow("window vs shape")
            << QStringList{QStringLiteral("input"), QStringLiteral("window_samples")}
            << QJsonValue(300) << "\"input.window_samples\"";
        QTest::newRow("no rate") << QStringList{QStringLiteral("input"),
                                                QStringLiteral("sampling_rate_hz")}
                                 << QJsonValue(QJsonValue::Undefined)
                                 << "\"input.sampling_rate_hz\" is missing";
        QTest::newRow("activation")
            << QStringList{QStringLiteral("output"), QStringLiteral("activation")}
            << QJsonValue(QStringLiteral("relu")) << "\"output.activation\"";
        QTest::newRow("label gap")
            << QStringList{QStringLiteral("output"), QStringLiteral("labels")}
            << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                 {QStringLiteral("name"), QStringLiteral("a")}},
                                     QJsonObject{{QStringLiteral("index"), 2},
                                                 {QStringLiteral("name"), QStringLiteral("b")}}})
            << "without gaps";
        QTest::newRow("passes") << QStringList{QStringLiteral("uncertainty"),
                                               QStringLiteral("passes")}
                                << QJsonValue(0) << "\"uncertainty.passes\"";
        QTest::newRow("flip on ECG")
            << QStringList{QStringLiteral("uncertainty"), QStringLiteral("method")}
            << QJsonValue(QStringLiteral("flip-tta")) << "segmentation models only";
    }

    void invalidManifestsNameFileAndField() {
        QFETCH(QStringList, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        const QString file = QStringLiteral("/models/m/manifest.json");
        auto m = ModelManifest::fromJson(withField(validEcgManifest(), path, value), file);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().file, file);
        QVERIFY2(m.error().message.contains(field), qPrintable(m.error().message));
    }

    void unreadableManifestFiles() {
        const QString dir = test::scratchDir() + QStringLiteral("/broken");
        QDir().mkpath(dir);
        QFile f(dir + QStringLiteral("/manifest.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ \"name\": ");
        f.close();
        auto m = ModelRegistry::readAt(dir);
        QVERIFY(!m.ok());
        QVERIFY(m.error().message.contains(QLatin1String("not valid JSON")));
        const QString bare = test::scratchDir() + QStringLiteral("/bare");
        QDir().mkpath(bare);
        auto none = ModelRegistry::readAt(bare + QStringLiteral("/x.pt"));
        QVERIFY(!none.ok());
        QFile pt(bare + QStringLiteral("/x.pt"));
        QVERIFY(pt.open(QIODevice::WriteOnly));
        pt.close();
        none = ModelRegistry::readAt(bare + QStringLiteral("/x.pt"));
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.contains(QLatin1String("no manifest.json")),
                 qPrintable(none.error().message));
        // A scan records the broken folder as a problem instead of failing.
        auto reg = ModelRegistry::scan({test::scratchDir()});
        QVERIFY(!reg.problems().empty());
    }

    void bundledRegistryListsWaveUnet() {
        auto reg = ModelRegistry::scan({ModelRegistry::bundledDir()});
        QVERIFY(reg.problems().empty());
        auto m = reg.find(QStringLiteral("ecg-wave-unet"));
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().message));
        QCOMPARE(m->task, ModelTask::EcgDelineation);
        QVERIFY(!reg.find(QStringLiteral("no-such-model")).ok());
    }

    void findByNameTakesTheNewestVersion() {
        // A retrained version in a user folder wins over the bundled one by name; name@version
        // still picks either. Versions compare numerically (1.0.10 > 1.0.9).
        QTemporaryDir user;
        auto write = [&](const QString& folder, const QString& version) {
            QFile in(ModelRegistry::bundledDir() + "/lv-seg-sunnybrook/manifest.json");
            QVERIFY(in.open(QIODevice::ReadOnly));
            QJsonObject m = QJsonDocument::fromJson(in.readAll()).object();
            m["version"] = version;
            QDir().mkpath(user.filePath(folder));
            QFile out(user.filePath(folder + "/manifest.json"));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QJsonDocument(m).toJson());
        };
        write("lv-seg-sunnybrook-1.0.9", "1.0.9");
        write("lv-seg-sunnybrook-1.0.10", "1.0.10");
        const auto reg = ModelRegistry::scan({ModelRegistry::bundledDir(), user.path()});
        QCOMPARE(reg.find("lv-seg-sunnybrook")->version, QStringLiteral("1.0.10"));
        QCOMPARE(reg.find("lv-seg-sunnybrook@1.0.0")->version, QStringLiteral("1.0.0"));
        QCOMPARE(reg.find("lv-seg-sunnybrook@1.0.9")->version, QStringLiteral("1.0.9"));
    }

    void waveUnetThroughRegistryReproducesReference() {
        CARDIOLENS_REQUIRE_SHARED(inputPath, "models/ecg-wave-unet/input.txt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        auto reg = ModelRegistry::scan({ModelRegistry::bundledDir()});
        auto m = reg.find(QStringLiteral("ecg-wave-unet"));
        QVERIFY(m.ok());
        QVERIFY2(QFileInfo::exists(m->modelPath), qPrintable(m->modelPath));
        auto report = ModelRegistry::validate(*m);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().describe()));

        const auto input = readNumbers(inputPath);
        const auto expected =
            readNumbers(test::shared(QStringLiteral("models/ecg-wave-unet/argmax_output.txt")));
        QCOMPARE(input.size(), expected.size());
        auto session = ModelSession::open(*m);
        QVERIFY(session.ok());
        (*session)->setThreadCount(2);
        const std::int64_t n = std::int64_t(input.size());
        auto p = (*session)->predict(Tensor::fromDoubles({1, 1, n}, input));
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().describe()));
        QCOMPARE(p->classes, 4);
        QCOMPARE(p->positions, n);
        std::int64_t mismatches = 0;
        for (std::int64_t i = 0; i < n; ++i)
            if (p->argmax(0, i) != int(expected[std::size_t(i)]))
                ++mismatches;
        QCOMPARE(mismatches, std::int64_t(0));
    }

    void torch2xModelsReproduceOutputs_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"resnet1d_script", "resnet1d_trace", "unet_script", "unet_trace"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }

    void torch2xModelsReproduceOutputs() {
        QFETCH(QString, name);
        const QString pt = test::shared(QStringLiteral("models/torch2x-export/%1.pt").arg(name));
        if (pt.isEmpty())
            QSKIP("shared data not available");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const bool unet = name.startsWith(QLatin1String("unet"));
        QStringList leads;
        for (int i = 0; i < 12; ++i)
            leads << QStringLiteral("L%1").arg(i);
        const QString dir = test::writeManifest(
            name,
            unet ? test::unetManifest(pt)
                 : test::resnet1dManifest(pt, QStringLiteral("ecg-record-classification"), leads));
        ModelRegistry reg;
        auto m = reg.add(dir);
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().describe()));
        QCOMPARE(reg.models().size(), std::size_t(1));
        auto session = ModelSession::open(*m);
        QVERIFY(session.ok());
        const auto in = readFloats(
            test::shared(QStringLiteral("models/torch2x-export/%1.input.f32").arg(name)));
        const auto expected = readFloats(
            test::shared(QStringLiteral("models/torch2x-export/%1.output.f32").arg(name)));
        std::vector<std::int64_t> shape =
            unet ? std::vector<std::int64_t>{1, 1, 64, 64} : std::vector<std::int64_t>{1, 12, 1000};
        auto out = (*session)->forwardRaw(Tensor::fromFloats(shape, in));
        QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().describe()));
        QCOMPARE(std::size_t(out->elementCount()), expected.size());
        double worst = 0;
        for (std::size_t i = 0; i < expected.size(); ++i)
            worst = std::max(worst, std::abs(out->valueAt(std::int64_t(i)) - double(expected[i])));
        qInfo("%s: max |diff| %.3g", qPrintable(name), worst);
        QVERIFY(worst <= 1e-5);
    }

    void geluModelReproducesOutput() {
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/gelu_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        auto model = TorchScriptModel::load(pt);
        QVERIFY(model.ok());
        const auto in =
            readFloats(test::shared(QStringLiteral("models/torch2x-export/gelu_script.input.f32")));
        const auto expected = readFloats(
            test::shared(QStringLiteral("models/torch2x-export/gelu_script.output.f32")));
        auto out = (*model)->forward({Tensor::fromFloats({2, 16}, in)});
        QVERIFY(out.ok());
        QCOMPARE(std::size_t(out->front().elementCount()), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY(std::abs(out->front().valueAt(std::int64_t(i)) - double(expected[i])) <= 1e-5);
    }

    void attentionModelRefusedNamingOperatorAndModel() {
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/attn_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        QStringList leads;
        for (int i = 0; i < 12; ++i)
            leads << QStringLiteral("L%1").arg(i);
        QJsonObject manifest =
            test::resnet1dManifest(pt, QStringLiteral("ecg-record-classification"), leads);
        manifest[QStringLiteral("name")] = QStringLiteral("attn");
        ModelRegistry reg;
        auto m = reg.add(test::writeManifest(QStringLiteral("attn"), manifest));
        QVERIFY(!m.ok());
        const QString msg = m.error().message;
        QVERIFY2(msg.contains(QLatin1String("aten::scaled_dot_product_attention")),
                 qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("attn@1")), qPrintable(msg));
        QVERIFY(reg.models().empty());
    }

    void addRefusesOutputThatContradictsManifest() {
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/unet_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        QJsonObject manifest = test::unetManifest(pt);
        QJsonObject output = manifest[QStringLiteral("output")].toObject();
        output[QStringLiteral("labels")] =
            test::jsonLabels({QStringLiteral("a"), QStringLiteral("b")}, {});
        manifest[QStringLiteral("output")] = output;
        ModelRegistry reg;
        auto m = reg.add(test::writeManifest(QStringLiteral("unet-2labels"), manifest));
        QVERIFY(!m.ok());
        QVERIFY2(m.error().message.contains(QLatin1String("unet@1")) &&
                     m.error().message.contains(QLatin1String("output shape")),
                 qPrintable(m.error().message));
        // Wrong input shape: the 1-D ResNet given 5 leads.
        CARDIOLENS_REQUIRE_SHARED(resnet, "models/torch2x-export/resnet1d_script.pt");
        QJsonObject bad = test::resnet1dManifest(
            resnet, QStringLiteral("ecg-record-classification"), {QStringLiteral("any")});
        QJsonObject in = bad[QStringLiteral("input")].toObject();
        in[QStringLiteral("shape")] = test::jsonShape({1, 5, 1000});
        bad[QStringLiteral("input")] = in;
        m = reg.add(test::writeManifest(QStringLiteral("resnet-5leads"), bad));
        QVERIFY(!m.ok());
        QVERIFY2(m.error().message.contains(QLatin1String("resnet1d@1")),
                 qPrintable(m.error().message));
    }

    void missingModelFileIsNamed() {
        QJsonObject manifest = test::unetManifest(QStringLiteral("absent.pt"));
        ModelRegistry reg;
        auto m = reg.add(test::writeManifest(QStringLiteral("absent"), manifest));
        QVERIFY(!m.ok());
        QVERIFY2(m.error().message.contains(QLatin1String("unet@1")) &&
                     m.error().message.contains(QLatin1String("not found")),
                 qPrintable(m.error().message));
    }
};

QTEST_GUILESS_MAIN(TestModelRegistry)
#include "tst_ModelRegistry.moc"
