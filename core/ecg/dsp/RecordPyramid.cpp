#include "ecg/dsp/RecordPyramid.h"

namespace cardiolens::ecg {

Result<FrameReader> recordFrameReader(const EcgRecord& record) {
    if (!record.source || record.leadCount() == 0)
        return fileError(record.sourcePath, QStringLiteral("the record has no signals"));
    if (record.source->frameSize() != record.leadCount())
        return fileError(record.sourcePath,
                         QStringLiteral("leads at several sampling rates are not supported by "
                                        "the min/max pyramid"));
    // Copy of the record: the reader may outlive the caller's object (background builds).
    // Whole-record passes read each block once: hand its mapped pages back right away so
    // a 24-h record does not stay resident after its pyramid is built.
    FrameReader reader = [record](std::int64_t first, std::int64_t count, std::int32_t* out) {
        const bool ok = record.readFrames(first, count, out) == count;
        record.releaseFrames(first, count);
        return ok;
    };
    return reader;
}

Result<std::unique_ptr<PyramidBuilder>> startPyramidBuild(const EcgRecord& record, int baseBucket) {
    auto reader = recordFrameReader(record);
    if (!reader)
        return reader.error();
    auto builder = std::make_unique<PyramidBuilder>(std::move(reader.value()), record.leadCount(),
                                                    record.frameCount, baseBucket);
    builder->start();
    return builder;
}

} // namespace cardiolens::ecg
