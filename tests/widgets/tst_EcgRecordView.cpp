// The ECG workspace on real PhysioNet records: calipers against reference annotations,
// layouts, background pyramid, filters that leave stored data alone, true-scale export.
#include "ecg/EcgNavigator.h"
#include "ecg/EcgStripView.h"
#include "ecg/EcgWorkspace.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/RecordTraceSource.h"

#include "TestData.h"

#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::widgets;

class TestEcgRecordView : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<EcgWorkspace> m_ws;

    void open(const QString& path) {
        m_ws = std::make_unique<EcgWorkspace>();
        m_ws->resize(1600, 1000);
        m_ws->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_ws.get()));
        auto r = m_ws->openRecord(path);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
    }

private Q_SLOTS:
    void caliperOnConsecutiveRPeaksReadsTheReferenceRr() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100.hea");
        open(record);
        auto ann = ecg::MitAnnotationIO::read(record, QStringLiteral("atr"));
        QVERIFY(ann.ok());
        std::vector<std::int64_t> beats;
        for (const auto& a : ann->items)
            if (ecg::AnnotationCodes::isBeat(a.code))
                beats.push_back(a.sample);
        QCOMPARE(int(beats.size()), 2273);
        EcgStripView* view = m_ws->stripView();
        view->setSpeed(100.0); // 1 px is about 2.5 ms, less than one 360 Hz sample
        const double fs = 360.0;
        for (std::size_t k : {std::size_t(10), std::size_t(500), std::size_t(1900)}) {
            const double t1 = double(beats[k]) / fs, t2 = double(beats[k + 1]) / fs;
            view->goToTime(t1 - 0.5);
            const int lead = 0;
            const double x1 = view->xForTime(t1, lead), x2 = view->xForTime(t2, lead);
            QVERIFY(!std::isnan(x1) && !std::isnan(x2));
            const int y = int(view->panels().front().rect.center().y());
            view->setCaliperMode(true);
            // Shift: place exactly where clicked (no snapping), as a ruler would.
            QTest::mousePress(view, Qt::LeftButton, Qt::ShiftModifier, QPoint(qRound(x1), y));
            QTest::mouseMove(view, QPoint(qRound(x2), y));
            QTest::mouseRelease(view, Qt::LeftButton, Qt::ShiftModifier, QPoint(qRound(x2), y));
            const auto& c = *view->state().calipers;
            const double reference = t2 - t1;
            QVERIFY2(std::abs((c.t2 - c.t1) - reference) <= 1.0 / fs,
                     qPrintable(QStringLiteral("beat %1: caliper %2 s, reference %3 s")
                                    .arg(k)
                                    .arg(c.t2 - c.t1)
                                    .arg(reference)));
            // Without Shift the calipers snap to the R peaks: still the reference RR.
            QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, QPoint(qRound(x1) + 4, y));
            QTest::mouseMove(view, QPoint(qRound(x2) - 4, y));
            QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, QPoint(qRound(x2) - 4, y));
            const auto& s = *view->state().calipers;
            QVERIFY2(
                std::abs(s.t1 - t1) <= 3.0 / fs && std::abs(s.t2 - t2) <= 3.0 / fs,
                qPrintable(
                    QStringLiteral("snapped %1/%2 vs %3/%4").arg(s.t1).arg(s.t2).arg(t1).arg(t2)));
        }
    }

    void referenceBeatsAndRhythmsAreShown() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/208.hea");
        open(record);
        QCOMPARE(m_ws->currentAnnotator(), QStringLiteral("atr"));
        const auto& beats = m_ws->stripView()->beats();
        QCOMPARE(int(std::count_if(beats.begin(), beats.end(),
                                   [](const EcgBeatMark& b) { return b.code == "V"; })),
                 992);
        QCOMPARE(int(std::count_if(beats.begin(), beats.end(),
                                   [](const EcgBeatMark& b) { return b.aami == 'F'; })),
                 373);
        // "Next V" centres the first V beat after the current page centre.
        EcgStripView* view = m_ws->stripView();
        view->goToTime(300.0);
        const double before = view->startSeconds() + view->pageSeconds() / 2;
        QVERIFY(view->jumpToBeat({QStringLiteral("V")}, true));
        const auto nextV = std::find_if(beats.begin(), beats.end(), [&](const EcgBeatMark& b) {
            return b.code == "V" && b.seconds > before;
        });
        QVERIFY(nextV != beats.end());
        QVERIFY(std::abs(view->startSeconds() + view->pageSeconds() / 2 - nextV->seconds) < 1e-6);
        // The trigeminy episode "(T" exists and can be jumped to.
        QVERIFY(m_ws->stripView()->jumpToEpisode(QStringLiteral("(T"), true));
        QVERIFY(m_ws->stripView()->startSeconds() > 0.0);
    }

    void twelveLeadRecordOpensInThreeByFourWithRhythm() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/cinc2021/E07500.hea");
        open(record);
        const auto panels = m_ws->stripView()->panels();
        QCOMPARE(int(panels.size()), 13);
        QVERIFY(panels.back().rhythmStrip);
        QCOMPARE(m_ws->traceSource()->leadNames().value(panels.back().lead), QStringLiteral("II"));
        // A 2-lead Holter-style record opens as a stack.
        open(test::sample(QStringLiteral("ecg/mitdb/100s.hea")));
        QCOMPARE(int(m_ws->stripView()->panels().size()), 2);
        QCOMPARE(m_ws->stripView()->state().layout, EcgLayoutKind::Stack);
    }

    void pyramidAnswersZoomedOutExactly() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100.hea");
        open(record);
        QTRY_VERIFY_WITH_TIMEOUT(m_ws->pyramidReady(), 20000);
        const RecordTraceSource& src = *m_ws->traceSource();
        // Whole record in 500 columns: the pyramid's answer equals a brute-force scan.
        const int columns = 500;
        std::vector<float> lo(columns), hi(columns);
        src.minMax(0, 0.0, 1800.0, columns, lo.data(), hi.data());
        const auto& rec = src.record();
        const double perColumn = 1800.0 * 360.0 / columns;
        for (int c : {0, 123, 499}) {
            const auto first = std::int64_t(std::ceil(c * perColumn)),
                       last = std::int64_t(std::ceil((c + 1) * perColumn));
            const auto v = rec.physical(0, first, last - first);
            const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
            QVERIFY2(std::abs(*mn - lo[std::size_t(c)]) < 1e-4 &&
                         std::abs(*mx - hi[std::size_t(c)]) < 1e-4,
                     qPrintable(QStringLiteral("column %1: %2..%3 vs %4..%5")
                                    .arg(c)
                                    .arg(lo[c])
                                    .arg(hi[c])
                                    .arg(*mn)
                                    .arg(*mx)));
        }
    }

    void filtersChangeTheDisplayNotTheData() {
        const QString record = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        QFile dat(test::sample(QStringLiteral("ecg/mitdb/100s.dat")));
        QVERIFY(dat.open(QIODevice::ReadOnly));
        const QByteArray before =
            QCryptographicHash::hash(dat.readAll(), QCryptographicHash::Sha256);
        dat.close();
        open(record);
        auto* src = const_cast<RecordTraceSource*>(m_ws->traceSource());
        std::vector<float> rawLo(400), rawHi(400), fLo(400), fHi(400);
        src->minMax(0, 10.0, 14.0, 400, rawLo.data(), rawHi.data());
        src->setFilter(ecg::FilterSettings::monitor());
        src->minMax(0, 10.0, 14.0, 400, fLo.data(), fHi.data());
        // 0.5 Hz high-pass removes the baseline offset: the filtered page is centred near 0.
        double rawMean = 0, fMean = 0;
        for (int i = 0; i < 400; ++i) {
            rawMean += (rawLo[i] + rawHi[i]) / 2 / 400;
            fMean += (fLo[i] + fHi[i]) / 2 / 400;
        }
        QVERIFY2(
            std::abs(fMean) < std::abs(rawMean) && std::abs(fMean) < 0.1,
            qPrintable(QStringLiteral("raw mean %1, filtered mean %2").arg(rawMean).arg(fMean)));
        QVERIFY(dat.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(dat.readAll(), QCryptographicHash::Sha256), before);
    }

    void exportWritesTrueScaleA4() {
        open(test::sample(QStringLiteral("ecg/cinc2021/E07500.hea")));
        const QString pdf = test::scratchDir() + QStringLiteral("/strip.pdf");
        QVERIFY(m_ws->exportPage(pdf).ok());
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        // A4 landscape in PDF points: 297 x 210 mm = 841.9 x 595.3 pt.
        const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto m = box.match(QString::fromLatin1(bytes));
        QVERIFY(m.hasMatch());
        QVERIFY(std::abs(m.captured(1).toDouble() - 841.89) < 1.0);
        QVERIFY(std::abs(m.captured(2).toDouble() - 595.28) < 1.0);

        const QString png = test::scratchDir() + QStringLiteral("/strip.png");
        QVERIFY(m_ws->exportPage(png).ok());
        const QImage img(png);
        QCOMPARE(img.width(), qRound(297.0 * 300 / 25.4));
        QCOMPARE(img.dotsPerMeterX(), qRound(300 / 0.0254));
    }
};

QTEST_MAIN(TestEcgRecordView)
#include "tst_EcgRecordView.moc"
