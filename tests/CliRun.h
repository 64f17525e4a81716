#pragma once
// Runs cardiolens-cli (CARDIOLENS_CLI_PATH, set by the test's CMake) as a user would and
// collects exit code, stdout and stderr.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace cardiolens::test {

struct Run {
    int exitCode = -1; ///< -1: did not finish in time; -2: crashed.
    QByteArray out;
    QString err;
    QJsonObject json; ///< stdout parsed as a JSON object (empty if it is not one).
};

inline Run cli(const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    p.start(QStringLiteral(CARDIOLENS_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.json = QJsonDocument::fromJson(r.out).object();
    return r;
}

} // namespace cardiolens::test
