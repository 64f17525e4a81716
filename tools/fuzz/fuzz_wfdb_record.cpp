// libFuzzer harness: a WFDB record, header and signal file from one input (split at the
// first NUL byte), so every signal format the header may name is decoded.
#include "FuzzInput.h"
#include "ecg/WfdbRecordReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto* end = static_cast<const std::uint8_t*>(std::memchr(data, 0, size));
    const std::size_t headerSize = end ? std::size_t(end - data) : size;
    const std::size_t rest = end ? size - headerSize - 1 : 0;
    using namespace cardiolens;
    fuzz::writeInput(end ? end + 1 : data, rest, QStringLiteral("f.dat"));
    const QString header = fuzz::writeInput(data, headerSize, QStringLiteral("f.hea"));
    auto record = ecg::WfdbRecordReader::open(header);
    if (record)
        fuzz::readSome(record.value());
    return 0;
}
