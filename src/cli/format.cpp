#include "cli/format.h"

#include <cstdio>

namespace cs::cli {

std::string human_time(TimeUs t) {
    const char* sign = t < 0 ? "-" : "";
    if (t < 0) t = -t;
    const long long ms = static_cast<long long>(t / 1000);
    const long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
    char buffer[64];
    if (h == 0 && m == 0 && s == 0) {
        std::snprintf(buffer, sizeof buffer, "%s%lldms", sign, frac);
        return buffer;
    }
    char seconds[24];
    if (frac == 0) std::snprintf(seconds, sizeof seconds, "%llds", s);
    else if (frac % 100 == 0) std::snprintf(seconds, sizeof seconds, "%lld.%llds", s, frac / 100);
    else if (frac % 10 == 0) std::snprintf(seconds, sizeof seconds, "%lld.%02llds", s, frac / 10);
    else std::snprintf(seconds, sizeof seconds, "%lld.%03llds", s, frac);
    if (h > 0) std::snprintf(buffer, sizeof buffer, "%s%lldh%lldm%s", sign, h, m, seconds);
    else if (m > 0) std::snprintf(buffer, sizeof buffer, "%s%lldm%s", sign, m, seconds);
    else std::snprintf(buffer, sizeof buffer, "%s%s", sign, seconds);
    return buffer;
}

std::string si(double value) {
    char buffer[32];
    if (value >= 1e9) std::snprintf(buffer, sizeof buffer, "%.3gG", value / 1e9);
    else if (value >= 1e6) std::snprintf(buffer, sizeof buffer, "%.3gM", value / 1e6);
    else if (value >= 1e3) std::snprintf(buffer, sizeof buffer, "%.4gk", value / 1e3);
    else std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
}

bool parse_whole(const std::string& text, std::uint64_t& out) {
    // Every 64-bit number (the page takes seed=18446744073709551615; 19 digits at most
    // once refused it here), and nothing that overflows.
    if (text.empty() || text.size() > 20) return false;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (v > (UINT64_MAX - digit) / 10) return false;
        v = v * 10 + digit;
    }
    out = v;
    return true;
}

}  // namespace cs::cli
