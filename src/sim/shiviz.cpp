#include "shiviz.h"

#include <cstdio>
#include <map>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace cs {
namespace {

std::string describe(const CausalEvent& e) {
    char time[32];
    std::snprintf(time, sizeof time, "%lld.%06llds ", static_cast<long long>(e.time_us / 1000000),
                  static_cast<long long>(e.time_us % 1000000));
    std::string text = time;
    text += causal_kind_name(e.kind);
    if (is_message_kind(e.kind)) {
        text += ' ';
        text += msg_type_name(e.type);
        text += " #" + std::to_string(e.message_id);
        text += e.kind == CausalKind::Send ? " to " : " from ";
        text += shiviz_host_name(e.peer);
        if (e.kind == CausalKind::Send && e.lost != DropReason::None)
            text += std::string(", lost (") + drop_reason_name(e.lost) + ")";
        if (e.kind == CausalKind::Dropped) text += ", not handled (server crashed)";
        if (e.order_id != 0) text += ", order " + std::to_string(e.order_id);
    } else if (e.kind == CausalKind::Violation) {
        text += " #" + std::to_string(e.violation);
    }
    return text;
}

// Parses {"host": n, ...} as this file writes it (and as ShiViz reads it).
bool parse_clock(const std::string& json, std::map<std::string, long long>& out) {
    std::size_t i = json.find('{');
    if (i == std::string::npos || json.back() != '}') return false;
    ++i;
    while (i < json.size()) {
        while (i < json.size() && (json[i] == ' ' || json[i] == ',')) ++i;
        if (json[i] == '}') return true;
        if (json[i] != '"') return false;
        const std::size_t end = json.find('"', i + 1);
        if (end == std::string::npos) return false;
        const std::string host = json.substr(i + 1, end - i - 1);
        i = json.find(':', end);
        if (i == std::string::npos) return false;
        char* stop = nullptr;
        const long long v = std::strtoll(json.c_str() + i + 1, &stop, 10);
        if (stop == json.c_str() + i + 1) return false;
        out[host] = v;
        i = static_cast<std::size_t>(stop - json.c_str());
    }
    return false;
}

// "deliver ELECTION #412 from ..." -> 412 (and the verb), from a description line.
bool message_of(const std::string& line, std::string& verb, std::string& id) {
    std::istringstream in(line);
    std::string time, type, hash;
    if (!(in >> time >> verb >> type >> hash) || hash.size() < 2 || hash[0] != '#') return false;
    id = hash.substr(1);
    return true;
}

}  // namespace

std::string shiviz_host_name(int lane) { return lane == 0 ? "clients" : "server" + std::to_string(lane); }

std::string shiviz_log(const CausalStore& store, std::size_t max_bytes) {
    std::string out = std::string(kShivizRegex) + "\n\n";
    const int lanes = store.lanes();
    // Counts restart where the kept history starts (ShiViz wants each host to start at 1).
    std::vector<std::uint32_t> base(static_cast<std::size_t>(lanes), 0);
    std::vector<bool> seen(static_cast<std::size_t>(lanes), false);
    const std::uint64_t first = store.first_index();
    bool truncated = false;
    store.decode(first, store.end_index(), [&](const CausalEvent& e, const std::uint32_t* clock) {
        if (!seen[static_cast<std::size_t>(e.lane)]) {  // a lane's first kept event fixes its base
            seen[static_cast<std::size_t>(e.lane)] = true;
            base[static_cast<std::size_t>(e.lane)] = clock[e.lane] - 1;
        }
        if (out.size() > max_bytes) {
            truncated = true;
            return false;
        }
        out += describe(e);
        out += '\n';
        out += shiviz_host_name(e.lane);
        out += " {";
        const std::string own = shiviz_host_name(e.lane);
        out += "\"" + own + "\": " + std::to_string(clock[e.lane] - base[static_cast<std::size_t>(e.lane)]);
        for (int k = 0; k < lanes; ++k) {
            // A lane not seen yet knows nothing kept of k's... and k not seen yet has base 0.
            if (k == e.lane || clock[k] <= base[static_cast<std::size_t>(k)] || !seen[static_cast<std::size_t>(k)]) continue;
            out += ", \"" + shiviz_host_name(k) + "\": " + std::to_string(clock[k] - base[static_cast<std::size_t>(k)]);
        }
        out += "}\n";
        return true;
    });
    if (truncated) out += "log truncated here (size bound)\nclients {\"clients\": 0}\n";
    return out;
}

std::string verify_shiviz_log(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != kShivizRegex) return "line 1: not ShiViz's parser expression";
    if (!std::getline(in, line) || !line.empty()) return "line 2: expected an empty line (one execution)";
    std::map<std::string, long long> last_own;
    std::unordered_map<std::string, std::map<std::string, long long>> sends;
    int number = 2;
    std::string description, clock_line;
    while (std::getline(in, description)) {
        ++number;
        if (!std::getline(in, clock_line)) return "line " + std::to_string(number) + ": an event without a clock line";
        ++number;
        const std::string where = "line " + std::to_string(number) + ": ";
        const std::size_t space = clock_line.find(' ');
        if (space == std::string::npos || space == 0) return where + "expected 'HOST {clock}'";
        const std::string host = clock_line.substr(0, space);
        std::map<std::string, long long> clock;
        if (!parse_clock(clock_line.substr(space + 1), clock)) return where + "the clock is not {\"host\": n, ...}";
        const auto own = clock.find(host);
        if (own == clock.end()) return where + host + "'s clock lacks its own component";
        const long long expected = last_own.count(host) ? last_own[host] + 1 : 1;
        if (own->second != expected)
            return where + host + "'s own component is " + std::to_string(own->second) + ", expected " +
                   std::to_string(expected);
        last_own[host] = own->second;
        std::string verb, id;
        if (!message_of(description, verb, id)) continue;
        if (verb == "send" && description.find(", lost (") == std::string::npos) sends[id] = clock;
        if (verb != "deliver") continue;
        const auto sent = sends.find(id);
        if (sent == sends.end()) continue;  // sent before the kept history
        for (const auto& [h, v] : sent->second) {
            const auto mine = clock.find(h);
            if (mine == clock.end() || mine->second < v)
                return where + "delivery of #" + id + " does not dominate its send (" + h + ": " +
                       std::to_string(v) + " at the send, " + std::to_string(mine == clock.end() ? 0 : mine->second) +
                       " here)";
        }
    }
    return {};
}

}  // namespace cs
