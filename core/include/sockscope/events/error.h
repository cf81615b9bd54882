// Error values of the engine.
//
// Errors are values, never exceptions: a std::error_code in one of two
// categories. System errors use std::system_category() with the errno value;
// getaddrinfo/getnameinfo failures use resolverCategory() with the EAI_*
// value. Both keep their origin: the number, the symbolic name
// (ECONNREFUSED, EAI_NONAME) and the C library's text. Sentences for people
// are made on the Qt side by the message catalogue (ui/message_catalog.h),
// which receives the code and turns it into translated text.
#pragma once

#include <string>
#include <string_view>
#include <system_error>

namespace sockscope {

/// The category of getaddrinfo()/getnameinfo() results (EAI_* values).
const std::error_category &resolverCategory() noexcept;

/// A resolver error. EAI_SYSTEM is turned into the errno it stands for, so
/// callers never see a code that hides the real one.
std::error_code resolverError(int eaiCode, int savedErrno) noexcept;

/// The engine's own conditions, named like the errno they resemble, with no
/// errno: the kernel did not report them (errnoValue() is 0).
enum class EngineError {
    GaveUpWaiting = 1, ///< "ETIMEDOUT": our own timeout passed (an attempt's, or the whole race's)
};
const std::error_category &engineCategory() noexcept;
std::error_code engineError(EngineError error) noexcept;

/// The error in errno right now, as a system error_code.
std::error_code lastSystemError() noexcept;

/// The symbolic name of an error: "ECONNREFUSED", "EAI_NONAME". For a code
/// with no known name: "E<number>" (system) or "EAI_<number>" (resolver).
std::string errorName(const std::error_code &error);

/// The error errorName() names: a system error when `errnoValue` is set,
/// else the EAI_* code called `name`; an empty code for a name not known.
std::error_code errorFromName(std::string_view name, int errnoValue);

/// The errno value for a system error, 0 for any other category.
int errnoValue(const std::error_code &error) noexcept;

/// The C library's English text for the error (strerror / gai_strerror).
/// Used where no message catalogue is installed (core tests, defaults).
std::string errorText(const std::error_code &error);

} // namespace sockscope
