#include "labels/CaseRecord.h"

namespace cardiolens::labels {

QString caseMatchStatusName(CaseMatch::Status status) {
    switch (status) {
    case CaseMatch::Status::New:
        return QStringLiteral("new");
    case CaseMatch::Status::Known:
        return QStringLiteral("known");
    case CaseMatch::Status::Moved:
        return QStringLiteral("moved");
    case CaseMatch::Status::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

} // namespace cardiolens::labels
