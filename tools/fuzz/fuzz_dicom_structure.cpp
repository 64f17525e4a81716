// libFuzzer harness: the structural walk done before GDCM sees an image file (meta group,
// elements, sequences, fragments, typed and pixel-format attributes).
#include "FuzzInput.h"
#include "imaging/DicomStructureCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardiolens;
    const QString path = fuzz::writeInput(data, size, QStringLiteral("f.dcm"));
    (void)imaging::DicomStructureCheck::check(path);
    (void)imaging::DicomStructureCheck::transferSyntaxOf(path);
    return 0;
}
