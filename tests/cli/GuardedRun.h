#pragma once
// Runs cardiolens-cli on hostile input the way the hardening recipes need: under an
// address-space limit (ulimit -v) and a wall-clock timeout, so that a regression fails the
// test instead of eating the machine or hanging CTest.

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cardiolens::test {

struct GuardedRun {
    int exitCode = -1; ///< -1: killed at the timeout; -2: crashed (signal, e.g. SIGABRT).
    QByteArray out;
    QString err;
    qint64 ms = 0;
};

/// The binary under test; CARDIOLENS_CLI_UNDER_TEST overrides it (to replay the recipes
/// against an older build and see them fail).
inline QString cliUnderTest() {
    const QString other = qEnvironmentVariable("CARDIOLENS_CLI_UNDER_TEST");
    return other.isEmpty() ? QStringLiteral(CARDIOLENS_CLI_PATH) : other;
}

/// cardiolens-cli \a args with at most \a memoryMb of address space and \a timeoutMs of wall
/// time; \a env adds NAME=VALUE pairs.
inline GuardedRun guardedCli(const QStringList& args, int memoryMb = 2048, int timeoutMs = 30000,
                             const QStringList& env = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString& pair : env)
        e.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(e);
    // ASan reserves terabytes of address space: sanitizer builds (the asan preset) set
    // CARDIOLENS_GUARD_MEMORY=0 and keep only the timeout.
    const bool limit = qEnvironmentVariable("CARDIOLENS_GUARD_MEMORY") != QLatin1String("0");
    const QStringList shell = {
        QStringLiteral("-c"),
        limit ? QStringLiteral("ulimit -v %1 && exec \"$@\"").arg(memoryMb * 1024)
              : QStringLiteral("exec \"$@\""),
        QStringLiteral("sh"), cliUnderTest()};
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral("/bin/sh"), shell + args);
    GuardedRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.ms = timer.elapsed();
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    r.ms = timer.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// Writes \a bytes to \a path (overwriting); false on failure.
inline bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace cardiolens::test

/// A clean refusal: exit 1, one message naming \a file and containing \a reason, no crash
/// and no library noise (GDCM, ITK, MetaIO) printed around it.
#define CARDIOLENS_VERIFY_REFUSED(run, file, reason)                                               \
    do {                                                                                           \
        const auto& r_ = (run);                                                                    \
        QVERIFY2(r_.exitCode == 1, qPrintable(QStringLiteral("exit %1 after %2 ms: %3")            \
                                                  .arg(r_.exitCode)                                \
                                                  .arg(r_.ms)                                      \
                                                  .arg(r_.err.right(600))));                       \
        QVERIFY2(r_.err.contains(file), qPrintable(r_.err.right(600)));                            \
        QVERIFY2(r_.err.contains(reason, Qt::CaseInsensitive), qPrintable(r_.err.right(600)));     \
        QVERIFY2(!r_.err.trimmed().contains(QLatin1Char('\n')), qPrintable(r_.err.left(600)));     \
    } while (false)
