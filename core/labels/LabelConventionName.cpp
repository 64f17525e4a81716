#include "labels/LabelConventionName.h"

namespace cardiolens::labels {

std::optional<imaging::LabelConvention> labelConventionFromName(const QString& name) {
    using imaging::LabelConvention;
    for (LabelConvention c :
         {LabelConvention::Internal, LabelConvention::Acdc, LabelConvention::Mnms,
          LabelConvention::Camus, LabelConvention::EchoNet})
        if (imaging::labelConventionName(c) == name.toLower())
            return c;
    return std::nullopt;
}

} // namespace cardiolens::labels
