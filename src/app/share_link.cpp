#include "app/share_link.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app/host.h"
#include "sim/scenario.h"

namespace cs::app {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// A command as the page would type it: no comment, single spaces.
std::string clean_line(std::string_view line) {
    const auto hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    std::string out;
    bool space = false;
    for (const char c : trim(line)) {
        const bool blank = c == ' ' || c == '\t';
        if (blank) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string price_text(std::int64_t cents) {
    char buffer[32];
    if (cents % 100 == 0)
        std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(cents / 100));
    else
        std::snprintf(buffer, sizeof buffer, "%lld.%02lld", static_cast<long long>(cents / 100),
                      static_cast<long long>(cents % 100));
    return buffer;
}

bool same_catalogue(const std::vector<Product>& a, const std::vector<Product>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].sku != b[i].sku || a[i].initial_stock != b[i].initial_stock || a[i].price_cents != b[i].price_cents)
            return false;
    return true;
}

// "at T line", or the line itself at time 0 (a scenario applies those at once, as the author's did).
std::string timed(TimeUs t, const std::string& line) { return t > 0 ? "at " + seconds_text(t) + " " + line : line; }

// What marks when an `at` command was issued (`at` cannot nest, so the time goes in a comment).
constexpr std::string_view kIssuedAt = "# issued at ";

// "at T command"; a command that was itself an `at` command keeps its own time and
// says when it was issued, so that the reader schedules it at the same moment.
std::string journal_line(const TimedLine& entry) {
    const std::string line = clean_line(entry.line);
    if (line.rfind("at ", 0) == 0) return line + "  " + std::string(kIssuedAt) + seconds_text(entry.at_us);
    return "at " + seconds_text(entry.at_us) + " " + line;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::uint32_t bits = 0;
    int bit_count = 0;
    for (const char c : bytes) {
        bits = (bits << 8) | static_cast<unsigned char>(c);
        bit_count += 8;
        while (bit_count >= 6) {
            bit_count -= 6;
            out += kAlphabet[(bits >> bit_count) & 63];
        }
    }
    if (bit_count > 0) out += kAlphabet[(bits << (6 - bit_count)) & 63];
    return out;
}

std::string seconds_text(TimeUs t) {
    const bool negative = t < 0;
    const unsigned long long magnitude = static_cast<unsigned long long>(negative ? -t : t);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%llu.%06llu", negative ? "-" : "", magnitude / 1000000,
                  magnitude % 1000000);
    std::string text = buffer;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text + "s";
}

bool parse_moment(std::string_view text, TimeUs& out) {
    text = trim(text);
    if (text.empty()) return false;
    const char last = text.back();
    if (last >= '0' && last <= '9') {
        // Bare seconds: parse_duration wants a unit.
        return parse_duration(std::string(text) + "s", out);
    }
    return parse_duration(text, out);
}

std::string config_lines(const Config& config) {
    std::string out = "servers " + std::to_string(config.servers) + "\n";
    out += "seed " + std::to_string(config.seed) + "\n";
    if (!same_catalogue(config.catalogue, default_catalogue()))
        for (const Product& p : config.catalogue)
            out += "product " + p.sku + " stock=" + std::to_string(p.initial_stock) + " price=" +
                   price_text(p.price_cents) + "\n";
    return out;
}

std::string reproducing_scenario(const Config& config, std::string_view base_text,
                                 const std::vector<TimedLine>& journal, std::string& error) {
    Scenario base;
    if (!base_text.empty() && !parse_scenario(base_text, "scenario", base, error)) return {};

    std::string out = "# clustersim: reproduces a run (README.md, \"Teachers\")\n" + config_lines(config);

    // The base scenario's commands at the times the page's loader gives them, in file order
    // (two commands due at the same time keep their order).
    TimeUs cursor_us = 0;
    for (const ScenarioLine& line : base.commands) {
        const Command& c = line.command;
        if (c.verb == Verb::Expect) continue;
        if (c.at_us < 0 && c.verb == Verb::Run) {
            cursor_us += c.time_us;
            continue;
        }
        if (c.at_us < 0 && c.verb == Verb::RunUntil) {
            cursor_us = std::max(cursor_us, c.time_us);
            continue;
        }
        out += timed(c.at_us >= 0 ? c.at_us : cursor_us, c.text) + "\n";
    }

    if (!journal.empty()) {
        out += std::string(kJournalMarker) + "\n";
        for (const TimedLine& entry : journal) out += journal_line(entry) + "\n";
    }
    return out;
}

std::string reproducing_scenario(const Host& host, std::string& error) {
    std::vector<TimedLine> journal;
    journal.reserve(host.journal().size());
    for (const JournalEntry& entry : host.journal()) journal.push_back({entry.at_us, entry.line});
    return reproducing_scenario(host.sim().config(), host.base_scenario(), journal, error);
}

LinkState link_state(const Host& host, std::string& error) {
    LinkState state;
    state.seed = host.seed();
    state.scenario = reproducing_scenario(host, error);
    state.speed = host.playback().speed;
    state.t_us = host.sim().now_us();
    return state;
}

std::string link_query(const LinkState& state) {
    char speed[32];
    std::snprintf(speed, sizeof speed, "%g", state.speed);
    return "?seed=" + std::to_string(state.seed) + "&speed=" + speed + "&t=" + seconds_text(state.t_us) +
           "&scenario=" + base64url_encode(state.scenario);
}

std::string lesson_query(std::string_view lesson, int step_index) {
    std::string query = "?lesson=" + std::string(lesson);
    if (step_index > 0) query += "&step=" + std::to_string(step_index + 1);
    return query;
}

bool split_shared_scenario(std::string_view text, SharedScenario& out, std::string& error) {
    out = SharedScenario{};
    if (text.find(kJournalMarker) == std::string_view::npos) {  // an ordinary scenario: all base, as it is
        out.base = std::string(text);
        return true;
    }
    std::size_t start = 0;
    int line_number = 0;
    bool in_journal = false;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view raw = text.substr(start, end - start);
        ++line_number;
        start = end + 1;
        if (!in_journal) {
            if (trim(raw) == kJournalMarker) {
                in_journal = true;
            } else {
                out.base.append(raw);
                out.base += '\n';
            }
        } else {
            const std::string line = clean_line(raw);
            const auto issued = raw.find(kIssuedAt);
            TimedLine scheduled;
            if (!line.empty() && issued != std::string_view::npos &&
                parse_duration(trim(raw.substr(issued + kIssuedAt.size())), scheduled.at_us)) {
                scheduled.line = line;  // the `at` command itself, issued at that moment
                out.journal.push_back(std::move(scheduled));
            } else if (!line.empty()) {
                // "at T command": the command, issued at T.
                const auto first = line.find(' ');
                const auto second = first == std::string::npos ? first : line.find(' ', first + 1);
                TimedLine entry;
                if (line.compare(0, first, "at") != 0 || second == std::string::npos ||
                    !parse_duration(std::string_view(line).substr(first + 1, second - first - 1), entry.at_us)) {
                    error = "scenario:" + std::to_string(line_number) +
                            ": after the page's marker every line must be 'at TIME COMMAND', got " + quote(line);
                    return false;
                }
                entry.line = line.substr(second + 1);
                out.journal.push_back(std::move(entry));
            }
        }
        if (end == text.size()) break;
    }
    // In time order: replaying one in the past would cut off the ones after it. (Only a
    // command that was itself an `at` command can be out of order; equal times keep theirs.)
    std::stable_sort(out.journal.begin(), out.journal.end(),
                     [](const TimedLine& a, const TimedLine& b) { return a.at_us < b.at_us; });
    return true;
}

void replay_journal(Host& host, const std::vector<TimedLine>& journal) {
    for (const TimedLine& entry : journal) {
        if (entry.at_us > kMaxLinkMomentUs) {  // simulating that far at once would freeze the page
            host.notify("link: commands after " + seconds_text(kMaxLinkMomentUs) + " are not replayed");
            return;
        }
        host.seek(entry.at_us);
        const CommandResult result = host.command(entry.line);
        if (!result.ok) host.notify("link: " + quote(entry.line) + " at " + seconds_text(entry.at_us) + ": " + result.error);
    }
}

bool load_shared_scenario(Host& host, std::string_view text, std::string& error) {
    SharedScenario shared;
    if (!split_shared_scenario(text, shared, error)) return false;
    const CommandResult loaded = host.load(shared.base);
    if (!loaded.ok) {
        error = loaded.error;
        return false;
    }
    replay_journal(host, shared.journal);
    return true;
}

}  // namespace cs::app
