#include "export/RetrainProcess.h"

#include "cardiolens/BuildInfo.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

namespace cardiolens::exports {

RetrainProcess::RetrainProcess(QObject* parent) : QObject(parent) {}

RetrainProcess::~RetrainProcess() {
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

QString RetrainProcess::pythonPath() {
    const QString env = qEnvironmentVariable("CARDIOLENS_PYTHON");
    if (!env.isEmpty())
        return env;
    if (QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        return QStringLiteral("/usr/bin/python3");
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

QString RetrainProcess::scriptPath() {
    const QString name = QStringLiteral("retrain_segmentation.py");
    QStringList dirs{qEnvironmentVariable("CARDIOLENS_TRAIN_DIR"),
                     QString::fromUtf8(build::kSourceDir) + QStringLiteral("/tools/train"),
                     QString::fromUtf8(build::kDataInstallDir) + QStringLiteral("/train")};
    for (const QString& d : dirs)
        if (!d.isEmpty() && QFileInfo::exists(QDir(d).filePath(name)))
            return QDir(d).filePath(name);
    return {};
}

void RetrainProcess::start(const RetrainRequest& request) {
    if (m_process) {
        Q_EMIT failed(tr("A retraining run is already going on."));
        return;
    }
    m_request = request;
    m_log.clear();
    m_result = {};
    m_cancelling = false;
    const QString python = pythonPath();
    if (python.isEmpty() || !QFileInfo(python).isExecutable()) {
        Q_EMIT failed(tr("Retraining needs Python 3 with PyTorch and NumPy: python3 was not "
                         "found%1. On Debian 12: apt install python3 python3-torch python3-numpy.")
                          .arg(python.isEmpty() ? QString() : QStringLiteral(" at ") + python));
        return;
    }
    if (scriptPath().isEmpty()) {
        Q_EMIT failed(tr("The training script retrain_segmentation.py was not found (set "
                         "CARDIOLENS_TRAIN_DIR to the folder tools/train)."));
        return;
    }
    startTraining();
}

void RetrainProcess::launch(const QStringList& args) {
    m_process = new QProcess(this);
    m_pending.clear();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &RetrainProcess::onOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QString text = QString::fromUtf8(m_process->readAllStandardError());
        for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            m_log << line;
    });
    connect(m_process, &QProcess::finished, this, &RetrainProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart || !m_process)
            return;
        const QString why = m_process->errorString();
        m_process->deleteLater();
        m_process = nullptr;
        Q_EMIT failed(tr("Cannot start %1: %2").arg(pythonPath(), why));
    });
    m_process->start(pythonPath(), args);
}

void RetrainProcess::startTraining() {
    Q_EMIT progress(0.0, tr("Loading the exported cases…"));
    launch({QStringLiteral("-u"), scriptPath(), QStringLiteral("--export"), m_request.exportDir,
            QStringLiteral("--base"), m_request.baseModelDir, QStringLiteral("--models-dir"),
            m_request.modelsDir, QStringLiteral("--epochs"), QString::number(m_request.epochs),
            QStringLiteral("--seed"), QString::number(m_request.seed), QStringLiteral("--threads"),
            QString::number(m_request.threads)});
}

void RetrainProcess::onOutput() {
    m_pending += m_process->readAllStandardOutput();
    qsizetype nl;
    while ((nl = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(nl)).trimmed();
        m_pending.remove(0, nl + 1);
        if (line.startsWith(QLatin1String("PROGRESS "))) {
            const QString rest = line.mid(9);
            const qsizetype space = rest.indexOf(QLatin1Char(' '));
            Q_EMIT progress(rest.left(space).toDouble(),
                            space < 0 ? QString() : rest.mid(space + 1));
        } else if (line.startsWith(QLatin1String("RESULT "))) {
            m_result = QJsonDocument::fromJson(line.mid(7).toUtf8()).object();
        } else if (!line.isEmpty()) {
            m_log << line;
        }
    }
}

void RetrainProcess::onFinished(int exitCode, QProcess::ExitStatus status) {
    onOutput();
    m_process->deleteLater();
    m_process = nullptr;
    if (m_cancelling) {
        Q_EMIT cancelled();
        return;
    }
    // The script checks its own imports (one torch import instead of two: seconds on a
    // loaded machine) and says which modules are missing.
    const QStringList missingLines = m_log.filter(QRegularExpression(QStringLiteral("^MISSING ")));
    if (exitCode == 3 && !missingLines.isEmpty()) {
        const QStringList missing =
            missingLines.first().mid(8).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QStringList packages;
        for (const QString& m : missing)
            packages << QStringLiteral("python3-") + m;
        Q_EMIT failed(tr("Retraining needs PyTorch and NumPy in %1, which lacks: %2. On "
                         "Debian 12: apt install %3.")
                          .arg(pythonPath(), missing.join(QStringLiteral(", ")),
                               packages.join(QLatin1Char(' '))));
        return;
    }
    if (status != QProcess::NormalExit || exitCode != 0 || m_result.isEmpty()) {
        QStringList errors = m_log.filter(QStringLiteral("retrain:"));
        Q_EMIT failed(errors.isEmpty()
                          ? tr("Training stopped (exit %1): %2")
                                .arg(exitCode)
                                .arg(m_log.mid(std::max<qsizetype>(0, m_log.size() - 5))
                                         .join(QLatin1Char('\n')))
                          : errors.join(QLatin1Char('\n')));
        return;
    }
    Q_EMIT progress(1.0, tr("Done"));
    Q_EMIT finished(m_result);
}

void RetrainProcess::cancel() {
    if (!m_process)
        return;
    m_cancelling = true;
    m_process->terminate();
    QPointer<QProcess> p = m_process;
    QTimer::singleShot(3000, this, [p] {
        if (p && p->state() != QProcess::NotRunning)
            p->kill();
    });
}

} // namespace cardiolens::exports
