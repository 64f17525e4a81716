#include "inference/ModelResultPanel.h"

#include "ecg/Annotation.h"
#include "imaging/CardiacLabel.h"
#include "inference/ProbabilityBarDelegate.h"
#include "inference/ResultDetailsText.h"
#include "plot/QCustomPlotInclude.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace cardiolens::widgets {

namespace {
const QColor kSeriesColours[] = {
    {200, 40, 40}, {40, 90, 200}, {30, 140, 60}, {150, 80, 180}, {220, 130, 20}};

} // namespace

ModelResultPanel::ModelResultPanel(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_summary(new QLabel(this)),
      m_uncertainty(new QLabel(this)), m_table(new QTableWidget(0, 3, this)),
      m_plot(new QCustomPlot(this)), m_details(new QLabel(this)) {
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    for (QLabel* l : {m_title, m_summary, m_uncertainty, m_details}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Value"), QString()});
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setItemDelegateForColumn(2, new ProbabilityBarDelegate(m_table));
    m_plot->setMinimumHeight(160);
    m_plot->legend->setFont(QFont(font().family(), 8));
    m_plot->legend->setBrush(QColor(255, 255, 255, 200));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignHCenter | Qt::AlignTop);
    connect(m_plot, &QCustomPlot::mousePress, this, &ModelResultPanel::onPlotClicked);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_uncertainty);
    layout->addWidget(m_table);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_details);
    layout->addStretch(0); // Takes the space when there is no plot.
    m_layout = layout;
    clear();
}

void ModelResultPanel::clear() {
    m_title->setText(tr("No model result"));
    m_summary->setText(tr("Run a model from the Models menu (Ctrl+R)."));
    m_summary->setStyleSheet(QString());
    m_uncertainty->clear();
    m_details->clear();
    m_table->setRowCount(0);
    m_table->setVisible(false);
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_cursor = nullptr;
    m_plotIsTime = false;
    m_casePath.clear();
    m_plot->setVisible(false);
    m_layout->setStretch(m_layout->count() - 1, 1);
}

void ModelResultPanel::showError(const QString& modelId, const QString& message) {
    clear();
    m_title->setText(modelId.isEmpty() ? tr("Model run failed") : modelId);
    m_summary->setText(message);
    m_summary->setStyleSheet(QStringLiteral("color: #b02020"));
}

QString ModelResultPanel::headline() const {
    return m_title->text() + QLatin1Char('\n') + m_summary->text();
}

QString ModelResultPanel::uncertaintyText() const {
    return m_uncertainty->text();
}

QString ModelResultPanel::detailsText() const {
    return m_details->text();
}

void ModelResultPanel::addRow(const QString& name, const QString& value, double fraction,
                              bool highlight) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* label = new QTableWidgetItem(name);
    auto* text = new QTableWidgetItem(value);
    text->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (highlight) {
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        text->setFont(f);
    }
    auto* bar = new QTableWidgetItem;
    bar->setData(ProbabilityBarDelegate::BarFractionRole, fraction);
    bar->setData(ProbabilityBarDelegate::BarHighlightRole, highlight);
    m_table->setItem(row, 0, label);
    m_table->setItem(row, 1, text);
    m_table->setItem(row, 2, bar);
    m_table->setVisible(true);
    // As tall as its rows, so the plot below gets the rest of the dock.
    m_table->resizeRowsToContents();
    const int height = m_table->horizontalHeader()->sizeHint().height() +
                       m_table->verticalHeader()->length() + 2 * m_table->frameWidth();
    m_table->setFixedHeight(std::min(height, 320));
}

void ModelResultPanel::showResult(const inference::InferenceResult& r,
                                  const QJsonObject& cachedScores) {
    clear();
    m_casePath = r.casePath;
    m_title->setText(r.modelId);
    m_summary->setText(tr("%1 on %2: %3 items in %4 ms")
                           .arg(r.task, QFileInfo(r.casePath).fileName())
                           .arg(r.items)
                           .arg(r.elapsedMs, 0, 'f', 0));

    QString unc = tr("Uncertainty %1 (%2)").arg(r.uncertainty, 0, 'f', 3).arg(r.uncertaintyMethod);
    // Rank among the cases this model version scored (the active-learning order); not for a
    // first-pass result, whose one-pass score is not comparable with the cached ones.
    if (!cachedScores.isEmpty() && !r.details.contains(QStringLiteral("stage"))) {
        // The cache keys cases by absolute path; this case's own entry is not counted.
        const QString self = QFileInfo(r.casePath).absoluteFilePath();
        int above = 0, others = 0;
        for (auto it = cachedScores.begin(); it != cachedScores.end(); ++it) {
            if (it.key() == self)
                continue;
            ++others;
            above += it.value().toDouble() > r.uncertainty ? 1 : 0;
        }
        if (others > 0)
            unc += tr(": rank %1 of %2 cases scored by this model (1 = least certain)")
                       .arg(above + 1)
                       .arg(others + 1);
    }
    m_uncertainty->setText(unc);

    if (!r.classProbabilities.empty()) {
        fillRecordClassification(r);
        plotWindows(r);
    } else if (r.details.contains(QStringLiteral("beat_counts"))) {
        fillCounts(r.details.value(QStringLiteral("beat_counts")).toObject());
        plotBeatUncertainty(r);
    } else if (r.labels) {
        fillSegmentation(r);
        plotFrameUncertainty(r);
    } else if (!r.annotations.empty()) {
        fillAnnotationCounts(r);
    }

    m_details->setText(ResultDetailsText::describe(r.details).join(QLatin1Char('\n')));
}

void ModelResultPanel::fillRecordClassification(const inference::InferenceResult& r) {
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Probability"), QString()});
    QStringList positive;
    for (const QJsonValue& v : r.details.value(QStringLiteral("above_threshold")).toArray())
        positive << v.toString();
    const bool thresholds = r.details.contains(QStringLiteral("above_threshold"));
    const QJsonObject limits = r.details.value(QStringLiteral("thresholds")).toObject();
    for (const auto& [name, p] : r.classProbabilities) {
        QString text = QString::number(p, 'f', 3);
        if (limits.contains(name))
            text += tr(" (threshold %1)").arg(limits.value(name).toDouble(), 0, 'f', 2);
        addRow(name, text, p, thresholds ? positive.contains(name) : name == r.predictedLabel);
    }
}

void ModelResultPanel::fillCounts(const QJsonObject& counts) {
    m_table->setHorizontalHeaderLabels({tr("Class"), tr("Beats"), QString()});
    double total = 0;
    for (const QJsonValue& v : counts)
        total += v.toDouble();
    std::vector<std::pair<double, QString>> rows; // Most frequent class first.
    for (auto it = counts.begin(); it != counts.end(); ++it)
        rows.emplace_back(it.value().toDouble(), it.key());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [n, name] : rows) {
        addRow(name,
               tr("%1 (%2 %)").arg(qint64(n)).arg(total > 0 ? 100.0 * n / total : 0.0, 0, 'f', 1),
               total > 0 ? n / total : 0.0, false);
    }
}

void ModelResultPanel::fillAnnotationCounts(const inference::InferenceResult& r) {
    m_table->setHorizontalHeaderLabels({tr("Annotation"), tr("Count"), QString()});
    std::map<QString, int> counts;
    for (const auto& a : r.annotations)
        if (a.code != ecg::AnnotationCodes::WaveOn && a.code != ecg::AnnotationCodes::WaveOff)
            ++counts[ecg::AnnotationCodes::description(a.code)];
    int most = 1;
    for (const auto& [name, n] : counts)
        most = std::max(most, n);
    for (const auto& [name, n] : counts)
        addRow(name, QString::number(n), double(n) / most, false);
}

void ModelResultPanel::fillSegmentation(const inference::InferenceResult& r) {
    const imaging::LabelVolume& v = *r.labels;
    const auto& e = v.extent();
    const double pixelMm2 = v.geometry().pixelSpacing[0] * v.geometry().pixelSpacing[1];
    std::array<std::int64_t, imaging::kCardiacLabelCount> counts{};
    for (std::uint8_t l : v.labels())
        if (l < counts.size())
            ++counts[l];
    // Several slices: mean volume per phase; one slice (echo): mean area per frame.
    const bool volume = e.slices > 1;
    m_table->setHorizontalHeaderLabels(
        {tr("Label"), volume ? tr("Mean volume (ml)") : tr("Mean area (cm²)"), QString()});
    double largest = 1e-9;
    std::vector<std::pair<int, double>> rows;
    for (int l = 1; l < imaging::kCardiacLabelCount; ++l) {
        if (!counts[std::size_t(l)])
            continue;
        const double perFrame = double(counts[std::size_t(l)]) / std::max(1, e.phases);
        const double value = volume ? perFrame * pixelMm2 * v.geometry().sliceSpacing / 1000.0
                                    : perFrame * pixelMm2 / 100.0;
        rows.emplace_back(l, value);
        largest = std::max(largest, value);
    }
    for (const auto& [l, value] : rows)
        addRow(QString::fromUtf8(
                   imaging::cardiacLabelInfo(imaging::CardiacLabel(std::uint8_t(l))).name),
               QString::number(value, 'f', 1), value / largest, false);
}

void ModelResultPanel::plotWindows(const inference::InferenceResult& r) {
    const auto& w = r.windows;
    if (w.startSeconds.size() < 2 || w.perClass.size() != r.classProbabilities.size())
        return;
    m_plotIsTime = true;
    m_plot->xAxis->setLabel(tr("Window centre (s)"));
    m_plot->yAxis->setLabel(tr("Probability"));
    m_plot->legend->setVisible(w.perClass.size() > 1);
    for (std::size_t c = 0; c < w.perClass.size(); ++c) {
        QVector<double> x, y;
        for (std::size_t i = 0; i < w.startSeconds.size(); ++i) {
            x << w.startSeconds[i] + w.windowSeconds / 2;
            y << w.perClass[c][i];
        }
        QCPGraph* g = m_plot->addGraph();
        g->setName(r.classProbabilities[c].first);
        g->setData(x, y, true);
        g->setPen(QPen(kSeriesColours[c % std::size(kSeriesColours)], 1.6));
    }
    const QJsonObject limits = r.details.value(QStringLiteral("thresholds")).toObject();
    for (std::size_t c = 0; c < w.perClass.size(); ++c) {
        const QString& name = r.classProbabilities[c].first;
        if (!limits.contains(name))
            continue;
        addLevelLine(limits.value(name).toDouble(), kSeriesColours[c % std::size(kSeriesColours)]);
    }
    showTimePlot();
}

void ModelResultPanel::plotBeatUncertainty(const inference::InferenceResult& r) {
    // Where the model hesitates over a long record: one dot per beat, click to review it.
    if (r.frameRate <= 0 || r.beatUncertainty.size() != r.annotations.size() ||
        r.annotations.empty())
        return;
    m_plotIsTime = true;
    m_plot->xAxis->setLabel(tr("Beat time (s)"));
    m_plot->yAxis->setLabel(tr("Beat uncertainty"));
    m_plot->legend->setVisible(false);
    QVector<double> x, y;
    for (std::size_t i = 0; i < r.annotations.size(); ++i) {
        x << double(r.annotations[i].sample) / r.frameRate;
        y << r.beatUncertainty[i];
    }
    QCPGraph* g = m_plot->addGraph();
    g->setData(x, y, true);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kSeriesColours[0], 4));
    const double limit = r.details.value(QStringLiteral("uncertain_beat_threshold")).toDouble();
    if (limit > 0)
        addLevelLine(limit, kSeriesColours[0]);
    showTimePlot();
}

void ModelResultPanel::addLevelLine(double y, const QColor& colour) {
    auto* line = new QCPItemStraightLine(m_plot);
    line->point1->setCoords(0, y);
    line->point2->setCoords(1, y);
    line->setPen(QPen(colour, 1, Qt::DashLine));
}

void ModelResultPanel::showTimePlot() {
    // Values 0..1 over record time, with a cursor for the ECG page shown.
    m_cursor = new QCPItemStraightLine(m_plot);
    m_cursor->setPen(QPen(QColor(90, 90, 90), 1));
    m_cursor->setVisible(false);
    m_plot->rescaleAxes();
    m_plot->xAxis->setRangeLower(0);
    m_plot->yAxis->setRange(0, 1.02);
    showPlot();
}

void ModelResultPanel::showPlot() {
    m_plot->setVisible(true);
    m_layout->setStretch(m_layout->count() - 1, 0); // The plot takes the spare height.
    m_plot->replot();
}

void ModelResultPanel::plotFrameUncertainty(const inference::InferenceResult& r) {
    const QJsonArray frames = r.details.value(QStringLiteral("frame_uncertainty")).toArray();
    if (frames.size() < 2)
        return;
    m_plotIsTime = false;
    m_plot->xAxis->setLabel(tr("Frame (phase by phase)"));
    m_plot->yAxis->setLabel(tr("Uncertainty"));
    m_plot->legend->setVisible(false);
    QVector<double> x, y;
    for (int i = 0; i < frames.size(); ++i) {
        x << i;
        y << frames[i].toDouble();
    }
    QCPGraph* g = m_plot->addGraph();
    g->setData(x, y, true);
    g->setPen(QPen(kSeriesColours[1], 1.4));
    g->setBrush(QColor(40, 90, 200, 40));
    m_plot->rescaleAxes();
    m_plot->yAxis->setRangeLower(0);
    showPlot();
}

void ModelResultPanel::setTimeCursor(double seconds) {
    if (!m_cursor || !m_plotIsTime || !m_plot->isVisible())
        return;
    m_cursor->point1->setCoords(seconds, 0);
    m_cursor->point2->setCoords(seconds, 1);
    m_cursor->setVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ModelResultPanel::onPlotClicked(QMouseEvent* event) {
    const double x = m_plot->xAxis->pixelToCoord(event->position().x());
    if (m_plotIsTime)
        Q_EMIT timeRequested(std::max(0.0, x));
    else
        Q_EMIT frameRequested(std::max(0, int(std::lround(x))));
}

} // namespace cardiolens::widgets
