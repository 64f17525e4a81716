// Crash recovery for real: a child process journals editor actions in a tight loop and is
// killed with SIGKILL (usually inside a transaction); the recovered planes must equal the
// replayed edits, and every action the child reported as done must be there.
#include "JournalScript.h"
#include "StoreTestSupport.h"
#include "SyntheticLabels.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>

#include <sys/types.h>

using namespace cardiolens;
using namespace cardiolens::labels;

class TestJournalRecovery : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString storeArgument(const StoreLocation& l) {
        if (l.backend == StoreBackend::Sqlite)
            return l.path;
        return QStringLiteral("postgresql://%1@localhost:%2/%3?host=%4")
            .arg(l.user)
            .arg(l.port)
            .arg(l.database, l.host);
    }

private Q_SLOTS:
    void killedMidEditLosesAtMostTheActionInFlight_data() {
        QTest::addColumn<int>("killAfter");
        QTest::newRow("early") << 7;
        QTest::newRow("later") << 60;
    }

    void killedMidEditLosesAtMostTheActionInFlight() {
        QFETCH(int, killAfter);
        const StoreLocation location = test::freshStoreLocation(m_dir);
        const QString image = m_dir.filePath(QStringLiteral("image.nii"));
        {
            QFile f(image);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(1000, 'i'));
        }
        const auto base = test::syntheticLabels(64, 48, 4, 5);
        qint64 caseId = 0, baseId = 0, sessionId = 0;
        {
            CARDIOLENS_OPEN_STORE(store, location);
            CaseDescription d;
            d.path = image;
            auto c = store->ensureCase(d);
            QVERIFY(c.ok());
            caseId = c->record->id;
            auto id = store->saveSegmentation(
                NewRevision{caseId, {}, Origin{}, ReviewState::InProgress, 0, 0.0, {}}, base);
            QVERIFY(id.ok());
            baseId = *id;
            auto s = EditJournal(*store).begin(caseId, baseId, QStringLiteral("eve"), 64, 48);
            QVERIFY(s.ok());
            sessionId = *s;
        }

        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QStringLiteral(CARDIOLENS_JOURNAL_CHILD_PATH),
                    {storeArgument(location), QString::number(sessionId), QString::number(baseId)});
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        int acked = 0;
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (acked < killAfter && timer.elapsed() < 60000) {
            if (!child.waitForReadyRead(5000) && child.state() != QProcess::Running)
                break;
            out += child.readAllStandardOutput();
            const auto lines = out.split('\n');
            for (const QByteArray& line : lines)
                acked = std::max(acked, line.toInt());
        }
        QVERIFY2(acked >= killAfter,
                 qPrintable(QStringLiteral("child stopped after %1 actions: %2")
                                .arg(acked)
                                .arg(QString::fromUtf8(child.readAllStandardError()))));
        QCOMPARE(::kill(pid_t(child.processId()), SIGKILL), 0);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        out += child.readAllStandardOutput();
        for (const QByteArray& line : out.split('\n'))
            acked = std::max(acked, line.toInt());

        CARDIOLENS_OPEN_STORE(store, location);
        EditJournal journal(*store);
        auto open = journal.unsaved(caseId);
        QVERIFY(open.ok());
        QCOMPARE(open->size(), std::size_t(1));
        const int journaled = open->front().actionCount;
        qInfo("child reported %d actions done; journal holds %d", acked, journaled);
        QVERIFY(journaled == acked || journaled == acked + 1);

        auto work = journal.recover(sessionId);
        QVERIFY2(work.ok(), qPrintable(work.ok() ? QString() : work.error().describe()));
        auto restored = store->loadSegmentation(*work->session.baseRevisionId);
        QVERIFY(restored.ok());
        std::vector<std::uint8_t> touched;
        QVERIFY(work->applyTo(restored->labels, &touched).ok());

        auto expected = test::syntheticLabels(64, 48, 4, 5);
        for (int n = 1; n <= journaled; ++n)
            test::journalScriptAction(expected, n);
        QVERIFY(std::memcmp(expected.labels().data(), restored->labels.labels().data(),
                            expected.labels().size()) == 0);
        // The edits really changed something the base did not have.
        QVERIFY(std::memcmp(base.labels().data(), restored->labels.labels().data(),
                            base.labels().size()) != 0);
        QCOMPARE(std::size_t(std::count(touched.begin(), touched.end(), 1)),
                 std::min<std::size_t>(std::size_t(journaled), 20));
    }
};

QTEST_GUILESS_MAIN(TestJournalRecovery)
#include "tst_JournalRecovery.moc"
