// libFuzzer target for the endpoint parser and the hint parsers: whatever
// the bytes, they return a value or an InputError, never crash, and what
// they accept keeps its promises.
#include <sockscope/resolve/endpoint.h>
#include <sockscope/resolve/resolve_options.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkEndpoint(std::string_view input, bool allowEmptyHost)
{
    const auto result = sockscope::parseEndpoint(input, {allowEmptyHost});
    if (const auto *error = std::get_if<sockscope::InputError>(&result)) {
        check(error->position <= input.size());
        check(!error->field.empty());
        return;
    }
    const auto &endpoint = std::get<sockscope::Endpoint>(result);
    check(input.find('\0') == std::string_view::npos);
    if (endpoint.kind == sockscope::Endpoint::Kind::Unix) {
        check(!endpoint.path.empty() && endpoint.path.size() <= sockscope::kMaxUnixPath);
        return;
    }
    check(allowEmptyHost || !endpoint.host.empty());
    check(endpoint.host.size() <= sockscope::kMaxHostName + 1 || endpoint.ipv6Literal ||
          sockscope::isInternationalName(endpoint.host));
    check(endpoint.fallbackPort.empty() || !endpoint.service.empty());
    // What was accepted parses again to the same thing, piece by piece.
    if (!endpoint.host.empty()) {
        std::string host;
        bool ipv6 = false;
        check(!sockscope::parseHost(endpoint.host, host, ipv6));
        check(host == endpoint.host && ipv6 == endpoint.ipv6Literal);
    }
    if (!endpoint.service.empty()) {
        std::string service, fallback;
        const std::string text =
            endpoint.fallbackPort.empty() ? endpoint.service : endpoint.service + "(" + endpoint.fallbackPort + ")";
        check(!sockscope::parseService(text, service, fallback));
        check(service == endpoint.service && fallback == endpoint.fallbackPort);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    checkEndpoint(input, false);
    checkEndpoint(input, true);
    int flags = 0;
    sockscope::parseFlagsOption(input, flags);
    int family = 0;
    sockscope::parseFamilyOption(input, family);
    return 0;
}
