#pragma once

#include <QByteArray>
#include <QStringList>

#include <vector>

namespace cardiolens::ecg {

/// RFC 4180 CSV text: fields separated by commas, optionally quoted with '"' (doubled
/// quotes inside), quoted fields may hold commas and line breaks. Used for metadata tables
/// (PTB-XL, the SNOMED table), not for sample data (see CsvReader).
std::vector<QStringList> parseCsvText(const QByteArray& text);

} // namespace cardiolens::ecg
