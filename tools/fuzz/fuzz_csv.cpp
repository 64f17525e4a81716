// libFuzzer harness: CSV/TSV ECG records (header detection, time column, Kaggle rows).
#include "FuzzInput.h"
#include "ecg/CsvReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardiolens;
    auto record = ecg::CsvReader::open(fuzz::writeInput(data, size, QStringLiteral("f.csv")));
    if (record)
        fuzz::readSome(record.value());
    return 0;
}
