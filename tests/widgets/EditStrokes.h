#pragma once
// Shared by the edit-store test and its child process: synthetic brush strokes on the
// main cine view, and a digest of the working labels to compare states across processes.
#include "imaging/CineView.h"
#include "imaging/LabelVolume.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMouseEvent>

namespace cardiolens::test {

/// A left-button drag on \a view from \a a to \a b in \a moves steps (one editor action).
inline void dragStroke(widgets::CineView* view, QPoint a, QPoint b, int moves = 8) {
    auto send = [&](QEvent::Type t, QPoint at, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(t, QPointF(at), QPointF(view->mapToGlobal(at)), button, buttons, {});
        QCoreApplication::sendEvent(view, &e);
    };
    send(QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
    for (int i = 1; i <= moves; ++i)
        send(QEvent::MouseMove, a + (b - a) * i / moves, Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
}

inline QByteArray labelDigest(const imaging::LabelVolume& labels) {
    const auto px = labels.labels();
    return QCryptographicHash::hash(
               QByteArrayView(reinterpret_cast<const char*>(px.data()), qsizetype(px.size())),
               QCryptographicHash::Sha1)
        .toHex();
}

} // namespace cardiolens::test
