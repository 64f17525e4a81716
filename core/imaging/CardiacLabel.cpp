#include "imaging/CardiacLabel.h"

namespace cardiolens::imaging {

namespace {
// Colours follow the common cardiac viewers: blood pools red/blue, myocardium green,
// atria lighter tones of their ventricles, vessels distinct.
constexpr std::array<CardiacLabelInfo, kCardiacLabelCount> kTable{{
    {CardiacLabel::Background, "background", "Background", {0, 0, 0}},
    {CardiacLabel::LvBloodPool, "lv_blood_pool", "LV blood pool", {220, 50, 47}},
    {CardiacLabel::LvMyocardium, "lv_myocardium", "LV myocardium", {60, 180, 75}},
    {CardiacLabel::RvBloodPool, "rv_blood_pool", "RV blood pool", {38, 110, 230}},
    {CardiacLabel::LeftAtrium, "left_atrium", "Left atrium", {245, 150, 120}},
    {CardiacLabel::RightAtrium, "right_atrium", "Right atrium", {130, 190, 245}},
    {CardiacLabel::RvMyocardium, "rv_myocardium", "RV myocardium", {150, 220, 100}},
    {CardiacLabel::Aorta, "aorta", "Aorta", {250, 200, 40}},
    {CardiacLabel::PulmonaryArtery, "pulmonary_artery", "Pulmonary artery", {170, 90, 220}},
}};
} // namespace

std::span<const CardiacLabelInfo> cardiacLabelTable() {
    return kTable;
}

const CardiacLabelInfo& cardiacLabelInfo(CardiacLabel label) {
    const auto index = static_cast<std::size_t>(label);
    return index < kTable.size() ? kTable[index] : kTable[0];
}

CardiacLabel cardiacLabelFromKey(const QString& key, bool* ok) {
    for (const CardiacLabelInfo& info : kTable) {
        if (key == QLatin1String(info.key)) {
            if (ok)
                *ok = true;
            return info.label;
        }
    }
    if (ok)
        *ok = false;
    return CardiacLabel::Background;
}

} // namespace cardiolens::imaging
