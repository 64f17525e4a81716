#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <cstdio>

namespace cardiolens {

/// Writes machine output: indented JSON on the given stream, UTF-8, newline-terminated.
void writeJson(const QJsonValue& value, std::FILE* out = stdout);

} // namespace cardiolens
