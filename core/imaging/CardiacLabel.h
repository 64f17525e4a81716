#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <span>

namespace cardiolens::imaging {

/// The one internal label convention every dataset is mapped to on import. Values are
/// stable: they are stored in label files the application writes.
enum class CardiacLabel : std::uint8_t {
    Background = 0,
    LvBloodPool = 1,
    LvMyocardium = 2,
    RvBloodPool = 3,
    LeftAtrium = 4,
    RightAtrium = 5,
    RvMyocardium = 6,
    Aorta = 7,
    PulmonaryArtery = 8,
};

/// Number of internal labels (Background included).
inline constexpr int kCardiacLabelCount = 9;

/// Name, short key and display colour of one internal label.
struct CardiacLabelInfo {
    CardiacLabel label;
    const char* key;  ///< Machine name used in JSON and exports, e.g. "lv_blood_pool".
    const char* name; ///< Human name, e.g. "LV blood pool".
    std::array<std::uint8_t, 3> rgb;
};

/// The whole table, indexed by label value.
std::span<const CardiacLabelInfo> cardiacLabelTable();

/// The entry for \a label.
const CardiacLabelInfo& cardiacLabelInfo(CardiacLabel label);

/// The label whose key is \a key, or Background when none matches.
CardiacLabel cardiacLabelFromKey(const QString& key, bool* ok = nullptr);

inline constexpr std::uint8_t labelValue(CardiacLabel label) {
    return static_cast<std::uint8_t>(label);
}

} // namespace cardiolens::imaging
