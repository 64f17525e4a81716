#pragma once

#include <span>

namespace cardiolens::imaging {

/// End-diastole and end-systole phases (or echo frames), -1 when unknown.
struct EdEsPhases {
    int ed = -1;
    int es = -1;
    bool isValid() const { return ed >= 0 && es >= 0; }
};

/// The one definition every figure uses: ED is the phase with the largest LV blood pool, ES
/// the one with the smallest, among the phases that hold any (> 0); the earliest wins a tie.
/// \a lvSize is any per-phase measure of the pool: a volume, an area, a voxel count.
EdEsPhases edEsByLvSize(std::span<const double> lvSize);

} // namespace cardiolens::imaging
