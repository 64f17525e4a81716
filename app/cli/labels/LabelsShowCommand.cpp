// labels show REV: one revision's provenance, its case and what its labels hold.
#include "cli/labels/LabelsCliSupport.h"
#include "cli/labels/LabelsSubcommand.h"

#include "common/JsonOutput.h"
#include "imaging/CardiacLabel.h"

#include <array>

namespace cardiolens::cli {

namespace {
using namespace labels;

QJsonObject segmentationSummary(const SegmentationRevision& s) {
    const auto& e = s.labels.extent();
    std::array<qint64, 256> counts{};
    QJsonArray labelled, touched;
    for (int p = 0; p < e.phases; ++p)
        for (int z = 0; z < e.slices; ++z) {
            bool any = false;
            for (std::uint8_t v : s.labels.frame(z, p).pixels()) {
                ++counts[v];
                any = any || v != 0;
            }
            if (any)
                labelled.append(QJsonArray{z, p});
            if (s.touched[s.labels.volume().frameIndex(z, p)])
                touched.append(QJsonArray{z, p});
        }
    QJsonObject voxels;
    for (int v = 1; v < 256; ++v) {
        if (counts[std::size_t(v)] == 0)
            continue;
        const QString key =
            v < imaging::kCardiacLabelCount
                ? QString::fromLatin1(imaging::cardiacLabelInfo(imaging::CardiacLabel(v)).key)
                : QString::number(v);
        voxels[key] = counts[std::size_t(v)];
    }
    QJsonObject o;
    o[QStringLiteral("grid")] = QJsonArray{e.width, e.height, e.slices, e.phases};
    const auto& g = s.labels.geometry();
    o[QStringLiteral("spacing_mm")] =
        QJsonArray{g.pixelSpacing[0], g.pixelSpacing[1], g.sliceSpacing};
    o[QStringLiteral("labelled_frames")] = labelled;
    o[QStringLiteral("touched_frames")] = touched;
    o[QStringLiteral("voxels")] = voxels;
    return o;
}

int runShow(const CliCommand& self, const QStringList& args) {
    LabelsArgs a;
    int exit = kExitOk;
    if (!parseLabelsArgs(self, args, {}, a, &exit))
        return exit;
    bool ok = false;
    const qint64 id = a.positional.size() == 1 ? a.positional.first().toLongLong(&ok) : 0;
    if (!ok)
        return usageError(self, QStringLiteral("labels show takes one revision number"));
    auto store = openLabelStore(a.store);
    if (!store)
        return kExitBadData;
    auto info = store->revision(id);
    if (!info) {
        printError(info.error().describe());
        return kExitBadData;
    }
    QJsonObject o = revisionToJson(*info);
    if (auto c = store->caseRecord(info->caseId))
        o[QStringLiteral("case")] = caseToJson(*c);
    if (info->kind == RevisionKind::Segmentation && !info->deleted) {
        auto s = store->loadSegmentation(id);
        if (!s) {
            printError(s.error().describe());
            return kExitBadData;
        }
        o[QStringLiteral("segmentation")] = segmentationSummary(*s);
    }
    o[QStringLiteral("store")] = store->where();
    writeJson(o);
    return kExitOk;
}

CliCommand showCommand() {
    CliCommand c;
    c.name = QStringLiteral("show");
    c.summary = QStringLiteral("one label revision: provenance and contents");
    c.usage = QStringLiteral("labels show REV [--store FILE|URL] [--json]");
    c.run = [c](const QStringList& args) {
        return runShow(c, args);
    };
    return c;
}

const bool registered = registerLabelsSubcommand(showCommand());
} // namespace

} // namespace cardiolens::cli
