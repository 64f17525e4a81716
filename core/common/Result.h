#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace cardiolens {

/// An error a user can act on: what went wrong and with which file.
struct Error {
    QString message;
    QString file; ///< Path of the offending file; empty when no file is involved.

    /// "file: message", the form every front end prints.
    QString describe() const {
        return file.isEmpty() ? message : file + QStringLiteral(": ") + message;
    }
};

/// A value or an Error. C++20 has no std::expected; this is the small part of it we use.
template <typename T> class Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Shorthand for building an Error about a file.
inline Error fileError(const QString& file, const QString& message) {
    return Error{message, file};
}

} // namespace cardiolens
