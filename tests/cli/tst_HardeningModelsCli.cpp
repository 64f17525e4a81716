// Issue 15's model recipes: `models --add` ran a model's test forward with no time or memory
// bound. Hostile copies of the bundled rhythm-af model (forward rewritten by
// make_hostile_model.py) must be refused: in bounded time, within bounded memory, exit 1.
#include "GuardedRun.h"
#include "TestData.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace cardiolens;
using test::guardedCli;

namespace {

// A model folder holding a hostile copy of rhythm-af named hostile-MODE; empty on failure.
QString hostileModel(const QTemporaryDir& dir, const QString& mode) {
    const QString source = QStringLiteral(CARDIOLENS_SOURCE_DIR "/resources/models/rhythm-af");
    const QString folder = dir.filePath(mode);
    QDir().mkpath(folder);
    QProcess py;
    py.start(QStringLiteral("python3"),
             {QStringLiteral(CARDIOLENS_SOURCE_DIR "/tests/cli/make_hostile_model.py"),
              source + QStringLiteral("/model.pt"), folder + QStringLiteral("/model.pt"), mode});
    if (!py.waitForFinished(30000) || py.exitCode() != 0)
        return {};
    QFile in(source + QStringLiteral("/manifest.json"));
    QFile out(folder + QStringLiteral("/manifest.json"));
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return {};
    out.write(in.readAll().replace("\"rhythm-af\"", "\"hostile-" + mode.toLatin1() + "\""));
    return folder;
}

} // namespace

class TestHardeningModelsCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 is needed to write the hostile models");
        const auto probe = guardedCli({QStringLiteral("models"), QStringLiteral("--validate")});
        if (probe.err.contains(QLatin1String("plugin is not available")) ||
            probe.out.contains("plugin is not available"))
            QSKIP("no libtorch plugin");
    }

    void hostileModelRefusedAtAdd_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("guardMb");
        QTest::newRow("forward loops for ever")
            << QStringLiteral("loop") << QStringLiteral("did not finish within 15 s") << 3072;
        // Refused in the child, whose 2.5 GB address space cannot hold the 8 GB output. The
        // parent gets room for it (12 GB): in process, the forward would grind on for minutes
        // and pass the timeout.
        QTest::newRow("output of 2^31 elements")
            << QStringLiteral("huge") << QStringLiteral("hostile-huge@1.0.0") << 12288;
        QTest::newRow("NaN output")
            << QStringLiteral("nan") << QStringLiteral("non-finite") << 3072;
    }
    void hostileModelRefusedAtAdd() {
        QFETCH(QString, mode);
        QFETCH(QString, reason);
        QFETCH(int, guardMb);
        QTemporaryDir dir;
        const QString folder = hostileModel(dir, mode);
        QVERIFY(!folder.isEmpty());
        // A 512 MB budget: the child may use 2.5 GB of address space, not the 8 GB asked.
        const QStringList env = {QStringLiteral("CARDIOLENS_MODELS_DIR=") +
                                     dir.filePath(QStringLiteral("user")),
                                 QStringLiteral("CARDIOLENS_MODEL_VALIDATION_TIMEOUT_S=15"),
                                 QStringLiteral("CARDIOLENS_MEMORY_LIMIT_MB=512")};
        const auto r = guardedCli({QStringLiteral("models"), QStringLiteral("--add"), folder},
                                  guardMb, 60000, env);
        CARDIOLENS_VERIFY_REFUSED(r, folder + QStringLiteral("/model.pt"), reason);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("user/hostile-") + mode)));
    }
};

QTEST_GUILESS_MAIN(TestHardeningModelsCli)
#include "tst_HardeningModelsCli.moc"
