#include "imaging/LabelConvention.h"

namespace cardiolens::imaging {

QString labelConventionName(LabelConvention convention) {
    switch (convention) {
    case LabelConvention::Internal:
        return QStringLiteral("internal");
    case LabelConvention::Acdc:
        return QStringLiteral("acdc");
    case LabelConvention::Mnms:
        return QStringLiteral("mnms");
    case LabelConvention::Camus:
        return QStringLiteral("camus");
    case LabelConvention::EchoNet:
        return QStringLiteral("echonet");
    }
    return {};
}

LabelMapping LabelMapping::forConvention(LabelConvention convention) {
    using L = CardiacLabel;
    LabelMapping m;
    m.m_convention = convention;
    switch (convention) {
    case LabelConvention::Internal:
        for (int v = 1; v < kCardiacLabelCount; ++v)
            m.m_entries.emplace_back(std::uint8_t(v), static_cast<L>(v));
        break;
    case LabelConvention::Acdc:
        m.m_entries = {{1, L::RvBloodPool}, {2, L::LvMyocardium}, {3, L::LvBloodPool}};
        break;
    case LabelConvention::Mnms:
        m.m_entries = {{1, L::LvBloodPool}, {2, L::LvMyocardium}, {3, L::RvBloodPool}};
        break;
    case LabelConvention::Camus:
        m.m_entries = {{1, L::LvBloodPool}, {2, L::LvMyocardium}, {3, L::LeftAtrium}};
        break;
    case LabelConvention::EchoNet:
        m.m_entries = {{1, L::LvBloodPool}};
        break;
    }
    m.m_knownDataset[0] = m.m_knownInternal[0] = true;
    for (const auto& [value, label] : m.m_entries) {
        m.m_toInternal[value] = labelValue(label);
        m.m_fromInternal[labelValue(label)] = value;
        m.m_knownDataset[value] = true;
        m.m_knownInternal[labelValue(label)] = true;
    }
    return m;
}

std::size_t LabelMapping::importInPlace(std::span<std::uint8_t> labels) const {
    std::size_t unknown = 0;
    for (std::uint8_t& v : labels) {
        unknown += m_knownDataset[v] ? 0 : 1;
        v = m_toInternal[v];
    }
    return unknown;
}

std::size_t LabelMapping::exportInPlace(std::span<std::uint8_t> labels) const {
    std::size_t lost = 0;
    for (std::uint8_t& v : labels) {
        lost += m_knownInternal[v] ? 0 : 1;
        v = m_fromInternal[v];
    }
    return lost;
}

CardiacLabel sunnybrookContourLabel(SunnybrookContourKind kind) {
    return kind == SunnybrookContourKind::Inner ? CardiacLabel::LvBloodPool
                                                : CardiacLabel::LvMyocardium;
}

} // namespace cardiolens::imaging
