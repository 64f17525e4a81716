#include "export/EcgExport.h"

#include "ecg/MitAnnotationIO.h"
#include "export/EcgLabelDocument.h"
#include "export/PatientFolds.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <map>

namespace cardiolens::exports {

using namespace labels;

namespace {
QString revisionSource(const LabelStore& store, const SelectedLabel& s) {
    return QStringLiteral("%1 revision %2").arg(store.where()).arg(s.revision.id);
}

// A record_labels revision's codes, as both record-label formats read them.
Result<std::vector<RecordCode>> recordCodesOf(LabelStore& store, const SelectedLabel& s) {
    auto doc = store.loadDocument(s.revision.id);
    if (!doc)
        return doc.error();
    return EcgLabelDocument::recordCodes(*doc, revisionSource(store, s));
}

Result<bool> writeText(const QString& path, const QByteArray& text) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return fileError(path, QStringLiteral("cannot write: ") + f.errorString());
    f.write(text);
    if (!f.commit())
        return fileError(path, QStringLiteral("cannot write: ") + f.errorString());
    return true;
}

Error nothingToExport(const LabelStore& store, const QString& what) {
    return Error{QStringLiteral("no %1 in the chosen review states to export").arg(what),
                 store.where()};
}

// The record a PTB-XL row points at: a public dataset's own path without extension; for
// other records only the case key (the path might name the patient).
QString recordReference(const SelectedLabel& s) {
    if (s.caseRecord.description.dataset.isEmpty())
        return QStringLiteral("records/") + s.caseKey;
    const QFileInfo f(s.caseRecord.description.path);
    return f.dir().filePath(f.completeBaseName());
}
} // namespace

Result<ExportSummary> EcgExport::wfdb(LabelStore& store, const ExportOptions& options,
                                      const QString& root, ProvenanceManifest& manifest) {
    std::map<QString, std::vector<SelectedLabel>> byCase;
    for (RevisionKind kind : {RevisionKind::EcgBeats, RevisionKind::RhythmEpisodes}) {
        auto selected = ExportSource::select(store, kind, options.states);
        if (!selected)
            return selected.error();
        for (SelectedLabel& s : *selected)
            byCase[s.caseKey].push_back(std::move(s));
    }
    ExportSummary summary;
    for (const auto& [key, labels] : byCase) {
        std::vector<ecg::Annotation> merged;
        for (const SelectedLabel& s : labels) {
            auto doc = store.loadDocument(s.revision.id);
            if (!doc)
                return doc.error();
            auto items = EcgLabelDocument::annotations(*doc, revisionSource(store, s));
            if (!items)
                return items.error();
            merged.insert(merged.end(), items->begin(), items->end());
        }
        std::stable_sort(
            merged.begin(), merged.end(), [](const ecg::Annotation& a, const ecg::Annotation& b) {
                return a.sample != b.sample ? a.sample < b.sample : a.channel < b.channel;
            });
        const QString rel = key + QLatin1Char('.') + options.annotator;
        if (auto w = ecg::MitAnnotationIO::write(QDir(root).filePath(rel), merged); !w)
            return w.error();
        for (const SelectedLabel& s : labels)
            if (auto a = manifest.add(root, s, {{QStringLiteral("annotation"), rel}},
                                      {{QStringLiteral("annotations"), int(merged.size())}});
                !a)
                return a.error();
        summary.labels += int(labels.size());
        ++summary.cases;
    }
    if (summary.cases == 0)
        return nothingToExport(store, QStringLiteral("beat or rhythm labels"));
    return summary;
}

Result<ExportSummary> EcgExport::ptbxl(LabelStore& store, const ExportOptions& options,
                                       const QString& root, ProvenanceManifest& manifest) {
    auto selected = ExportSource::select(store, RevisionKind::RecordLabels, options.states);
    if (!selected)
        return selected.error();
    if (selected->empty())
        return nothingToExport(store, QStringLiteral("record labels"));
    QStringList patients;
    for (const SelectedLabel& s : *selected)
        patients << s.patientKey;
    const PatientFolds folds(patients, options.folds, options.seed);
    QByteArray csv = "ecg_id,filename,scp_codes,strat_fold\n";
    int ecgId = 0;
    for (const SelectedLabel& s : *selected) {
        auto codes = recordCodesOf(store, s);
        if (!codes)
            return codes.error();
        // scp_codes is a Python dict literal (single quotes), as PTB-XL writes it.
        QStringList parts;
        for (const RecordCode& c : *codes)
            parts << QStringLiteral("'%1': %2")
                         .arg(QString(c.code).replace(QLatin1Char('\''), QString()))
                         .arg(QString::number(c.likelihood, 'f', 1));
        const QString dict = QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
        QString file = recordReference(s);
        file.replace(QLatin1Char('"'), QString());
        ++ecgId;
        csv += QStringLiteral("%1,\"%2\",\"%3\",%4\n")
                   .arg(ecgId)
                   .arg(file, dict)
                   .arg(folds.foldOf(s.patientKey) + 1)
                   .toUtf8();
        if (auto a = manifest.add(root, s, {}, {{QStringLiteral("ecg_id"), ecgId}}); !a)
            return a.error();
    }
    const QString path = QDir(root).filePath(QStringLiteral("ptbxl_database.csv"));
    if (auto w = writeText(path, csv); !w)
        return w.error();
    ExportSummary summary;
    summary.labels = summary.cases = ecgId;
    return summary;
}

QString EcgExport::cinc2017Class(const QString& code) {
    const QString c = code.trimmed().toUpper();
    if (c == QLatin1String("A") || c == QLatin1String("AF") || c == QLatin1String("AFIB") ||
        c == QLatin1String("(AFIB"))
        return QStringLiteral("A");
    if (c == QLatin1String("N") || c == QLatin1String("NORM") || c == QLatin1String("SR") ||
        c == QLatin1String("NSR"))
        return QStringLiteral("N");
    if (c == QLatin1String("O") || c == QLatin1String("OTHER"))
        return QStringLiteral("O");
    if (c == QLatin1String("~") || c == QLatin1String("NOISE") || c == QLatin1String("NOISY"))
        return QStringLiteral("~");
    return {};
}

Result<ExportSummary> EcgExport::cinc2017(LabelStore& store, const ExportOptions& options,
                                          const QString& root, ProvenanceManifest& manifest) {
    auto selected = ExportSource::select(store, RevisionKind::RecordLabels, options.states);
    if (!selected)
        return selected.error();
    QByteArray csv;
    ExportSummary summary;
    for (const SelectedLabel& s : *selected) {
        auto codes = recordCodesOf(store, s);
        if (!codes)
            return codes.error();
        // The most likely code that maps to a CinC 2017 class.
        QString cls;
        double best = -1;
        for (const RecordCode& c : *codes)
            if (const QString k = cinc2017Class(c.code); !k.isEmpty() && c.likelihood > best)
                cls = k, best = c.likelihood;
        if (cls.isEmpty()) {
            manifest.warn(QStringLiteral("%1 (revision %2): no code maps to N, A, O or ~; "
                                         "left out")
                              .arg(s.caseKey)
                              .arg(s.revision.id));
            continue;
        }
        csv += (s.caseKey + QLatin1Char(',') + cls + QLatin1Char('\n')).toUtf8();
        if (auto a = manifest.add(root, s, {}, {{QStringLiteral("class"), cls}}); !a)
            return a.error();
        ++summary.cases;
        ++summary.labels;
    }
    if (summary.cases == 0)
        return nothingToExport(store, QStringLiteral("record labels with a CinC 2017 class"));
    if (auto w = writeText(QDir(root).filePath(QStringLiteral("REFERENCE.csv")), csv); !w)
        return w.error();
    return summary;
}

} // namespace cardiolens::exports
