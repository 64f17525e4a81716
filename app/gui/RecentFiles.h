#pragma once

#include <QObject>
#include <QStringList>

namespace cardiolens::app {

/// The most-recently-opened list, persisted in QSettings, newest first, no duplicates.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 10;
    explicit RecentFiles(QObject* parent = nullptr);

    QStringList files() const { return m_files; }
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void save();
    QStringList m_files;
};

} // namespace cardiolens::app
