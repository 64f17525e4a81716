#pragma once
// qcustomplot.h uses Qt's 'signals' and 'foreach' keywords, which this project turns off
// (QT_NO_KEYWORDS, because they clash with other libraries). Include QCustomPlot only
// through this header: it maps the keywords for that one include and removes them again.
#include <QtGlobal>

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
