#include "imaging/VideoReader.h"

#include "imaging/FfmpegUtil_p.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <cstring>
#include <vector>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

namespace cardiolens::imaging {

namespace {

using namespace detail;

struct InputDeleter {
    void operator()(AVFormatContext* f) const { avformat_close_input(&f); }
};
using InputPtr = std::unique_ptr<AVFormatContext, InputDeleter>;

int interruptWhenLate(void* opaque) {
    const auto* deadline = static_cast<const std::pair<QElapsedTimer, qint64>*>(opaque);
    return deadline->first.elapsed() > deadline->second ? 1 : 0;
}

// Grey when the format has no chroma, or its chroma planes are flat at the neutral value.
bool looksGrey(const AVFrame* f) {
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(AVPixelFormat(f->format));
    if (!d)
        return false;
    if (d->nb_components <= 2 && !(d->flags & AV_PIX_FMT_FLAG_PAL))
        return true;
    if ((d->flags & AV_PIX_FMT_FLAG_RGB) || (d->flags & AV_PIX_FMT_FLAG_PAL) ||
        !(d->flags & AV_PIX_FMT_FLAG_PLANAR) || d->comp[1].depth != 8)
        return false; // Judge RGB and packed formats after conversion.
    const int cw = AV_CEIL_RSHIFT(f->width, d->log2_chroma_w);
    const int ch = AV_CEIL_RSHIFT(f->height, d->log2_chroma_h);
    for (int plane = 1; plane <= 2; ++plane)
        for (int y = 0; y < ch; ++y) {
            const std::uint8_t* row = f->data[plane] + std::ptrdiff_t(y) * f->linesize[plane];
            for (int x = 0; x < cw; ++x)
                if (std::abs(int(row[x]) - 128) > 3)
                    return false;
        }
    return true;
}

bool rgbIsGrey(const std::uint8_t* rgb, std::size_t pixels) {
    for (std::size_t i = 0; i < pixels; ++i) {
        const int r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
        if (std::abs(r - g) > 3 || std::abs(r - b) > 3)
            return false;
    }
    return true;
}

class Decoder {
public:
    Decoder(const QString& path, const VideoReader::Options& options)
        : m_path(path), m_options(options) {}

    Result<CineVolume> run() {
        if (!QFileInfo(m_path).isFile())
            return fileError(m_path, QStringLiteral("no such file"));
        if (auto opened = open(); !opened)
            return opened.error();
        PacketPtr packet(av_packet_alloc());
        FramePtr frame(av_frame_alloc());
        bool ended = false;
        int readError = 0;
        while (!ended) {
            const int r = av_read_frame(m_input.get(), packet.get());
            if (r < 0) {
                if (r != AVERROR_EOF)
                    readError = r;
                avcodec_send_packet(m_codec.get(), nullptr); // Flush the decoder.
                ended = true;
            } else if (packet->stream_index == m_stream) {
                int s = avcodec_send_packet(m_codec.get(), packet.get());
                while (s == AVERROR(EAGAIN)) { // Decoder full: take frames out, resend.
                    if (auto taken = receiveFrames(frame.get()); !taken)
                        return taken.error();
                    s = avcodec_send_packet(m_codec.get(), packet.get());
                }
                av_packet_unref(packet.get());
                if (s < 0) {
                    m_warnings
                        << QStringLiteral("undecodable packet skipped (%1)").arg(ffmpegError(s));
                    continue;
                }
            } else {
                av_packet_unref(packet.get());
                continue;
            }
            if (auto taken = receiveFrames(frame.get()); !taken)
                return taken.error();
        }
        if (m_frames == 0)
            return fileError(
                m_path,
                readError
                    ? QStringLiteral("no frame could be decoded (%1)").arg(ffmpegError(readError))
                    : QStringLiteral("the video holds no frames"));
        if (readError)
            m_warnings << QStringLiteral("stream ended early (%1): %2 frames decoded")
                              .arg(ffmpegError(readError))
                              .arg(m_frames);
        if (m_expectedFrames > 0 && m_frames < m_expectedFrames)
            m_warnings << QStringLiteral("file announces %1 frames, %2 decoded (truncated?)")
                              .arg(m_expectedFrames)
                              .arg(m_frames);
        return finish();
    }

private:
    Result<bool> receiveFrames(AVFrame* frame) {
        while (true) {
            const int d = avcodec_receive_frame(m_codec.get(), frame);
            if (d == AVERROR(EAGAIN) || d == AVERROR_EOF)
                return true;
            if (d < 0) {
                m_warnings << QStringLiteral("decoding error (%1)").arg(ffmpegError(d));
                return true;
            }
            auto stored = store(frame);
            av_frame_unref(frame);
            if (!stored)
                return stored;
        }
    }

    Result<bool> open() {
        m_deadline.first.start();
        m_deadline.second = qint64(m_options.timeoutSeconds) * 1000;
        AVFormatContext* ctx = avformat_alloc_context();
        ctx->interrupt_callback = {interruptWhenLate, &m_deadline};
        int r = avformat_open_input(&ctx, QFile::encodeName(m_path).constData(), nullptr, nullptr);
        if (r < 0) // avformat_open_input frees ctx on failure.
            return fileError(m_path,
                             QStringLiteral("not a readable video (%1)").arg(ffmpegError(r)));
        m_input.reset(ctx);
        if ((r = avformat_find_stream_info(ctx, nullptr)) < 0)
            return fileError(m_path,
                             QStringLiteral("cannot read stream info (%1)").arg(ffmpegError(r)));
        const AVCodec* codec = nullptr;
        m_stream = av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
        if (m_stream < 0 || !codec)
            return fileError(m_path, QStringLiteral("no decodable video stream"));
        const AVStream* stream = ctx->streams[m_stream];
        m_codec.reset(avcodec_alloc_context3(codec));
        avcodec_parameters_to_context(m_codec.get(), stream->codecpar);
        m_codec->thread_count = 1; // Small clips: threads cost more than they save.
        if ((r = avcodec_open2(m_codec.get(), codec, nullptr)) < 0)
            return fileError(m_path, QStringLiteral("cannot open the %1 decoder (%2)")
                                         .arg(QLatin1String(codec->name), ffmpegError(r)));
        const int w = stream->codecpar->width, h = stream->codecpar->height;
        if (w <= 0 || h <= 0 || w > 8192 || h > 8192)
            return fileError(m_path,
                             QStringLiteral("video frame size %1 x %2 is not valid").arg(w).arg(h));
        m_width = w;
        m_height = h;
        m_timeBase = av_q2d(stream->time_base);
        AVRational rate =
            stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
        m_frameTimeMs = rate.num > 0 && rate.den > 0 ? 1000.0 / av_q2d(rate) : 0.0;
        if (stream->nb_frames > 0 && stream->nb_frames <= m_options.maxFrames)
            m_expectedFrames = int(stream->nb_frames);
        if (stream->nb_frames > m_options.maxFrames)
            return fileError(m_path, QStringLiteral("video announces %1 frames, more than the %2 "
                                                    "supported")
                                         .arg(stream->nb_frames)
                                         .arg(m_options.maxFrames));
        return true;
    }

    Result<bool> store(AVFrame* f) {
        if (f->width != m_width || f->height != m_height)
            return fileError(m_path,
                             QStringLiteral("frame size changes mid-stream (%1 x %2 -> %3 x %4)")
                                 .arg(m_width)
                                 .arg(m_height)
                                 .arg(f->width)
                                 .arg(f->height));
        if (m_frames >= m_options.maxFrames)
            return fileError(m_path,
                             QStringLiteral("more than %1 frames").arg(m_options.maxFrames));
        if (m_volume.isEmpty()) {
            // First frame decides grey vs colour and the converter.
            PixelType type =
                m_options.colour == VideoReader::Colour::Rgb ? PixelType::Rgb8 : PixelType::UInt8;
            if (m_options.colour == VideoReader::Colour::Auto && !looksGrey(f)) {
                type = PixelType::Rgb8;
                m_checkRgbGrey = true;
            }
            if (auto a = allocate(type, std::max(m_expectedFrames, 1)); !a)
                return a;
        } else if (m_frames >= m_volume.phases()) {
            if (auto a = allocate(m_volume.pixelType(), m_volume.phases() * 2); !a)
                return a;
        }
        const AVPixelFormat target =
            m_volume.pixelType() == PixelType::Rgb8 ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_GRAY8;
        m_sws.reset(sws_getCachedContext(m_sws.release(), f->width, f->height,
                                         AVPixelFormat(f->format), m_width, m_height, target,
                                         SWS_POINT, nullptr, nullptr, nullptr));
        if (!m_sws)
            return fileError(
                m_path, QStringLiteral("cannot convert pixel format %1")
                            .arg(QLatin1String(av_get_pix_fmt_name(AVPixelFormat(f->format)))));
        std::uint8_t* dst[4] = {
            reinterpret_cast<std::uint8_t*>(m_volume.frameBytes(0, m_frames).data()), nullptr,
            nullptr, nullptr};
        const int dstStride[4] = {int(bytesPerPixel(m_volume.pixelType())) * m_width, 0, 0, 0};
        sws_scale(m_sws.get(), f->data, f->linesize, 0, f->height, dst, dstStride);
        const std::int64_t pts = f->best_effort_timestamp;
        m_times.push_back(pts != AV_NOPTS_VALUE ? pts * m_timeBase * 1000.0 : -1.0);
        ++m_frames;
        return true;
    }

    // (Re)allocates room for `phases` frames, keeping the frames decoded so far.
    Result<bool> allocate(PixelType type, int phases) {
        auto created = CineVolume::create({m_width, m_height, 1, phases}, type, m_path, false);
        if (!created)
            return created.error();
        if (!m_volume.isEmpty())
            std::memcpy(created->bytes().data(), m_volume.bytes().data(),
                        std::size_t(m_frames) * m_volume.bytesPerFrame());
        m_volume = std::move(created).value();
        return true;
    }

    Result<CineVolume> finish() {
        CineVolume volume;
        if (m_frames == m_volume.phases()) {
            volume = std::move(m_volume);
        } else {
            auto exact = CineVolume::create({m_width, m_height, 1, m_frames}, m_volume.pixelType(),
                                            m_path, false);
            if (!exact)
                return exact.error();
            std::memcpy(exact->bytes().data(), m_volume.bytes().data(), exact->bytes().size());
            volume = std::move(exact).value();
        }
        if (m_checkRgbGrey &&
            rgbIsGrey(reinterpret_cast<const std::uint8_t*>(volume.bytes().data()),
                      volume.extent().pixelCount())) {
            // Grey content in an RGB format (e.g. MJPEG from RGB): keep one channel.
            auto grey = CineVolume::create(volume.extent(), PixelType::UInt8, m_path, false);
            if (grey) {
                const auto rgb = volume.pixels<Rgb8>();
                auto out = grey->pixels<std::uint8_t>();
                for (std::size_t i = 0; i < out.size(); ++i)
                    out[i] = rgb[i].g;
                volume = std::move(grey).value();
            }
        }
        VolumeGeometry& g = volume.geometry();
        g.frameTimeMs = m_frameTimeMs;
        const bool haveTimes =
            std::all_of(m_times.begin(), m_times.end(), [](double t) { return t >= 0; });
        bool increasing = haveTimes;
        for (std::size_t i = 1; haveTimes && i < m_times.size(); ++i)
            increasing = increasing && m_times[i] > m_times[i - 1];
        for (int p = 0; p < m_frames; ++p)
            g.triggerTimesMs.push_back(increasing ? m_times[std::size_t(p)] - m_times[0]
                                                  : p * m_frameTimeMs);
        if (m_frameTimeMs <= 0.0 && m_frames > 1 && increasing)
            g.frameTimeMs = (m_times.back() - m_times.front()) / (m_frames - 1);
        SeriesInfo& info = volume.info();
        info.sourcePath = m_path;
        info.format = QStringLiteral("video");
        info.modality = QStringLiteral("US");
        volume.warnings() << m_warnings;
        volume.warnings() << QStringLiteral("video has no pixel spacing: 1 mm assumed");
        return volume;
    }

    QString m_path;
    VideoReader::Options m_options;
    std::pair<QElapsedTimer, qint64> m_deadline;
    InputPtr m_input;
    CodecContextPtr m_codec;
    SwsPtr m_sws;
    int m_stream = -1;
    int m_width = 0;
    int m_height = 0;
    double m_timeBase = 0.0;
    double m_frameTimeMs = 0.0;
    int m_expectedFrames = 0;
    int m_frames = 0;
    bool m_checkRgbGrey = false;
    std::vector<double> m_times;
    CineVolume m_volume;
    QStringList m_warnings;
};

} // namespace

Result<CineVolume> VideoReader::read(const QString& path) {
    return read(path, Options{});
}

Result<CineVolume> VideoReader::read(const QString& path, const Options& options) {
    av_log_set_level(AV_LOG_QUIET); // Errors are reported through Result, not stderr.
    return Decoder(path, options).run();
}

Result<VideoReader::Probe> VideoReader::probe(const QString& path) {
    av_log_set_level(AV_LOG_QUIET);
    if (!QFileInfo(path).isFile())
        return fileError(path, QStringLiteral("no such file"));
    std::pair<QElapsedTimer, qint64> deadline;
    deadline.first.start();
    deadline.second = 10000;
    AVFormatContext* ctx = avformat_alloc_context();
    ctx->interrupt_callback = {interruptWhenLate, &deadline};
    int r = avformat_open_input(&ctx, QFile::encodeName(path).constData(), nullptr, nullptr);
    if (r < 0)
        return fileError(path, QStringLiteral("not a readable video (%1)").arg(ffmpegError(r)));
    InputPtr input(ctx);
    if ((r = avformat_find_stream_info(ctx, nullptr)) < 0)
        return fileError(path, QStringLiteral("cannot read stream info (%1)").arg(ffmpegError(r)));
    const int index = av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (index < 0)
        return fileError(path, QStringLiteral("no video stream"));
    const AVStream* stream = ctx->streams[index];
    Probe p;
    p.width = stream->codecpar->width;
    p.height = stream->codecpar->height;
    const AVRational rate =
        stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
    p.frameTimeMs = rate.num > 0 && rate.den > 0 ? 1000.0 / av_q2d(rate) : 0.0;
    if (stream->nb_frames > 0)
        p.frames = int(std::min<std::int64_t>(stream->nb_frames, INT32_MAX));
    else if (stream->duration > 0 && p.frameTimeMs > 0.0)
        p.frames =
            int(std::lround(stream->duration * av_q2d(stream->time_base) * 1000.0 / p.frameTimeMs));
    if (const AVCodecDescriptor* d = avcodec_descriptor_get(stream->codecpar->codec_id))
        p.codec = QLatin1String(d->name);
    return p;
}

bool VideoReader::hasVideoExtension(const QString& path) {
    static const char* extensions[] = {".avi",  ".mp4", ".mov",  ".mkv", ".m4v",
                                       ".webm", ".mpg", ".mpeg", ".wmv"};
    const QString lower = path.toLower();
    for (const char* e : extensions)
        if (lower.endsWith(QLatin1String(e)))
            return true;
    return false;
}

} // namespace cardiolens::imaging
