#include "ui/time_controls.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cs::ui {
namespace {

// The ladder's rungs in one decade; every speed is rung x 10^k.
constexpr double kRungs[] = {1.0, 2.0, 5.0};

std::string printf_string(const char* format, double value) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

}  // namespace

double speed_step(double speed, int direction) {
    if (!(speed > 0.0)) return kDefaultSpeed;
    // All rungs from kMinSpeed to kMaxSpeed, then the first strictly above/below.
    std::vector<double> ladder;
    for (int exponent = -3; exponent <= 3; ++exponent)
        for (double rung : kRungs) {
            const double value = rung * std::pow(10.0, exponent);
            if (value >= kMinSpeed * 0.999 && value <= kMaxSpeed * 1.001) ladder.push_back(value);
        }
    constexpr double kSame = 1e-6;  // relative: 0.1 typed as 0.1000001 still counts as a rung
    if (direction > 0) {
        for (double value : ladder)
            if (value > speed * (1.0 + kSame)) return value;
        return kMaxSpeed;
    }
    for (auto it = ladder.rbegin(); it != ladder.rend(); ++it)
        if (*it < speed * (1.0 - kSame)) return *it;
    return kMinSpeed;
}

std::string format_speed(double speed) {
    return printf_string(speed_format(speed), speed);
}

const char* speed_format(double speed) {
    // %g drops trailing zeros (0.1, 0.005, 2.5) but writes 1000 as 1e+03.
    return speed >= 100.0 ? "%.0f\u00d7" : "%.3g\u00d7";
}

std::string format_sim_time(TimeUs t, bool precise) {
    const double seconds = static_cast<double>(t) / 1e6;
    return printf_string(precise ? "%.6f s" : "%.3f s", seconds);
}

std::string format_tick(TimeUs t, TimeUs step_us) {
    if (step_us < 1000) return printf_string("%.3f ms", static_cast<double>(t) / 1e3);
    if (step_us < 1000000) {
        if (t % 1000000 == 0) return printf_string("%.0f s", static_cast<double>(t) / 1e6);
        return printf_string(step_us % 100000 == 0 ? "%.1f s" : "%.2f s", static_cast<double>(t) / 1e6);
    }
    const TimeUs total_s = t / 1000000;
    if (total_s >= 60 && step_us % 1000000 == 0) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", static_cast<long long>(total_s / 60),
                      static_cast<long long>(total_s % 60));
        return buffer;
    }
    return printf_string("%.0f s", static_cast<double>(t) / 1e6);
}

TimelineRange timeline_range(const TimelineView& view, TimeUs now_us) {
    TimelineRange range;
    range.start_us = view.earliest_us;
    range.end_us = std::max({view.latest_us, now_us, view.earliest_us + us_from_s(1)});
    return range;
}

float time_to_x(TimeUs t, const TimelineRange& range, float x0, float width) {
    const double span = static_cast<double>(range.end_us - range.start_us);
    if (span <= 0.0) return x0;
    const double f = std::clamp(static_cast<double>(t - range.start_us) / span, 0.0, 1.0);
    return x0 + static_cast<float>(f * width);
}

TimeUs x_to_time(float x, const TimelineRange& range, float x0, float width) {
    if (!(width > 0.0f)) return range.start_us;
    const double f = std::clamp(static_cast<double>(x - x0) / width, 0.0, 1.0);
    return range.start_us + static_cast<TimeUs>(std::llround(f * static_cast<double>(range.end_us - range.start_us)));
}

TimeUs tick_step_us(TimeUs span_us, float width_px, float min_gap_px) {
    if (span_us <= 0 || !(width_px > 0.0f)) return us_from_s(1);
    const double min_step = static_cast<double>(span_us) * std::max(1.0f, min_gap_px) / width_px;
    for (double decade = 1.0; decade < 1e13; decade *= 10.0)
        for (double rung : kRungs)
            if (rung * decade >= min_step) return static_cast<TimeUs>(rung * decade);
    return span_us;
}

std::uint64_t next_seed(std::uint64_t seed) {
    // splitmix64: a new seed that has nothing visibly in common with the last.
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    const std::uint64_t next = 1 + z % 99999;
    return next == seed ? 1 + (next % 99999) : next;
}

bool parse_seed(const char* text, std::uint64_t& out) {
    if (!text) return false;
    while (*text == ' ') ++text;
    std::size_t n = std::strlen(text);
    while (n > 0 && text[n - 1] == ' ') --n;
    if (n == 0 || n > 16) return false;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    if (value > (std::uint64_t{1} << 53)) return false;  // the JSON state carries it as a double
    out = value;
    return true;
}

std::uint64_t seed_in_field(const TimeControlsState& state, std::uint64_t running) {
    std::uint64_t typed = running;
    return parse_seed(state.seed_text, typed) ? typed : running;
}

const char* milestone_label(MilestoneKind kind) {
    switch (kind) {
        case MilestoneKind::Crash: return "crash";
        case MilestoneKind::Restart: return "restart";
        case MilestoneKind::Fault: return "network fault";
        case MilestoneKind::Heal: return "heal";
        case MilestoneKind::ElectionStart: return "election starts";
        case MilestoneKind::LeaderElected: return "leader elected";
        case MilestoneKind::Violation: return "violation";
    }
    return "?";
}

std::string describe_milestone(const Milestone& m, const std::vector<Violation>* violations) {
    const std::string server = m.node >= 1 ? "server " + std::to_string(m.node) : std::string();
    switch (m.kind) {
        case MilestoneKind::Crash: return server.empty() ? "a server crashed" : server + " crashed";
        case MilestoneKind::Restart: return server.empty() ? "a server restarted" : server + " restarted";
        case MilestoneKind::Fault: return server.empty() ? "network fault" : "network fault at " + server;
        case MilestoneKind::Heal: return "network healed";
        case MilestoneKind::ElectionStart:
            return server.empty() ? "an election starts" : server + " starts an election";
        case MilestoneKind::LeaderElected: return server.empty() ? "a leader is elected" : server + " elected leader";
        case MilestoneKind::Violation: {
            if (violations && m.index >= 0 && static_cast<std::size_t>(m.index) < violations->size()) {
                const Violation& v = (*violations)[static_cast<std::size_t>(m.index)];
                std::string text = std::string("violation: ") + violation_kind_name(v.kind);
                if (!v.detail.empty()) text += " (" + v.detail + ")";
                return text;
            }
            return "violation";
        }
    }
    return "?";
}

}  // namespace cs::ui
