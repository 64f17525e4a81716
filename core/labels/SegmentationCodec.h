#pragma once

#include "common/Result.h"
#include "imaging/LabelVolume.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace cardiolens::labels {

/// One stored frame (slice x phase) of a segmentation: its plane compressed.
struct EncodedFrame {
    int slice = 0;
    int phase = 0;
    bool touched = false; ///< A person edited this frame.
    QByteArray data;      ///< SegmentationCodec::compressPlane of width x height labels.
    QString encoding = QString::fromLatin1("rle-zlib"); ///< How data is encoded.
};

/// Turns label volumes into what the store keeps and back: per frame the plane run-length
/// encoded (value byte + LEB128 run length), then zlib-compressed (qCompress: a 4-byte
/// size, then the stream). RLE first because zlib is slow on 64 KB of mostly zeros and
/// fast on the few hundred bytes of runs; a 256^2 plane becomes ~100-300 bytes. "zlib"
/// (plain qCompress of the plane) is read too. Only frames with labels or a touch are
/// encoded; the others are background. Decoding is bit-identical.
class SegmentationCodec {
public:
    static constexpr const char* kEncoding = "rle-zlib";
    static constexpr const char* kPlainZlib = "zlib";

    static QByteArray compressPlane(std::span<const std::uint8_t> plane);
    /// Fills \a out (width x height) from \a data; errors when the data are corrupt or of
    /// another size. \a where names the store in errors.
    static Result<bool> decompressPlane(const QByteArray& data, std::span<std::uint8_t> out,
                                        const QString& where,
                                        const QString& encoding = QString::fromLatin1(kEncoding));

    /// \a touched: one flag per frame in CineVolume::frameIndex order, or empty (none).
    static std::vector<EncodedFrame> encode(const imaging::LabelVolume& labels,
                                            std::span<const std::uint8_t> touched);
    /// The volume, and the touched flags in frameIndex order.
    static Result<imaging::LabelVolume> decode(const imaging::VolumeExtent& extent,
                                               const imaging::VolumeGeometry& geometry,
                                               const std::vector<EncodedFrame>& frames,
                                               std::vector<std::uint8_t>* touched,
                                               const QString& where);

    /// Geometry as JSON (doubles written shortest-exact, so they read back equal).
    static QString geometryToJson(const imaging::VolumeGeometry& geometry);
    static Result<imaging::VolumeGeometry> geometryFromJson(const QString& json,
                                                            const QString& where);
};

} // namespace cardiolens::labels
