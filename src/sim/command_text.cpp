// How the parser shows what the user wrote in its messages, which bytes a command
// line may not contain, and unsigned numbers (command_parse.h).
#include <cstdint>
#include <cstdio>

#include "command_parse.h"

namespace cs {
namespace command_parse {
namespace {

// The length of the UTF-8 character starting at text[i], or 0 if the bytes there are not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char min_second = 0x80, max_second = 0xBF;  // the second byte's range rules out overlongs and surrogates
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) min_second = 0xA0;
        if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) min_second = 0x90;
        if (lead == 0xF4) max_second = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return length;
}

bool is_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\r') || c == 0x7F; }

}  // namespace

bool parse_u64(std::string_view text, std::uint64_t& out) {
    if (text.empty() || text.size() > 20) return false;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return false;
        value = value * 10 + digit;
    }
    out = value;
    return true;
}

bool check_plain_text(std::string_view line, std::string& error) {
    std::size_t i = 0;
    while (i < line.size()) {
        const std::size_t length = utf8_length(line, i);
        const unsigned char c = static_cast<unsigned char>(line[i]);
        if (length == 0 || (length == 1 && is_control(c))) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", c);
            error = "column " + std::to_string(i + 1) + ": byte " + hex +
                    (c < 0x80 ? " is a control character" : " is not valid UTF-8") + "; a scenario is plain text";
            return false;
        }
        i += length;
    }
    return true;
}

}  // namespace command_parse

std::string quote(std::string_view text) {
    using command_parse::is_control;
    using command_parse::utf8_length;
    constexpr std::size_t kMaxShown = 40;
    std::string out = "'";
    std::size_t i = 0;
    while (i < text.size()) {
        if (i >= kMaxShown) {
            out += "...";
            break;
        }
        const std::size_t length = utf8_length(text, i);
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (length == 0 || (length == 1 && (is_control(c) || c == '\t' || c == '\r'))) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out + "'";
}

}  // namespace cs
