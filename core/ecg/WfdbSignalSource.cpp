#include "ecg/WfdbSignalSource.h"

#include "common/SafeFile.h"
#include "ecg/WfdbFormats.h"

#include <QDir>

#include <algorithm>

namespace cardiolens::ecg {

namespace {
constexpr std::int64_t kChunkValues = 16384; // Decode buffer size for gathers (64 KB).
}

Result<std::shared_ptr<const WfdbSignalSource>>
WfdbSignalSource::open(const WfdbHeader& header, const QString& directory, QStringList& warnings) {
    std::shared_ptr<WfdbSignalSource> src(new WfdbSignalSource);
    const auto& specs = header.signalSpecs;
    // Groups: consecutive signal lines naming the same file.
    std::vector<std::int64_t> groupFramesAvailable;
    int recordSlot = 0;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const WfdbSignalSpec& s = specs[i];
        const bool newGroup = i == 0 || s.fileName != specs[i - 1].fileName;
        if (newGroup) {
            Group g;
            g.format = s.format;
            g.recordSlot = recordSlot;
            src->m_groups.push_back(g);
        }
        Group& g = src->m_groups.back();
        if (!wfdb::isSupportedFormat(s.format))
            return fileError(directory.isEmpty() ? s.fileName
                                                 : QDir(directory).filePath(s.fileName),
                             QStringLiteral("signal %1 (%2): unsupported WFDB format %3")
                                 .arg(i)
                                 .arg(s.description)
                                 .arg(s.format));
        if (s.format != g.format)
            return fileError(QDir(directory).filePath(s.fileName),
                             QStringLiteral("signals in one file must share a format (%1 vs %2)")
                                 .arg(g.format)
                                 .arg(s.format));
        if (s.samplesPerFrame < 1 || s.samplesPerFrame > 1000000)
            return fileError(
                QDir(directory).filePath(s.fileName),
                QStringLiteral("implausible samples per frame %1").arg(s.samplesPerFrame));
        LeadMap lead;
        lead.group = int(src->m_groups.size()) - 1;
        lead.slot = g.frameSize;
        lead.spf = s.samplesPerFrame;
        lead.skew = std::max(0, s.skew);
        lead.initialValue = s.initialValue.value_or(0);
        if (s.skew != 0)
            warnings << QStringLiteral("signal %1 has skew %2 frames").arg(i).arg(s.skew);
        g.frameSize += s.samplesPerFrame;
        if (g.frameSize > kChunkValues)
            return fileError(QDir(directory).filePath(s.fileName),
                             QStringLiteral("%1 samples per frame is more than supported (%2)")
                                 .arg(g.frameSize)
                                 .arg(kChunkValues));
        recordSlot += s.samplesPerFrame;
        src->m_leads.push_back(std::move(lead));
    }
    // Map each group's file and see how many whole frames it holds.
    std::int64_t available = -1;
    QString shortestFile;
    int shortestFrameSize = 0;
    for (std::size_t gi = 0; gi < src->m_groups.size(); ++gi) {
        Group& g = src->m_groups[gi];
        const WfdbSignalSpec* first = nullptr;
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (src->m_leads[i].group == int(gi)) {
                first = &specs[i];
                break;
            }
        if (g.format == 0 || first->fileName == QLatin1String("~"))
            continue; // Null signal: no file, every sample invalid.
        auto resolved = SafeFile::dataFileBeside(directory, first->fileName);
        if (!resolved)
            return resolved.error();
        const QString path = resolved.value();
        auto mapped = MappedFile::open(path);
        if (!mapped)
            return mapped.error();
        g.file = mapped.value();
        const std::int64_t offset = first->byteOffset;
        if (offset < 0 || offset > g.file->size())
            return fileError(path, QStringLiteral("byte offset %1 lies beyond the file's %2 bytes")
                                       .arg(offset)
                                       .arg(g.file->size()));
        g.data = g.file->data() ? g.file->data() + offset : nullptr;
        const std::int64_t frames =
            wfdb::samplesInBytes(g.format, g.file->size() - offset) / g.frameSize;
        if (available < 0 || frames < available) {
            available = frames;
            shortestFile = path;
            shortestFrameSize = g.frameSize;
        }
    }
    if (available < 0)
        available = header.samplesPerSignal; // Only null signals.
    if (header.samplesPerSignal > 0) {
        if (header.samplesPerSignal > available)
            return fileError(shortestFile,
                             QStringLiteral("header promises %1 frames but the file holds only "
                                            "%2 (%3 samples per frame)")
                                 .arg(header.samplesPerSignal)
                                 .arg(available)
                                 .arg(shortestFrameSize));
        src->m_frames = header.samplesPerSignal;
    } else {
        src->m_frames = available;
        if (!specs.empty())
            warnings << QStringLiteral("header gives no sample count; %1 frames found in the "
                                       "signal files")
                            .arg(available);
    }
    for (auto& lead : src->m_leads)
        if (src->m_groups[std::size_t(lead.group)].format == 8)
            src->buildCheckpoints(lead);
    return std::shared_ptr<const WfdbSignalSource>(std::move(src));
}

void WfdbSignalSource::readStored(const LeadMap& lead, std::int64_t first, std::int64_t count,
                                  std::int32_t* out) const {
    const Group& g = m_groups[std::size_t(lead.group)];
    if (!g.data) {
        std::fill(out, out + count, wfdb::invalidValue(g.format));
        return;
    }
    const std::int64_t F = g.frameSize;
    if (F == 1) { // The lead is the whole file: decode in place.
        wfdb::decodeFlat(g.format, g.data, first, count, out);
        return;
    }
    if (lead.spf == 1 && (wfdb::isByteAligned(g.format) || g.format == 212)) {
        wfdb::decodeStrided(g.format, g.data, first * F + lead.slot, F, count, out);
        return;
    }
    // Packed formats or multi-rate: decode whole frames into a buffer, then gather.
    std::int32_t buffer[kChunkValues];
    const std::int64_t framesPerChunk = std::max<std::int64_t>(1, kChunkValues / F);
    std::int64_t frame = first / lead.spf;
    std::int64_t skip = first % lead.spf; // Samples of the first frame before 'first'.
    std::int64_t done = 0;
    while (done < count) {
        const std::int64_t frames = std::min(framesPerChunk, m_frames - frame);
        if (frames <= 0)
            break;
        wfdb::decodeFlat(g.format, g.data, frame * F, frames * F, buffer);
        for (std::int64_t f = 0; f < frames && done < count; ++f) {
            const std::int32_t* v = buffer + f * F + lead.slot;
            for (std::int64_t k = skip; k < lead.spf && done < count; ++k)
                out[done++] = v[k];
            skip = 0;
        }
        frame += frames;
    }
}

void WfdbSignalSource::buildCheckpoints(LeadMap& lead) const {
    const std::int64_t total = m_frames * lead.spf;
    std::vector<std::int32_t> diffs(std::size_t(std::min<std::int64_t>(kCheckpointStep, total)));
    std::int32_t value = lead.initialValue;
    for (std::int64_t start = 0; start < total; start += kCheckpointStep) {
        lead.checkpoints.push_back(value);
        const std::int64_t n = std::min(kCheckpointStep, total - start);
        readStored(lead, start, n, diffs.data());
        for (std::int64_t i = 0; i < n; ++i)
            value += diffs[std::size_t(i)];
    }
}

std::int64_t WfdbSignalSource::readRaw(int leadIndex, std::int64_t first, std::int64_t count,
                                       std::int32_t* out) const {
    if (leadIndex < 0 || leadIndex >= leadCount() || first < 0 || count <= 0)
        return 0;
    const LeadMap& lead = m_leads[std::size_t(leadIndex)];
    const std::int64_t total = m_frames * lead.spf;
    if (first >= total)
        return 0;
    count = std::min(count, total - first);
    // Skew: sample i is stored skew frames later; the last skew frames have no data.
    const std::int64_t shift = std::int64_t(lead.skew) * lead.spf;
    const std::int64_t storedCount = std::clamp<std::int64_t>(total - shift - first, 0, count);
    const Group& g = m_groups[std::size_t(lead.group)];
    if (g.format == 8 && g.data) {
        // Integrate first differences from the nearest checkpoint.
        const std::int64_t start = first + shift;
        const std::int64_t cp = start / kCheckpointStep;
        std::int32_t value = lead.checkpoints[std::size_t(cp)];
        std::int64_t pos = cp * kCheckpointStep;
        std::int32_t buffer[kChunkValues];
        while (pos < start) {
            const std::int64_t n = std::min(kChunkValues, start - pos);
            readStored(lead, pos, n, buffer);
            for (std::int64_t i = 0; i < n; ++i)
                value += buffer[i];
            pos += n;
        }
        if (storedCount > 0)
            readStored(lead, start, storedCount, out);
        for (std::int64_t i = 0; i < storedCount; ++i) {
            value += out[i];
            out[i] = value;
        }
    } else if (storedCount > 0) {
        readStored(lead, first + shift, storedCount, out);
    }
    std::fill(out + storedCount, out + count, wfdb::invalidValue(g.format));
    return count;
}

void WfdbSignalSource::releaseFrames(std::int64_t firstFrame, std::int64_t frames) const {
    firstFrame = std::clamp<std::int64_t>(firstFrame, 0, m_frames);
    frames = std::clamp<std::int64_t>(frames, 0, m_frames - firstFrame);
    for (const Group& g : m_groups) {
        if (!g.file)
            continue;
        const std::int64_t offset = g.data - g.file->data();
        const std::int64_t begin = wfdb::bytesForSamples(g.format, firstFrame * g.frameSize);
        const std::int64_t end =
            wfdb::bytesForSamples(g.format, (firstFrame + frames) * g.frameSize);
        g.file->release(offset + begin, end - begin);
    }
}

std::int64_t WfdbSignalSource::readFrames(std::int64_t firstFrame, std::int64_t frames,
                                          std::int32_t* out) const {
    if (firstFrame < 0 || frames <= 0 || firstFrame >= m_frames)
        return 0;
    frames = std::min(frames, m_frames - firstFrame);
    bool plain = true; // No differences, no skew, no null signals: decode groups directly.
    for (const auto& lead : m_leads)
        plain = plain && lead.skew == 0;
    for (const auto& g : m_groups)
        plain = plain && g.format != 8 && g.data;
    if (!plain)
        return SignalSource::readFrames(firstFrame, frames, out);
    if (m_groups.size() == 1) {
        const Group& g = m_groups.front();
        wfdb::decodeFlat(g.format, g.data, firstFrame * g.frameSize, frames * g.frameSize, out);
        return frames;
    }
    const std::int64_t size = frameSize();
    std::int32_t buffer[kChunkValues];
    for (const Group& g : m_groups) {
        const std::int64_t F = g.frameSize;
        if (wfdb::decodeFrames(g.format, g.data, firstFrame, frames, F, out + g.recordSlot, size))
            continue;
        const std::int64_t perChunk = std::max<std::int64_t>(1, kChunkValues / F);
        for (std::int64_t f = 0; f < frames; f += perChunk) {
            const std::int64_t n = std::min(perChunk, frames - f);
            wfdb::decodeFlat(g.format, g.data, (firstFrame + f) * F, n * F, buffer);
            for (std::int64_t k = 0; k < n; ++k)
                std::copy_n(buffer + k * F, F, out + (f + k) * size + g.recordSlot);
        }
    }
    return frames;
}

} // namespace cardiolens::ecg
