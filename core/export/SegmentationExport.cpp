#include "export/SegmentationExport.h"

#include "export/PatientFolds.h"
#include "export/SegmentationCases.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <map>

namespace cardiolens::exports {

using namespace labels;

namespace {
const QString kEnding = QStringLiteral(".nii.gz");

Result<bool> writeJson(const QString& path, const QJsonDocument& doc) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return fileError(path, QStringLiteral("cannot write: ") + f.errorString());
    f.write(doc.toJson(QJsonDocument::Indented));
    if (!f.commit())
        return fileError(path, QStringLiteral("cannot write: ") + f.errorString());
    return true;
}

// nnU-Net picks the normalisation from the channel name: "CT" gets global percentiles,
// anything else a per-case z-score, which is right for MR and echo.
QString channelName(const QString& modality) {
    if (modality == QLatin1String("MR"))
        return QStringLiteral("cineMRI");
    if (modality == QLatin1String("US"))
        return QStringLiteral("echo");
    return modality.isEmpty() ? QStringLiteral("image") : modality;
}

struct WrittenAll {
    std::vector<WrittenCase> cases;
    QString modality;
    int labels = 0;
};

Result<WrittenAll> writeCases(LabelStore& store, const ExportOptions& options, const QString& root,
                              ProvenanceManifest& manifest,
                              const std::function<QString(const QString&)>& imagePath,
                              const std::function<QString(const QString&)>& labelPath) {
    for (const char* sub : {"imagesTr", "labelsTr", "imagesTs"})
        if (!QDir(root).mkpath(QString::fromLatin1(sub)))
            return fileError(QDir(root).filePath(QString::fromLatin1(sub)),
                             QStringLiteral("cannot create the folder"));
    auto selected = ExportSource::select(store, RevisionKind::Segmentation, options.states);
    if (!selected)
        return selected.error();
    WrittenAll all;
    for (const SelectedLabel& s : *selected) {
        QStringList warnings;
        auto cases =
            SegmentationCases::write(store, s, options, root, imagePath, labelPath, warnings);
        for (const QString& w : warnings)
            manifest.warn(w);
        if (!cases)
            return cases.error();
        if (cases->empty()) {
            manifest.warn(QStringLiteral("%1 (revision %2): no labelled frame; skipped")
                              .arg(s.caseKey)
                              .arg(s.revision.id));
            continue;
        }
        const QString modality = s.caseRecord.description.modality;
        if (all.modality.isEmpty())
            all.modality = modality;
        else if (!modality.isEmpty() && modality != all.modality)
            manifest.warn(QStringLiteral("%1 is %2 while earlier cases are %3: one channel "
                                         "name covers both")
                              .arg(s.caseKey, modality, all.modality));
        for (const WrittenCase& c : *cases) {
            QJsonObject extra{{QStringLiteral("id"), c.id},
                              {QStringLiteral("phase"), c.phase},
                              {QStringLiteral("partial"), c.partial}};
            if (c.slice >= 0)
                extra[QStringLiteral("slice")] = c.slice;
            auto added = manifest.add(
                root, s, {{QStringLiteral("image"), c.image}, {QStringLiteral("label"), c.label}},
                extra);
            if (!added)
                return added.error();
            all.cases.push_back(c);
        }
        ++all.labels;
    }
    if (all.cases.empty())
        return Error{QStringLiteral("no segmentation in state %1 to export")
                         .arg(options.toJson()
                                  .value(QStringLiteral("states"))
                                  .toVariant()
                                  .toStringList()
                                  .join(QStringLiteral(", "))),
                     store.where()};
    return all;
}

QStringList patientsOf(const std::vector<WrittenCase>& cases) {
    QStringList p;
    for (const WrittenCase& c : cases)
        p << c.patient;
    return p;
}

} // namespace

QString SegmentationExport::nnunetFolderName(const ExportOptions& options) {
    return QStringLiteral("Dataset%1_%2")
        .arg(options.datasetId, 3, 10, QLatin1Char('0'))
        .arg(options.datasetName);
}

Result<ExportSummary> SegmentationExport::nnunet(LabelStore& store, const ExportOptions& options,
                                                 const QString& root,
                                                 ProvenanceManifest& manifest) {
    auto all = writeCases(
        store, options, root, manifest,
        [](const QString& id) { return QStringLiteral("imagesTr/%1_0000%2").arg(id, kEnding); },
        [](const QString& id) { return QStringLiteral("labelsTr/%1%2").arg(id, kEnding); });
    if (!all)
        return all.error();
    const ExportLabelTable table = ExportLabelTable::build(options);
    QJsonObject labelsJson;
    for (const auto& [name, value] : table.names)
        labelsJson[name] = value;
    QJsonObject dataset{
        {QStringLiteral("channel_names"),
         QJsonObject{{QStringLiteral("0"), channelName(all->modality)}}},
        {QStringLiteral("labels"), labelsJson},
        {QStringLiteral("numTraining"), int(all->cases.size())},
        {QStringLiteral("file_ending"), kEnding},
        {QStringLiteral("overwrite_image_reader_writer"), QStringLiteral("SimpleITKIO")},
        {QStringLiteral("name"), options.datasetName},
        {QStringLiteral("description"),
         QStringLiteral("Exported by Cardiolens: %1 label revisions, %2 cases (%3); label "
                        "numbering %4; see provenance.json")
             .arg(all->labels)
             .arg(all->cases.size())
             .arg(options.perPhase3d ? QStringLiteral("3-D per phase")
                                     : QStringLiteral("2-D per frame"))
             .arg(imaging::labelConventionName(options.convention))},
        {QStringLiteral("converted_by"), QStringLiteral("Cardiolens")}};
    if (auto w =
            writeJson(QDir(root).filePath(QStringLiteral("dataset.json")), QJsonDocument(dataset));
        !w)
        return w.error();

    const PatientFolds folds(patientsOf(all->cases), options.folds, options.seed);
    QJsonArray splits;
    for (int f = 0; f < options.folds; ++f) {
        QJsonArray train, val;
        for (const WrittenCase& c : all->cases)
            (folds.foldOf(c.patient) == f ? val : train).append(c.id);
        splits.append(QJsonObject{{QStringLiteral("train"), train}, {QStringLiteral("val"), val}});
    }
    if (auto w = writeJson(QDir(root).filePath(QStringLiteral("splits_final.json")),
                           QJsonDocument(splits));
        !w)
        return w.error();
    QJsonObject foldOf;
    for (const WrittenCase& c : all->cases)
        foldOf[c.patient] = folds.foldOf(c.patient);
    manifest.set(QStringLiteral("patient_folds"), foldOf);
    manifest.set(QStringLiteral("labels"), labelsJson);
    ExportSummary s;
    s.labels = all->labels;
    s.cases = int(all->cases.size());
    return s;
}

Result<ExportSummary> SegmentationExport::monai(LabelStore& store, const ExportOptions& options,
                                                const QString& root, ProvenanceManifest& manifest) {
    auto all = writeCases(
        store, options, root, manifest,
        [](const QString& id) { return QStringLiteral("imagesTr/%1%2").arg(id, kEnding); },
        [](const QString& id) { return QStringLiteral("labelsTr/%1%2").arg(id, kEnding); });
    if (!all)
        return all.error();
    // Validation = one patient-level fold of about validationFraction of the patients.
    const int k = std::max(2, int(std::lround(1.0 / options.validationFraction)));
    const PatientFolds folds(patientsOf(all->cases), k, options.seed);
    QJsonArray training, validation, msdTraining;
    for (const WrittenCase& c : all->cases) {
        const QJsonObject item{{QStringLiteral("image"), c.image},
                               {QStringLiteral("label"), c.label},
                               {QStringLiteral("patient"), c.patient}};
        (folds.foldOf(c.patient) == 0 ? validation : training).append(item);
        msdTraining.append(QJsonObject{{QStringLiteral("image"), QStringLiteral("./") + c.image},
                                       {QStringLiteral("label"), QStringLiteral("./") + c.label}});
    }
    if (auto w = writeJson(QDir(root).filePath(QStringLiteral("datalist.json")),
                           QJsonDocument(QJsonObject{{QStringLiteral("training"), training},
                                                     {QStringLiteral("validation"), validation}}));
        !w)
        return w.error();
    // MSD labels map int -> name (the reverse of nnU-Net v2).
    const ExportLabelTable table = ExportLabelTable::build(options);
    QJsonObject labelsJson;
    for (const auto& [name, value] : table.names)
        labelsJson[QString::number(value)] = name;
    const QString modality = all->modality == QLatin1String("MR")   ? QStringLiteral("MRI")
                             : all->modality == QLatin1String("US") ? QStringLiteral("US")
                                                                    : all->modality;
    QJsonObject msd{{QStringLiteral("name"), options.datasetName},
                    {QStringLiteral("description"), QStringLiteral("Exported by Cardiolens; see "
                                                                   "provenance.json")},
                    {QStringLiteral("reference"), QString()},
                    {QStringLiteral("licence"), QString()},
                    {QStringLiteral("release"), QString()},
                    {QStringLiteral("tensorImageSize"), QStringLiteral("3D")},
                    {QStringLiteral("modality"), QJsonObject{{QStringLiteral("0"), modality}}},
                    {QStringLiteral("labels"), labelsJson},
                    {QStringLiteral("numTraining"), int(all->cases.size())},
                    {QStringLiteral("numTest"), 0},
                    {QStringLiteral("training"), msdTraining},
                    {QStringLiteral("test"), QJsonArray()}};
    if (auto w = writeJson(QDir(root).filePath(QStringLiteral("dataset.json")), QJsonDocument(msd));
        !w)
        return w.error();
    manifest.set(QStringLiteral("labels"), labelsJson);
    ExportSummary s;
    s.labels = all->labels;
    s.cases = int(all->cases.size());
    return s;
}

} // namespace cardiolens::exports
