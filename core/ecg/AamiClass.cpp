#include "ecg/AamiClass.h"

#include "ecg/Annotation.h"

namespace cardiolens::ecg {

AamiClass aamiClassOf(int code) {
    using namespace AnnotationCodes;
    switch (code) {
    case Normal:
    case Lbbb:
    case Rbbb:
    case AEscape: // 'e' atrial escape
    case NEscape: // 'j' nodal escape
        return AamiClass::N;
    case Apc:      // 'A'
    case Aberrant: // 'a'
    case Npc:      // 'J'
    case Svpb:     // 'S'
    case SvEscape: // 'n'
        return AamiClass::S;
    case Pvc:     // 'V'
    case VEscape: // 'E'
        return AamiClass::V;
    case Fusion: // 'F'
        return AamiClass::F;
    case Paced:       // '/'
    case PacedFusion: // 'f'
    case Unknown:     // 'Q'
        return AamiClass::Q;
    default:
        return AamiClass::None;
    }
}

} // namespace cardiolens::ecg
