#pragma once
// The value representations of DICOM PS3.5, shared by the ECG and imaging structure checks
// so that both refuse the same files before GDCM sees them.

namespace cardiolens::dicom {

/// True for the two-letter VRs PS3.5 defines; GDCM mis-reads any other (and can then abort
/// or allocate without bound).
inline bool isKnownVr(char a, char b) {
    static const char* const vrs[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD",
                                      "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW",
                                      "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC",
                                      "UI", "UL", "UN", "UR", "US", "UT", "UV"};
    for (const char* v : vrs)
        if (a == v[0] && b == v[1])
            return true;
    return false;
}

/// VRs whose explicit encoding has a reserved field and a 32-bit length.
inline bool isLongVr(char a, char b) {
    static const char* const vrs[] = {"OB", "OW", "OF", "SQ", "UT", "UN", "OD",
                                      "OL", "UC", "UR", "OV", "SV", "UV"};
    for (const char* v : vrs)
        if (a == v[0] && b == v[1])
            return true;
    return false;
}

} // namespace cardiolens::dicom
