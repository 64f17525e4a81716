// The nnU-Net dataset checker: a valid dataset passes, and each of nnU-Net's rules, broken
// on its own, is reported (a warning where nnU-Net only warns).
#include "export/NnunetChecker.h"
#include "imaging/NiftiWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::exports;
using namespace cardiolens::imaging;

namespace {
CineVolume image(int w, int h, double spacing = 1.5, double originX = 0) {
    auto v = CineVolume::create({w, h, 1, 1}, PixelType::Int16);
    v->geometry().pixelSpacing = {spacing, spacing};
    v->geometry().origin = {originX, 0, 0};
    auto px = v->pixels<std::int16_t>();
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = std::int16_t(i % 321);
    return std::move(*v);
}
LabelVolume labels(int w, int h, std::uint8_t value, double spacing = 1.5, double originX = 0) {
    VolumeGeometry g;
    g.pixelSpacing = {spacing, spacing};
    g.origin = {originX, 0, 0};
    auto l = LabelVolume::create({w, h, 1, 1}, g);
    l->frame(0, 0).at(3, 3) = value;
    l->frame(0, 0).at(4, 3) = 1;
    return std::move(*l);
}
void writeJson(const QString& path, const QJsonDocument& doc) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(doc.toJson());
}
QJsonObject datasetJson(int numTraining) {
    return {{"channel_names", QJsonObject{{"0", "cineMRI"}}},
            {"labels", QJsonObject{{"background", 0}, {"lv_blood_pool", 1}, {"lv_myocardium", 2}}},
            {"numTraining", numTraining},
            {"file_ending", ".nii.gz"}};
}
} // namespace

class TestNnunetChecker : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    // A valid 3-case dataset in a fresh folder.
    QString valid() {
        const QString d = m_tmp.filePath(QStringLiteral("Dataset%1_T").arg(100 + ++m_n));
        QDir().mkpath(d + "/imagesTr");
        QDir().mkpath(d + "/labelsTr");
        for (int i = 0; i < 3; ++i) {
            const QString id = QStringLiteral("case%1").arg(i);
            NiftiWriter::write(image(16, 12), d + "/imagesTr/" + id + "_0000.nii.gz");
            NiftiWriter::write(labels(16, 12, 2), d + "/labelsTr/" + id + ".nii.gz");
        }
        writeJson(d + "/dataset.json", QJsonDocument(datasetJson(3)));
        writeJson(d + "/splits_final.json",
                  QJsonDocument(QJsonArray{QJsonObject{{"train", QJsonArray{"case0", "case1"}},
                                                       {"val", QJsonArray{"case2"}}},
                                           QJsonObject{{"train", QJsonArray{"case2"}},
                                                       {"val", QJsonArray{"case0", "case1"}}}}));
        return d;
    }
    static bool reports(const NnunetCheckReport& r, const char* text) {
        for (const QString& e : r.errors)
            if (e.contains(QLatin1String(text)))
                return true;
        qWarning() << "errors:" << r.errors;
        return false;
    }
    void setDataset(const QString& d, const QJsonObject& o) {
        writeJson(d + "/dataset.json", QJsonDocument(o));
    }

private Q_SLOTS:
    void validDatasetPasses() {
        const auto r = NnunetChecker::check(valid());
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.cases, 3);
        QVERIFY(r.warnings.isEmpty());
    }
    void requiredKeys() {
        for (const char* key : {"labels", "channel_names", "numTraining", "file_ending"}) {
            const QString d = valid();
            QJsonObject o = datasetJson(3);
            o.remove(QLatin1String(key));
            setDataset(d, o);
            QVERIFY(reports(NnunetChecker::check(d), key));
        }
        QVERIFY(reports(NnunetChecker::check(m_tmp.filePath("nowhere")), "no dataset.json"));
    }
    void labelsConsecutiveFromZero() {
        const QString d = valid();
        QJsonObject o = datasetJson(3);
        o["labels"] = QJsonObject{{"background", 0}, {"lv_blood_pool", 1}, {"lv_myocardium", 3}};
        setDataset(d, o);
        QVERIFY(reports(NnunetChecker::check(d), "consecutive"));
        o["labels"] = QJsonObject{{"lv_blood_pool", 1}, {"lv_myocardium", 2}};
        setDataset(d, o);
        QVERIFY(reports(NnunetChecker::check(d), "background must be label 0"));
        o["labels"] = QJsonObject{{"background", "0"}, {"lv", 1}};
        setDataset(d, o);
        QVERIFY(reports(NnunetChecker::check(d), "name -> int"));
    }
    void ignoreMustBeHighest() {
        const QString d = valid();
        QJsonObject o = datasetJson(3);
        o["labels"] = QJsonObject{{"background", 0}, {"ignore", 1}, {"lv_blood_pool", 2}};
        setDataset(d, o);
        QVERIFY(reports(NnunetChecker::check(d), "ignore label must be the highest"));
    }
    void imageNaming() {
        const QString d = valid();
        NiftiWriter::write(image(16, 12), d + "/imagesTr/stray.nii.gz");
        QVERIFY(reports(NnunetChecker::check(d), "not named CASE_XXXX"));
    }
    void everyCaseHasItsChannels() {
        const QString d = valid();
        QJsonObject o = datasetJson(3);
        o["channel_names"] = QJsonObject{{"0", "cineMRI"}, {"1", "T2"}};
        setDataset(d, o);
        QVERIFY(reports(NnunetChecker::check(d), "channels"));
    }
    void everyCaseHasALabel() {
        const QString d = valid();
        QVERIFY(QFile::remove(d + "/labelsTr/case1.nii.gz"));
        QVERIFY(reports(NnunetChecker::check(d), "no labelsTr/case1"));
    }
    void noLabelWithoutImage() {
        const QString d = valid();
        NiftiWriter::write(labels(16, 12, 1), d + "/labelsTr/orphan.nii.gz");
        QVERIFY(reports(NnunetChecker::check(d), "label without an image"));
    }
    void numTrainingMatches() {
        const QString d = valid();
        setDataset(d, datasetJson(4));
        QVERIFY(reports(NnunetChecker::check(d), "numTraining is 4"));
    }
    void shapesMatch() {
        const QString d = valid();
        NiftiWriter::write(labels(16, 10, 1), d + "/labelsTr/case0.nii.gz");
        QVERIFY(reports(NnunetChecker::check(d), "shapes differ"));
    }
    void spacingsMatch() {
        const QString d = valid();
        NiftiWriter::write(labels(16, 12, 1, 1.25), d + "/labelsTr/case0.nii.gz");
        QVERIFY(reports(NnunetChecker::check(d), "spacings differ"));
    }
    void originDifferenceIsOnlyAWarning() {
        const QString d = valid();
        NiftiWriter::write(labels(16, 12, 1, 1.5, 7.0), d + "/labelsTr/case0.nii.gz");
        const auto r = NnunetChecker::check(d);
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings[0].contains("origin or direction"));
    }
    void labelValuesDeclared() {
        const QString d = valid();
        NiftiWriter::write(labels(16, 12, 5), d + "/labelsTr/case2.nii.gz");
        QVERIFY(reports(NnunetChecker::check(d), "label value 5 is not in dataset.json"));
    }
    void onlyBackgroundIsAWarning() {
        const QString d = valid();
        VolumeGeometry g;
        g.pixelSpacing = {1.5, 1.5};
        NiftiWriter::write(*LabelVolume::create({16, 12, 1, 1}, g), d + "/labelsTr/case2.nii.gz");
        const auto r = NnunetChecker::check(d);
        QVERIFY(r.ok());
        QVERIFY(r.warnings.join(' ').contains("only background"));
    }
    void splitsNameCasesAndValidateEachOnce() {
        const QString d = valid();
        writeJson(d + "/splits_final.json",
                  QJsonDocument(QJsonArray{QJsonObject{{"train", QJsonArray{"case0", "caseX"}},
                                                       {"val", QJsonArray{"case1", "case2"}}}}));
        auto r = NnunetChecker::check(d);
        QVERIFY(reports(r, "'caseX', which is not a case"));
        QVERIFY(reports(r, "case0 is validated 0 times"));
    }
    void fileEndingMustBeReadable() {
        const QString d = valid();
        QJsonObject o = datasetJson(3);
        o["file_ending"] = ".png";
        setDataset(d, o);
        QVERIFY(reports(NnunetChecker::check(d), "NIfTI"));
    }
};

QTEST_GUILESS_MAIN(TestNnunetChecker)
#include "tst_NnunetChecker.moc"
