#include "imaging/EdEsPhases.h"

namespace cardiolens::imaging {

EdEsPhases edEsByLvSize(std::span<const double> lvSize) {
    EdEsPhases p;
    for (int i = 0; i < int(lvSize.size()); ++i) {
        const double v = lvSize[std::size_t(i)];
        if (!(v > 0.0))
            continue;
        if (p.ed < 0 || v > lvSize[std::size_t(p.ed)])
            p.ed = i;
        if (p.es < 0 || v < lvSize[std::size_t(p.es)])
            p.es = i;
    }
    return p;
}

} // namespace cardiolens::imaging
