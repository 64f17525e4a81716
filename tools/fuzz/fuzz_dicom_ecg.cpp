// libFuzzer harness: DICOM waveform ECG files (our structure check, then GDCM's parser and
// the waveform decoding).
#include "FuzzInput.h"
#include "ecg/DicomEcgReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardiolens;
    auto records =
        ecg::DicomEcgReader::openAll(fuzz::writeInput(data, size, QStringLiteral("f.dcm")));
    if (records)
        for (const auto& r : records.value())
            fuzz::readSome(r);
    return 0;
}
