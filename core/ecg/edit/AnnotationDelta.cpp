#include "ecg/edit/AnnotationDelta.h"

namespace cardiolens::ecg {

std::size_t AnnotationDelta::bytes() const {
    std::size_t n = sizeof(*this) + std::size_t(label.size()) * 2 +
                    (removed.size() + inserted.size()) * sizeof(Annotation) +
                    removedRank.size() * sizeof(std::uint32_t);
    for (const Annotation& a : removed)
        n += std::size_t(a.aux.size());
    for (const Annotation& a : inserted)
        n += std::size_t(a.aux.size());
    return n;
}

AnnotationDelta AnnotationDelta::inverse() const {
    AnnotationDelta d;
    d.label = label;
    d.removed = inserted;
    d.inserted = removed;
    return d;
}

} // namespace cardiolens::ecg
