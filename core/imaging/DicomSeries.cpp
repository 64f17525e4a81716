#include "imaging/DicomSeries.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::imaging {

namespace {
int countDistinct(std::vector<double> values, double tolerance) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    int count = 1;
    for (std::size_t i = 1; i < values.size(); ++i)
        if (values[i] - values[i - 1] > tolerance)
            ++count;
    return count;
}
} // namespace

int DicomSeries::distinctPositions() const {
    std::vector<double> keys;
    for (const auto& f : files) {
        if (!f.position)
            continue;
        // Distance along the normal when known, else a plain coordinate sum.
        double d = (*f.position)[0] + (*f.position)[1] + (*f.position)[2];
        if (f.orientation) {
            const auto& o = *f.orientation;
            const double n[3] = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5],
                                 o[0] * o[4] - o[1] * o[3]};
            d = n[0] * (*f.position)[0] + n[1] * (*f.position)[1] + n[2] * (*f.position)[2];
        }
        keys.push_back(d);
    }
    return countDistinct(std::move(keys), 0.01);
}

int DicomSeries::distinctTriggerTimes() const {
    std::vector<double> keys;
    for (const auto& f : files)
        if (f.triggerTimeMs)
            keys.push_back(*f.triggerTimeMs);
    return countDistinct(std::move(keys), 0.01);
}

} // namespace cardiolens::imaging
