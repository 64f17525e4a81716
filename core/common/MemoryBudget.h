#pragma once

#include <QString>

#include <cstdint>

namespace cardiolens {

/// How much memory one opened file may make a command use: a fraction of physical memory
/// (default a quarter), lowered by an address-space limit (ulimit -v) when one is set.
/// Readers compare what a header declares against it, times the working copies the
/// command will make, and refuse above it before allocating.
namespace MemoryBudget {

/// The cap in bytes. Settings, strongest first: setLimitBytes(), CARDIOLENS_MEMORY_LIMIT_MB,
/// setFraction() / CARDIOLENS_MEMORY_FRACTION (0.01 to 0.9 of physical memory).
std::uint64_t capBytes();

/// Overrides for a front end's setting; 0 (or a value out of range) restores the default.
void setFraction(double fraction);
void setLimitBytes(std::uint64_t bytes);

/// Reads the "limits/memoryFraction" setting (the GUI's settings file, shared by the CLI)
/// into setFraction(); front ends call it at start-up.
void applySetting();

/// "the memory cap of 5.8 GB (a quarter of 23.4 GB of memory)", for refusal messages.
QString describeCap();

} // namespace MemoryBudget
} // namespace cardiolens
