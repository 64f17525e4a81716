#include "AviWriter.h"

#include <QFile>

#include <cmath>

namespace cardiolens::tools {

namespace {
void put32(QByteArray& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        b.append(char((v >> (8 * i)) & 0xFF));
}
void put16(QByteArray& b, std::uint16_t v) {
    b.append(char(v & 0xFF));
    b.append(char(v >> 8));
}
void fourcc(QByteArray& b, const char* c) {
    b.append(c, 4);
}
// A LIST or RIFF chunk around \a body.
QByteArray list(const char* kind, const char* type, const QByteArray& body) {
    QByteArray b;
    fourcc(b, kind);
    put32(b, std::uint32_t(body.size() + 4));
    fourcc(b, type);
    b.append(body);
    return b;
}
QByteArray chunk(const char* id, const QByteArray& body) {
    QByteArray b;
    fourcc(b, id);
    put32(b, std::uint32_t(body.size()));
    b.append(body);
    if (body.size() % 2)
        b.append('\0');
    return b;
}
} // namespace

bool AviWriter::write(const QString& path, int width, int height, double fps,
                      const std::vector<std::vector<std::uint8_t>>& frames) {
    const int stride = (width * 3 + 3) & ~3; // BMP rows are padded to 4 bytes
    const std::uint32_t frameBytes = std::uint32_t(stride * height);
    const std::uint32_t usPerFrame = std::uint32_t(std::lround(1e6 / fps));
    const std::uint32_t count = std::uint32_t(frames.size());

    QByteArray avih;
    put32(avih, usPerFrame);
    put32(avih, std::uint32_t(frameBytes * fps));
    put32(avih, 0);
    put32(avih, 0x10); // AVIF_HASINDEX
    put32(avih, count);
    put32(avih, 0);
    put32(avih, 1);
    put32(avih, frameBytes);
    put32(avih, std::uint32_t(width));
    put32(avih, std::uint32_t(height));
    for (int i = 0; i < 4; ++i)
        put32(avih, 0);

    QByteArray strh;
    fourcc(strh, "vids");
    fourcc(strh, "DIB ");
    put32(strh, 0);
    put32(strh, 0);
    put32(strh, 0);
    put32(strh, 1000);                                   // scale
    put32(strh, std::uint32_t(std::lround(fps * 1000))); // rate: fps = rate / scale
    put32(strh, 0);
    put32(strh, count);
    put32(strh, frameBytes);
    put32(strh, 0xFFFFFFFF);
    put32(strh, 0);
    put16(strh, 0);
    put16(strh, 0);
    put16(strh, std::uint16_t(width));
    put16(strh, std::uint16_t(height));

    QByteArray strf; // BITMAPINFOHEADER
    put32(strf, 40);
    put32(strf, std::uint32_t(width));
    put32(strf, std::uint32_t(height)); // positive: bottom-up rows
    put16(strf, 1);
    put16(strf, 24);
    put32(strf, 0); // BI_RGB
    put32(strf, frameBytes);
    for (int i = 0; i < 4; ++i)
        put32(strf, 0);

    const QByteArray strl = list("LIST", "strl", chunk("strh", strh) + chunk("strf", strf));
    const QByteArray hdrl = list("LIST", "hdrl", chunk("avih", avih) + strl);

    QByteArray movi, idx;
    std::uint32_t offset = 4;
    for (const auto& f : frames) {
        QByteArray pixels(int(frameBytes), '\0');
        for (int y = 0; y < height; ++y) {
            char* row = pixels.data() + std::size_t(height - 1 - y) * std::size_t(stride);
            for (int x = 0; x < width; ++x) {
                const char v = char(f[std::size_t(y) * std::size_t(width) + std::size_t(x)]);
                row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
            }
        }
        fourcc(idx, "00db");
        put32(idx, 0x10); // key frame
        put32(idx, offset);
        put32(idx, frameBytes);
        const QByteArray c = chunk("00db", pixels);
        movi.append(c);
        offset += std::uint32_t(c.size());
    }
    const QByteArray body = hdrl + list("LIST", "movi", movi) + chunk("idx1", idx);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray riff;
    fourcc(riff, "RIFF");
    put32(riff, std::uint32_t(body.size() + 4));
    fourcc(riff, "AVI ");
    return file.write(riff + body) == riff.size() + body.size();
}

} // namespace cardiolens::tools
