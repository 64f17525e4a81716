// libFuzzer harness: MetaImage (.mha with LOCAL data) header checks, including the
// compressed-data inflate check.
#include "FuzzInput.h"
#include "imaging/MetaImageHeader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardiolens;
    (void)imaging::MetaImageHeader::inspect(fuzz::writeInput(data, size, QStringLiteral("f.mha")));
    return 0;
}
