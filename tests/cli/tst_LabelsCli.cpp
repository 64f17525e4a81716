// cardiolens-cli labels import / list / show / export as a user runs them: on the real
// Sunnybrook patient SCD0000101 when present, on NIfTI files written here otherwise, with
// a store file of the test's own (and once the default store under a private XDG folder).
#include "CliRun.h"
#include "TestData.h"

#include "imaging/ImageLoader.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/NiftiWriter.h"
#include "labels/DatasetLabelImport.h"

#include "SyntheticDatasets.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {
test::Run cliWithEnv(const QStringList& args, const QProcessEnvironment& env) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CARDIOLENS_CLI_PATH), args);
    test::Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.json = QJsonDocument::fromJson(r.out).object();
    return r;
}

#define CHECK_RUN(r, code)                                                                         \
    QVERIFY2((r).exitCode == (code),                                                               \
             qPrintable(QStringLiteral("exit %1: %2").arg((r).exitCode).arg((r).err)))
} // namespace

class TestLabelsCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void sunnybrookImportListShowExport() {
        CARDIOLENS_REQUIRE_SHARED(folder, "imaging/sunnybrook/dicoms/SCD0000101");
        const QString store = path(QStringLiteral("sunnybrook.sqlite"));
        auto first = test::cli({QStringLiteral("labels"), QStringLiteral("import"), folder,
                                QStringLiteral("--store"), store, QStringLiteral("--json")});
        CHECK_RUN(first, 0);
        const qint64 rev1 = first.json.value(QStringLiteral("revision")).toInteger();
        QVERIFY(rev1 > 0);
        QCOMPARE(first.json.value(QStringLiteral("origin")).toString(),
                 QStringLiteral("dataset:sunnybrook"));
        QCOMPARE(first.json.value(QStringLiteral("case_status")).toString(), QStringLiteral("new"));
        QCOMPARE(first.json.value(QStringLiteral("grid")).toArray(),
                 (QJsonArray{256, 256, 12, 20}));
        const int labelled = first.json.value(QStringLiteral("labelled_frames")).toInt();
        QVERIFY(labelled > 0);

        // Again: the same case is recognised, the new revision follows the first.
        auto second = test::cli({QStringLiteral("labels"), QStringLiteral("import"), folder,
                                 QStringLiteral("--from"), QStringLiteral("auto"),
                                 QStringLiteral("--store"), store});
        CHECK_RUN(second, 0);
        QCOMPARE(second.json.value(QStringLiteral("case_status")).toString(),
                 QStringLiteral("known"));
        const qint64 rev2 = second.json.value(QStringLiteral("revision")).toInteger();

        auto list = test::cli({QStringLiteral("labels"), QStringLiteral("list"), folder,
                               QStringLiteral("--store"), store, QStringLiteral("--json")});
        CHECK_RUN(list, 0);
        const QJsonArray revisions = list.json.value(QStringLiteral("revisions")).toArray();
        QCOMPARE(revisions.size(), 2);
        QCOMPARE(revisions[0].toObject().value(QStringLiteral("revision")).toInteger(), rev1);
        QCOMPARE(revisions[1].toObject().value(QStringLiteral("parent")).toInteger(), rev1);
        QCOMPARE(revisions[1].toObject().value(QStringLiteral("review_state")).toString(),
                 QStringLiteral("accepted"));
        QCOMPARE(list.json.value(QStringLiteral("case")).toObject().value("case").toString(),
                 QStringLiteral("SCD0000101"));

        auto show =
            test::cli({QStringLiteral("labels"), QStringLiteral("show"), QString::number(rev2),
                       QStringLiteral("--store"), store, QStringLiteral("--json")});
        CHECK_RUN(show, 0);
        const QJsonObject seg = show.json.value(QStringLiteral("segmentation")).toObject();
        QCOMPARE(seg.value(QStringLiteral("labelled_frames")).toArray().size(), labelled);
        const QJsonObject voxels = seg.value(QStringLiteral("voxels")).toObject();
        QVERIFY(voxels.value(QStringLiteral("lv_blood_pool")).toInteger() > 1000);
        QVERIFY(voxels.value(QStringLiteral("lv_myocardium")).toInteger() > 1000);

        // Export on the image's grid equals the expert labels drawn by the core directly.
        const QString out = path(QStringLiteral("scd101.nii.gz"));
        auto exported =
            test::cli({QStringLiteral("labels"), QStringLiteral("export"), QString::number(rev2),
                       QStringLiteral("--out"), out, QStringLiteral("--store"), store});
        CHECK_RUN(exported, 0);
        auto written = LabelledCaseLoader::readLabels(out, LabelConvention::Internal);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().describe()));
        auto expected = labels::DatasetLabelImport::fromDataset(folder);
        QVERIFY(expected.ok());
        QCOMPARE(written->extent(), expected->labels.extent());
        QVERIFY(std::memcmp(written->labels().data(), expected->labels.labels().data(),
                            written->labels().size()) == 0);
        QVERIFY(std::abs(written->geometry().pixelSpacing[0] - 1.367) < 0.01);

        // ACDC numbering: the LV blood pool (internal 1) is written as 3.
        const QString acdc = path(QStringLiteral("scd101-acdc.nii.gz"));
        CHECK_RUN(
            test::cli({QStringLiteral("labels"), QStringLiteral("export"), QString::number(rev2),
                       QStringLiteral("--out"), acdc, QStringLiteral("--convention"),
                       QStringLiteral("acdc"), QStringLiteral("--store"), store}),
            0);
        auto acdcLabels = LabelledCaseLoader::readLabels(acdc, LabelConvention::Internal);
        QVERIFY(acdcLabels.ok());
        std::size_t checked = 0;
        for (std::size_t i = 0; i < written->labels().size(); ++i)
            if (written->labels()[i] == 1) {
                QCOMPARE(int(acdcLabels->labels()[i]), 3);
                ++checked;
            }
        QVERIFY(checked > 1000);
    }

    void importsEveryDatasetLayout() {
        // ACDC, M&Ms, CAMUS and EchoNet cases in their exact layouts (generated: their
        // terms forbid shipping them), each imported, shown and exported.
        QTemporaryDir root;
        auto cases = tools::SyntheticDatasets::writeAll(root.path());
        QVERIFY(cases.ok());
        const QString store = path(QStringLiteral("layouts.sqlite"));
        QStringList layouts;
        for (const tools::GeneratedCase& c : *cases) {
            auto r = test::cli({QStringLiteral("labels"), QStringLiteral("import"), c.path,
                                QStringLiteral("--store"), store});
            QVERIFY2(r.exitCode == 0, qPrintable(c.layout + QStringLiteral(": ") + r.err));
            QCOMPARE(r.json.value(QStringLiteral("origin")).toString(),
                     QStringLiteral("dataset:") + c.layout);
            QVERIFY2(r.json.value(QStringLiteral("labelled_frames")).toInt() >= 2,
                     qPrintable(c.layout));
            const QString rev = QString::number(r.json.value("revision").toInteger());
            auto show = test::cli({QStringLiteral("labels"), QStringLiteral("show"), rev,
                                   QStringLiteral("--store"), store});
            CHECK_RUN(show, 0);
            const QJsonObject seg = show.json.value("segmentation").toObject();
            QVERIFY2(seg.value("voxels").toObject().value("lv_blood_pool").toInteger() > 0,
                     qPrintable(c.layout));
            // The labelled frames include the dataset's ED and ES frames.
            QStringList frames;
            for (const QJsonValue& f : seg.value("labelled_frames").toArray())
                frames << QString::number(f.toArray()[1].toInt());
            if (c.layout != QLatin1String("camus")) // CAMUS ED/ES may be stored as slices
                QVERIFY2(frames.contains(QString::number(c.edFrame)) &&
                             frames.contains(QString::number(c.esFrame)),
                         qPrintable(c.layout + QStringLiteral(": ") + frames.join(',')));
            const QString out = path(c.layout + QStringLiteral(".nii.gz"));
            CHECK_RUN(test::cli({QStringLiteral("labels"), QStringLiteral("export"), rev,
                                 QStringLiteral("--out"), out, QStringLiteral("--store"), store}),
                      0);
            auto back = ImageLoader::load(out);
            QVERIFY(back.ok());
            QCOMPARE(QJsonArray({back->width(), back->height(), back->slices(), back->phases()}),
                     seg.value("grid").toArray());
            layouts << c.layout;
        }
        QVERIFY(layouts.contains(QStringLiteral("camus")) &&
                layouts.contains(QStringLiteral("echonet")));
    }

    void labelFileImportRoundTripsAndFollowsAMovedImage() {
        // An int16 image and ACDC-numbered labels, 40 x 32 x 3 slices x 4 phases.
        auto image = CineVolume::create({40, 32, 3, 4}, PixelType::Int16);
        QVERIFY(image.ok());
        image->geometry().pixelSpacing = {1.25, 1.25};
        image->geometry().sliceSpacing = 8.0;
        auto labelFile = CineVolume::create({40, 32, 3, 4}, PixelType::UInt8);
        auto px = labelFile->pixels<std::uint8_t>();
        for (std::size_t i = 0; i < px.size(); ++i)
            px[i] = std::uint8_t((i / 7) % 4); // ACDC 0..3
        const QString imagePath = path(QStringLiteral("img.nii.gz"));
        const QString labelPath = path(QStringLiteral("img_gt.nii.gz"));
        QVERIFY(NiftiWriter::write(*image, imagePath).ok());
        QVERIFY(NiftiWriter::write(*labelFile, labelPath).ok());

        const QString store = path(QStringLiteral("files.sqlite"));
        auto imported =
            test::cli({QStringLiteral("labels"), QStringLiteral("import"), imagePath,
                       QStringLiteral("--from"), labelPath, QStringLiteral("--convention"),
                       QStringLiteral("acdc"), QStringLiteral("--dataset"), QStringLiteral("acdc"),
                       QStringLiteral("--store"), store});
        CHECK_RUN(imported, 0);
        QCOMPARE(imported.json.value(QStringLiteral("origin")).toString(),
                 QStringLiteral("dataset:acdc"));
        const QString rev = QString::number(imported.json.value("revision").toInteger());

        auto show = test::cli({QStringLiteral("labels"), QStringLiteral("show"), rev,
                               QStringLiteral("--store"), store});
        CHECK_RUN(show, 0);
        const QJsonObject voxels =
            show.json.value("segmentation").toObject().value("voxels").toObject();
        const auto count = [&](std::uint8_t v) {
            return qint64(std::count(px.begin(), px.end(), v));
        };
        QCOMPARE(voxels.value(QStringLiteral("rv_blood_pool")).toInteger(), count(1)); // ACDC 1
        QCOMPARE(voxels.value(QStringLiteral("lv_blood_pool")).toInteger(), count(3)); // ACDC 3

        // Exported in ACDC numbering again: the very values that were imported.
        const QString out = path(QStringLiteral("back.nii.gz"));
        CHECK_RUN(test::cli({QStringLiteral("labels"), QStringLiteral("export"), rev,
                             QStringLiteral("--out"), out, QStringLiteral("--convention"),
                             QStringLiteral("acdc"), QStringLiteral("--store"), store}),
                  0);
        auto back = ImageLoader::load(out);
        QVERIFY(back.ok());
        QCOMPARE(back->extent(), labelFile->extent());
        QVERIFY(std::memcmp(back->bytes().data(), px.data(), px.size()) == 0);

        // The image moves: list finds its labels by content.
        QVERIFY(QDir().mkpath(path(QStringLiteral("moved"))));
        const QString moved = path(QStringLiteral("moved/img.nii.gz"));
        QVERIFY(QFile::rename(imagePath, moved));
        auto list = test::cli({QStringLiteral("labels"), QStringLiteral("list"), moved,
                               QStringLiteral("--store"), store});
        CHECK_RUN(list, 0);
        QCOMPARE(list.json.value(QStringLiteral("case_status")).toString(),
                 QStringLiteral("moved"));
        QCOMPARE(list.json.value(QStringLiteral("revisions")).toArray().size(), 1);
    }

    void errorsAreClear() {
        const QString store = path(QStringLiteral("errors.sqlite"));
        auto noRev = test::cli({QStringLiteral("labels"), QStringLiteral("show"),
                                QStringLiteral("999"), QStringLiteral("--store"), store});
        CHECK_RUN(noRev, 1);
        QVERIFY(noRev.err.contains(store) && noRev.err.contains(QStringLiteral("999")));
        CHECK_RUN(test::cli({QStringLiteral("labels"), QStringLiteral("frobnicate")}), 2);
        CHECK_RUN(test::cli({QStringLiteral("labels"), QStringLiteral("export"),
                             QStringLiteral("1"), QStringLiteral("--store"), store}),
                  2);
        auto missing =
            test::cli({QStringLiteral("labels"), QStringLiteral("import"),
                       path(QStringLiteral("nothing")), QStringLiteral("--store"), store});
        CHECK_RUN(missing, 1);
        QVERIFY(missing.err.contains(QStringLiteral("nothing")));
        // A file that is not a store is refused and left alone.
        const QString junk = path(QStringLiteral("junk.txt"));
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(2048, 'j'));
        }
        auto foreign = test::cli({QStringLiteral("labels"), QStringLiteral("show"),
                                  QStringLiteral("1"), QStringLiteral("--store"), junk});
        CHECK_RUN(foreign, 1);
        QVERIFY(foreign.err.contains(junk));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(2048, 'j'));
    }

    void defaultStoreLivesInTheUsersDataFolder() {
        QTemporaryDir xdg;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), xdg.path());
        auto list = cliWithEnv(
            {QStringLiteral("labels"), QStringLiteral("list"), QStringLiteral(CARDIOLENS_CLI_PATH)},
            env);
        CHECK_RUN(list, 0);
        QCOMPARE(list.json.value(QStringLiteral("case_status")).toString(), QStringLiteral("new"));
        const QString expected = xdg.filePath(QStringLiteral("Cardiolens/labels.sqlite"));
        QCOMPARE(list.json.value(QStringLiteral("store")).toString(), expected);
        QVERIFY(QFileInfo::exists(expected));
    }

    void benchPrintsFigures() {
        auto r = test::cli(
            {QStringLiteral("bench"), QStringLiteral("labels-store"), QStringLiteral("--json")});
        CHECK_RUN(r, 0);
        qInfo("%s", r.out.constData());
        QVERIFY(r.json.value(QStringLiteral("save_ms")).toDouble() > 0.0);
        QVERIFY(r.json.value(QStringLiteral("load_ms")).toDouble() > 0.0);
    }
};

QTEST_GUILESS_MAIN(TestLabelsCli)
#include "tst_LabelsCli.moc"
