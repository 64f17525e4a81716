#include "ecg/EcgLeadLayout.h"

#include <algorithm>
#include <array>

namespace cardiolens::widgets {

namespace {

constexpr std::array<const char*, 12> kStandard = {"I",  "II", "III", "aVR", "aVL", "aVF",
                                                   "V1", "V2", "V3",  "V4",  "V5",  "V6"};

QString canonical(QString name) {
    name = name.trimmed().toLower();
    if (name == QLatin1String("mlii") || name == QLatin1String("ecg ii") ||
        name == QLatin1String("lead ii"))
        return QStringLiteral("ii");
    if (name.startsWith(QLatin1String("lead ")))
        name = name.mid(5);
    return name;
}

// Columns of the 3x4 layout, top to bottom.
constexpr std::array<std::array<const char*, 3>, 4> kThreeByFour = {{
    {"I", "II", "III"},
    {"aVR", "aVL", "aVF"},
    {"V1", "V2", "V3"},
    {"V4", "V5", "V6"},
}};

} // namespace

int EcgLeadLayout::findLead(const QStringList& leadNames, const QString& name) {
    const QString wanted = canonical(name);
    for (int i = 0; i < leadNames.size(); ++i)
        if (canonical(leadNames[i]) == wanted)
            return i;
    return -1;
}

bool EcgLeadLayout::hasTwelveLeads(const QStringList& leadNames) {
    return std::all_of(kStandard.begin(), kStandard.end(), [&](const char* n) {
        return findLead(leadNames, QString::fromLatin1(n)) >= 0;
    });
}

double EcgLeadLayout::pageSeconds(const Request& r) {
    return r.pxPerSecond > 0 ? r.area.width() / r.pxPerSecond : 0.0;
}

std::vector<EcgPanel> EcgLeadLayout::compute(const Request& r) {
    std::vector<EcgPanel> panels;
    const double page = pageSeconds(r);
    const double t0 = r.startSeconds;
    const auto row = [&](int i, int rows) {
        const double h = r.area.height() / std::max(1, rows);
        return QRectF(r.area.left(), r.area.top() + i * h, r.area.width(), h);
    };

    const bool twelve = hasTwelveLeads(r.leadNames);
    EcgLayoutKind kind = r.kind;
    if (kind != EcgLayoutKind::Stack && !twelve)
        kind = EcgLayoutKind::Stack; // grid layouts need the twelve standard leads

    switch (kind) {
    case EcgLayoutKind::Stack: {
        std::vector<int> leads = r.stackLeads;
        if (leads.empty())
            for (int i = 0; i < r.leadNames.size(); ++i)
                leads.push_back(i);
        for (int i = 0; i < int(leads.size()); ++i)
            panels.push_back(
                {leads[std::size_t(i)], row(i, int(leads.size())), t0, t0 + page, false});
        break;
    }
    case EcgLayoutKind::TwelveByOne:
        for (int i = 0; i < 12; ++i)
            panels.push_back({findLead(r.leadNames, QString::fromLatin1(kStandard[std::size_t(i)])),
                              row(i, 12), t0, t0 + page, false});
        break;
    case EcgLayoutKind::SixByTwo: {
        const double half = r.area.width() / 2.0;
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < 6; ++i) {
                QRectF rect = row(i, 6);
                rect.setLeft(r.area.left() + c * half);
                rect.setWidth(half);
                panels.push_back(
                    {findLead(r.leadNames, QString::fromLatin1(kStandard[std::size_t(c * 6 + i)])),
                     rect, t0 + c * page / 2, t0 + (c + 1) * page / 2, false});
            }
        break;
    }
    case EcgLayoutKind::ThreeByFour: {
        const int strips = r.rhythmStrips >= 3 ? 3 : std::max(0, r.rhythmStrips);
        const int rows = 3 + strips;
        // Standard format: each column shows 2.5 s at the paper speed; narrower screens
        // show less per column rather than distorting the time scale.
        const double columnSeconds = std::min(2.5, page / 4.0);
        const double columnWidth = columnSeconds * r.pxPerSecond;
        for (int c = 0; c < 4; ++c)
            for (int i = 0; i < 3; ++i) {
                QRectF rect = row(i, rows);
                rect.setLeft(r.area.left() + c * columnWidth);
                rect.setWidth(columnWidth);
                const double start = t0 + c * columnSeconds;
                panels.push_back(
                    {findLead(r.leadNames,
                              QString::fromLatin1(kThreeByFour[std::size_t(c)][std::size_t(i)])),
                     rect, start, start + columnSeconds, false});
            }
        const QStringList rhythm =
            strips == 3 ? QStringList{r.rhythmLead, QStringLiteral("V1"), QStringLiteral("V5")}
                        : QStringList{r.rhythmLead};
        for (int s = 0; s < strips; ++s) {
            QRectF rect = row(3 + s, rows);
            rect.setWidth(4 * columnWidth);
            panels.push_back(
                {findLead(r.leadNames, rhythm[s]), rect, t0, t0 + 4 * columnSeconds, true});
        }
        break;
    }
    }
    return panels;
}

} // namespace cardiolens::widgets
