// Crash-test child: journal_child STORE SESSION BASE_REVISION. Loads the base revision,
// then performs the JournalScript actions forever, journaling each and printing its number
// once append() returned (the moment an editor shows the action as done). The test kills
// it with SIGKILL at an arbitrary point.
#include "JournalScript.h"

#include "labels/LabelStore.h"

#include <QCoreApplication>

#include <cstdio>

using namespace cardiolens;

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: journal_child STORE SESSION BASE_REVISION\n");
        return 2;
    }
    auto location = labels::StoreLocation::parse(args[1]);
    auto store = location ? labels::LabelStore::open(*location)
                          : Result<std::unique_ptr<labels::LabelStore>>(location.error());
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().describe()));
        return 1;
    }
    auto base = (*store)->loadSegmentation(args[3].toLongLong());
    if (!base) {
        std::fprintf(stderr, "%s\n", qPrintable(base.error().describe()));
        return 1;
    }
    labels::EditJournal journal(**store);
    for (int n = 1;; ++n) {
        auto seq = journal.append(args[2].toLongLong(), test::journalScriptAction(base->labels, n));
        if (!seq || *seq != n) {
            std::fprintf(stderr, "append %d: %s\n", n,
                         seq ? "wrong sequence" : qPrintable(seq.error().describe()));
            return 1;
        }
        std::printf("%d\n", n);
        std::fflush(stdout);
    }
}
