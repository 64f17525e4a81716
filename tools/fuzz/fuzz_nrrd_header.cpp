// libFuzzer harness: NRRD header checks (attached data, encodings, byte skip).
#include "FuzzInput.h"
#include "imaging/NrrdHeader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardiolens;
    (void)imaging::NrrdHeader::inspect(fuzz::writeInput(data, size, QStringLiteral("f.nrrd")));
    return 0;
}
