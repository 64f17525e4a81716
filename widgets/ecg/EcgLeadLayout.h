#pragma once

#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

namespace cardiolens::widgets {

/// How the leads of a record are arranged on the page.
enum class EcgLayoutKind {
    Stack,       ///< Every lead (or a chosen subset) in its own full-width row: Holter, 1-3 leads.
    TwelveByOne, ///< 12 rows, same time window.
    SixByTwo,    ///< Limb leads left (first half), chest leads right (second half).
    ThreeByFour, ///< I,II,III | aVR,aVL,aVF | V1-V3 | V4-V6, 2.5 s per column, + rhythm strips.
};

/// One trace on the page: which lead, where, and which time span it shows.
struct EcgPanel {
    int lead = -1;
    QRectF rect; ///< Pixel rectangle; the baseline is its vertical centre.
    double startSeconds = 0.0;
    double endSeconds = 0.0;
    bool rhythmStrip = false;
};

/// Computes the panels of a page. Lead names are matched case-insensitively to the
/// standard 12-lead names (I, II, III, aVR, aVL, aVF, V1-V6, also "MLII" for II).
class EcgLeadLayout {
public:
    struct Request {
        EcgLayoutKind kind = EcgLayoutKind::Stack;
        QStringList leadNames;
        std::vector<int> stackLeads; ///< Stack only: leads to show (empty = all).
        int rhythmStrips = 1;        ///< ThreeByFour only: 0, 1 or 3 rhythm rows.
        QString rhythmLead = QStringLiteral("II");
        QRectF area; ///< Pixel area for the traces (right of the calibration pulse).
        double pxPerSecond = 100.0;
        double startSeconds = 0.0;
    };

    static std::vector<EcgPanel> compute(const Request& request);

    /// Index of the lead named \a name (standard aliases accepted), or -1.
    static int findLead(const QStringList& leadNames, const QString& name);
    /// True when all twelve standard leads are present.
    static bool hasTwelveLeads(const QStringList& leadNames);
    /// Seconds one page shows across \a widthPx (the time window for navigation).
    static double pageSeconds(const Request& request);
};

} // namespace cardiolens::widgets
