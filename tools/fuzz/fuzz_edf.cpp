// libFuzzer harness: EDF, EDF+ (C and D, with TAL annotations) and BDF files.
#include "FuzzInput.h"
#include "ecg/EdfReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardiolens;
    auto record = ecg::EdfReader::open(fuzz::writeInput(data, size, QStringLiteral("f.edf")));
    if (record)
        fuzz::readSome(record.value());
    return 0;
}
