// The label store on a real SQLite file, or on the real PostgreSQL server that
// with-postgres.sh starts (the same executable, registered twice in CTest): payload round
// trips, provenance, append-only history, case fingerprints, schema migration, the journal.
#include "StoreTestSupport.h"
#include "SyntheticLabels.h"

#include "labels/EditJournal.h"
#include "labels/SchemaMigrations.h"
#include "labels/SegmentationCodec.h"

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace cardiolens;
using namespace cardiolens::labels;

namespace {
bool sameBytes(const imaging::LabelVolume& a, const imaging::LabelVolume& b) {
    return a.extent() == b.extent() &&
           std::memcmp(a.labels().data(), b.labels().data(), a.labels().size()) == 0;
}

void writeRandomFile(const QString& path, qint64 bytes, quint32 seed) {
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (qint64 i = 0; i < bytes; ++i)
        data[i] = char(rng.bounded(256));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

// One-line revision and case descriptions for the tests.
NewRevision rev(qint64 caseId, Origin origin = {}, std::optional<qint64> parent = {},
                ReviewState state = ReviewState::InProgress, double editSeconds = 0.0) {
    NewRevision r;
    r.caseId = caseId;
    r.origin = origin;
    r.parentId = parent;
    r.state = state;
    r.editSeconds = editSeconds;
    return r;
}

CaseDescription at(const QString& path) {
    CaseDescription d;
    d.path = path;
    return d;
}

template <typename T> QString err(const Result<T>& r) {
    return r.ok() ? QString() : r.error().describe();
}
} // namespace

class TestLabelStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_image; // a stand-in image file every case points at

    qint64 makeCase(LabelStore& store) {
        CaseDescription d{m_image, QStringLiteral("MR"), QStringLiteral("test"),
                          QStringLiteral("case1")};
        auto c = store.ensureCase(d);
        if (!c)
            qFatal("%s", qPrintable(c.error().describe()));
        return c->record->id;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_image = m_dir.filePath(QStringLiteral("image.nii"));
        writeRandomFile(m_image, 3000, 1);
        qInfo("backend: %s", test::usingPostgres() ? "PostgreSQL" : "SQLite");
    }

    void roundTripIsBitIdentical() {
        CARDIOLENS_OPEN_STORE(store, test::freshStoreLocation(m_dir));
        const qint64 caseId = makeCase(*store);
        const auto labels = test::syntheticLabels(96, 80, 5, 7);
        std::vector<std::uint8_t> touched(labels.extent().frameCount(), 0);
        touched[3] = touched[20] = 1;
        // Frame 4 (slice 4, phase 0) is empty: touched but background must survive too.
        QCOMPARE(labels.volume().frameIndex(4, 0), std::size_t(4));
        touched[4] = 1;
        auto id = store->saveSegmentation(rev(caseId, Origin::annotator(QStringLiteral("ann"))),
                                          labels, touched);
        QVERIFY2(id.ok(), qPrintable(err(id)));
        auto loaded = store->loadSegmentation(*id);
        QVERIFY2(loaded.ok(), qPrintable(err(loaded)));
        QVERIFY(sameBytes(loaded->labels, labels));
        QCOMPARE(loaded->touched, touched);
        const auto& g = loaded->labels.geometry();
        const auto& e = labels.geometry();
        QVERIFY(g.pixelSpacing == e.pixelSpacing && g.origin == e.origin &&
                g.direction == e.direction && g.triggerTimesMs == e.triggerTimesMs);
        QCOMPARE(g.sliceSpacing, e.sliceSpacing);
        QCOMPARE(g.sliceThickness, e.sliceThickness);
        QCOMPARE(g.frameTimeMs, e.frameTimeMs);
        // Wrong touched size refused, nothing stored.
        auto bad = store->saveSegmentation(rev(caseId, Origin::annotator(QStringLiteral("a"))),
                                           labels, std::vector<std::uint8_t>(3, 1));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("touched")));
        QCOMPARE(store->history(caseId)->size(), std::size_t(1));
    }

    void provenanceIsStored() {
        CARDIOLENS_OPEN_STORE(store, test::freshStoreLocation(m_dir));
        const qint64 caseId = makeCase(*store);
        NewRevision r;
        r.caseId = caseId;
        r.origin =
            Origin::model(QStringLiteral("lv-seg-sunnybrook@1.2.0"), QStringLiteral("ab12cd34ef"));
        r.state = ReviewState::Predicted;
        r.createdMs = 1700000000123;
        r.editSeconds = 12.5;
        r.comment = QStringLiteral("apex unclear — check ✓");
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        auto id = store->saveSegmentation(r, test::syntheticLabels(32, 32, 2, 2));
        QVERIFY2(id.ok(), qPrintable(err(id)));
        auto info = store->revision(*id);
        QVERIFY2(info.ok(), qPrintable(err(info)));
        QCOMPARE(info->caseId, caseId);
        QVERIFY(!info->parentId);
        QCOMPARE(info->kind, RevisionKind::Segmentation);
        QCOMPARE(info->origin.type, OriginType::Model);
        QCOMPARE(info->origin.name, QStringLiteral("lv-seg-sunnybrook@1.2.0"));
        QCOMPARE(info->origin.manifestHash, QStringLiteral("ab12cd34ef"));
        QCOMPARE(info->state, ReviewState::Predicted);
        QCOMPARE(info->createdMs, qint64(1700000000123));
        QVERIFY(info->savedMs >= before && info->savedMs <= QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(info->editSeconds, 12.5);
        QCOMPARE(info->comment, r.comment);
        QVERIFY(!info->deleted);
        QCOMPARE(Origin::dataset(QStringLiteral("sunnybrook")).name,
                 QStringLiteral("dataset:sunnybrook"));
        // The database itself refuses unknown kinds and states.
        auto bogus = store->database().exec(
            QStringLiteral("INSERT INTO revisions (case_id, kind, origin_type, origin, "
                           "review_state, created_ms, saved_ms) VALUES (%1, 'segmentation', "
                           "'annotator', 'x', 'approved', 0, 0)")
                .arg(caseId));
        QVERIFY(bogus.lastError().isValid());
    }

    void historyIsNeverDestroyed() {
        CARDIOLENS_OPEN_STORE(store, test::freshStoreLocation(m_dir));
        const qint64 caseId = makeCase(*store);
        const auto expert = test::syntheticLabels(48, 48, 3, 4);
        auto r1 = store->saveSegmentation(
            rev(caseId, Origin::dataset(QStringLiteral("test")), {}, ReviewState::Accepted),
            expert);
        QVERIFY2(r1.ok(), qPrintable(err(r1)));
        auto edited = test::syntheticLabels(48, 48, 3, 4);
        edited.frame(1, 2).at(5, 5) = 7;
        auto r2 = store->saveSegmentation(rev(caseId, Origin::annotator(QStringLiteral("eve")), *r1,
                                              ReviewState::InProgress, 30.0),
                                          edited);
        QVERIFY2(r2.ok(), qPrintable(err(r2)));
        auto r3 = store->changeReviewState(*r2, ReviewState::Submitted,
                                           Origin::annotator(QStringLiteral("eve")));
        QVERIFY2(r3.ok(), qPrintable(err(r3)));
        auto r4 = store->markDeleted(*r3, Origin::annotator(QStringLiteral("bob")),
                                     QStringLiteral("wrong patient"));
        QVERIFY2(r4.ok(), qPrintable(err(r4)));

        auto h = store->history(caseId);
        QVERIFY2(h.ok(), qPrintable(err(h)));
        QCOMPARE(h->size(), std::size_t(4));
        QCOMPARE((*h)[0].id, *r1);
        QVERIFY(!(*h)[0].parentId);
        QCOMPARE(*(*h)[1].parentId, *r1);
        QCOMPARE(*(*h)[2].parentId, *r2);
        QCOMPARE(*(*h)[3].parentId, *r3);
        QCOMPARE((*h)[2].state, ReviewState::Submitted);
        QVERIFY((*h)[3].deleted);
        QCOMPARE((*h)[3].origin.name, QStringLiteral("bob"));
        auto latest = store->latest(caseId, RevisionKind::Segmentation);
        QVERIFY(latest.ok() && latest->has_value());
        QCOMPARE((*latest)->id, *r4);

        // A state change carries the same labels; older revisions still load.
        auto l3 = store->loadSegmentation(*r3);
        QVERIFY2(l3.ok(), qPrintable(err(l3)));
        QVERIFY(sameBytes(l3->labels, edited));
        auto l1 = store->loadSegmentation(*r1);
        QVERIFY(l1.ok() && sameBytes(l1->labels, expert));
        auto l4 = store->loadSegmentation(*r4);
        QVERIFY(!l4.ok());
        QVERIFY(l4.error().message.contains(QStringLiteral("deletion")));
        QVERIFY(!store->changeReviewState(*r4, ReviewState::Accepted, Origin{}).ok());
    }

    void documentsForEcgKinds() {
        CARDIOLENS_OPEN_STORE(store, test::freshStoreLocation(m_dir));
        const qint64 caseId = makeCase(*store);
        const QByteArray beats = R"({"beats":[{"sample":370,"code":"N"}]})";
        auto id = store->saveDocument(rev(caseId, Origin::dataset(QStringLiteral("mitdb"))),
                                      RevisionKind::EcgBeats, beats);
        QVERIFY2(id.ok(), qPrintable(err(id)));
        QCOMPARE(*store->loadDocument(*id), beats);
        QCOMPARE(store->revision(*id)->kind, RevisionKind::EcgBeats);
        QVERIFY(!store->loadSegmentation(*id).ok());
        QVERIFY(!store->saveDocument(rev(caseId), RevisionKind::Segmentation, beats).ok());
        auto copy = store->changeReviewState(*id, ReviewState::Accepted, Origin{});
        QVERIFY(copy.ok());
        QCOMPARE(*store->loadDocument(*copy), beats);
        QCOMPARE(store->history(caseId, RevisionKind::EcgBeats)->size(), std::size_t(2));
        QCOMPARE(store->history(caseId, RevisionKind::Segmentation)->size(), std::size_t(0));
    }

    void movedFileIsRecognisedChangedFileNoticed() {
        CARDIOLENS_OPEN_STORE(store, test::freshStoreLocation(m_dir));
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("cine.nii.gz"));
        writeRandomFile(a, 2'500'000, 7); // more than first + last MB
        auto added = store->ensureCase(at(a));
        QVERIFY2(added.ok(), qPrintable(err(added)));
        QCOMPARE(added->status, CaseMatch::Status::New);
        QCOMPARE(added->record->fingerprint.bytes, qint64(2'500'000));
        QCOMPARE(added->record->fingerprint.sha256.size(), 64);
        QCOMPARE(store->ensureCase(at(a))->status, CaseMatch::Status::Known);

        // Moved: same content under another name is the same case; ensureCase follows it.
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("moved"))));
        const QString b = dir.filePath(QStringLiteral("moved/renamed.nii.gz"));
        QVERIFY(QFile::rename(a, b));
        auto found = store->findCase(b);
        QVERIFY2(found.ok(), qPrintable(err(found)));
        QCOMPARE(found->status, CaseMatch::Status::Moved);
        QCOMPARE(found->record->id, added->record->id);
        QCOMPARE(store->ensureCase(at(b))->status, CaseMatch::Status::Moved);
        QCOMPARE(store->caseRecord(added->record->id)->description.path,
                 QFileInfo(b).canonicalFilePath());
        QCOMPARE(store->ensureCase(at(b))->status, CaseMatch::Status::Known);

        // Changed: one byte in the first MB, or a longer file, is noticed and not adopted.
        {
            QFile f(b);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(1000);
            const char c = f.read(1)[0];
            f.seek(1000);
            f.write(QByteArray(1, char(c ^ 0x5a)));
        }
        auto changed = store->ensureCase(at(b));
        QVERIFY(changed.ok());
        QCOMPARE(changed->status, CaseMatch::Status::Changed);
        QCOMPARE(changed->record->id, added->record->id);
        QVERIFY(changed->current.sha256 != added->record->fingerprint.sha256);
        QCOMPARE(store->ensureCase(at(b))->status, CaseMatch::Status::Changed);
        QCOMPARE(store->cases()->size(), std::size_t(1));

        // A DICOM-like folder: renaming the folder keeps the case; a changed file does not.
        const QString folder = dir.filePath(QStringLiteral("series"));
        QVERIFY(QDir().mkpath(folder));
        writeRandomFile(folder + QStringLiteral("/1.dcm"), 5000, 2);
        writeRandomFile(folder + QStringLiteral("/2.dcm"), 6000, 3);
        auto series = store->ensureCase(at(folder));
        QCOMPARE(series->status, CaseMatch::Status::New);
        const QString folder2 = dir.filePath(QStringLiteral("series-copy"));
        QVERIFY(QDir().rename(folder, folder2));
        QCOMPARE(store->findCase(folder2)->status, CaseMatch::Status::Moved);
        writeRandomFile(folder2 + QStringLiteral("/3.dcm"), 10, 4);
        QCOMPARE(store->findCase(folder2)->status, CaseMatch::Status::New);
        auto missing = store->findCase(dir.filePath(QStringLiteral("nothing.nii")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().file.endsWith(QStringLiteral("nothing.nii")));
    }

    void migratesFromVersion1() {
        const StoreLocation location = test::freshStoreLocation(m_dir);
        const SqlDialect dialect(location.backend);
        {
            // A version-1 store as the first release wrote it, with one case and revision.
            QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), "v1");
            if (location.backend == StoreBackend::Sqlite) {
                db.setDatabaseName(location.path);
            } else {
                db.setHostName(location.host);
                db.setPort(location.port);
                db.setDatabaseName(location.database);
                db.setUserName(location.user);
            }
            QVERIFY(db.open());
            auto v = SchemaMigrations::migrate(db, dialect, location.describe(), 1);
            QVERIFY2(v.ok(), qPrintable(err(v)));
            QCOMPARE(*v, 1);
            QCOMPARE(*SchemaMigrations::version(db, location.describe()), 1);
            QVERIFY(!db.tables().contains(QStringLiteral("edit_sessions")));
            const auto labels = test::syntheticLabels(16, 16, 1, 2);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO cases (path, fingerprint, content_bytes, "
                                          "created_ms) VALUES ('/old/case', 'abc', 3, 1)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO revisions (case_id, kind, origin_type, origin, review_state, "
                "created_ms, saved_ms) VALUES (1, 'segmentation', 'dataset', 'dataset:x', "
                "'accepted', 1, 2)")));
            QVERIFY(q.prepare(
                QStringLiteral("INSERT INTO segmentation_geometry VALUES (1, 16, 16, 1, 2, ?)")));
            q.addBindValue(SegmentationCodec::geometryToJson(labels.geometry()));
            QVERIFY(q.exec());
            QVERIFY(q.prepare(
                QStringLiteral("INSERT INTO segmentation_frames VALUES (1, 0, 1, 1, 'zlib', ?)")));
            const auto plane = labels.frame(0, 1).pixels();
            // Version 1 wrote plain qCompress planes ('zlib'); they must still load.
            q.addBindValue(
                qCompress(reinterpret_cast<const uchar*>(plane.data()), qsizetype(plane.size())));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            // Downgrades are refused.
            QVERIFY(!SchemaMigrations::migrate(db, dialect, location.describe(), 0).ok());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        CARDIOLENS_OPEN_STORE(store, location);
        QCOMPARE(*store->schemaVersion(), SchemaMigrations::kCurrentVersion);
        QCOMPARE(SchemaMigrations::kCurrentVersion, 2);
        QCOMPARE(store->caseRecord(1)->description.path, QStringLiteral("/old/case"));
        auto loaded = store->loadSegmentation(1);
        QVERIFY2(loaded.ok(), qPrintable(err(loaded)));
        QCOMPARE(loaded->labels.frame(0, 1).at(8, 8),
                 test::syntheticLabels(16, 16, 1, 2).frame(0, 1).at(8, 8));
        QCOMPARE(loaded->touched, (std::vector<std::uint8_t>{0, 1}));
        // The version-2 tables work on the migrated store.
        EditJournal journal(*store);
        auto session = journal.begin(1, 1, QStringLiteral("ann"), 16, 16);
        QVERIFY2(session.ok(), qPrintable(err(session)));
        QVERIFY(
            journal.append(*session, {QStringLiteral("Brush"), {{0, 0, QByteArray(256, 2)}}}).ok());
    }

    void refusesNewerSchemaAndForeignFiles() {
        const StoreLocation location = test::freshStoreLocation(m_dir);
        {
            CARDIOLENS_OPEN_STORE(store, location);
            QVERIFY(store->database()
                        .exec(QStringLiteral("UPDATE schema_version SET version = 99"))
                        .lastError()
                        .type() == QSqlError::NoError);
        }
        auto newer = LabelStore::open(location);
        QVERIFY(!newer.ok());
        QVERIFY2(newer.error().message.contains(QStringLiteral("schema version 99")),
                 qPrintable(newer.error().describe()));
        if (test::usingPostgres())
            return;
        const QString junk = m_dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        auto foreign = LabelStore::open(StoreLocation::sqlite(junk));
        QVERIFY(!foreign.ok());
        QCOMPARE(foreign.error().file, junk);
        QFile f(junk);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(4096, 'x')); // never modified
    }

    void corruptFrameIsAnErrorNotACrash() {
        CARDIOLENS_OPEN_STORE(store, test::freshStoreLocation(m_dir));
        const qint64 caseId = makeCase(*store);
        auto id = store->saveSegmentation(rev(caseId), test::syntheticLabels(32, 32, 2, 2));
        QVERIFY(id.ok());
        QSqlQuery q(store->database());
        QVERIFY(q.prepare(
            QStringLiteral("UPDATE segmentation_frames SET data = ? WHERE revision_id = ?")));
        q.addBindValue(QByteArray("\xff\xff\xff\xf0garbage", 11)); // asks for 4 GB
        q.addBindValue(*id);
        QVERIFY(q.exec());
        auto loaded = store->loadSegmentation(*id);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(QStringLiteral("label plane")),
                 qPrintable(loaded.error().describe()));
    }

    void corruptRunsAreRefused() {
        std::vector<std::uint8_t> plane(1024);
        const auto decode = [&](const QByteArray& runs) {
            return SegmentationCodec::decompressPlane(qCompress(runs), plane, QStringLiteral("s"));
        };
        QVERIFY(decode(QByteArray("\x02\x80\x08", 3)).ok()); // 1024 x label 2
        QCOMPARE(int(plane[1023]), 2);
        QVERIFY(!decode(QByteArray("\x01\x05", 2)).ok());                 // too few pixels
        QVERIFY(!decode(QByteArray("\x01\x80\x10", 3)).ok());             // too many
        QVERIFY(!decode(QByteArray("\x01\x00", 2)).ok());                 // empty run
        QVERIFY(!decode(QByteArray("\x01\xff\xff\xff\xff\xff", 6)).ok()); // endless length
        QVERIFY(!SegmentationCodec::decompressPlane(QByteArray(), plane, QStringLiteral("s")).ok());
        QVERIFY(!SegmentationCodec::decompressPlane(qCompress(QByteArray(1024, 0)), plane,
                                                    QStringLiteral("s"), QStringLiteral("lz4"))
                     .ok());
        // Random planes of every value round-trip.
        QRandomGenerator rng(5);
        for (int round = 0; round < 20; ++round) {
            std::vector<std::uint8_t> in(1024);
            for (auto& v : in)
                v = std::uint8_t(rng.bounded(round % 2 ? 256 : 3));
            std::vector<std::uint8_t> out(1024, 77);
            QVERIFY(SegmentationCodec::decompressPlane(SegmentationCodec::compressPlane(in), out,
                                                       QStringLiteral("s"))
                        .ok());
            QVERIFY(in == out);
        }
    }

    void journalKeepsUnsavedWork() {
        CARDIOLENS_OPEN_STORE(store, test::freshStoreLocation(m_dir));
        const qint64 caseId = makeCase(*store);
        const auto base = test::syntheticLabels(40, 30, 2, 3);
        auto baseId = store->saveSegmentation(rev(caseId), base);
        QVERIFY(baseId.ok());
        EditJournal journal(*store);
        auto s = journal.begin(caseId, *baseId, QStringLiteral("eve"), 40, 30);
        QVERIFY2(s.ok(), qPrintable(err(s)));
        QCOMPARE(*journal.append(*s, {QStringLiteral("Brush"), {{1, 2, QByteArray(1200, 1)}}}), 1);
        QCOMPARE(*journal.append(*s, {QStringLiteral("Copy frame"),
                                      {{0, 0, QByteArray(1200, 3)}, {1, 2, QByteArray(1200, 2)}}}),
                 2);
        QCOMPARE(*journal.append(*s, {QStringLiteral("Fill holes"), {{0, 1, QByteArray(1200, 4)}}}),
                 3);
        auto bad = journal.append(*s, {QStringLiteral("Brush"), {{0, 0, QByteArray(10, 1)}}});
        QVERIFY(!bad.ok());

        auto open = journal.unsaved(caseId);
        QVERIFY2(open.ok(), qPrintable(err(open)));
        QCOMPARE(open->size(), std::size_t(1));
        QCOMPARE(open->front().actionCount, 3);
        QCOMPARE(open->front().lastAction, QStringLiteral("Fill holes"));
        QCOMPARE(*open->front().baseRevisionId, *baseId);
        QCOMPARE(journal.unsaved()->size(), std::size_t(1));

        auto work = journal.recover(*s);
        QVERIFY2(work.ok(), qPrintable(err(work)));
        QCOMPARE(work->planes.size(), std::size_t(3));
        QCOMPARE(work->planes.at({1, 2}), QByteArray(1200, 2)); // the newest plane wins
        auto restored = store->loadSegmentation(*baseId);
        std::vector<std::uint8_t> touched;
        QCOMPARE(*work->applyTo(restored->labels, &touched), 3);
        QCOMPARE(restored->labels.frame(0, 1).at(39, 29), std::uint8_t(4));
        QCOMPARE(restored->labels.frame(1, 0).at(20, 15), base.frame(1, 0).at(20, 15));
        QCOMPARE(std::count(touched.begin(), touched.end(), 1), 3);

        auto saved =
            store->saveSegmentation(rev(caseId, Origin::annotator(QStringLiteral("eve")), *baseId),
                                    restored->labels, touched);
        QVERIFY(saved.ok());
        QVERIFY(journal.close(*s, *saved).ok());
        QCOMPARE(journal.unsaved(caseId)->size(), std::size_t(0));
        QVERIFY(!journal.append(*s, {QStringLiteral("Brush"), {}}).ok());
        QVERIFY(!journal.close(*s, {}).ok());
    }
};

QTEST_GUILESS_MAIN(TestLabelStore)
#include "tst_LabelStore.moc"
