#include "app/options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace cs::app {

bool parse_int(const std::string& text, long long lo, long long hi, long long& out) {
    // strtoll also takes " 5", "+5" and "\t5"; a number here is written as digits.
    const std::size_t digits = !text.empty() && text[0] == '-' ? 1 : 0;
    if (text.size() == digits || text.size() > 20 || text.find_first_not_of("0123456789", digits) != std::string::npos)
        return false;
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || end != text.c_str() + text.size() || value < lo || value > hi) return false;
    out = value;
    return true;
}

bool parse_u64(const std::string& text, unsigned long long& out) {
    // strtoull accepts "-1" (and wraps it); a seed is written as digits only.
    if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) return false;
    char* end = nullptr;
    errno = 0;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (errno != 0 || end != text.c_str() + text.size()) return false;
    out = value;
    return true;
}

bool parse_speed(const std::string& text, double& out) {
    std::string number = text;
    if (!number.empty() && (number.back() == 'x' || number.back() == 'X')) number.pop_back();  // "0.5x"
    // strtod also takes "0x10", "1e2", " 5" and "inf"; a speed is written as a plain decimal.
    if (number.empty() || number.find_first_not_of("0123456789.") != std::string::npos) return false;
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size() || !std::isfinite(value) || value < ui::kMinSpeed ||
        value > ui::kMaxSpeed)
        return false;
    out = value;
    return true;
}

}  // namespace cs::app
