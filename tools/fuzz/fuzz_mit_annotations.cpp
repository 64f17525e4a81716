// libFuzzer harness: MIT annotation files (.atr and friends).
#include "ecg/MitAnnotationIO.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)cardiolens::ecg::MitAnnotationIO::parse(bytes, QStringLiteral("fuzz.atr"));
    return 0;
}
