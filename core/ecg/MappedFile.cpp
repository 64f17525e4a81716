#include "ecg/MappedFile.h"

#include "common/SafeFile.h"

#include <algorithm>

#include <sys/mman.h>
#include <unistd.h>

namespace cardiolens::ecg {

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const QString& path) {
    if (auto regular = SafeFile::requireRegular(path); !regular) // A FIFO blocks open().
        return regular.error();
    std::shared_ptr<MappedFile> mapped(new MappedFile);
    mapped->m_path = path;
    mapped->m_file = std::make_unique<QFile>(path);
    if (!mapped->m_file->open(QIODevice::ReadOnly))
        return fileError(path,
                         QStringLiteral("cannot open: %1").arg(mapped->m_file->errorString()));
    mapped->m_size = mapped->m_file->size();
    if (mapped->m_size > 0) {
        mapped->m_data = mapped->m_file->map(0, mapped->m_size);
        if (!mapped->m_data)
            return fileError(
                path, QStringLiteral("cannot memory-map: %1").arg(mapped->m_file->errorString()));
    }
    return std::shared_ptr<const MappedFile>(std::move(mapped));
}

void MappedFile::release(std::int64_t offset, std::int64_t length) const {
    if (!m_data || length <= 0)
        return;
    // Rounded outwards, with a margin behind: a fault maps neighbouring pages too (fault-
    // around windows, whole large page-cache folios of up to 2 MB), so a pass moving forward
    // re-maps pages it has already released. Dropping a page still wanted costs a soft fault.
    constexpr std::int64_t kFaultAround = 2 * 1024 * 1024;
    static const std::int64_t page = sysconf(_SC_PAGESIZE);
    const std::int64_t base =
        std::int64_t(reinterpret_cast<std::uintptr_t>(m_data) % std::uintptr_t(page));
    std::int64_t begin = std::max<std::int64_t>(0, offset - kFaultAround) + base;
    std::int64_t end = std::min(offset + length, m_size) + base;
    begin = begin / page * page;
    end = (end + page - 1) / page * page;
    if (end > begin)
        madvise(const_cast<unsigned char*>(m_data) - base + begin, std::size_t(end - begin),
                MADV_DONTNEED);
}

MappedFile::~MappedFile() {
    if (m_data && m_file)
        m_file->unmap(const_cast<unsigned char*>(m_data));
}

} // namespace cardiolens::ecg
