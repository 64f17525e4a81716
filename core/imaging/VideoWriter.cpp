#include "imaging/VideoWriter.h"

#include "imaging/FfmpegUtil_p.h"

#include <QFile>

#include <cmath>

namespace cardiolens::imaging {

namespace {

using namespace detail;

struct OutputDeleter {
    void operator()(AVFormatContext* f) const {
        if (f->pb)
            avio_closep(&f->pb);
        avformat_free_context(f);
    }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputDeleter>;

Result<bool> drain(AVCodecContext* codec, AVFormatContext* out, AVStream* stream, AVPacket* packet,
                   const QString& path) {
    while (true) {
        const int r = avcodec_receive_packet(codec, packet);
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
            return true;
        if (r < 0)
            return fileError(path, QStringLiteral("encoding failed (%1)").arg(ffmpegError(r)));
        // One frame long: without a duration MP4's edit list leaves out the last frame.
        if (packet->duration <= 0)
            packet->duration = 1;
        av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
        packet->stream_index = stream->index;
        const int w = av_interleaved_write_frame(out, packet);
        if (w < 0)
            return fileError(path, QStringLiteral("cannot write video (%1)").arg(ffmpegError(w)));
    }
}

} // namespace

Result<bool> VideoWriter::write(const CineVolume& volume, const QString& path, Codec codecKind) {
    if (volume.isEmpty() || volume.slices() != 1)
        return fileError(
            path,
            QStringLiteral("a video holds one slice: the volume has %1").arg(volume.slices()));
    const bool rgb = volume.pixelType() == PixelType::Rgb8;
    if (!rgb && volume.pixelType() != PixelType::UInt8)
        return fileError(path, QStringLiteral("video export needs uint8 grey or RGB frames"));
    av_log_set_level(AV_LOG_QUIET);
    const double fps =
        volume.geometry().frameTimeMs > 0.0 ? 1000.0 / volume.geometry().frameTimeMs : 25.0;
    AVFormatContext* raw = nullptr;
    const QByteArray native = QFile::encodeName(path);
    if (avformat_alloc_output_context2(&raw, nullptr, nullptr, native.constData()) < 0 || !raw)
        return fileError(path, QStringLiteral("no video container for this file name"));
    OutputPtr out(raw);
    const AVCodecID id = codecKind == Codec::Mjpeg  ? AV_CODEC_ID_MJPEG
                         : codecKind == Codec::Ffv1 ? AV_CODEC_ID_FFV1
                                                    : AV_CODEC_ID_MPEG4;
    const AVCodec* codec = avcodec_find_encoder(id);
    if (!codec)
        return fileError(path, QStringLiteral("the FFmpeg build lacks the encoder"));
    AVStream* stream = avformat_new_stream(out.get(), nullptr);
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    ctx->width = volume.width();
    ctx->height = volume.height();
    ctx->time_base = av_inv_q(av_d2q(fps, 100000));
    ctx->framerate = av_d2q(fps, 100000);
    if (codecKind == Codec::Mjpeg) {
        ctx->pix_fmt = AV_PIX_FMT_YUVJ420P;
        ctx->color_range = AVCOL_RANGE_JPEG;
        ctx->flags |= AV_CODEC_FLAG_QSCALE;
        ctx->global_quality = FF_QP2LAMBDA * 2;
    } else if (codecKind == Codec::Ffv1) {
        ctx->pix_fmt = rgb ? AV_PIX_FMT_0RGB32 : AV_PIX_FMT_GRAY8;
    } else {
        ctx->pix_fmt = AV_PIX_FMT_YUV420P;
        ctx->flags |= AV_CODEC_FLAG_QSCALE;
        ctx->global_quality = FF_QP2LAMBDA * 2;
        ctx->gop_size = 12;
    }
    if (out->oformat->flags & AVFMT_GLOBALHEADER)
        ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int r = avcodec_open2(ctx.get(), codec, nullptr);
    if (r < 0)
        return fileError(path, QStringLiteral("cannot open the encoder (%1)").arg(ffmpegError(r)));
    avcodec_parameters_from_context(stream->codecpar, ctx.get());
    stream->time_base = ctx->time_base;
    if ((r = avio_open(&out->pb, native.constData(), AVIO_FLAG_WRITE)) < 0)
        return fileError(path, QStringLiteral("cannot create the file (%1)").arg(ffmpegError(r)));
    if ((r = avformat_write_header(out.get(), nullptr)) < 0)
        return fileError(path, QStringLiteral("cannot write the header (%1)").arg(ffmpegError(r)));

    const AVPixelFormat source = rgb ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_GRAY8;
    SwsPtr sws(sws_getContext(volume.width(), volume.height(), source, volume.width(),
                              volume.height(), ctx->pix_fmt, SWS_POINT, nullptr, nullptr, nullptr));
    FramePtr frame(av_frame_alloc());
    frame->format = ctx->pix_fmt;
    frame->width = volume.width();
    frame->height = volume.height();
    if (!sws || av_frame_get_buffer(frame.get(), 0) < 0)
        return fileError(path, QStringLiteral("cannot set up frame conversion"));
    PacketPtr packet(av_packet_alloc());
    for (int p = 0; p < volume.phases(); ++p) {
        if (av_frame_make_writable(frame.get()) < 0)
            return fileError(path, QStringLiteral("cannot allocate a frame"));
        const auto* src = reinterpret_cast<const std::uint8_t*>(volume.frameBytes(0, p).data());
        const std::uint8_t* srcPlanes[4] = {src, nullptr, nullptr, nullptr};
        const int srcStride[4] = {int(bytesPerPixel(volume.pixelType())) * volume.width(), 0, 0, 0};
        sws_scale(sws.get(), srcPlanes, srcStride, 0, volume.height(), frame->data,
                  frame->linesize);
        frame->pts = p;
        if ((r = avcodec_send_frame(ctx.get(), frame.get())) < 0)
            return fileError(path, QStringLiteral("encoding failed (%1)").arg(ffmpegError(r)));
        if (auto d = drain(ctx.get(), out.get(), stream, packet.get(), path); !d)
            return d;
    }
    avcodec_send_frame(ctx.get(), nullptr);
    if (auto d = drain(ctx.get(), out.get(), stream, packet.get(), path); !d)
        return d;
    if ((r = av_write_trailer(out.get())) < 0)
        return fileError(path, QStringLiteral("cannot finish the file (%1)").arg(ffmpegError(r)));
    return true;
}

} // namespace cardiolens::imaging
