// libFuzzer harness: NIfTI-1/-2 header checks, plain or gzip (with the inflate bound).
#include "FuzzInput.h"
#include "imaging/NiftiHeader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardiolens;
    auto h = imaging::NiftiHeader::inspect(fuzz::writeInput(data, size, QStringLiteral("f.nii")));
    if (h) {
        QStringList warnings;
        (void)h->geometryFromHeader(warnings);
    }
    return 0;
}
