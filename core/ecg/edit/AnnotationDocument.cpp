#include "ecg/edit/AnnotationDocument.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <tuple>

namespace cardiolens::ecg {

namespace {
// WFDB canonical order: time, then number, then channel.
auto keyOf(const Annotation& a) {
    return std::make_tuple(a.sample, a.number, a.channel);
}
bool keyLess(const Annotation& a, const Annotation& b) {
    return keyOf(a) < keyOf(b);
}

bool isRhythmChange(const Annotation& a) {
    return a.code == AnnotationCodes::Rhythm;
}
} // namespace

AnnotationDocument::AnnotationDocument(std::vector<Annotation> items) : m_items(std::move(items)) {
    std::stable_sort(m_items.begin(), m_items.end(), keyLess);
}

bool AnnotationDocument::applyRaw(const std::vector<Annotation>& removed,
                                  const std::vector<Annotation>& inserted,
                                  const std::vector<std::uint32_t>* insertRanks,
                                  std::vector<std::uint32_t>* removedRanks) {
    // Works group by group of equal keys: the result of a group is its items minus the
    // removed ones (each must be present) plus the inserted ones, at their recorded rank
    // (undo) or at the group's end. Linear in the list plus the sort of the delta.
    std::vector<std::size_t> removedOrder(removed.size()), insertedOrder(inserted.size());
    for (std::size_t i = 0; i < removedOrder.size(); ++i)
        removedOrder[i] = i;
    for (std::size_t i = 0; i < insertedOrder.size(); ++i)
        insertedOrder[i] = i;
    std::stable_sort(removedOrder.begin(), removedOrder.end(),
                     [&](std::size_t a, std::size_t b) { return keyLess(removed[a], removed[b]); });
    std::stable_sort(insertedOrder.begin(), insertedOrder.end(), [&](std::size_t a, std::size_t b) {
        return keyLess(inserted[a], inserted[b]);
    });
    std::vector<std::uint32_t> rankOut(removed.size(), 0);

    std::vector<Annotation> out;
    out.reserve(m_items.size() + inserted.size());
    std::size_t i = 0, r = 0, s = 0;
    std::vector<Annotation> group, kept;
    std::vector<char> used;
    while (i < m_items.size() || r < removedOrder.size() || s < insertedOrder.size()) {
        // The smallest key among the three streams.
        const Annotation* next = nullptr;
        auto consider = [&](const Annotation* a) {
            if (a && (!next || keyLess(*a, *next)))
                next = a;
        };
        consider(i < m_items.size() ? &m_items[i] : nullptr);
        consider(r < removedOrder.size() ? &removed[removedOrder[r]] : nullptr);
        consider(s < insertedOrder.size() ? &inserted[insertedOrder[s]] : nullptr);
        const auto key = keyOf(*next);
        group.clear();
        while (i < m_items.size() && keyOf(m_items[i]) == key)
            group.push_back(m_items[i++]);
        used.assign(group.size(), 0);
        for (; r < removedOrder.size() && keyOf(removed[removedOrder[r]]) == key; ++r) {
            const Annotation& gone = removed[removedOrder[r]];
            std::size_t g = 0;
            while (g < group.size() && (used[g] || !(group[g] == gone)))
                ++g;
            if (g == group.size())
                return false; // not present: leave the document as it was
            used[g] = 1;
            rankOut[removedOrder[r]] = std::uint32_t(g);
        }
        kept.clear();
        for (std::size_t g = 0; g < group.size(); ++g)
            if (!used[g])
                kept.push_back(group[g]);
        for (; s < insertedOrder.size() && keyOf(inserted[insertedOrder[s]]) == key; ++s) {
            const std::size_t index = insertedOrder[s];
            const Annotation& a = inserted[index];
            std::size_t at = kept.size();
            if (insertRanks && index < insertRanks->size())
                at = std::min<std::size_t>((*insertRanks)[index], kept.size());
            kept.insert(kept.begin() + std::ptrdiff_t(at), a);
        }
        std::move(kept.begin(), kept.end(), std::back_inserter(out));
    }
    m_items = std::move(out);
    if (removedRanks)
        *removedRanks = std::move(rankOut);
    return true;
}

void AnnotationDocument::record(AnnotationDelta delta) {
    m_redo.clear();
    m_redoVersions.clear();
    m_undoVersions.push_back(m_version);
    m_version = m_nextVersion++;
    m_historyBytes += delta.bytes();
    if (m_listener)
        m_listener(delta);
    m_undo.push_back(std::move(delta));
    while (m_historyBytes > m_historyLimit && m_undo.size() > 1) {
        m_historyBytes -= m_undo.front().bytes();
        m_undo.erase(m_undo.begin());
        m_undoVersions.erase(m_undoVersions.begin());
    }
}

bool AnnotationDocument::apply(AnnotationDelta delta) {
    if (delta.isEmpty())
        return false;
    if (!applyRaw(delta.removed, delta.inserted, nullptr, &delta.removedRank))
        return false;
    record(std::move(delta));
    return true;
}

bool AnnotationDocument::undo() {
    if (m_undo.empty())
        return false;
    AnnotationDelta done = std::move(m_undo.back());
    m_undo.pop_back();
    m_historyBytes -= done.bytes();
    // The inverse re-inserts the removed annotations at their recorded ranks.
    applyRaw(done.inserted, done.removed, &done.removedRank, nullptr);
    m_redoVersions.push_back(m_version);
    m_version = m_undoVersions.back();
    m_undoVersions.pop_back();
    if (m_listener)
        m_listener(done.inverse());
    m_redo.push_back(std::move(done));
    return true;
}

bool AnnotationDocument::redo() {
    if (m_redo.empty())
        return false;
    AnnotationDelta again = std::move(m_redo.back());
    m_redo.pop_back();
    applyRaw(again.removed, again.inserted, nullptr, &again.removedRank);
    m_undoVersions.push_back(m_version);
    m_version = m_redoVersions.back();
    m_redoVersions.pop_back();
    m_historyBytes += again.bytes();
    if (m_listener)
        m_listener(again);
    m_undo.push_back(std::move(again));
    return true;
}

void AnnotationDocument::setHistoryLimit(std::size_t bytes) {
    m_historyLimit = bytes;
}

bool AnnotationDocument::relabel(const std::vector<std::size_t>& indexes, int code) {
    AnnotationDelta d;
    d.removed.reserve(indexes.size());
    d.inserted.reserve(indexes.size());
    for (std::size_t i : indexes) {
        if (i >= m_items.size() || m_items[i].code == code)
            continue;
        d.removed.push_back(m_items[i]);
        Annotation changed = m_items[i];
        changed.code = code;
        changed.subtype = 0;
        d.inserted.push_back(changed);
    }
    d.label = QStringLiteral("Relabel %1 as %2")
                  .arg(d.removed.size() == 1 ? QStringLiteral("1 beat")
                                             : QStringLiteral("%1 beats").arg(d.removed.size()),
                       AnnotationCodes::mnemonic(code));
    return apply(std::move(d));
}

bool AnnotationDocument::insert(Annotation annotation) {
    AnnotationDelta d;
    d.label = QStringLiteral("Insert %1").arg(AnnotationCodes::mnemonic(annotation.code));
    d.inserted.push_back(std::move(annotation));
    return apply(std::move(d));
}

bool AnnotationDocument::remove(const std::vector<std::size_t>& indexes) {
    AnnotationDelta d;
    for (std::size_t i : indexes)
        if (i < m_items.size())
            d.removed.push_back(m_items[i]);
    d.label = d.removed.size() == 1 ? QStringLiteral("Delete annotation")
                                    : QStringLiteral("Delete %1 annotations").arg(d.removed.size());
    return apply(std::move(d));
}

bool AnnotationDocument::move(std::size_t index, std::int64_t toSample) {
    if (index >= m_items.size() || m_items[index].sample == toSample || toSample < 0)
        return false;
    AnnotationDelta d;
    d.label = QStringLiteral("Move %1").arg(AnnotationCodes::mnemonic(m_items[index].code));
    d.removed.push_back(m_items[index]);
    Annotation moved = m_items[index];
    moved.sample = toSample;
    d.inserted.push_back(moved);
    return apply(std::move(d));
}

std::size_t AnnotationDocument::changeAllInRange(std::int64_t from, std::int64_t to, int fromCode,
                                                 int toCode) {
    std::vector<std::size_t> hits;
    const auto first =
        std::lower_bound(m_items.begin(), m_items.end(), from,
                         [](const Annotation& a, std::int64_t s) { return a.sample < s; });
    for (auto it = first; it != m_items.end() && it->sample <= to; ++it)
        if (AnnotationCodes::isBeat(it->code) && it->code != toCode &&
            (fromCode < 0 || it->code == fromCode))
            hits.push_back(std::size_t(it - m_items.begin()));
    if (hits.empty())
        return 0;
    relabel(hits, toCode);
    m_undo.back().label =
        QStringLiteral("Change %1 %2 to %3 in range")
            .arg(hits.size())
            .arg(fromCode < 0 ? QStringLiteral("beats") : AnnotationCodes::mnemonic(fromCode),
                 AnnotationCodes::mnemonic(toCode));
    return hits.size();
}

QByteArray AnnotationDocument::rhythmAt(std::int64_t sample) const {
    QByteArray rhythm;
    for (const Annotation& a : m_items) {
        if (a.sample > sample)
            break;
        if (isRhythmChange(a))
            rhythm = a.aux;
    }
    return rhythm;
}

bool AnnotationDocument::insertRhythmEpisode(std::int64_t start, std::int64_t end,
                                             const QByteArray& rhythm) {
    if (end <= start || rhythm.isEmpty())
        return false;
    AnnotationDelta d;
    d.label = QStringLiteral("Rhythm episode %1").arg(QString::fromLatin1(rhythm));
    QByteArray after = rhythmAt(end);
    if (after.isEmpty())
        after = QByteArrayLiteral("(N");
    for (const Annotation& a : m_items)
        if (isRhythmChange(a) && a.sample >= start && a.sample <= end)
            d.removed.push_back(a);
    Annotation onset;
    onset.sample = start;
    onset.code = AnnotationCodes::Rhythm;
    onset.aux = rhythm.startsWith('(') ? rhythm : QByteArrayLiteral("(") + rhythm;
    Annotation offset = onset;
    offset.sample = end;
    offset.aux = after;
    d.inserted = {onset, offset};
    return apply(std::move(d));
}

bool AnnotationDocument::replaceBeats(std::vector<Annotation> beats, const QString& label) {
    AnnotationDelta d;
    d.label = label;
    for (const Annotation& a : m_items)
        if (AnnotationCodes::isBeat(a.code))
            d.removed.push_back(a);
    d.inserted = std::move(beats);
    if (d.removed == d.inserted)
        return false;
    return apply(std::move(d));
}

std::optional<std::size_t> AnnotationDocument::nearestBeat(std::int64_t sample,
                                                           std::int64_t maxDistance) const {
    const auto mid =
        std::lower_bound(m_items.begin(), m_items.end(), sample,
                         [](const Annotation& a, std::int64_t s) { return a.sample < s; });
    std::optional<std::size_t> best;
    std::int64_t bestDistance = maxDistance + 1;
    auto check = [&](std::vector<Annotation>::const_iterator it) {
        if (!AnnotationCodes::isBeat(it->code))
            return;
        const std::int64_t d = std::abs(it->sample - sample);
        if (d < bestDistance) {
            bestDistance = d;
            best = std::size_t(it - m_items.begin());
        }
    };
    for (auto it = mid; it != m_items.end() && it->sample - sample <= maxDistance; ++it)
        check(it);
    for (auto it = mid; it != m_items.begin();) {
        --it;
        if (sample - it->sample > maxDistance)
            break;
        check(it);
    }
    return best;
}

} // namespace cardiolens::ecg
