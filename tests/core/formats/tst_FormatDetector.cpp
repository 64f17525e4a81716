#include "formats/FileDescriber.h"
#include "formats/FormatDetector.h"

#include "TestData.h"

#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::formats;

class TestFormatDetector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detectsBundledSamples() {
        const QString hea = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        QCOMPARE(FormatDetector::detect(hea), FileKind::WfdbRecord);
        // Signal and annotation files lead to their record's header.
        const QString dat = test::sample(QStringLiteral("ecg/mitdb/100s.dat"));
        QCOMPARE(FormatDetector::detect(dat), FileKind::WfdbRecord);
        QCOMPARE(FormatDetector::wfdbHeaderFor(dat), hea);
        QCOMPARE(FormatDetector::detect(test::sample(QStringLiteral("ecg/cinc2021/E07500.mat"))),
                 FileKind::WfdbRecord);
        QCOMPARE(FormatDetector::detect(
                     test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/110.dcm"))),
                 FileKind::DicomImage);
    }

    void recordPathWithoutExtension() {
        const QString record = test::sample(QStringLiteral("ecg/ptbxl/00001_lr"));
        QCOMPARE(FormatDetector::detect(record), FileKind::WfdbRecord);
        auto d = FileDescriber::describe(record);
        QVERIFY(d.ok());
        QCOMPARE(d->value(QStringLiteral("signalCount")).toInt(), 12);
        QCOMPARE(d->value(QStringLiteral("samplingFrequencyHz")).toDouble(), 100.0);
        QCOMPARE(d->value(QStringLiteral("durationSeconds")).toDouble(), 10.0);
    }

    void unknownAndMissingFiles() {
        const QString txt = test::scratchDir() + QStringLiteral("/notes.txt");
        QFile f(txt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
        f.close();
        QCOMPARE(FormatDetector::detect(txt), FileKind::Unknown);
        auto d = FileDescriber::describe(txt);
        QVERIFY(!d.ok());
        QVERIFY(d.error().message.contains(QLatin1String("unrecognised")));
        auto m = FileDescriber::describe(QStringLiteral("/no/such/file.hea"));
        QVERIFY(!m.ok());
        QCOMPARE(m.error().file, QStringLiteral("/no/such/file.hea"));
    }
};

QTEST_GUILESS_MAIN(TestFormatDetector)
#include "tst_FormatDetector.moc"
