#pragma once

#include "ecg/EcgLeadLayout.h"
#include "ecg/EcgPaperScale.h"

#include <QString>

#include <cmath>
#include <optional>
#include <vector>

namespace cardiolens::widgets {

/// A beat label to draw above the annotated lead.
struct EcgBeatMark {
    double seconds = 0.0;
    QString code;           ///< MIT code: N, V, A, ...
    char aami = 'N';        ///< AAMI class N/S/V/F/Q (colour).
    bool uncertain = false; ///< A model's call it was unsure of (shown "V?", jump target "?").
};

/// A labelled span: rhythm episode ("(AFIB"), noise or artefact.
struct EcgEpisode {
    double startSeconds = 0.0;
    double endSeconds = 0.0;
    QString label;
    bool noise = false;
};

/// A delineated wave (from '(' peak ')' annotations): P, QRS or T, drawn as a band.
struct EcgWave {
    double startSeconds = 0.0;
    double endSeconds = 0.0;
    char kind = 'Q'; ///< 'P', 'Q' (QRS) or 'T'.
};

/// Two time calipers and the lead whose amplitude difference they read.
struct EcgCalipers {
    double t1 = 0.0;
    double t2 = 0.0;
    int lead = 0;
    bool marchOut = false; ///< Repeat the interval across the page.
};

/// Everything that decides what the strip shows; the widget edits it, the renderer reads it.
struct EcgViewState {
    EcgPaperScale scale;
    EcgLayoutKind layout = EcgLayoutKind::Stack;
    int rhythmStrips = 1;
    QString rhythmLead = QStringLiteral("II");
    std::vector<int> stackLeads;
    double startSeconds = 0.0;
    std::vector<double> leadGainMmPerMv; ///< Per-lead override; 0 or missing = global gain.
    QString filterLabel = QStringLiteral("0.05–150 Hz");
    double heartRateBpm = std::nan("");
    QString recordName;
    bool showGrid = true;
    bool showCalibrationPulse = true;
    int beatLead = 0; ///< Lead above which beat labels are drawn.
    std::optional<EcgCalipers> calipers;

    double gainFor(int lead) const {
        if (lead >= 0 && std::size_t(lead) < leadGainMmPerMv.size() &&
            leadGainMmPerMv[std::size_t(lead)] > 0)
            return leadGainMmPerMv[std::size_t(lead)];
        return scale.mmPerMv;
    }
};

} // namespace cardiolens::widgets
