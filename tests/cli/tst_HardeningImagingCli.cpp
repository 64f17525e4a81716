// Issue 15's imaging and model recipes rebuilt: each test makes the malformed input in a
// scratch folder (from the Sunnybrook slices, or from bytes), runs the CLI under a memory
// limit and a timeout, and expects a clean refusal: exit 1 and "FILE: reason".
#include "GuardedRun.h"
#include "TestData.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

#include <sys/stat.h>
#include <zlib.h>

using namespace cardiolens;
using test::guardedCli;
using test::readBytes;
using test::writeBytes;

namespace {

constexpr int kCliMb = 2048; // Address space for infer: Qt, ITK, GDCM, libtorch.

QString sunnybrookSlice() {
    const QString shared =
        test::shared(QStringLiteral("imaging/sunnybrook/dicoms/SCD0000101/1.dcm"));
    return shared.isEmpty() ? test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/101.dcm"))
                            : shared;
}

QStringList infer(const QString& path) {
    return {QStringLiteral("infer"), QStringLiteral("--model"), QStringLiteral("lv-seg-sunnybrook"),
            path, QStringLiteral("--single-pass")};
}

// Sets the US value of top-level element (0028,eeee) in an explicit-VR little-endian slice.
bool patchUs(QByteArray& bytes, std::uint16_t element, std::uint16_t value) {
    const char tag[] = {0x28, 0x00, char(element & 0xff), char(element >> 8), 'U', 'S', 2, 0};
    const qsizetype at = bytes.indexOf(QByteArray(tag, 8));
    if (at < 0)
        return false;
    bytes[at + 8] = char(value & 0xff);
    bytes[at + 9] = char(value >> 8);
    return true;
}

template <typename T> void put(QByteArray& b, int at, T v) {
    std::memcpy(b.data() + at, &v, sizeof v);
}

// A NIfTI-1 single file of nx x ny x nz x nt int16 voxels (zeros), vox_offset 352.
QByteArray nifti1(std::int16_t nx, std::int16_t ny, std::int16_t nz, std::int16_t nt,
                  bool withData = true) {
    QByteArray h(352, '\0');
    put<std::int32_t>(h, 0, 348);
    const std::int16_t dim[8] = {4, nx, ny, nz, nt, 1, 1, 1};
    for (int i = 0; i < 8; ++i)
        put<std::int16_t>(h, 40 + 2 * i, dim[i]);
    put<std::int16_t>(h, 70, 4);  // DT_INT16
    put<std::int16_t>(h, 72, 16); // bitpix
    const float pixdim[8] = {1, 1.25f, 1.25f, 8, 30, 1, 1, 1};
    for (int i = 0; i < 8; ++i)
        put<float>(h, 76 + 4 * i, pixdim[i]);
    put<float>(h, 108, 352);
    put<float>(h, 112, 1);
    h[123] = 2 | 16; // mm, ms
    std::memcpy(h.data() + 344, "n+1\0", 4);
    if (withData)
        h += QByteArray(qsizetype(nx) * ny * nz * nt * 2, '\0');
    return h;
}

// One gzip member holding \a data.
QByteArray gzipMember(const QByteArray& data) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.truncate(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

} // namespace

class TestHardeningImagingCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // C1, C2: pixel formats on which GDCM asserts (SIGABRT in infer and the GUI).
    void c1c2_unsupportedPixelFormatRefused_data() {
        QTest::addColumn<int>("element");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("C1 BitsAllocated 1") << 0x0100 << 1 << QStringLiteral("Bits Allocated");
        QTest::newRow("C2 SamplesPerPixel 0") << 0x0002 << 0 << QStringLiteral("Samples per Pixel");
        QTest::newRow("C2 SamplesPerPixel 2") << 0x0002 << 2 << QStringLiteral("Samples per Pixel");
    }
    void c1c2_unsupportedPixelFormatRefused() {
        QFETCH(int, element);
        QFETCH(int, value);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QByteArray bytes = readBytes(sunnybrookSlice());
        QVERIFY(patchUs(bytes, std::uint16_t(element), std::uint16_t(value)));
        const QString path = dir.filePath(QStringLiteral("1.dcm"));
        QVERIFY(writeBytes(path, bytes));
        CARDIOLENS_VERIFY_REFUSED(guardedCli(infer(path), kCliMb), path, reason);
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), path}, kCliMb), path, reason);
    }

    // C3: a Rescale Intercept (any value) without a Rescale Slope.
    void c3_rescaleInterceptWithoutSlopeRefused() {
        QTemporaryDir dir;
        QByteArray bytes = readBytes(sunnybrookSlice());
        QVERIFY(!bytes.contains(QByteArray("\x28\x00\x53\x10", 4)));
        const qsizetype width = bytes.indexOf(QByteArray("\x28\x00\x51\x10"
                                                         "DS",
                                                         6));
        QVERIFY(width > 0);
        const int length = std::uint8_t(bytes[width + 6]) | std::uint8_t(bytes[width + 7]) << 8;
        bytes.insert(width + 8 + length, QByteArray("\x28\x00\x52\x10"
                                                    "DS\x02\x00"
                                                    "0 ",
                                                    10));
        const QString path = dir.filePath(QStringLiteral("1.dcm"));
        QVERIFY(writeBytes(path, bytes));
        CARDIOLENS_VERIFY_REFUSED(guardedCli(infer(path), kCliMb), path,
                                  QStringLiteral("Rescale Intercept"));
    }

    // C5: sform_code 2 with NaN in srow_x/y/z (VNL aborted on the non-finite matrix).
    void c5_niftiNonFiniteSformRefused() {
        QTemporaryDir dir;
        QByteArray bytes = nifti1(16, 16, 1, 2);
        put<std::int16_t>(bytes, 254, 2);
        for (int i = 0; i < 12; ++i)
            put<float>(bytes, 280 + 4 * i, std::numeric_limits<float>::quiet_NaN());
        const QString path = dir.filePath(QStringLiteral("nan.nii"));
        QVERIFY(writeBytes(path, bytes));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), path}, kCliMb), path,
                                  QStringLiteral("non-finite"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli(infer(path), kCliMb), path,
                                  QStringLiteral("non-finite"));
    }

    // H3: a FIFO as the .img of a NIfTI pair blocked open() for ever.
    void h3_niftiDataFifoRefused() {
        QTemporaryDir dir;
        QByteArray header = nifti1(16, 16, 1, 2, false).left(348);
        std::memcpy(header.data() + 344, "ni1\0", 4);
        put<float>(header, 108, 0);
        const QString hdr = dir.filePath(QStringLiteral("pair.hdr"));
        const QString img = dir.filePath(QStringLiteral("pair.img"));
        QVERIFY(writeBytes(hdr, header));
        QCOMPARE(::mkfifo(QFile::encodeName(img).constData(), 0600), 0);
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), hdr}, kCliMb, 10000), img,
                                  QStringLiteral("FIFO"));
    }

    // H3 and M1: a model manifest that is a FIFO or a link to /dev/zero.
    void h3m1_manifestNotARegularFileRefused() {
        QTemporaryDir dir;
        const QString fifoFolder = dir.filePath(QStringLiteral("fifo-model"));
        const QString zeroFolder = dir.filePath(QStringLiteral("zero-model"));
        QVERIFY(QDir().mkpath(fifoFolder) && QDir().mkpath(zeroFolder));
        const QString fifo = fifoFolder + QStringLiteral("/manifest.json");
        const QString zero = zeroFolder + QStringLiteral("/manifest.json");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), zero));
        const QStringList env = {QStringLiteral("XDG_DATA_HOME=") +
                                 dir.filePath(QStringLiteral("data"))};
        CARDIOLENS_VERIFY_REFUSED(
            guardedCli({QStringLiteral("models"), QStringLiteral("--add"), fifoFolder}, kCliMb,
                       10000, env),
            fifo, QStringLiteral("FIFO"));
        CARDIOLENS_VERIFY_REFUSED(
            guardedCli({QStringLiteral("models"), QStringLiteral("--add"), zeroFolder}, 1024, 10000,
                       env),
            zero, QStringLiteral("not a regular file"));
    }

    // M4: an honest 8 MB .nii.gz of 2048 x 2048 x 1024 int16 zeros (8 GB): refused by the
    // memory budget before inflating, naming the size, instead of taking 10 GB.
    void m4_volumeAboveMemoryBudgetRefused() {
        QTemporaryDir dir;
        QByteArray bytes = gzipMember(nifti1(2048, 2048, 1024, 1, false));
        const QByteArray zeros = gzipMember(QByteArray(8 << 20, '\0'));
        for (int i = 0; i < 1024; ++i) // 1024 members of 8 MiB: the 8 GiB of voxels.
            bytes += zeros;
        QVERIFY(bytes.size() < 10 << 20);
        const QString path = dir.filePath(QStringLiteral("huge.nii.gz"));
        QVERIFY(writeBytes(path, bytes));
        for (const QStringList& args : {QStringList{QStringLiteral("info"), path}, infer(path)})
            CARDIOLENS_VERIFY_REFUSED(guardedCli(args, kCliMb, 20000), path,
                                      QStringLiteral("8192 MB"));
    }

    // M4: the budget is a setting: a small volume passes by default and is refused (with the
    // cap named) under CARDIOLENS_MEMORY_LIMIT_MB.
    void m4_memoryBudgetIsASetting() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("small.nii"));
        QVERIFY(writeBytes(path, nifti1(64, 64, 16, 8))); // 1 MB of voxels.
        const auto fine = guardedCli({QStringLiteral("info"), path}, kCliMb);
        QVERIFY2(fine.exitCode == 0, qPrintable(fine.err));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), path}, kCliMb, 30000,
                                             {QStringLiteral("CARDIOLENS_MEMORY_LIMIT_MB=2")}),
                                  path, QStringLiteral("memory cap"));
    }

    // S1: CompressedData = True over data that is not zlib, or zlib cut short: infer used to
    // compute on a blank image and exit 0.
    void s1_metaImageBadCompressedDataRefused_data() {
        QTest::addColumn<bool>("truncated");
        QTest::newRow("not zlib") << false;
        QTest::newRow("truncated zlib") << true;
    }
    void s1_metaImageBadCompressedDataRefused() {
        QFETCH(bool, truncated);
        QTemporaryDir dir;
        QByteArray voxels(64 * 64 * 4 * 2, '\0');
        for (qsizetype i = 0; i < voxels.size(); ++i)
            voxels[i] = char((i * 7919) % 251);
        QByteArray data;
        if (truncated) {
            data = qCompress(voxels).mid(4); // zlib stream after Qt's length prefix.
            data.truncate(data.size() / 2);
        } else {
            data = QByteArray(2000, '\0');
            for (qsizetype i = 0; i < data.size(); ++i)
                data[i] = char((i * 131 + 17) % 256);
        }
        const QString raw = dir.filePath(QStringLiteral("cine.zraw"));
        const QString mhd = dir.filePath(QStringLiteral("cine.mhd"));
        QVERIFY(writeBytes(raw, data));
        QVERIFY(writeBytes(mhd, "ObjectType = Image\nNDims = 3\nDimSize = 64 64 4\n"
                                "ElementType = MET_SHORT\nElementSpacing = 1 1 8\n"
                                "BinaryData = True\nCompressedData = True\n"
                                "ElementDataFile = cine.zraw\n"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli(infer(mhd), kCliMb), raw,
                                  QStringLiteral("compressed data"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), mhd}, kCliMb), raw,
                                  QStringLiteral("compressed data"));
    }

    // A valid NIfTI-2 file was refused (ITK 5.2 reads NIfTI-1 only).
    void nifti2Read() {
        QTemporaryDir dir;
        QByteArray h(544, '\0');
        put<std::int32_t>(h, 0, 540);
        std::memcpy(h.data() + 4, "n+2\0\r\n\x1a\n", 8);
        put<std::int16_t>(h, 12, 4);  // DT_INT16
        put<std::int16_t>(h, 14, 16); // bitpix
        const std::int64_t dim[8] = {4, 16, 12, 2, 3, 1, 1, 1};
        const double pixdim[8] = {1, 1.25, 1.5, 8, 30, 1, 1, 1};
        for (int i = 0; i < 8; ++i) {
            put<std::int64_t>(h, 16 + 8 * i, dim[i]);
            put<double>(h, 104 + 8 * i, pixdim[i]);
        }
        put<std::int64_t>(h, 168, 544);
        put<double>(h, 176, 1.0);
        put<std::int32_t>(h, 500, 2 | 16);
        const QString path = dir.filePath(QStringLiteral("two.nii"));
        QVERIFY(writeBytes(path, h + QByteArray(16 * 12 * 2 * 3 * 2, '\1')));
        const auto r = guardedCli({QStringLiteral("info"), path, QStringLiteral("--json")}, kCliMb);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out).array().at(0).toObject();
        QCOMPARE(o.value(QStringLiteral("width")).toInt(), 16);
        QCOMPARE(o.value(QStringLiteral("height")).toInt(), 12);
        QCOMPARE(o.value(QStringLiteral("slices")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("phases")).toInt(), 3);
    }

    // A MetaImage naming /etc/passwd as its data file (sizes that fit): refused.
    void metaImageForeignDataFileRefused() {
        QTemporaryDir dir;
        const QString mhd = dir.filePath(QStringLiteral("passwd.mhd"));
        QVERIFY(writeBytes(mhd, "ObjectType = Image\nNDims = 2\nDimSize = 4 4\n"
                                "ElementType = MET_UCHAR\nElementDataFile = /etc/passwd\n"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), mhd}, kCliMb),
                                  QStringLiteral("/etc/passwd"),
                                  QStringLiteral("outside its folder"));
    }
};

QTEST_GUILESS_MAIN(TestHardeningImagingCli)
#include "tst_HardeningImagingCli.moc"
