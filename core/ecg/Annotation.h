#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// One MIT/WFDB annotation. Fields mirror the WFDB annotation structure so files round-trip.
struct Annotation {
    std::int64_t sample = 0; ///< Time in frames of the record (sample of a 1-spf lead).
    int code = 1;            ///< Annotation type (AnnotationCodes), 1..49; 1 = N.
    int subtype = 0;         ///< -512..511 (10-bit field, sign-extended).
    int channel = 0;         ///< Lead the annotation refers to (10-bit field).
    int number = 0;          ///< Annotator-defined number (10-bit field).
    QByteArray aux;          ///< Free text, e.g. rhythm "(AFIB"; bytes as stored, no length.
    double duration = 0;     ///< Seconds, from EDF+ TALs; MIT files have no such field.

    bool operator==(const Annotation&) const = default;
};

/// All annotations of one annotator ("atr", "qrs", ...) for one record, in file order.
struct AnnotationSet {
    QString annotator;
    QString path;
    std::vector<Annotation> items;
};

/// The standard annotation codes (WFDB ecgcodes.h) and their one-character mnemonics.
namespace AnnotationCodes {
enum : int {
    NotQrs = 0,
    Normal = 1,
    Lbbb = 2,
    Rbbb = 3,
    Aberrant = 4,
    Pvc = 5,
    Fusion = 6,
    Npc = 7,
    Apc = 8,
    Svpb = 9,
    VEscape = 10,
    NEscape = 11,
    Paced = 12,
    Unknown = 13,
    Noise = 14,
    Artifact = 16,
    StChange = 18,
    TChange = 19,
    Systole = 20,
    Diastole = 21,
    Note = 22,
    Measure = 23,
    PWave = 24,
    Bbb = 25,
    PacedSpike = 26,
    TWave = 27,
    Rhythm = 28,
    UWave = 29,
    Learn = 30,
    FlutterWave = 31,
    VfOn = 32,
    VfOff = 33,
    AEscape = 34,
    SvEscape = 35,
    Link = 36,
    NonConductedP = 37,
    PacedFusion = 38,
    WaveOn = 39,
    WaveOff = 40,
    ROnT = 41,
    MaxCode = 49
};
/// "N", "V", "+", ... ; "[code]" for codes without a mnemonic.
QString mnemonic(int code);
/// Inverse of mnemonic(); -1 if unknown.
int fromMnemonic(const QString& mnemonic);
/// A short English description ("Normal beat", "Premature ventricular contraction").
QString description(int code);
/// True for beat (QRS) annotations, as WFDB's isqrs().
bool isBeat(int code);
} // namespace AnnotationCodes

} // namespace cardiolens::ecg
