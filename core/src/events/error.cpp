#include "sockscope/events/error.h"

#include <cerrno>
#include <cstring>
#include <netdb.h>

namespace sockscope {
namespace {

struct EaiName {
    int code;
    const char *name;
};

// The GNU extensions (EAI_NODATA, EAI_ADDRFAMILY, ...) are what glibc
// actually returns for some answers, so they are named too.
constexpr EaiName kEaiNames[] = {
    {EAI_BADFLAGS, "EAI_BADFLAGS"},     {EAI_NONAME, "EAI_NONAME"},
    {EAI_AGAIN, "EAI_AGAIN"},           {EAI_FAIL, "EAI_FAIL"},
    {EAI_FAMILY, "EAI_FAMILY"},         {EAI_SOCKTYPE, "EAI_SOCKTYPE"},
    {EAI_SERVICE, "EAI_SERVICE"},       {EAI_MEMORY, "EAI_MEMORY"},
    {EAI_SYSTEM, "EAI_SYSTEM"},         {EAI_OVERFLOW, "EAI_OVERFLOW"},
    {EAI_NODATA, "EAI_NODATA"},         {EAI_ADDRFAMILY, "EAI_ADDRFAMILY"},
    {EAI_INPROGRESS, "EAI_INPROGRESS"}, {EAI_CANCELED, "EAI_CANCELED"},
    {EAI_NOTCANCELED, "EAI_NOTCANCELED"}, {EAI_ALLDONE, "EAI_ALLDONE"},
    {EAI_INTR, "EAI_INTR"},             {EAI_IDN_ENCODE, "EAI_IDN_ENCODE"},
};

class ResolverCategory final : public std::error_category {
public:
    const char *name() const noexcept override { return "resolver"; }
    std::string message(int code) const override { return ::gai_strerror(code); }
};

class EngineCategory final : public std::error_category {
public:
    const char *name() const noexcept override { return "sockscope"; }
    std::string message(int) const override { return "Timed out (gave up waiting)"; }
};

} // namespace

const std::error_category &engineCategory() noexcept
{
    static const EngineCategory category;
    return category;
}

std::error_code engineError(EngineError error) noexcept
{
    return {static_cast<int>(error), engineCategory()};
}

const std::error_category &resolverCategory() noexcept
{
    static const ResolverCategory category;
    return category;
}

std::error_code resolverError(int eaiCode, int savedErrno) noexcept
{
    if (eaiCode == EAI_SYSTEM && savedErrno != 0)
        return {savedErrno, std::system_category()};
    return {eaiCode, resolverCategory()};
}

std::error_code lastSystemError() noexcept
{
    return {errno, std::system_category()};
}

int errnoValue(const std::error_code &error) noexcept
{
    if (error.category() == std::system_category() || error.category() == std::generic_category())
        return error.value();
    return 0;
}

std::string errorName(const std::error_code &error)
{
    if (error.category() == engineCategory())
        return "ETIMEDOUT";
    if (error.category() == resolverCategory()) {
        for (const EaiName &entry : kEaiNames) {
            if (entry.code == error.value())
                return entry.name;
        }
        return "EAI_" + std::to_string(error.value());
    }
    if (const char *name = ::strerrorname_np(error.value()))
        return name;
    return "E" + std::to_string(error.value());
}

std::error_code errorFromName(std::string_view name, int errnoValue)
{
    if (errnoValue > 0)
        return {errnoValue, std::system_category()};
    if (name == "ETIMEDOUT")
        return engineError(EngineError::GaveUpWaiting);
    for (const EaiName &entry : kEaiNames) {
        if (name == entry.name)
            return {entry.code, resolverCategory()};
    }
    return {};
}

std::string errorText(const std::error_code &error)
{
    if (error.category() == engineCategory())
        return error.message();
    if (error.category() == resolverCategory())
        return ::gai_strerror(error.value());
    if (const char *text = ::strerrordesc_np(error.value()))
        return text;
    return error.message();
}

} // namespace sockscope
