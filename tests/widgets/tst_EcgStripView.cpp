// The ECG strip view's geometry and navigation, painted into real images and checked
// pixel by pixel. A small analytic trace source stands in for a record here so every
// expected pixel position can be computed exactly; tst_EcgRecordView runs real records.
#include "ecg/EcgStripView.h"
#include "ecg/EcgTraceSource.h"

#include <QScreen>
#include <QtTest>

#include <cmath>

using namespace cardiolens::widgets;

namespace {

const QStringList kTwelve = {"I",  "II", "III", "aVR", "aVL", "aVF",
                             "V1", "V2", "V3",  "V4",  "V5",  "V6"};

// Lead k is a flat line at (k % 3 - 1) mV except a 1 mV step during [1.0, 1.2) s.
class FlatSource : public EcgTraceSource {
public:
    QStringList leadNames() const override { return kTwelve; }
    QString leadUnits(int) const override { return QStringLiteral("mV"); }
    double durationSeconds() const override { return 60.0; }
    double sampleRate(int) const override { return 500.0; }
    static double level(int lead) { return lead % 3 - 1.0; }
    void minMax(int lead, double t0, double t1, int columns, float* mins,
                float* maxs) const override {
        const double dt = (t1 - t0) / columns;
        for (int c = 0; c < columns; ++c) {
            const double a = t0 + c * dt, b = a + dt;
            if (b <= 0 || a >= durationSeconds()) {
                mins[c] = maxs[c] = NAN;
                continue;
            }
            const bool step = b > 1.0 && a < 1.2;
            mins[c] = float(level(lead));
            maxs[c] = float(level(lead) + (step ? 1.0 : 0.0));
        }
    }
};

// The same leads riding on a 5 mV DC offset, as CPSC 2021 records do.
class OffsetSource : public FlatSource {
public:
    void minMax(int lead, double t0, double t1, int columns, float* mins,
                float* maxs) const override {
        FlatSource::minMax(lead, t0, t1, columns, mins, maxs);
        for (int c = 0; c < columns; ++c)
            mins[c] += 5.0f, maxs[c] += 5.0f;
    }
};

bool isTraceInk(QRgb px) {
    return qRed(px) < 90 && qGreen(px) < 90 && qBlue(px) < 90;
}
bool isMajorGrid(QRgb px) {
    return qRed(px) > 200 && qGreen(px) > 110 && qGreen(px) < 170 && qBlue(px) < 170;
}

} // namespace

class TestEcgStripView : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<EcgStripView> m_view;

private Q_SLOTS:
    void init() {
        m_view = std::make_unique<EcgStripView>();
        m_view->resize(1400, 900);
        m_view->setSource(std::make_shared<FlatSource>());
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    // Pixels per true millimetre from what the screen reports of itself: its width in
    // (device-independent) pixels over its physical width in mm (from the X server / EDID).
    double screenPixelsPerMm() const {
        const QScreen* screen = m_view->screen();
        return double(screen->geometry().width()) / screen->physicalSize().width();
    }

    void paperScaleFollowsPhysicalDpi() {
        const double expected = screenPixelsPerMm();
        qInfo("screen %d px over %.1f mm: %.4f px/mm", m_view->screen()->geometry().width(),
              m_view->screen()->physicalSize().width(), expected);
        QVERIFY(expected > 20.0 / 25.4 && expected < 2000.0 / 25.4);
        QVERIFY2(qAbs(m_view->state().scale.pxPerMm - expected) < 0.01 * expected,
                 qPrintable(QString::number(m_view->state().scale.pxPerMm)));
        m_view->setCalibration(1.1);
        QVERIFY(qAbs(m_view->state().scale.pxPerMm - expected * 1.1) < 0.011 * expected);
    }

    void majorGridIsFiveTrueMillimetres() {
        m_view->setLayout(EcgLayoutKind::Stack);
        const QImage img = m_view->grab().toImage();
        const double pxPerMm = screenPixelsPerMm();
        // Scan a row between traces for major grid lines and measure their pitch.
        const int y = 6;
        std::vector<int> xs;
        for (int x = 0; x < img.width(); ++x)
            if (isMajorGrid(img.pixel(x, y)) && (xs.empty() || x - xs.back() > 2))
                xs.push_back(x);
        QVERIFY2(xs.size() > 10, qPrintable(QString::number(xs.size())));
        const double pitch = double(xs.back() - xs.front()) / double(xs.size() - 1);
        QVERIFY2(qAbs(pitch - 5.0 * pxPerMm) < 0.5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(pitch).arg(5 * pxPerMm)));
    }

    void largeDcOffsetIsRemovedForDisplay() {
        // Offsets within 2 mV stay calibrated (the test above); a 5 mV offset would put every
        // trace outside its row, so each row shows its page median at the baseline instead.
        m_view->setSource(std::make_shared<OffsetSource>());
        m_view->setLayout(EcgLayoutKind::Stack);
        const QImage img = m_view->grab().toImage();
        for (const EcgPanel& p : m_view->panels()) {
            const int x = int(p.rect.left() + 0.6 * p.rect.width());
            int found = -1;
            for (int y = int(p.rect.top()); y < int(p.rect.bottom()); ++y)
                if (isTraceInk(img.pixel(x, y)))
                    found = y;
            QVERIFY2(found >= 0 && std::abs(found - p.rect.center().y()) <= 2.0,
                     qPrintable(QStringLiteral("lead %1: ink at %2, row centre %3")
                                    .arg(p.lead)
                                    .arg(found)
                                    .arg(p.rect.center().y())));
        }
    }

    void delineatedWavesAreTintedBands() {
        // P blue over 1.0-1.1 s, T green over 1.5-1.7 s, in every lead's row; nothing else.
        m_view->setLayout(EcgLayoutKind::Stack);
        m_view->setSpeed(25.0);
        m_view->setWaves({{1.5, 1.7, 'T'}, {1.0, 1.1, 'P'}}); // Unsorted on purpose.
        QCOMPARE(m_view->waves().front().kind, 'P');
        const double pps = 25.0 * m_view->state().scale.pxPerMm;
        // Tinted columns along a row of the first lead, away from its trace.
        const auto tinted = [&](const QImage& img) {
            const int y = int(m_view->panels().front().rect.top()) + 6;
            std::vector<int> blue, green;
            for (int x = 0; x < img.width(); ++x) {
                const QRgb px = img.pixel(x, y);
                if (qRed(px) < 150)
                    continue; // ink: trace, labels, pulses
                if (qBlue(px) - qRed(px) > 10 && qBlue(px) - qGreen(px) > 10)
                    blue.push_back(x);
                if (qGreen(px) - qRed(px) > 5 && qGreen(px) - qBlue(px) > 5)
                    green.push_back(x);
            }
            return std::pair{blue, green};
        };
        const auto [blue, green] = tinted(m_view->grab().toImage());
        QVERIFY(!blue.empty() && !green.empty());
        const double pWidth = blue.back() - blue.front() + 1;
        const double tWidth = green.back() - green.front() + 1;
        QVERIFY2(std::abs(pWidth - 0.1 * pps) <= 2, qPrintable(QString::number(pWidth)));
        QVERIFY2(std::abs(tWidth - 0.2 * pps) <= 2, qPrintable(QString::number(tWidth)));
        QVERIFY2(std::abs(green.front() - blue.front() - 0.5 * pps) <= 2, "T starts 0.5 s after P");
        m_view->setWaves({});
        const auto [noBlue, noGreen] = tinted(m_view->grab().toImage());
        QVERIFY(noBlue.empty() && noGreen.empty());
    }

    void tracesLandInTheirRowsAtCalibratedGain() {
        m_view->setLayout(EcgLayoutKind::ThreeByFour, 1);
        m_view->setSpeed(25.0);
        m_view->setGain(10.0);
        const QImage img = m_view->grab().toImage();
        const auto panels = m_view->panels();
        QCOMPARE(int(panels.size()), 13); // 12 leads + one rhythm strip
        const double pxPerMv = m_view->state().scale.pxPerMv();
        for (const EcgPanel& p : panels) {
            QVERIFY(p.lead >= 0);
            // At 1.5 s into the page (past the step) the trace is flat at the lead's level.
            const double t = p.startSeconds + 0.6 * (p.endSeconds - p.startSeconds);
            if (t > 1.0 && t < 1.3)
                continue;
            const int x = int(p.rect.left() + (t - p.startSeconds) /
                                                  (p.endSeconds - p.startSeconds) * p.rect.width());
            const double expectedY = p.rect.center().y() - FlatSource::level(p.lead) * pxPerMv;
            int found = -1;
            for (int y = int(p.rect.top()); y < int(p.rect.bottom()); ++y)
                if (isTraceInk(img.pixel(x, y)) && qAbs(y - expectedY) < qAbs(found - expectedY))
                    found = y;
            QVERIFY2(found >= 0 && qAbs(found - expectedY) <= 2.0,
                     qPrintable(QStringLiteral("lead %1: ink at %2, expected %3")
                                    .arg(p.lead)
                                    .arg(found)
                                    .arg(expectedY)));
        }
        // Standard order: first column I, II, III; last column V4, V5, V6; 2.5 s each.
        QCOMPARE(kTwelve[panels[0].lead], QStringLiteral("I"));
        QCOMPARE(kTwelve[panels[11].lead], QStringLiteral("V6"));
        QVERIFY(qAbs(panels[3].startSeconds - 2.5) < 1e-9);
        QCOMPARE(kTwelve[panels[12].lead], QStringLiteral("II"));
        QVERIFY(panels[12].rhythmStrip);
    }

    void keyboardMovesByTheRightAmount() {
        m_view->setLayout(EcgLayoutKind::Stack);
        m_view->setSpeed(25.0);
        const double page = m_view->pageSeconds();
        const double widthMm =
            (m_view->width() / m_view->state().scale.pxPerMm) - 10.0; // minus pulse margin
        QVERIFY2(qAbs(page - widthMm / 25.0) < 0.05, qPrintable(QString::number(page)));
        QTest::keyClick(m_view.get(), Qt::Key_PageDown);
        QVERIFY(qAbs(m_view->startSeconds() - page) < 1e-9);
        QTest::keyClick(m_view.get(), Qt::Key_Right);
        QVERIFY(qAbs(m_view->startSeconds() - page * 1.2) < 1e-9);
        QTest::keyClick(m_view.get(), Qt::Key_Home);
        QCOMPARE(m_view->startSeconds(), 0.0);
        QTest::keyClick(m_view.get(), Qt::Key_End);
        QVERIFY(qAbs(m_view->startSeconds() - (60.0 - page)) < 1e-9);
        QTest::keyClick(m_view.get(), Qt::Key_Plus, Qt::ControlModifier); // time zoom in
        QVERIFY(qAbs(m_view->pageSeconds() - page / 2) < 1e-6);
        QTest::keyClick(m_view.get(), Qt::Key_Plus); // gain up
        QCOMPARE(m_view->state().scale.mmPerMv, 20.0);
    }

    void timeZoomIsBoundedFromOneSecondToOneDay() {
        for (int i = 0; i < 40; ++i)
            m_view->zoomTime(2.0);
        QVERIFY(qAbs(m_view->pageSeconds() - 1.0) < 1e-6);
        for (int i = 0; i < 40; ++i)
            m_view->zoomTime(0.5);
        QVERIFY(qAbs(m_view->pageSeconds() - 86400.0) < 1e-3);
        QCOMPARE(m_view->startSeconds(), 0.0); // the 60 s record fits: clamped to the start
    }

    void calipersReadIntervalAndRate() {
        m_view->setLayout(EcgLayoutKind::Stack);
        m_view->setCaliperMode(true);
        const auto panels = m_view->panels();
        const EcgPanel& p = panels.front();
        const double pps = p.rect.width() / (p.endSeconds - p.startSeconds);
        const QPoint a(int(p.rect.left() + 1.0 * pps), int(p.rect.center().y()));
        const QPoint b(int(p.rect.left() + 1.8 * pps), int(p.rect.center().y()));
        // Shift places the calipers freely (no snapping to the step edges of this source).
        QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::ShiftModifier, a);
        QTest::mouseMove(m_view.get(), b);
        QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::ShiftModifier, b);
        QVERIFY(m_view->state().calipers.has_value());
        const double dt = m_view->state().calipers->t2 - m_view->state().calipers->t1;
        QVERIFY2(qAbs(dt - 0.8) < 2.0 / pps, qPrintable(QString::number(dt)));
    }

    void keyboardNudgesCalipersBySamples() {
        m_view->setCalipers(1.0, 1.5, 0);
        QTest::keyClick(m_view.get(), Qt::Key_Right, Qt::ShiftModifier);
        QVERIFY(qAbs(m_view->state().calipers->t2 - (1.5 + 1.0 / 500)) < 1e-9);
        QTest::keyClick(m_view.get(), Qt::Key_Left, Qt::AltModifier);
        QVERIFY(qAbs(m_view->state().calipers->t1 - (1.0 - 1.0 / 500)) < 1e-9);
        QCOMPARE(m_view->startSeconds(), 0.0); // the page did not move
    }

    void leadGainOverridesGlobalGain() {
        m_view->setLayout(EcgLayoutKind::TwelveByOne);
        m_view->setGain(10.0);
        m_view->setLeadGain(1, 20.0);
        QCOMPARE(m_view->state().gainFor(0), 10.0);
        QCOMPARE(m_view->state().gainFor(1), 20.0);
        m_view->setLeadGain(1, 0.0);
        QCOMPARE(m_view->state().gainFor(1), 10.0);
    }

    void beatJumpsCentreTheNextMatchingBeat() {
        m_view->setBeats({{5.0, "N", 'N'}, {20.0, "V", 'V'}, {30.0, "N", 'N'}, {45.0, "V", 'V'}});
        m_view->zoomTime(4.0); // a short page so jumps move the window
        QVERIFY(m_view->jumpToBeat({QStringLiteral("V")}, true));
        QVERIFY(qAbs(m_view->startSeconds() + m_view->pageSeconds() / 2 - 20.0) < 1e-6);
        QVERIFY(m_view->jumpToBeat({QStringLiteral("V")}, true));
        QVERIFY(qAbs(m_view->startSeconds() + m_view->pageSeconds() / 2 - 45.0) < 1e-6);
        QVERIFY(!m_view->jumpToBeat({QStringLiteral("V")}, true));
        QVERIFY(m_view->jumpToBeat({QStringLiteral("V")}, false));
        QVERIFY(qAbs(m_view->startSeconds() + m_view->pageSeconds() / 2 - 20.0) < 1e-6);
    }
};

QTEST_MAIN(TestEcgStripView)
#include "tst_EcgStripView.moc"
