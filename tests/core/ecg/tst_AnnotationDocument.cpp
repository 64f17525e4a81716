// Annotation editing on real annotations (MIT-BIH 208 when shared data is present, else the
// bundled 100s excerpt): each edit changes exactly what it names, undo/redo restore exactly,
// no-ops make no undo entry, and exports re-read identically without touching atr.
#include "TestData.h"

#include "ecg/MitAnnotationIO.h"
#include "ecg/edit/AnnotationDocument.h"
#include "ecg/edit/AnnotationExport.h"

#include <QFile>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {
using Codes = std::vector<int>;

QString recordPath() {
    const QString shared = test::shared(QStringLiteral("ecg/mitdb/208.hea"));
    return shared.isEmpty() ? test::sample(QStringLiteral("ecg/mitdb/100s.hea")) : shared;
}

std::vector<Annotation> reference() {
    auto set = MitAnnotationIO::read(recordPath(), QStringLiteral("atr"));
    return set ? set->items : std::vector<Annotation>{};
}

// Indexes where two equally long lists differ.
std::vector<std::size_t> differences(const std::vector<Annotation>& a,
                                     const std::vector<Annotation>& b) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (!(a[i] == b[i]))
            out.push_back(i);
    return out;
}

std::size_t firstBeatWith(const std::vector<Annotation>& items, int code, std::size_t from = 0) {
    for (std::size_t i = from; i < items.size(); ++i)
        if (items[i].code == code)
            return i;
    return items.size();
}
} // namespace

class TestAnnotationDocument : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void relabelChangesExactlyOneBeatAndUndoes() {
        const std::vector<Annotation> atr = reference();
        QVERIFY(atr.size() > 50);
        AnnotationDocument doc(atr);
        QCOMPARE(doc.items(), atr); // the file's order is canonical already
        const std::size_t k = firstBeatWith(atr, AnnotationCodes::Normal, 20);
        QVERIFY(doc.relabel({k}, AnnotationCodes::Pvc));
        QCOMPARE(doc.items().size(), atr.size());
        QCOMPARE(differences(atr, doc.items()), std::vector<std::size_t>{k});
        QCOMPARE(doc.items()[k].code, int(AnnotationCodes::Pvc));
        QCOMPARE(doc.items()[k].sample, atr[k].sample);
        QVERIFY(doc.isModified());
        const std::vector<Annotation> edited = doc.items();
        QVERIFY(doc.undo());
        QCOMPARE(doc.items(), atr);
        QVERIFY(!doc.isModified());
        QVERIFY(doc.redo());
        QCOMPARE(doc.items(), edited);
        // Relabelling to the same code changes nothing and makes no undo entry.
        const std::size_t entries = doc.undoCount();
        QVERIFY(!doc.relabel({k}, AnnotationCodes::Pvc));
        QCOMPARE(doc.undoCount(), entries);
    }

    void insertMoveDeleteAreSingleSteps() {
        const std::vector<Annotation> atr = reference();
        AnnotationDocument doc(atr);
        Annotation extra;
        extra.sample = atr[30].sample + 40;
        extra.code = AnnotationCodes::Apc;
        QVERIFY(doc.insert(extra));
        QCOMPARE(doc.items().size(), atr.size() + 1);
        QCOMPARE(doc.items()[31], extra); // in time order, right after annotation 30
        const auto near = doc.nearestBeat(extra.sample + 5, 20);
        QVERIFY(near && *near == 31);
        QVERIFY(doc.move(31, extra.sample + 10));
        QCOMPARE(doc.items()[31].sample, extra.sample + 10);
        QVERIFY(doc.remove({31}));
        QCOMPARE(doc.items(), atr);
        QCOMPARE(doc.undoCount(), std::size_t(3));
        QVERIFY(doc.isModified()); // back to the content, but through edits: still unsaved
        doc.markSaved();
        QVERIFY(!doc.isModified());
        // Undo all three, one at a time, in reverse.
        QVERIFY(doc.undo());
        QCOMPARE(doc.items()[31].sample, extra.sample + 10);
        QVERIFY(doc.undo());
        QCOMPARE(doc.items()[31], extra);
        QVERIFY(doc.undo());
        QCOMPARE(doc.items(), atr);
        QVERIFY(!doc.canUndo());
        QVERIFY(!doc.remove({atr.size() + 5})); // out of range: nothing, no entry
        QVERIFY(!doc.canUndo());
    }

    void changeAllInRange() {
        const std::vector<Annotation> atr = reference();
        AnnotationDocument doc(atr);
        const std::int64_t from = atr[10].sample, to = atr[atr.size() / 2].sample;
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < atr.size(); ++i)
            if (atr[i].sample >= from && atr[i].sample <= to &&
                atr[i].code == AnnotationCodes::Normal)
                expected.push_back(i);
        QVERIFY(!expected.empty());
        QCOMPARE(doc.changeAllInRange(from, to, AnnotationCodes::Normal, AnnotationCodes::Apc),
                 expected.size());
        QCOMPARE(differences(atr, doc.items()), expected);
        for (std::size_t i : expected)
            QCOMPARE(doc.items()[i].code, int(AnnotationCodes::Apc));
        QCOMPARE(doc.undoCount(), std::size_t(1));
        QVERIFY(doc.undoLabel().contains(QLatin1String("in range")));
        QVERIFY(doc.undo());
        QCOMPARE(doc.items(), atr);
        QCOMPARE(doc.changeAllInRange(from, to, AnnotationCodes::Unknown, AnnotationCodes::Normal),
                 std::size_t(0)); // no Q beats there: a no-op
        QVERIFY(!doc.canUndo());
    }

    void rhythmEpisode() {
        const std::vector<Annotation> atr = reference();
        AnnotationDocument doc(atr);
        const std::int64_t start = atr[40].sample + 3, end = atr[60].sample + 3;
        const QByteArray before = doc.rhythmAt(end);
        QVERIFY(doc.insertRhythmEpisode(start, end, QByteArrayLiteral("(AFIB")));
        QCOMPARE(doc.rhythmAt(start), QByteArrayLiteral("(AFIB"));
        QCOMPARE(doc.rhythmAt(end - 1), QByteArrayLiteral("(AFIB"));
        QCOMPARE(doc.rhythmAt(end), before.isEmpty() ? QByteArrayLiteral("(N") : before);
        QVERIFY(doc.undo());
        QCOMPARE(doc.items(), atr);
    }

    void acceptModelOutputIsOneStep() {
        const std::vector<Annotation> atr = reference();
        AnnotationDocument doc(atr);
        std::vector<Annotation> model;
        for (const Annotation& a : atr)
            if (AnnotationCodes::isBeat(a.code)) {
                Annotation m = a;
                m.code = AnnotationCodes::Normal;
                m.aux = QByteArrayLiteral("model:test@1");
                model.push_back(m);
            }
        QVERIFY(doc.replaceBeats(model, QStringLiteral("Accept model:test@1")));
        QCOMPARE(doc.undoCount(), std::size_t(1));
        std::size_t nonBeats = 0;
        for (const Annotation& a : doc.items())
            nonBeats += !AnnotationCodes::isBeat(a.code);
        QCOMPARE(doc.items().size(), model.size() + nonBeats);
        QVERIFY(doc.undo());
        QCOMPARE(doc.items(), atr);
    }

    void exportReReadsIdenticallyAndNeverOverwrites() {
        const QString dir = test::scratchDir();
        const QString base = QFileInfo(recordPath()).completeBaseName();
        for (const char* ext : {".hea", ".dat", ".atr"}) {
            const QString src = QFileInfo(recordPath()).dir().filePath(base + QLatin1String(ext));
            QFile::remove(dir + QLatin1Char('/') + base + QLatin1String(ext));
            QVERIFY(QFile::copy(src, dir + QLatin1Char('/') + base + QLatin1String(ext)));
        }
        const QString record = dir + QLatin1Char('/') + base + QStringLiteral(".hea");
        QFile atrFile(dir + QLatin1Char('/') + base + QStringLiteral(".atr"));
        QVERIFY(atrFile.open(QIODevice::ReadOnly));
        const QByteArray atrBytes = atrFile.readAll();
        atrFile.close();

        AnnotationDocument doc(reference());
        doc.changeAllInRange(0, doc.items()[100].sample, -1, AnnotationCodes::Pvc);
        const auto written = exportAnnotations(record, QStringLiteral("edit"), doc.items());
        QVERIFY2(written, written ? "" : qPrintable(written.error().describe()));
        const auto reread = MitAnnotationIO::read(record, QStringLiteral("edit"));
        QVERIFY(reread);
        QCOMPARE(reread->items, doc.items());
        // Neither the reference nor the earlier export is replaced without consent.
        const auto again = exportAnnotations(record, QStringLiteral("edit"), doc.items());
        QVERIFY(!again);
        QVERIFY(again.error().describe().contains(QLatin1String(".edit")));
        QVERIFY(!exportAnnotations(record, QStringLiteral("atr"), doc.items()));
        QVERIFY(atrFile.open(QIODevice::ReadOnly));
        QCOMPARE(atrFile.readAll(), atrBytes);
        QVERIFY(exportAnnotations(record, QStringLiteral("edit"), doc.items(), true));
        QVERIFY(!exportAnnotations(record, QStringLiteral("../x"), doc.items()));
    }
};

QTEST_GUILESS_MAIN(TestAnnotationDocument)
#include "tst_AnnotationDocument.moc"
