#pragma once

#include "common/Result.h"

#include <QFile>

#include <cstdint>
#include <memory>

namespace cardiolens::ecg {

/// A read-only memory mapping of a whole file. Pages load only when touched, so opening a
/// 1 GB record costs neither time nor resident memory. Shared by the sources that read it.
class MappedFile {
public:
    static Result<std::shared_ptr<const MappedFile>> open(const QString& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const unsigned char* data() const { return m_data; }
    std::int64_t size() const { return m_size; }
    const QString& path() const { return m_path; }
    /// Drops the pages of [offset, offset + length) (and up to 2 MB before it) from this
    /// process's resident set: madvise DONTNEED on a read-only mapping, later reads fault
    /// them back in from the page cache.
    void release(std::int64_t offset, std::int64_t length) const;

private:
    MappedFile() = default;
    QString m_path;
    std::unique_ptr<QFile> m_file;
    const unsigned char* m_data = nullptr;
    std::int64_t m_size = 0;
};

} // namespace cardiolens::ecg
