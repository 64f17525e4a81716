#pragma once

#include "common/Result.h"
#include "ecg/Annotation.h"

#include <QStringList>

namespace cardiolens::ecg {

/// Reads and writes WFDB annotation files in MIT format (annot(5)): 16-bit words holding a
/// 6-bit type and a 10-bit time step, with the pseudo-annotations SKIP (long step), NUM,
/// SUB, CHN and AUX. The writer encodes exactly as WFDB's putann does, so re-writing a
/// file read from PhysioNet reproduces it byte for byte.
class MitAnnotationIO {
public:
    /// Decodes MIT-format bytes; \a source names the file in errors.
    static Result<std::vector<Annotation>> parse(const QByteArray& bytes, const QString& source);
    static QByteArray serialize(const std::vector<Annotation>& annotations);

    /// Reads RECORD.ANNOTATOR; \a path is the annotation file itself.
    static Result<AnnotationSet> read(const QString& path);
    /// Reads annotator \a annotator of the record given by \a recordPath (.hea, or any
    /// record file, or the record path without extension).
    static Result<AnnotationSet> read(const QString& recordPath, const QString& annotator);
    /// Writes atomically (temporary file + rename). Annotations must be in time order.
    static Result<bool> write(const QString& path, const std::vector<Annotation>& annotations);

    /// RECORD.ANNOTATOR beside the record's header.
    static QString pathFor(const QString& recordPath, const QString& annotator);
    /// Annotators present beside the record: files RECORD.EXT that parse as annotations
    /// (signal and header files excluded), sorted by name. Candidates that do not parse are
    /// left out and, when \a skipped is given, listed there as "FILE: reason".
    static QStringList annotatorsFor(const QString& recordPath, QStringList* skipped = nullptr);
};

} // namespace cardiolens::ecg
