#include "export/NnunetChecker.h"

#include "imaging/NiftiHeader.h"
#include "imaging/NiftiReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace cardiolens::exports {

using namespace imaging;

namespace {

struct LabelRules {
    std::set<int> values;
    bool ok = true;
};

LabelRules checkLabels(const QJsonObject& labels, NnunetCheckReport& r) {
    LabelRules out;
    int ignore = -1;
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (it.value().isArray()) {
            r.warnings
                << QStringLiteral("dataset.json: region label '%1' not checked").arg(it.key());
            continue;
        }
        const double v = it.value().toDouble(-1);
        if (!it.value().isDouble() || v < 0 || v != std::floor(v)) {
            r.errors << QStringLiteral("dataset.json: label '%1' must map to a non-negative "
                                       "integer (nnU-Net v2 maps name -> int)")
                            .arg(it.key());
            out.ok = false;
            continue;
        }
        if (!out.values.insert(int(v)).second) {
            r.errors << QStringLiteral("dataset.json: value %1 is used by two labels").arg(int(v));
            out.ok = false;
        }
        if (it.key() == QLatin1String("ignore"))
            ignore = int(v);
    }
    if (!out.values.count(0)) {
        r.errors << QStringLiteral("dataset.json: background must be label 0");
        out.ok = false;
    }
    int expected = 0;
    for (int v : out.values)
        if (v != expected++) {
            r.errors << QStringLiteral("dataset.json: label values must be consecutive from 0; "
                                       "%1 is missing")
                            .arg(expected - 1);
            out.ok = false;
            break;
        }
    if (ignore >= 0 && !out.values.empty() && ignore != *out.values.rbegin()) {
        r.errors << QStringLiteral("dataset.json: the ignore label must be the highest value");
        out.ok = false;
    }
    return out;
}

bool sameSpacing(const NiftiHeader& a, const NiftiHeader& b) {
    for (int i = 1; i <= a.dimensions; ++i)
        if (std::abs(a.pixdim[std::size_t(i)] - b.pixdim[std::size_t(i)]) >
            1e-4 * std::max(1.0, std::abs(a.pixdim[std::size_t(i)])))
            return false;
    return true;
}

void checkPair(const QString& id, const QString& imagePath, const QString& labelPath,
               const LabelRules& rules, NnunetCheckReport& r) {
    auto image = NiftiHeader::inspect(imagePath);
    auto label = NiftiHeader::inspect(labelPath);
    if (!image || !label) {
        r.errors << (image ? label : image).error().describe();
        return;
    }
    bool shapeOk = image->dimensions == label->dimensions;
    for (int i = 1; shapeOk && i <= image->dimensions; ++i)
        shapeOk = image->dim[std::size_t(i)] == label->dim[std::size_t(i)];
    if (!shapeOk)
        r.errors << QStringLiteral("%1: image and label shapes differ").arg(id);
    else if (!sameSpacing(*image, *label))
        r.errors << QStringLiteral("%1: image and label spacings differ").arg(id);
    QStringList ignored;
    const VolumeGeometry gi = image->geometryFromHeader(ignored);
    const VolumeGeometry gl = label->geometryFromHeader(ignored);
    bool same = true;
    for (int i = 0; i < 3; ++i)
        same = same && std::abs(gi.origin[std::size_t(i)] - gl.origin[std::size_t(i)]) < 1e-3;
    for (int i = 0; i < 9; ++i)
        same = same && std::abs(gi.direction[std::size_t(i)] - gl.direction[std::size_t(i)]) < 1e-4;
    if (!same)
        r.warnings << QStringLiteral("%1: image and label origin or direction differ (nnU-Net "
                                     "warns: check with nnUNetv2_plot_overlay_pngs)")
                          .arg(id);
    if (!rules.ok)
        return;
    auto values = NiftiReader::read(labelPath);
    if (!values) {
        r.errors << values.error().describe();
        return;
    }
    std::set<double> found;
    const CineVolume& v = *values;
    if (v.pixelType() == PixelType::UInt8) {
        std::array<bool, 256> seen{};
        for (std::uint8_t x : v.pixels<std::uint8_t>())
            seen[x] = true;
        for (int i = 0; i < 256; ++i)
            if (seen[std::size_t(i)])
                found.insert(i);
    } else {
        for (int p = 0; p < v.phases(); ++p)
            for (int z = 0; z < v.slices(); ++z)
                for (int y = 0; y < v.height(); ++y)
                    for (int x = 0; x < v.width(); ++x)
                        found.insert(v.valueAt(x, y, z, p));
    }
    for (double x : found)
        if (x != std::floor(x) || !rules.values.count(int(x))) {
            r.errors << QStringLiteral("%1: label value %2 is not in dataset.json")
                            .arg(labelPath)
                            .arg(x);
            break;
        }
    if (found.size() == 1 && *found.begin() == 0)
        r.warnings << QStringLiteral("%1: only background").arg(id);
}

} // namespace

NnunetCheckReport NnunetChecker::check(const QString& folder) {
    NnunetCheckReport r;
    const QDir root(folder);
    QFile jsonFile(root.filePath(QStringLiteral("dataset.json")));
    if (!jsonFile.open(QIODevice::ReadOnly)) {
        r.errors << QStringLiteral("%1: no dataset.json").arg(folder);
        return r;
    }
    QJsonParseError pe;
    const QJsonObject ds = QJsonDocument::fromJson(jsonFile.read(1 << 24), &pe).object();
    if (pe.error != QJsonParseError::NoError) {
        r.errors << QStringLiteral("%1: %2").arg(jsonFile.fileName(), pe.errorString());
        return r;
    }
    for (const char* key : {"labels", "channel_names", "numTraining", "file_ending"})
        if (!ds.contains(QLatin1String(key)))
            r.errors << QStringLiteral("dataset.json: required key '%1' is missing")
                            .arg(QLatin1String(key));
    if (!r.errors.isEmpty())
        return r;
    const QString ending = ds.value(QStringLiteral("file_ending")).toString();
    if (!NiftiHeader::hasNiftiExtension(QStringLiteral("x") + ending)) {
        r.errors << QStringLiteral("dataset.json: file_ending '%1': this checker reads NIfTI "
                                   "(.nii.gz, .nii) only")
                        .arg(ending);
        return r;
    }
    const LabelRules rules = checkLabels(ds.value(QStringLiteral("labels")).toObject(), r);
    const QJsonObject channels = ds.value(QStringLiteral("channel_names")).toObject();
    if (channels.isEmpty())
        r.errors << QStringLiteral("dataset.json: channel_names is empty");
    std::set<int> wantedChannels;
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        bool ok = false;
        const int c = it.key().toInt(&ok);
        if (!ok || c < 0)
            r.errors << QStringLiteral("dataset.json: channel key '%1' is not a number string")
                            .arg(it.key());
        else
            wantedChannels.insert(c);
    }

    // Images: CASE_XXXX<ending>; any other file with the ending would become a case.
    const QRegularExpression channelRe(QStringLiteral("^(.+)_(\\d{4})") +
                                       QRegularExpression::escape(ending) + QLatin1Char('$'));
    std::map<QString, std::set<int>> cases;
    const QDir images(root.filePath(QStringLiteral("imagesTr")));
    if (!images.exists())
        r.errors << QStringLiteral("%1: no imagesTr folder").arg(folder);
    for (const QString& f : images.entryList(QDir::Files, QDir::Name)) {
        if (!f.endsWith(ending))
            continue;
        const auto m = channelRe.match(f);
        if (!m.hasMatch()) {
            r.errors << QStringLiteral("imagesTr/%1: not named CASE_XXXX%2").arg(f, ending);
            continue;
        }
        cases[m.captured(1)].insert(m.captured(2).toInt());
    }
    r.cases = int(cases.size());
    const QDir labelsDir(root.filePath(QStringLiteral("labelsTr")));
    std::set<QString> labelled;
    for (const QString& f : labelsDir.entryList(QDir::Files, QDir::Name))
        if (f.endsWith(ending)) {
            const QString id = f.left(f.size() - ending.size());
            labelled.insert(id);
            if (!cases.count(id))
                r.errors << QStringLiteral("labelsTr/%1: a label without an image").arg(f);
        }
    for (const auto& [id, chans] : cases) {
        if (chans != wantedChannels)
            r.errors
                << QStringLiteral("%1: has channels other than those of channel_names").arg(id);
        if (!labelled.count(id)) {
            r.errors << QStringLiteral("%1: no labelsTr/%1%2").arg(id, ending);
            continue;
        }
        checkPair(id, images.filePath(QStringLiteral("%1_0000%2").arg(id, ending)),
                  labelsDir.filePath(id + ending), rules, r);
    }
    const int numTraining = ds.value(QStringLiteral("numTraining")).toInt(-1);
    if (numTraining != r.cases)
        r.errors << QStringLiteral("dataset.json: numTraining is %1 but imagesTr holds %2 cases")
                        .arg(numTraining)
                        .arg(r.cases);

    QFile splitsFile(root.filePath(QStringLiteral("splits_final.json")));
    if (splitsFile.open(QIODevice::ReadOnly)) {
        const QJsonArray folds = QJsonDocument::fromJson(splitsFile.read(1 << 24)).array();
        std::map<QString, int> validated;
        for (int f = 0; f < folds.size(); ++f)
            for (const char* part : {"train", "val"})
                for (const QJsonValue& v :
                     folds[f].toObject().value(QLatin1String(part)).toArray()) {
                    if (!cases.count(v.toString()))
                        r.errors << QStringLiteral("splits_final.json: fold %1 names '%2', "
                                                   "which is not a case")
                                        .arg(f)
                                        .arg(v.toString());
                    else if (part[0] == 'v')
                        ++validated[v.toString()];
                }
        for (const auto& [id, chans] : cases)
            if (!folds.isEmpty() && validated[id] != 1)
                r.errors << QStringLiteral("splits_final.json: %1 is validated %2 times (once "
                                           "expected)")
                                .arg(id)
                                .arg(validated[id]);
    }
    return r;
}

} // namespace cardiolens::exports
