// libFuzzer harness: the WFDB header parser (record, signal, segment and info lines).
#include "ecg/WfdbHeader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)cardiolens::ecg::WfdbHeaderParser::parse(text, QStringLiteral("fuzz.hea"));
    return 0;
}
