#pragma once
// Links that reproduce what their author saw (README.md, "Teachers"):
//
//   ?seed=S&speed=X&t=12.345678s&scenario=<URL-safe base64 of a scenario text>
//
// The scenario text is one ordinary scenario (it parses, and `clustersim-cli
// run` takes it): the setup lines, the commands of the scenario the run
// started from as `at T ...` lines, then a marker comment and every command the
// user issued in the page, again as `at T ...` lines. No `run` lines, so every
// `at` time is valid at parse time.
//
// The page that opens the link loads the part before the marker as a scenario
// and re-issues the part after it through the Host at the same simulated times,
// exactly as the author's Host replays its journal: a command issued at T comes
// after every event due at T. (Loading the whole text as a scenario would be
// almost the same, but a scheduled `at T` command runs before the other events
// due at T, which differs when they tie to the microsecond.)
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/options.h"
#include "sim/config.h"
#include "sim/time.h"

namespace cs::app {

class Host;

// The line that separates a shared scenario's own commands from the user's.
inline constexpr std::string_view kJournalMarker = "# commands issued in the page, at their times:";
// Opening a link simulates up to its moment at once; beyond this it would freeze the page.
inline constexpr TimeUs kMaxLinkMomentUs = 3600LL * 1000000;

// RFC 4648 section 5 alphabet (-_), no padding: nothing in it needs escaping in a query.
std::string base64url_encode(std::string_view bytes);

// Exact to the microsecond and readable: "3s", "12.345678s", "0.25s".
std::string seconds_text(TimeUs t);
// "12.345678s", "250ms", or a bare number of seconds ("12.5"). False on anything else.
bool parse_moment(std::string_view text, TimeUs& out);

// The setup lines that build `config`'s world: servers, seed and (if not the default) products.
std::string config_lines(const Config& config);

// The scenario text that reproduces a run: `config`'s servers, seed and (if not
// the default) products, the commands of `base_text` at their times, and the
// journal after the marker. Empty with `error` set if base_text does not parse.
std::string reproducing_scenario(const Config& config, std::string_view base_text,
                                 const std::vector<TimedLine>& journal, std::string& error);
std::string reproducing_scenario(const Host& host, std::string& error);

struct LinkState {
    std::uint64_t seed = 1;
    std::string scenario;
    double speed = 0.1;
    TimeUs t_us = 0;
};
LinkState link_state(const Host& host, std::string& error);
// "?seed=...&speed=...&t=...&scenario=..." (the page prepends its own address).
std::string link_query(const LinkState& state);
// "?lesson=NAME&step=K" (K 1-based, as the Lesson tab numbers steps).
std::string lesson_query(std::string_view lesson, int step_index);

// A shared scenario cut at the marker: what to load, and what to re-issue at its times.
// Text without a marker is all base. False (with error) for a malformed journal line.
struct SharedScenario {
    std::string base;
    std::vector<TimedLine> journal;
};
bool split_shared_scenario(std::string_view text, SharedScenario& out, std::string& error);

// Re-issues journal lines through the host, each at its time, as its journal replay
// does. Refused lines become notices. Leaves the host at the last line's time.
void replay_journal(Host& host, const std::vector<TimedLine>& journal);

// Loads a scenario as the page's load does, but a shared one (with the marker)
// the way its link would open it. On error nothing changes.
bool load_shared_scenario(Host& host, std::string_view text, std::string& error);

}  // namespace cs::app
