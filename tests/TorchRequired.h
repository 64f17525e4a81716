#pragma once
// Skips for an absent libtorch backend. CI sets CARDIOLENS_REQUIRE_TORCH=1 (.ci/run): there a
// missing or unloadable torch plugin is a failure, not a skip that ctest would count as a pass.
// Use these only for the backend itself; a model run that fails or a bundled model that is
// missing must fail the test, whatever the variable says.

#include <QString>
#include <QtTest>

namespace cardiolens::test {

inline bool torchRequired() {
    return qEnvironmentVariable("CARDIOLENS_REQUIRE_TORCH") == QLatin1String("1");
}

} // namespace cardiolens::test

/// Skips the test with `why` (a QString), or fails it when CARDIOLENS_REQUIRE_TORCH=1.
#define CARDIOLENS_SKIP_WITHOUT_TORCH(why)                                                         \
    do {                                                                                           \
        if (cardiolens::test::torchRequired())                                                     \
            QFAIL(qPrintable(QStringLiteral("CARDIOLENS_REQUIRE_TORCH=1 but ") + (why)));          \
        QSKIP(qPrintable(QString(why)));                                                           \
    } while (false)

/// For tests linking core/inference: skips (or fails under CI) when the torch plugin does not
/// load, naming the loader's reason.
#define CARDIOLENS_REQUIRE_TORCH_BACKEND()                                                         \
    do {                                                                                           \
        const auto backend_ = cardiolens::inference::TorchScriptModel::backendVersion();           \
        if (!backend_.ok())                                                                        \
            CARDIOLENS_SKIP_WITHOUT_TORCH(backend_.error().message);                               \
    } while (false)
