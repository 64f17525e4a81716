// `cardiolens-cli bench edit --json` as a user runs it: it needs the shared Sunnybrook cine
// and echo clip (skipped without them) and reports both cases with the figures the issue
// names. The figures are printed, not bounded here (speed is the benchmark's job); only
// what must hold whatever the machine: 1,000 strokes became (nearly) 1,000 entries, and an
// undo entry of the largest stroke is far smaller than the frame it changed.
#include "CliRun.h"
#include "TestData.h"

#include <QJsonArray>
#include <QtTest>

using namespace cardiolens;

class TestEditBenchCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void benchEdit() {
        CARDIOLENS_REQUIRE_SHARED(mr, "imaging/sunnybrook/dicoms/SCD0000101");
        CARDIOLENS_REQUIRE_SHARED(echo, "imaging/echo/US-PAL-8-10x-echo.dcm");
        const test::Run r = test::cli(
            {QStringLiteral("bench"), QStringLiteral("edit"), QStringLiteral("--json")}, 120000);
        QCOMPARE(r.exitCode, 0);
        qInfo("%s", r.out.constData());
        for (const char* key : {"undo_ms", "history_mb", "core_move_median_ms"})
            QVERIFY2(r.json.value(QLatin1String(key)).toDouble() > 0.0, key);
        const QJsonArray cases = r.json.value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), 2);
        for (const QJsonValue& v : cases) {
            const QJsonObject c = v.toObject();
            QVERIFY(c.value(QStringLiteral("history_entries")).toInt() > 800);
            QVERIFY(c.value(QStringLiteral("largest_stroke_pixels")).toDouble() > 10000);
            QVERIFY(c.value(QStringLiteral("largest_stroke_kb")).toDouble() * 1024.0 <
                    c.value(QStringLiteral("largest_stroke_pixels")).toDouble() / 10.0);
        }
    }
};

QTEST_GUILESS_MAIN(TestEditBenchCli)
#include "tst_EditBenchCli.moc"
