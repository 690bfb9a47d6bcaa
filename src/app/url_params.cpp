#include "app/url_params.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "app/lesson_library.h"
#include "ui/ui_state.h"
#include "app/share_link.h"
#include "sim/command.h"

namespace cs::app {
namespace {

constexpr std::size_t kMaxParameters = 64;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-' || c == '+') return 62;
    if (c == '_' || c == '/') return 63;
    return -1;
}

// Notices quote what the user typed: one short printable line, even for a %00 or a
// byte that is not UTF-8 (the scenario parser's own quoting).
std::string quoted(const std::string& value) { return quote(value); }

// A link the page made (share_link.cpp) starts with this line and ends with a line
// break; one that does not end so was cut short on its way (a chat client, a
// length limit), and its last line may still parse as something else
// ("order PRD-1 12" cut to "order PRD-1 1").
constexpr std::string_view kPageLinkHeader = "# clustersim: reproduces a run";
bool cut_short(const std::string& text) {
    return text.rfind(kPageLinkHeader, 0) == 0 && (text.empty() || text.back() != '\n');
}

}  // namespace

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;  // a stray '%' stays as it is
        }
    }
    return out;
}

bool base64_decode(std::string_view text, std::string& out) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    if (text.size() % 4 == 1) return false;  // no byte count gives this length
    out.clear();
    std::uint32_t bits = 0;
    int bit_count = 0;
    for (const char c : text) {
        const int v = base64_value(c);
        if (v < 0) return false;
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out += static_cast<char>((bits >> bit_count) & 0xFF);
        }
    }
    // An encoder leaves the bits after the last byte zero; other bits there mean the
    // text was cut or altered (RFC 4648, section 3.5).
    return (bits & ((1u << bit_count) - 1)) == 0;
}

StartOptions parse_url_params(std::string_view query) {
    StartOptions options;
    bool step_given = false;
    if (!query.empty() && query.front() == '?') query.remove_prefix(1);
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        if (pairs.size() == kMaxParameters) {  // each would be a notice line on the page
            options.notices.push_back("more than " + std::to_string(kMaxParameters) + " URL parameters; the rest are ignored");
            break;
        }
        pairs.emplace_back(percent_decode(pair.substr(0, eq)),
                           eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1)));
    }
    std::map<std::string, std::size_t> last;  // each key's last position
    for (std::size_t i = 0; i < pairs.size(); ++i) last[pairs[i].first] = i;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const std::string& key = pairs[i].first;
        const std::string& value = pairs[i].second;
        // Two values for one thing: only the last is read, and the page says so
        // rather than mix them or drop one unseen.
        if (last[key] != i) {
            options.notices.push_back(quoted(key) + " is given more than once; only the last one is read");
            continue;
        }
        if (key == "seed") {
            unsigned long long seed = 0;
            if (parse_u64(value, seed)) {
                options.config.seed = seed;
                options.seed_given = true;
            } else {
                options.notices.push_back("seed " + quoted(value) + " is not a whole number >= 0; using seed " +
                                          std::to_string(options.config.seed));
            }
        } else if (key == "servers") {
            long long servers = 0;
            if (parse_int(value, 2, 64, servers))
                options.config.servers = static_cast<int>(servers);
            else
                options.notices.push_back("servers " + quoted(value) + " must be 2..64; using " +
                                          std::to_string(options.config.servers));
        } else if (key == "speed") {
            double speed = 0;
            if (parse_speed(value, speed))
                options.speed = speed;
            else
                options.notices.push_back("speed " + quoted(value) + " must be a number from 0.001 to 1000");
        } else if (key == "scenario") {
            std::string text, error;
            SharedScenario shared;
            if (!base64_decode(value, text)) {
                options.notices.push_back("scenario parameter is not URL-safe base64 (or was cut short); ignored");
            } else if (cut_short(text)) {
                options.notices.push_back("scenario parameter was cut short (the link is incomplete); ignored");
            } else if (!split_shared_scenario(text, shared, error)) {
                options.notices.push_back("scenario not loaded: " + error);
            } else {
                options.scenario = std::move(shared.base);
                options.journal = std::move(shared.journal);
            }
        } else if (key == "t") {
            TimeUs t = 0;
            if (parse_moment(value, t) && t >= 0 && t <= kMaxLinkMomentUs)
                options.start_at_us = t;
            else
                options.notices.push_back("t " + quoted(value) + " must be a moment like 12.5s (0 to 1 hour); starting at 0");
        } else if (key == "embed") {
            if (value == "1" || value == "true" || value.empty())
                options.embed = true;
            else if (value != "0" && value != "false")
                options.notices.push_back("embed " + quoted(value) + " must be 1 or 0");
        } else if (key == "lesson") {
            if (find_lesson(value))
                options.lesson = value;
            else
                options.notices.push_back("lesson " + quoted(value) + " not found (the Lesson tab lists them)");
        } else if (key == "view") {
            ui::SideTab tab{};
            if (ui::side_tab_from_view(value.c_str(), tab))
                options.view = value;
            else
                options.notices.push_back("view " + quoted(value) +
                                          " is not a tab (spacetime, history, inspect, shop, data, balancer, metrics, faults, log, lesson)");
        } else if (key == "theme") {
            if (value == "light")
                options.theme = ThemeChoice::Light;
            else if (value == "dark")
                options.theme = ThemeChoice::Dark;
            else if (value == "auto")
                options.theme = ThemeChoice::Auto;
            else
                options.notices.push_back("theme " + quoted(value) + " must be light, dark or auto");
        } else if (key == "step") {
            long long step = 0;
            if (parse_int(value, 1, 1000, step)) {
                options.lesson_step = static_cast<int>(step - 1);
                step_given = true;
            } else {
                options.notices.push_back("step " + quoted(value) + " must be a step number from 1");
            }
        } else {
            options.notices.push_back("unknown URL parameter " + quoted(key) + " ignored");
        }
    }
    if (step_given && options.lesson.empty()) {
        options.notices.push_back("step is for lessons: add lesson=NAME (" + lesson_names() + ")");
        options.lesson_step = 0;
    }
    return options;
}

}  // namespace cs::app
