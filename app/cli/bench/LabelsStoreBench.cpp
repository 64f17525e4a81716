// bench labels-store [--store FILE|URL]: save and load a segmentation revision of a whole
// 12-slice x 20-phase 256^2 label cine (the size of Sunnybrook SCD0000101), every frame
// labelled (LV blood pool, myocardium, RV moving with the phase): the worst case for the
// store. Also one journaled editor action (one plane). Targets: save < 150 ms, load < 100 ms.
#include "cli/bench/Bench.h"

#include "labels/EditJournal.h"
#include "labels/LabelStore.h"
#include "labels/SegmentationCodec.h"

#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>

namespace cardiolens::cli {

namespace {
using namespace labels;

imaging::LabelVolume benchLabels() {
    imaging::VolumeGeometry g;
    g.pixelSpacing = {1.367, 1.367};
    g.sliceSpacing = 10.0;
    auto v = imaging::LabelVolume::create({256, 256, 12, 20}, g);
    for (int p = 0; p < 20; ++p)
        for (int z = 0; z < 12; ++z) {
            auto f = v->frame(z, p);
            const double s = 0.5 * (1.0 - std::cos(2.0 * 3.14159265358979 * p / 20.0));
            const double lv = 22.0 - 7.0 * s - std::abs(z - 5.5), wall = lv + 8.0;
            for (int y = 0; y < 256; ++y)
                for (int x = 0; x < 256; ++x) {
                    const double r = std::hypot(x - 140.0, y - 120.0);
                    const double rv = std::hypot((x - 95.0) / 1.6, y - 120.0);
                    f.at(x, y) = r < lv ? 1 : (r < wall ? 2 : (rv < 20.0 - 4.0 * s ? 3 : 0));
                }
        }
    return std::move(*v);
}

QJsonObject runLabelsStore(const QStringList& args) {
    QTemporaryDir dir;
    const int storeArg = int(args.indexOf(QStringLiteral("--store")));
    auto location = storeArg >= 0 && storeArg + 1 < args.size()
                        ? StoreLocation::parse(args[storeArg + 1])
                        : Result<StoreLocation>(
                              StoreLocation::sqlite(dir.filePath(QStringLiteral("bench.sqlite"))));
    if (!location)
        return {{QStringLiteral("error"), location.error().describe()}};
    auto opened = LabelStore::open(*location);
    if (!opened)
        return {{QStringLiteral("error"), opened.error().describe()}};
    LabelStore& store = **opened;
    const QString image = dir.filePath(QStringLiteral("cine.nii"));
    {
        QFile f(image);
        if (!f.open(QIODevice::WriteOnly))
            return {{QStringLiteral("error"), image + QStringLiteral(": cannot write")}};
        f.write(QByteArray(4096, 'c'));
    }
    CaseDescription d;
    d.path = image;
    auto c = store.ensureCase(d);
    if (!c)
        return {{QStringLiteral("error"), c.error().describe()}};
    const auto labels = benchLabels();
    std::vector<std::uint8_t> touched(labels.extent().frameCount(), 1);

    std::vector<double> save, load;
    qint64 last = 0;
    for (int i = 0; i < 10; ++i) {
        NewRevision r;
        r.caseId = c->record->id;
        r.origin = Origin::annotator(QStringLiteral("bench"));
        const double t0 = nowMs();
        auto id = store.saveSegmentation(r, labels, touched);
        save.push_back(nowMs() - t0);
        if (!id)
            return {{QStringLiteral("error"), id.error().describe()}};
        last = *id;
        const double t1 = nowMs();
        auto loaded = store.loadSegmentation(last);
        load.push_back(nowMs() - t1);
        if (!loaded)
            return {{QStringLiteral("error"), loaded.error().describe()}};
        if (std::memcmp(loaded->labels.labels().data(), labels.labels().data(),
                        labels.labels().size()) != 0)
            return {{QStringLiteral("error"), QStringLiteral("round trip differs")}};
    }

    // The compression share of a save (it runs before the transaction).
    std::vector<double> encode;
    for (int i = 0; i < 5; ++i) {
        const double t0 = nowMs();
        const auto frames = SegmentationCodec::encode(labels, touched);
        encode.push_back(nowMs() - t0);
    }

    EditJournal journal(store);
    auto session = journal.begin(c->record->id, last, QStringLiteral("bench"), 256, 256);
    if (!session)
        return {{QStringLiteral("error"), session.error().describe()}};
    std::vector<double> append;
    const auto plane = labels.frame(5, 3).pixels();
    const QByteArray bytes(reinterpret_cast<const char*>(plane.data()), qsizetype(plane.size()));
    for (int i = 0; i < 30; ++i) {
        const double t0 = nowMs();
        auto seq = journal.append(*session, {QStringLiteral("Brush"), {{5, 3, bytes}}});
        append.push_back(nowMs() - t0);
        if (!seq)
            return {{QStringLiteral("error"), seq.error().describe()}};
    }

    QJsonObject o;
    o[QStringLiteral("cine")] = QStringLiteral("256x256x12x20 uint8 labels, every frame labelled");
    o[QStringLiteral("backend")] = location->backend == StoreBackend::Sqlite
                                       ? QStringLiteral("sqlite")
                                       : QStringLiteral("postgresql");
    o[QStringLiteral("save_ms")] = percentile(save, 50);
    o[QStringLiteral("save_max_ms")] = percentile(save, 100);
    o[QStringLiteral("encode_ms")] = percentile(encode, 50);
    o[QStringLiteral("load_ms")] = percentile(load, 50);
    o[QStringLiteral("load_max_ms")] = percentile(load, 100);
    o[QStringLiteral("journal_append_ms")] = percentile(append, 50);
    o[QStringLiteral("journal_append_p95_ms")] = percentile(append, 95);
    o[QStringLiteral("save_target_ms")] = 150;
    o[QStringLiteral("load_target_ms")] = 100;
    if (location->backend == StoreBackend::Sqlite)
        o[QStringLiteral("store_mb_per_revision")] =
            double(QFileInfo(location->path).size() +
                   QFileInfo(location->path + QStringLiteral("-wal")).size()) /
            (1024.0 * 1024.0) / 10.0;
    return o;
}

const bool registered =
    registerBench({QStringLiteral("labels-store"),
                   QStringLiteral("save/load a 12x20 256^2 label cine revision, journal append"),
                   runLabelsStore});
} // namespace

} // namespace cardiolens::cli
