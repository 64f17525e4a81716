#include "ecg/EcgStripExporter.h"

#include "ecg/EcgTraceSource.h"

#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace cardiolens::widgets {

namespace {
QString layoutName(const EcgViewState& s) {
    switch (s.layout) {
    case EcgLayoutKind::Stack:
        return QStringLiteral("stacked leads");
    case EcgLayoutKind::TwelveByOne:
        return QStringLiteral("12x1");
    case EcgLayoutKind::SixByTwo:
        return QStringLiteral("6x2");
    case EcgLayoutKind::ThreeByFour:
        return QStringLiteral("3x4 + %1 rhythm").arg(s.rhythmStrips);
    }
    return {};
}
} // namespace

void EcgStripExporter::paintPage(QPainter& p, double pxPerMm, const EcgTraceSource& source,
                                 const Page& page) {
    EcgViewState state = page.state;
    state.scale.pxPerMm = pxPerMm;
    const double mm = pxPerMm;
    p.fillRect(QRectF(0, 0, kPageWidthMm * mm, kPageHeightMm * mm), Qt::white);
    QFont f = p.font();
    f.setPixelSize(int(4.0 * mm));
    f.setBold(true);
    p.setFont(f);
    p.setPen(Qt::black);
    const QRectF header(kMarginMm * mm, kMarginMm * mm, (kPageWidthMm - 2 * kMarginMm) * mm,
                        8 * mm);
    p.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, page.title);
    f.setBold(false);
    f.setPixelSize(int(3.2 * mm));
    p.setFont(f);
    p.drawText(header, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("Layout %1   %2 mm/s   %3 mm/mV   %4")
                   .arg(layoutName(state))
                   .arg(state.scale.mmPerSecond)
                   .arg(state.scale.mmPerMv)
                   .arg(state.filterLabel));
    const QRectF strip(kMarginMm * mm, (kMarginMm + 10) * mm, (kPageWidthMm - 2 * kMarginMm) * mm,
                       (kPageHeightMm - 2 * kMarginMm - 10) * mm);
    EcgStripRenderer renderer;
    renderer.paint(p, strip, state, source, {&page.beats, &page.episodes, &page.waves});
}

Result<bool> EcgStripExporter::writePdf(const QString& path, const EcgTraceSource& source,
                                        const Page& page) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    {
        QPdfWriter pdf(&file);
        pdf.setResolution(600);
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                      QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
        pdf.setTitle(page.title);
        pdf.setCreator(QStringLiteral("Cardiolens"));
        QPainter p(&pdf);
        if (!p.isActive())
            return fileError(path, QStringLiteral("cannot start a PDF page"));
        paintPage(p, pdf.resolution() / 25.4, source, page);
    }
    if (!file.commit())
        return fileError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    return true;
}

Result<bool> EcgStripExporter::writePng(const QString& path, const EcgTraceSource& source,
                                        const Page& page, int dpi) {
    const double pxPerMm = dpi / 25.4;
    QImage image(int(kPageWidthMm * pxPerMm + 0.5), int(kPageHeightMm * pxPerMm + 0.5),
                 QImage::Format_RGB32);
    const int dotsPerMeter = int(dpi / 0.0254 + 0.5);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        paintPage(p, pxPerMm, source, page);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return fileError(path, QStringLiteral("cannot write PNG: %1").arg(file.errorString()));
    return true;
}

} // namespace cardiolens::widgets
