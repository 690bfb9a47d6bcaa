#pragma once
// The run's events as a ShiViz log (https://bestchai.bitbucket.io/shiviz/), so the
// execution opens in the field's own space-time viewer. ShiViz's default format, two
// lines per event:
//     1.204512s send ELECTION #412 to server6
//     server5 {"server5": 17, "server2": 9, "clients": 40}
// The file starts with ShiViz's two header lines (the parser expression, and an empty
// line: one execution), so it can be uploaded as it is.
//
// Hosts are "clients" (the clients and the load balancer: one lane) and
// "server1".."serverN". A clock lists its non-zero components. When the oldest
// events are no longer kept (causality.h), the log starts later and every component
// counts from there: ShiViz wants each host's first event to be 1.
#include <cstddef>
#include <string>

#include "causality.h"

namespace cs {

inline constexpr const char* kShivizRegex = "(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})";

std::string shiviz_host_name(int lane);

// The whole kept history; stops (and says so in a last event) beyond max_bytes.
std::string shiviz_log(const CausalStore& store, std::size_t max_bytes = 64u << 20);

// Checks a ShiViz log as ShiViz reads it, and the clock rules: each host's own
// component is 1 at its first event and grows by exactly one per event; every
// delivery ("deliver T #ID") dominates its send's clock. "" if it holds, else what
// broke first (with the line number).
std::string verify_shiviz_log(const std::string& text);

}  // namespace cs
