// Exports of stored labels: nnU-Net (2-D frames, 3-D phases, conventions, ignore label,
// patient folds), MONAI, the provenance manifest, atomicity, state filtering, the round trip
// back through the store, and the real Sunnybrook case without patient identifiers.
#include "ExportTestSupport.h"
#include "TestData.h"

#include "ecg/MitAnnotationIO.h"
#include "export/Exporter.h"
#include "export/NnunetChecker.h"
#include "export/ProvenanceManifest.h"
#include "export/SegmentationCases.h"
#include "imaging/NiftiReader.h"
#include "labels/DatasetLabelImport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

using namespace cardiolens;
using namespace cardiolens::exports;
using namespace cardiolens::labels;

namespace {
QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}
QJsonArray readJsonArray(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).array();
}
// Values of (0010,0010) name, (0010,0020) id and (0010,0030) birth date in a DICOM file.
QByteArrayList dicomPatientValues(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.read(1 << 16);
    QByteArrayList out;
    for (const char* tag : {"\x10\x00\x10\x00", "\x10\x00\x20\x00", "\x10\x00\x30\x00"}) {
        const qsizetype i = b.indexOf(QByteArray(tag, 4), 132);
        if (i < 0 || i + 8 > b.size())
            continue;
        const bool explicitVr = std::isalpha(uchar(b[i + 4])) && std::isalpha(uchar(b[i + 5]));
        const int n = explicitVr ? uchar(b[i + 6]) | (uchar(b[i + 7]) << 8)
                                 : uchar(b[i + 4]) | (uchar(b[i + 5]) << 8);
        const QByteArray v = b.mid(i + 8, n).trimmed();
        if (v.size() >= 4 && v != QByteArray(v.size(), '0'))
            out << v;
    }
    return out;
}
QByteArray gunzip(const QString& path) {
    gzFile f = gzopen(path.toLocal8Bit().constData(), "rb");
    QByteArray out;
    if (!f)
        return out;
    char buf[65536];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        out.append(buf, n);
    gzclose(f);
    return out;
}
} // namespace

class TestLabelExportFormats : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<LabelStore> m_store;
    std::vector<test::SyntheticCase> m_cases;

    ExportOptions options(const QString& out) {
        ExportOptions o;
        o.outDir = m_dir.filePath(out);
        return o;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        auto store = LabelStore::open(StoreLocation::sqlite(m_dir.filePath("labels.sqlite")));
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().describe()));
        m_store = std::move(*store);
        using S = ReviewState;
        // Three patients accepted (5 + 3 + 2 labelled frames), one only in progress.
        m_cases.push_back(test::addCase(*m_store, m_dir.path(), "patient001", 1,
                                        {{0, 0}, {1, 0}, {2, 0}, {0, 2}, {1, 2}},
                                        {{0, 0}, {1, 0}, {0, 2}}, S::Accepted));
        m_cases.push_back(test::addCase(*m_store, m_dir.path(), "patient002", 2,
                                        {{1, 1}, {2, 1}, {1, 3}}, {{1, 1}, {2, 1}, {1, 3}},
                                        S::Accepted));
        m_cases.push_back(test::addCase(*m_store, m_dir.path(), "patient003", 3, {{0, 1}, {2, 3}},
                                        {{0, 1}}, S::Accepted));
        m_cases.push_back(test::addCase(*m_store, m_dir.path(), "patient004", 4, {{1, 1}}, {{1, 1}},
                                        S::InProgress));
        for (const auto& c : m_cases)
            QVERIFY(c.revision > 0);
    }

    void nnunet2dPassesTheChecker() {
        auto s = Exporter::run(*m_store, options("nn2d"));
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().describe()));
        QCOMPARE(s->target, m_dir.filePath("nn2d/Dataset501_Cardiolens"));
        QCOMPARE(s->labels, 3); // patient004 is in progress: not exported by default
        QCOMPARE(s->cases, 10);
        const NnunetCheckReport r = NnunetChecker::check(s->target);
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.cases, 10);
        const QJsonObject ds = readJson(s->target + "/dataset.json");
        QCOMPARE(ds["numTraining"].toInt(), 10);
        QCOMPARE(ds["file_ending"].toString(), QStringLiteral(".nii.gz"));
        QCOMPARE(ds["channel_names"].toObject()["0"].toString(), QStringLiteral("cineMRI"));
        QCOMPARE(ds["labels"].toObject()["lv_blood_pool"].toInt(), 1);
        QVERIFY(QFileInfo::exists(s->target + "/imagesTr/patient001_s02_p00_0000.nii.gz"));
        QVERIFY(QFileInfo::exists(s->target + "/labelsTr/patient001_s02_p00.nii.gz"));
        QVERIFY(QDir(s->target + "/imagesTs").exists());
        // Each 2-D case keeps its frame's geometry: the origin moves to the frame's slice.
        auto img =
            imaging::NiftiReader::read(s->target + "/imagesTr/patient001_s02_p00_0000.nii.gz");
        QVERIFY(img.ok());
        QCOMPARE(img->slices(), 1);
        const auto expected = test::syntheticImage(1).geometry().voxelToPatient(0, 0, 2);
        for (int i = 0; i < 3; ++i)
            QVERIFY(std::abs(img->geometry().origin[i] - expected[i]) < 1e-3);
        QCOMPARE(img->frame<std::int16_t>(0, 0).at(5, 7),
                 test::syntheticImage(1).frame<std::int16_t>(2, 0).at(5, 7));
    }

    void provenanceNamesEveryLabelWithHashes() {
        auto s = Exporter::run(*m_store, options("prov"));
        QVERIFY(s.ok());
        const QJsonObject p = readJson(s->provenance);
        QCOMPARE(p["count"].toInt(), 10);
        QCOMPARE(p["settings"].toObject()["states"].toArray(), QJsonArray{"accepted"});
        for (const QJsonValue& v : p["items"].toArray()) {
            const QJsonObject item = v.toObject();
            QCOMPARE(item["review_state"].toString(), QStringLiteral("accepted"));
            QCOMPARE(item["annotator"].toString(), QStringLiteral("dr-test"));
            QCOMPARE(item["origin"].toString(), QStringLiteral("reviewer"));
            QCOMPARE(item["time_spent_s"].toDouble(), 42.5);
            QCOMPARE(item["lineage"].toArray().size(), 2);
            for (const char* role : {"image", "label"}) {
                const QString file = s->target + '/' + item[role].toString();
                QCOMPARE(item[QString(role) + "_sha256"].toString(),
                         *ProvenanceManifest::sha256(file));
            }
        }
    }

    void foldsArePatientLevel() {
        auto o = options("folds");
        o.folds = 3;
        auto s = Exporter::run(*m_store, o);
        QVERIFY(s.ok());
        const QJsonArray splits = readJsonArray(s->target + "/splits_final.json");
        QCOMPARE(splits.size(), 3);
        QSet<QString> seen;
        for (const QJsonValue& f : splits) {
            QSet<QString> valPatients, trainPatients;
            for (const QJsonValue& id : f.toObject()["val"].toArray()) {
                valPatients.insert(id.toString().left(10));
                QVERIFY(!seen.contains(id.toString()));
                seen.insert(id.toString());
            }
            for (const QJsonValue& id : f.toObject()["train"].toArray())
                trainPatients.insert(id.toString().left(10));
            QCOMPARE(valPatients.size(), 1); // 3 patients, 3 folds
            QVERIFY(!valPatients.intersects(trainPatients));
        }
        QCOMPARE(seen.size(), 10);
    }

    void roundTripThroughTheStore() {
        // ACDC numbering on the way out; importing each exported pair into a fresh store
        // with the same convention gives back the stored frame exactly.
        auto o = options("roundtrip");
        o.convention = imaging::LabelConvention::Acdc;
        auto s = Exporter::run(*m_store, o);
        QVERIFY(s.ok());
        QCOMPARE(
            readJson(s->target + "/dataset.json")["labels"].toObject()["rv_blood_pool"].toInt(), 1);
        auto other = LabelStore::open(StoreLocation::sqlite(m_dir.filePath("reimport.sqlite")));
        QVERIFY(other.ok());
        int compared = 0;
        for (const QJsonValue& v : readJson(s->provenance)["items"].toArray()) {
            const QJsonObject item = v.toObject();
            const QString image = s->target + '/' + item["image"].toString();
            auto imported = DatasetLabelImport::fromFile(
                image, s->target + '/' + item["label"].toString(), "acdc", "export");
            QVERIFY2(imported.ok(), qPrintable(imported.ok() ? "" : imported.error().describe()));
            auto match = (*other)->ensureCase(imported->caseDescription);
            QVERIFY(match.ok());
            NewRevision r;
            r.caseId = match->record->id;
            r.origin = Origin::dataset("export");
            r.state = ReviewState::Accepted;
            auto id = (*other)->saveSegmentation(r, imported->labels);
            QVERIFY(id.ok());
            auto back = (*other)->loadSegmentation(*id);
            QVERIFY(back.ok());
            const auto& src = *std::find_if(m_cases.begin(), m_cases.end(), [&](const auto& c) {
                return c.image.contains(item["case"].toString());
            });
            const auto a = back->labels.frame(0, 0).pixels();
            const auto b = src.labels.frame(item["slice"].toInt(), item["phase"].toInt()).pixels();
            QVERIFY(std::equal(a.begin(), a.end(), b.begin(), b.end()));
            ++compared;
        }
        QCOMPARE(compared, 10);
    }

    void statesChooseWhatIsExported() {
        auto o = options("states");
        o.states = {ReviewState::InProgress};
        auto s = Exporter::run(*m_store, o);
        QVERIFY(s.ok());
        QCOMPARE(s->labels, 1);
        QCOMPARE(s->cases, 1);
        QVERIFY(QFileInfo::exists(s->target + "/labelsTr/patient004_s01_p01.nii.gz"));
        // A newer draft does not hide an accepted revision from an export of accepted labels.
        NewRevision draft;
        draft.caseId = m_cases[2].caseId;
        draft.parentId = m_cases[2].revision;
        draft.origin = Origin::annotator("dr-draft");
        QVERIFY(m_store->saveSegmentation(draft, m_cases[2].labels).ok());
        o.outDir = m_dir.filePath("states2");
        o.states = {ReviewState::Accepted};
        auto accepted = Exporter::run(*m_store, o);
        QVERIFY(accepted.ok());
        QCOMPARE(accepted->labels, 3);
        o.outDir = m_dir.filePath("states3");
        o.states = {ReviewState::InProgress};
        QCOMPARE(Exporter::run(*m_store, o)->labels, 2);
        o.outDir = m_dir.filePath("none");
        o.states = {ReviewState::Rejected};
        auto none = Exporter::run(*m_store, o);
        QVERIFY(!none.ok());
        QVERIFY(none.error().message.contains("rejected"));
        QVERIFY(!QFileInfo::exists(o.outDir + "/Dataset501_Cardiolens"));
    }

    void perPhase3dCases() {
        auto o = options("nn3d");
        o.perPhase3d = true;
        o.ignoreLabel = true;
        auto s = Exporter::run(*m_store, o);
        QVERIFY(s.ok());
        QCOMPARE(s->cases, 6); // labelled phases: 2 + 2 + 2
        const NnunetCheckReport r = NnunetChecker::check(s->target);
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        auto lab = imaging::NiftiReader::read(s->target + "/labelsTr/patient001_p02.nii.gz");
        QVERIFY(lab.ok());
        QCOMPARE(lab->slices(), 3);
        // Slice 2 of phase 2 has no labels: all ignore (value 9 after the 8 internal labels).
        QCOMPARE(lab->frame<std::uint8_t>(2, 0).at(0, 0), std::uint8_t(9));
    }

    void ignoreLabelForPartialFrames() {
        auto o = options("ignore");
        o.ignoreLabel = true;
        o.ignoreBandPx = 3;
        auto s = Exporter::run(*m_store, o);
        QVERIFY(s.ok());
        const QJsonObject labels = readJson(s->target + "/dataset.json")["labels"].toObject();
        QCOMPARE(labels["ignore"].toInt(), 9);
        QVERIFY2(NnunetChecker::check(s->target).ok(),
                 qPrintable(NnunetChecker::check(s->target).errors.join('\n')));
        // patient001 slice 2 phase 0 has no myocardium while other frames do: ignore in a
        // 3-pixel band around the drawn labels, background further out.
        auto partial =
            imaging::NiftiReader::read(s->target + "/labelsTr/patient001_s02_p00.nii.gz");
        auto full = imaging::NiftiReader::read(s->target + "/labelsTr/patient001_s00_p00.nii.gz");
        QVERIFY(partial.ok() && full.ok());
        const auto pf = partial->frame<std::uint8_t>(0, 0);
        QCOMPARE(pf.at(24, 20), std::uint8_t(1));         // blood pool centre
        QCOMPARE(pf.at(24 + 8, 20 - 2), std::uint8_t(9)); // just outside the disc
        QCOMPARE(pf.at(45, 37), std::uint8_t(0));         // far away
        for (std::uint8_t v : full->pixels<std::uint8_t>())
            QVERIFY(v != 9);
    }

    void monaiDatalist() {
        auto o = options("monai");
        o.format = ExportFormat::Monai;
        o.validationFraction = 0.34;
        auto s = Exporter::run(*m_store, o);
        QVERIFY(s.ok());
        const QJsonObject dl = readJson(s->target + "/datalist.json");
        const QJsonArray tr = dl["training"].toArray(), va = dl["validation"].toArray();
        QCOMPARE(tr.size() + va.size(), 10);
        QVERIFY(!va.isEmpty() && !tr.isEmpty());
        QSet<QString> trainPatients;
        for (const QJsonValue& v : tr)
            trainPatients.insert(v.toObject()["patient"].toString());
        for (const QJsonValue& v : va) {
            QVERIFY(!trainPatients.contains(v.toObject()["patient"].toString()));
            QVERIFY(QFileInfo::exists(s->target + '/' + v.toObject()["image"].toString()));
            QVERIFY(QFileInfo::exists(s->target + '/' + v.toObject()["label"].toString()));
        }
        const QJsonObject msd = readJson(s->target + "/dataset.json");
        QCOMPARE(msd["labels"].toObject()["1"].toString(), QStringLiteral("lv_blood_pool"));
        QCOMPARE(msd["modality"].toObject()["0"].toString(), QStringLiteral("MRI"));
        QCOMPARE(msd["numTraining"].toInt(), 10);
        QVERIFY(
            msd["training"].toArray()[0].toObject()["image"].toString().startsWith("./imagesTr/"));
    }

    void atomicAndNeverOverwrites() {
        auto o = options("atomic");
        QVERIFY(Exporter::run(*m_store, o).ok());
        const QString target = o.outDir + "/Dataset501_Cardiolens";
        const QByteArray before =
            readJson(target + "/provenance.json")["created"].toString().toUtf8();
        auto again = Exporter::run(*m_store, o);
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains("already exists"));
        QCOMPARE(readJson(target + "/provenance.json")["created"].toString().toUtf8(), before);
        // The same id under another name is refused too (nnU-Net ids are unique).
        o.datasetName = "Other";
        auto clash = Exporter::run(*m_store, o);
        QVERIFY(!clash.ok());
        QVERIFY(clash.error().message.contains("already taken"));
        // A case whose image vanished fails the export: nothing appears, no staging left.
        QTemporaryDir dir;
        auto store = LabelStore::open(StoreLocation::sqlite(dir.filePath("s.sqlite")));
        QVERIFY(store.ok());
        auto a = test::addCase(**store, dir.path(), "patient010", 10, {{0, 0}}, {},
                               ReviewState::Accepted);
        auto b = test::addCase(**store, dir.path(), "patient011", 11, {{0, 0}}, {},
                               ReviewState::Accepted);
        QVERIFY(QFile::remove(b.image));
        ExportOptions bad;
        bad.outDir = dir.filePath("out");
        auto failed = Exporter::run(**store, bad);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().describe().contains("patient011"),
                 qPrintable(failed.error().describe()));
        QVERIFY(QDir(bad.outDir)
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                    .isEmpty());
    }

    void sourceMustBeAStore() {
        // A project folder without labels.sqlite, a missing path and a file that is not a
        // store are refused by name, and the file is left as it was.
        QTemporaryDir dir;
        ExportOptions o;
        o.outDir = dir.filePath("out");
        auto noProject = Exporter::run(dir.path(), o);
        QVERIFY(!noProject.ok() && noProject.error().message.contains("no labels.sqlite"));
        QVERIFY(!Exporter::run(dir.filePath("missing.sqlite"), o).ok());
        const QString notStore = dir.filePath("notes.txt");
        QFile f(notStore);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
        f.close();
        auto refused = Exporter::run(notStore, o);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().file, notStore);
        QCOMPARE(QFileInfo(notStore).size(), qint64(5));
        // The project folder form works.
        o.outDir = dir.filePath("ok");
        auto project = Exporter::run(m_dir.path(), o);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? "" : project.error().describe()));
    }

    void ecgFormats() {
        QTemporaryDir dir;
        auto store = LabelStore::open(StoreLocation::sqlite(dir.filePath("ecg.sqlite")));
        QVERIFY(store.ok());
        auto addRecord = [&](const QString& name, int seed) {
            const QString path = dir.filePath(name + ".hea");
            QFile f(path);
            f.open(QIODevice::WriteOnly);
            f.write(QStringLiteral("%1 1 360 %2\n").arg(name).arg(1000 + seed).toUtf8());
            f.close();
            return (*store)->ensureCase({path, "ECG", "cinc2017", name})->record->id;
        };
        auto save = [&](qint64 caseId, RevisionKind kind, const QByteArray& json) {
            NewRevision r;
            r.caseId = caseId;
            r.origin = Origin::annotator("dr-ecg");
            r.state = ReviewState::Accepted;
            return (*store)->saveDocument(r, kind, json).ok();
        };
        const qint64 a = addRecord("A00001", 1), b = addRecord("A00002", 2);
        QVERIFY(save(a, RevisionKind::EcgBeats,
                     R"({"beats":[{"sample":370,"code":"N"},{"sample":2000,"code":"V"}]})"));
        QVERIFY(save(a, RevisionKind::RhythmEpisodes,
                     R"({"episodes":[{"start":0,"rhythm":"N"},{"start":1500,"rhythm":"AFIB"}]})"));
        QVERIFY(
            save(a, RevisionKind::RecordLabels, R"({"labels":[{"code":"AF","likelihood":80}]})"));
        QVERIFY(
            save(b, RevisionKind::RecordLabels,
                 R"({"labels":[{"code":"NORM","likelihood":100},{"code":"SR","likelihood":0}]})"));

        ExportOptions o;
        o.format = ExportFormat::Wfdb;
        o.annotator = "rev";
        o.outDir = dir.filePath("wfdb");
        auto w = Exporter::run(**store, o);
        QVERIFY2(w.ok(), qPrintable(w.ok() ? "" : w.error().describe()));
        auto ann = ecg::MitAnnotationIO::read(o.outDir + "/A00001.rev");
        QVERIFY(ann.ok());
        QCOMPARE(ann->items.size(), std::size_t(4));
        QCOMPARE(ann->items[0].aux, QByteArray("(N"));
        QCOMPARE(ann->items[1].sample, std::int64_t(370));
        QCOMPARE(ann->items[2].aux, QByteArray("(AFIB"));
        QCOMPARE(ann->items[3].code, int(ecg::AnnotationCodes::Pvc));
        QCOMPARE(readJson(o.outDir + "/provenance.json")["count"].toInt(), 2);

        o.format = ExportFormat::PtbXl;
        o.outDir = dir.filePath("ptbxl");
        QVERIFY(Exporter::run(**store, o).ok());
        QFile csv(o.outDir + "/ptbxl_database.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], QStringLiteral("ecg_id,filename,scp_codes,strat_fold"));
        QVERIFY2(rows[1].contains("\"{'AF': 80.0}\""), qPrintable(rows[1]));
        QVERIFY(rows[2].contains("\"{'NORM': 100.0, 'SR': 0.0}\""));

        o.format = ExportFormat::Cinc2017;
        o.outDir = dir.filePath("cinc");
        QVERIFY(Exporter::run(**store, o).ok());
        QFile ref(o.outDir + "/REFERENCE.csv");
        QVERIFY(ref.open(QIODevice::ReadOnly));
        QCOMPARE(ref.readAll(), QByteArray("A00001,A\nA00002,N\n"));
    }

    void ignoreBandIsAChessboardDistance() {
        std::vector<std::uint8_t> plane(9 * 9, 0);
        plane[4 * 9 + 4] = 1;
        SegmentationCases::applyIgnoreBand(plane, 9, 9, 2, 7);
        QCOMPARE(plane[4 * 9 + 4], std::uint8_t(1));
        QCOMPARE(plane[2 * 9 + 2], std::uint8_t(7)); // distance 2 (diagonal)
        QCOMPARE(plane[1 * 9 + 4], std::uint8_t(0)); // distance 3
        QCOMPARE(std::count(plane.begin(), plane.end(), 7), 24);
    }

    void sunnybrookWithoutPatientIdentifiers() {
        CARDIOLENS_REQUIRE_SHARED(folder, "imaging/sunnybrook/dicoms/SCD0000101");
        QTemporaryDir dir;
        auto store = LabelStore::open(StoreLocation::sqlite(dir.filePath("sb.sqlite")));
        QVERIFY(store.ok());
        auto imported = DatasetLabelImport::fromDataset(folder);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? "" : imported.error().describe()));
        auto match = (*store)->ensureCase(imported->caseDescription);
        QVERIFY(match.ok());
        NewRevision r;
        r.caseId = match->record->id;
        r.origin = Origin::dataset(imported->datasetName);
        r.state = ReviewState::Accepted;
        QVERIFY((*store)->saveSegmentation(r, imported->labels).ok());
        ExportOptions o;
        o.outDir = dir.filePath("raw");
        auto s = Exporter::run(**store, o);
        QVERIFY(s.ok());
        QCOMPARE(s->cases, imported->labelledFrames);
        const NnunetCheckReport check = NnunetChecker::check(s->target);
        QVERIFY2(check.ok(), qPrintable(check.errors.join('\n')));
        // No DICOM header travels: the source's patient name, id and birth date (read from
        // the first file's raw header) appear in no image or label byte (decompressed).
        const QString first =
            QDir(folder).entryInfoList({"*.dcm"}, QDir::Files, QDir::Name).value(0).filePath();
        const QByteArrayList secrets = dicomPatientValues(first);
        QVERIFY(!secrets.isEmpty());
        QDirIterator it(s->target, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString f = it.next();
            ++files;
            if (!f.endsWith(".nii.gz"))
                continue;
            const QByteArray bytes = gunzip(f);
            QVERIFY(bytes.size() > 352);
            for (const QByteArray& secret : secrets)
                QVERIFY2(!bytes.contains(secret), qPrintable(f + " holds " + secret));
        }
        QCOMPARE(files, 2 * s->cases + 3);
    }
};

QTEST_GUILESS_MAIN(TestLabelExportFormats)
#include "tst_LabelExportFormats.moc"
