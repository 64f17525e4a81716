// The Holter template gallery in the ECG tab, on a real record (MIT-BIH 208 when the shared
// data is present, else the bundled 100s excerpt): tiles match the clusters, their pixels
// show the median beat, one key labels a whole cluster on the strip, Ctrl+Z undoes it.
#include "ecg/BeatGalleryView.h"
#include "ecg/BeatTemplateReview.h"
#include "ecg/EcgStripView.h"
#include "ecg/EcgWorkspace.h"

#include "TestData.h"

#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::widgets;

class TestBeatGallery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labelAClusterFromTheGallery() {
        QString record = test::shared(QStringLiteral("ecg/mitdb/208.hea"));
        if (record.isEmpty())
            record = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        EcgWorkspace ws;
        ws.resize(1600, 900);
        ws.show();
        QVERIFY(QTest::qWaitForWindowExposed(&ws));
        ws.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&ws));
        QVERIFY(ws.openRecord(record).ok());
        QCOMPARE(ws.currentAnnotator(), QStringLiteral("atr"));
        const std::size_t atrBeats = ws.stripView()->beats().size();

        ws.showBeatTemplates();
        BeatTemplateReview* review = ws.beatReview();
        QTRY_VERIFY_WITH_TIMEOUT(review->clustering() != nullptr, 30000);
        const auto clustering = review->clustering();
        BeatGalleryView* gallery = review->gallery();
        QVERIFY(gallery->isVisible());
        QCOMPARE(clustering->beats.size(), atrBeats);
        std::size_t members = 0;
        for (const auto& c : clustering->clusters)
            members += c.members.size();
        QCOMPARE(members, atrBeats);
        QCOMPARE(ws.currentAnnotator(), QStringLiteral("edited"));

        // The first tile is drawn where the view says, with the median trace in black.
        QCoreApplication::processEvents();
        const QRect tile = gallery->tileRect(0);
        QVERIFY(!tile.isEmpty());
        const QImage image = gallery->grab().toImage();
        int dark = 0;
        for (int y = tile.top() + 18; y < tile.bottom() - 30; ++y)
            for (int x = tile.left() + 6; x < tile.right() - 6; ++x)
                dark += qGray(image.pixel(x, y)) < 60;
        QVERIFY2(dark > 80, qPrintable(QString::number(dark)));
        int outside = 0; // nothing is painted between tiles
        for (int y = tile.top(); y < tile.bottom(); ++y)
            outside += qGray(image.pixel(tile.right() + 3, y)) < 60;
        QCOMPARE(outside, 0);

        // Select the largest (normal) cluster and type V: all its members become V.
        const int target = 0;
        gallery->selectCluster(target);
        gallery->setFocus();
        auto codeCount = [&](const QString& code) {
            int n = 0;
            for (const auto& b : ws.stripView()->beats())
                n += b.code == code;
            return n;
        };
        const int vBefore = codeCount(QStringLiteral("V"));
        int targetNotV = 0;
        for (std::size_t m : clustering->clusters[std::size_t(target)].members) {
            const double t = double(clustering->beats[m]) / clustering->fs;
            for (const auto& b : ws.stripView()->beats())
                if (std::abs(b.seconds - t) < 1e-6 && b.code != QLatin1String("V"))
                    ++targetNotV;
        }
        QTest::keyClick(gallery, 'V'); // text "V", as Shift+V types it
        QCOMPARE(codeCount(QStringLiteral("V")), vBefore + targetNotV);
        QCOMPARE(ws.stripView()->beats().size(), atrBeats);
        QVERIFY(targetNotV > 50);
        QVERIFY(review->document()->canUndo());
        QTest::keyClick(gallery, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(codeCount(QStringLiteral("V")), vBefore);
        QTest::keyClick(gallery, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(codeCount(QStringLiteral("V")), vBefore + targetNotV);
        QTest::keyClick(gallery, Qt::Key_Z, Qt::ControlModifier);
        // Enter steps to a member: the strip moves so that beat is on the page.
        QTest::keyClick(gallery, Qt::Key_Return);
        const double first =
            double(clustering->beats[clustering->clusters[std::size_t(target)].members[0]]) /
            clustering->fs;
        QVERIFY(first >= ws.stripView()->startSeconds() &&
                first <= ws.stripView()->startSeconds() + ws.stripView()->pageSeconds());
        if (qEnvironmentVariableIsSet("CARDIOLENS_SCREENSHOT"))
            ws.grab().save(qEnvironmentVariable("CARDIOLENS_SCREENSHOT"));
    }
};

QTEST_MAIN(TestBeatGallery)
#include "tst_BeatGallery.moc"
