#include "ecg/MappedFile.h"

namespace cardiolens::ecg {

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const QString& path) {
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

MappedFile::~MappedFile() {
    if (m_data && m_file)
        m_file->unmap(const_cast<unsigned char*>(m_data));
}

} // namespace cardiolens::ecg
