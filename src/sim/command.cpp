#include "command.h"
#include "command_parse.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace cs {
namespace command_parse {

std::string join(const std::vector<std::string_view>& words, std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i) {
        if (!out.empty()) out += ' ';
        out += words[i];
    }
    return out;
}

bool parse_int(std::string_view text, std::int64_t& out) {
    if (text.empty() || text.size() > 18) return false;
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        i = 1;
        if (text.size() == 1) return false;
    }
    std::int64_t value = 0;
    for (; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    out = negative ? -value : value;
    return true;
}

// Plain decimal (digits with at most one point); no exponents, no locale.
bool parse_decimal(std::string_view text, double& out) {
    if (text.empty() || text.size() > 24) return false;
    bool seen_point = false, seen_digit = false;
    double value = 0, scale = 1;
    for (char c : text) {
        if (c == '.') {
            if (seen_point) return false;
            seen_point = true;
        } else if (c >= '0' && c <= '9') {
            seen_digit = true;
            if (seen_point) {
                scale /= 10;
                value += (c - '0') * scale;
            } else {
                value = value * 10 + (c - '0');
            }
        } else {
            return false;
        }
    }
    if (!seen_digit) return false;
    out = value;
    return true;
}

// "24h" for whole hours, else format_duration's "90s" / "250ms": for limit messages.
std::string format_duration_words(TimeUs t) {
    if (t > 0 && t % us_from_s(3600) == 0) return std::to_string(t / us_from_s(3600)) + "h";
    return format_duration(t);
}

bool parse_server(std::string_view text, const ParseContext& ctx, NodeId& out, std::string& error) {
    std::int64_t v = 0;
    if (!parse_int(text, v)) {
        error = "expected a server id, got " + quote(text);
        return false;
    }
    if (v < 1 || v > ctx.servers) {
        error = "no server " + std::string(text) + " (servers are 1.." + std::to_string(ctx.servers) + ")";
        return false;
    }
    out = static_cast<NodeId>(v);
    return true;
}

bool parse_server_list(std::string_view text, const ParseContext& ctx, std::vector<NodeId>& out, std::string& error) {
    out.clear();
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t j = text.find(',', i);
        if (j == std::string_view::npos) j = text.size();
        std::string_view item = text.substr(i, j - i);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        NodeId id = 0;
        if (!parse_server(item, ctx, id, error)) return false;
        if (std::find(out.begin(), out.end(), id) != out.end()) {
            error = "server " + std::to_string(id) + " is named twice";
            return false;
        }
        out.push_back(id);
        i = j + 1;
    }
    if (out.empty()) {
        error = "expected a list of server ids like 1,2,3";
        return false;
    }
    return true;
}

bool known_product(const ParseContext& ctx, std::string_view sku) {
    return std::find(ctx.products.begin(), ctx.products.end(), sku) != ctx.products.end();
}

bool key_value(std::string_view word, std::string_view key, std::string_view& value) {
    if (word.size() <= key.size() + 1 || word.substr(0, key.size()) != key || word[key.size()] != '=') return false;
    value = word.substr(key.size() + 1);
    return true;
}

}  // namespace command_parse

namespace {

using namespace command_parse;


std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\r') ++j;
        if (j > i) words.push_back(s.substr(i, j - i));
        i = j;
    }
    return words;
}

bool parse_load(const std::vector<std::string_view>& w, Command& out, std::string& error) {
    out.verb = Verb::Load;
    if (w.size() == 2) {
        if (w[1] == "light") { out.rate = 2; out.time_us = us_from_s(10); }
        else if (w[1] == "medium") { out.rate = 5; out.time_us = us_from_s(15); }
        else if (w[1] == "heavy") { out.rate = 10; out.time_us = us_from_s(20); }
        else if (w[1] == "stop") { out.verb = Verb::LoadStop; return true; }
        else {
            error = "expected 'load light|medium|heavy|stop' or 'load rate=N duration=D'";
            return false;
        }
        out.name = std::string(w[1]);
        return true;
    }
    if (w.size() != 3) {
        error = "expected 'load light|medium|heavy|stop' or 'load rate=N duration=D'";
        return false;
    }
    std::string_view rate, duration;
    for (std::size_t i = 1; i < 3; ++i) {
        if (!key_value(w[i], "rate", rate) && !key_value(w[i], "duration", duration)) {
            error = "expected rate=N and duration=D, got " + quote(w[i]);
            return false;
        }
    }
    if (rate.empty() || duration.empty()) {
        error = "expected both rate=N and duration=D";
        return false;
    }
    if (!parse_decimal(rate, out.rate) || out.rate <= 0 || out.rate > 1000) {
        error = "rate must be a number of orders per second in (0, 1000], got " + quote(rate);
        return false;
    }
    if (!parse_duration(duration, out.time_us) || out.time_us <= 0) {
        error = "expected a duration like 30s, got " + quote(duration);
        return false;
    }
    if (out.time_us > kMaxScenarioUs) {
        error = "expected a duration from 1us to " + format_duration_words(kMaxScenarioUs) + ", got '" +
                std::string(duration) + "'";
        return false;
    }
    out.name = "custom";
    return true;
}

bool parse_timing(const std::vector<std::string_view>& w, Command& out, std::string& error) {
    out.verb = Verb::Timing;
    std::string keys;
    for (const TimingKey& k : timing_keys()) keys += (keys.empty() ? "" : "|") + std::string(k.name);
    if (w.size() != 3) {
        error = "expected 'timing " + keys + " VALUE'";
        return false;
    }
    for (const TimingKey& k : timing_keys()) {
        if (w[1] != k.name) continue;
        out.name = k.name;
        const bool ok = k.count ? parse_int(w[2], out.number) : parse_duration(w[2], out.number);
        if (!ok || out.number < k.min_us || out.number > k.max_us) {
            error = "timing " + out.name + " takes " +
                    (k.count ? std::to_string(k.min_us) + ".." + std::to_string(k.max_us)
                             : format_duration(k.min_us) + ".." + format_duration(k.max_us)) +
                    ", got " + quote(w[2]);
            return false;
        }
        return true;
    }
    error = "unknown timing " + quote(w[1]) + " (expected " + keys + ")";
    return false;
}

bool parse_probability(const std::vector<std::string_view>& w, Verb verb, Command& out, std::string& error) {
    out.verb = verb;
    if (w.size() != 2 || !parse_decimal(w[1], out.fraction) || out.fraction > 1) {
        error = std::string(w[0]) + " takes a probability from 0 to 1, like '" + std::string(w[0]) + " 0.05'";
        return false;
    }
    return true;
}

bool parse_verb(const std::vector<std::string_view>& w, const ParseContext& ctx, Command& out, std::string& error) {
    const std::string_view verb = w[0];
    const std::size_t n = w.size();
    auto arity = [&](std::size_t want, const char* usage) {
        if (n == want) return true;
        error = std::string("expected '") + usage + "'";
        return false;
    };
    auto setup_only = [&]() {
        if (ctx.setup_allowed) return true;
        error = quote(verb) + " must come before the simulation starts (before the first run or fault)";
        return false;
    };

    if (verb == "servers") {
        out.verb = Verb::Servers;
        if (!arity(2, "servers N") || !setup_only()) return false;
        if (!parse_int(w[1], out.number) || out.number < 2 || out.number > 64) {
            error = "servers must be a whole number from 2 to 64, got " + quote(w[1]);
            return false;
        }
        return true;
    }
    if (verb == "seed") {
        out.verb = Verb::Seed;
        if (!arity(2, "seed N") || !setup_only()) return false;
        // Every 64-bit seed: the page and `run --seed` take them all, and a shared
        // link or a fuzz schedule writes its seed as a `seed` line (one of 19 digits
        // was once refused).
        std::uint64_t seed = 0;
        const bool ok = parse_u64(w[1], seed);
        if (!ok) {
            error = "seed must be a whole number from 0 to " + std::to_string(UINT64_MAX) + ", got " + quote(w[1]);
            return false;
        }
        out.number = static_cast<std::int64_t>(seed);  // the bits; the scenario reads it back as unsigned
        return true;
    }
    if (verb == "product") {
        out.verb = Verb::Product;
        if (!arity(4, "product SKU stock=N price=N") || !setup_only()) return false;
        out.name = std::string(w[1]);
        for (char c : out.name)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) {
                error = "a product SKU uses letters, digits, '-' and '_' only, got " + quote(out.name);
                return false;
            }
        std::string_view stock, price;
        if (!key_value(w[2], "stock", stock) || !parse_int(stock, out.number) || out.number < 0) {
            error = "expected stock=N (N >= 0), got " + quote(w[2]);
            return false;
        }
        if (out.number > kMaxStock) {
            error = "stock is at most " + std::to_string(kMaxStock) + ", got " + quote(w[2]);
            return false;
        }
        double price_units = 0;
        if (!key_value(w[3], "price", price) || !parse_decimal(price, price_units)) {
            error = "expected price=N (like 25 or 9.99), got " + quote(w[3]);
            return false;
        }
        // Checked before rounding: a price beyond 64 bits must never reach llround.
        if (price_units * 100 > static_cast<double>(kMaxPriceCents)) {
            error = "price is at most " + std::to_string(kMaxPriceCents / 100) + ", got " + quote(w[3]);
            return false;
        }
        out.number2 = static_cast<std::int64_t>(std::llround(price_units * 100));
        return true;
    }
    if (verb == "timing") return setup_only() && parse_timing(w, out, error);
    if (verb == "duplicate") return parse_probability(w, Verb::Duplicate, out, error);
    if (verb == "reorder") return parse_probability(w, Verb::Reorder, out, error);
    // delay: the link stalls (what follows waits behind the late message, FIFO).
    // burst: only the next message is late, and later ones overtake it.
    if (verb == "delay" || verb == "burst") {
        out.verb = verb == "delay" ? Verb::Delay : Verb::Burst;
        const auto arrow = n == 3 ? w[1].find("->") : std::string_view::npos;
        if (arrow == std::string_view::npos) {
            error = "expected '" + std::string(verb) + " A->B DURATION'";
            return false;
        }
        if (!parse_server(w[1].substr(0, arrow), ctx, out.node, error)) return false;
        if (!parse_server(w[1].substr(arrow + 2), ctx, out.node2, error)) return false;
        if (out.node == out.node2) {
            error = std::string(verb) + " needs two different servers";
            return false;
        }
        if (!parse_duration(w[2], out.time_us) || out.time_us < us_from_ms(1) || out.time_us > us_from_s(60)) {
            error = std::string(verb) + " takes a duration from 1ms to 60s, got " + quote(w[2]);
            return false;
        }
        return true;
    }
    if (verb == "replication") {
        out.verb = Verb::Replication;
        if (n != 2 || (w[1] != "sync" && w[1] != "async")) {
            error = "expected 'replication sync' or 'replication async'";
            return false;
        }
        out.flag = w[1] == "async";
        return true;
    }
    if (verb == "quorum") {
        out.verb = Verb::Quorum;
        if (n != 2 || (w[1] != "on" && w[1] != "off")) {
            error = "expected 'quorum on' or 'quorum off'";
            return false;
        }
        out.flag = w[1] == "on";
        return true;
    }
    if (verb == "check-reads") {
        // Whether the linearizability check judges reads too. Reads are answered from
        // whichever server gets them, so even quorum on does not promise fresh ones
        // (docs/PROTOCOLS.md): the fuzzer judges quorum on by its orders alone.
        out.verb = Verb::CheckReads;
        if (n != 2 || (w[1] != "on" && w[1] != "off")) {
            error = "expected 'check-reads on' or 'check-reads off'";
            return false;
        }
        out.flag = w[1] == "on";
        return true;
    }
    if (verb == "resync") {
        out.verb = Verb::Resync;
        if (n != 2 || (w[1] != "on" && w[1] != "off")) {
            error = "expected 'resync on' or 'resync off'";
            return false;
        }
        out.flag = w[1] == "on";
        return true;
    }
    if (verb == "latency") {
        out.verb = Verb::Latency;
        if (!arity(2, "latency 5ms..20ms")) return false;
        const auto dots = w[1].find("..");
        TimeUs lo = 0, hi = 0;
        if (dots == std::string_view::npos) {
            if (!parse_duration(w[1], lo)) {
                error = "expected a latency range like 5ms..20ms, got " + quote(w[1]);
                return false;
            }
            hi = lo;
        } else if (!parse_duration(w[1].substr(0, dots), lo) || !parse_duration(w[1].substr(dots + 2), hi)) {
            error = "expected a latency range like 5ms..20ms, got " + quote(w[1]);
            return false;
        }
        if (lo < 0 || hi < lo || hi > us_from_s(10)) {
            error = "latency range must satisfy 0 <= min <= max <= 10s";
            return false;
        }
        out.time_us = lo;
        out.time2_us = hi;
        return true;
    }
    if (verb == "loss") {
        out.verb = Verb::Loss;
        if (!arity(2, "loss 0.05")) return false;
        if (!parse_decimal(w[1], out.fraction) || out.fraction > 1) {
            error = "loss must be a probability from 0 to 1, got " + quote(w[1]);
            return false;
        }
        return true;
    }
    if (verb == "lb") {
        out.verb = Verb::Lb;
        LbAlgorithm algorithm;
        if (n != 2 || !parse_lb_algorithm(std::string(w[1]), algorithm)) {
            error = "expected 'lb round-robin|least-connections|weighted|least-response-time|power-of-two'";
            return false;
        }
        out.name = std::string(w[1]);
        return true;
    }
    if (verb == "weight") {
        out.verb = Verb::Weight;
        if (!arity(3, "weight S W")) return false;
        if (!parse_server(w[1], ctx, out.node, error)) return false;
        if (!parse_int(w[2], out.number) || out.number < 1 || out.number > 100) {
            error = "weight must be a whole number from 1 to 100, got " + quote(w[2]);
            return false;
        }
        return true;
    }
    if (verb == "slow") {
        out.verb = Verb::Slow;
        if (!arity(3, "slow S FACTOR")) return false;
        if (!parse_server(w[1], ctx, out.node, error)) return false;
        if (!parse_decimal(w[2], out.fraction) || out.fraction < 1 || out.fraction > 1000) {
            error = "slow factor must be a number from 1 to 1000 (1 is normal speed), got " + quote(w[2]);
            return false;
        }
        return true;
    }
    if (verb == "order" || verb == "read") {
        const bool order = verb == "order";
        out.verb = order ? Verb::Order : Verb::Read;
        const std::size_t base = order ? 3 : 2;
        if (!(n == base || (n == base + 2 && w[base] == "via"))) {
            error = order ? "expected 'order SKU QUANTITY [via S]'" : "expected 'read SKU [via S]'";
            return false;
        }
        // An unknown product or a bad quantity is not a syntax error: the order is
        // sent and the leader rejects it with the reason, as the course text shows.
        out.name = std::string(w[1]);
        if (order && !parse_int(w[2], out.number)) {
            error = "expected a whole quantity, got " + quote(w[2]);
            return false;
        }
        if (order && (out.number < -kMaxQuantity || out.number > kMaxQuantity)) {
            error = "a quantity is a whole number from -" + std::to_string(kMaxQuantity) + " to " +
                    std::to_string(kMaxQuantity) + ", got " + quote(w[2]);
            return false;
        }
        out.node = kLoadBalancer;
        return n == base || parse_server(w[base + 1], ctx, out.node, error);
    }
    if (verb == "crash" || verb == "restart" || verb == "isolate") {
        out.verb = verb == "crash" ? Verb::Crash : verb == "restart" ? Verb::Restart : Verb::Isolate;
        if (n != 2) {
            error = "expected '" + std::string(verb) + " N'";
            return false;
        }
        return parse_server(w[1], ctx, out.node, error);
    }
    if (verb == "partition") {
        out.verb = Verb::Partition;
        const std::string rest = join(w, 1);
        const auto bar = rest.find('|');
        if (bar == std::string::npos) {
            error = "expected 'partition 1,2,3 | 4,5,6'";
            return false;
        }
        if (!parse_server_list(std::string_view(rest).substr(0, bar), ctx, out.side_a, error)) return false;
        if (!parse_server_list(std::string_view(rest).substr(bar + 1), ctx, out.side_b, error)) return false;
        for (NodeId id : out.side_a)
            if (std::find(out.side_b.begin(), out.side_b.end(), id) != out.side_b.end()) {
                error = "server " + std::to_string(id) + " is on both sides of the partition";
                return false;
            }
        return true;
    }
    if (verb == "heal") {
        out.verb = Verb::Heal;
        return arity(1, "heal");
    }
    if (verb == "drop") {
        out.verb = Verb::Drop;
        const auto arrow = n == 2 ? w[1].find("->") : std::string_view::npos;
        if (arrow == std::string_view::npos) {
            error = "expected 'drop A->B'";
            return false;
        }
        if (!parse_server(w[1].substr(0, arrow), ctx, out.node, error)) return false;
        if (!parse_server(w[1].substr(arrow + 2), ctx, out.node2, error)) return false;
        if (out.node == out.node2) {
            error = "drop needs two different servers";
            return false;
        }
        return true;
    }
    if (verb == "load") return parse_load(w, out, error);
    if (verb == "run") {
        if (n == 3 && w[1] == "until") {
            out.verb = Verb::RunUntil;
            if (!parse_duration(w[2], out.time_us)) {
                error = "expected a time like 1m, got " + quote(w[2]);
                return false;
            }
            if (out.time_us < ctx.now_us) {
                error = "time " + std::string(w[2]) + " is in the past (now " + format_duration(ctx.now_us) + ")";
                return false;
            }
            if (out.time_us > kMaxScenarioUs) {
                error = "a scenario may reach at most " + format_duration_words(kMaxScenarioUs) +
                        " of simulated time, got 'run until " + std::string(w[2]) + "'";
                return false;
            }
            return true;
        }
        out.verb = Verb::Run;
        if (n != 2 || !parse_duration(w[1], out.time_us) || out.time_us < 0) {
            error = "expected 'run DURATION' (like run 30s) or 'run until TIME'";
            return false;
        }
        if (out.time_us > kMaxRunUs) {
            error = "a run line covers at most " + format_duration_words(kMaxRunUs) +
                    " of simulated time (split it into several), got " + quote(w[1]);
            return false;
        }
        if (ctx.now_us + out.time_us > kMaxScenarioUs) {
            error = "a scenario may reach at most " + format_duration_words(kMaxScenarioUs) +
                    " of simulated time; this run would end at " + format_duration_words(ctx.now_us + out.time_us);
            return false;
        }
        return true;
    }
    if (verb == "expect") return parse_expect(w, ctx, out, error);
    error = "unknown command " + quote(verb) +
            " (expected servers, seed, product, timing, replication, quorum, resync, check-reads, latency, loss, duplicate, "
            "reorder, lb, weight, slow, order, read, crash, restart, partition, heal, isolate, drop, delay, load, at, "
            "run or expect)";
    return false;
}

}  // namespace

bool parse_duration(std::string_view text, TimeUs& out) {
    std::size_t unit = 0;
    while (unit < text.size() && ((text[unit] >= '0' && text[unit] <= '9') || text[unit] == '.')) ++unit;
    double value = 0;
    if (!parse_decimal(text.substr(0, unit), value)) return false;
    const std::string_view suffix = text.substr(unit);
    double scale;
    if (suffix == "us") scale = 1;
    else if (suffix == "ms") scale = 1e3;
    else if (suffix == "s") scale = 1e6;
    else if (suffix == "m") scale = 60e6;
    else if (suffix == "h") scale = 3600e6;
    else return false;
    const double us = value * scale;
    if (us > 1e15) return false;  // about 31 years: far beyond any useful run
    out = static_cast<TimeUs>(std::llround(us));
    return true;
}

std::string format_duration(TimeUs t) {
    char buffer[48];
    if (t % 1000000 == 0) std::snprintf(buffer, sizeof buffer, "%llds", static_cast<long long>(t / 1000000));
    else if (t % 1000 == 0) std::snprintf(buffer, sizeof buffer, "%lldms", static_cast<long long>(t / 1000));
    else std::snprintf(buffer, sizeof buffer, "%lldus", static_cast<long long>(t));
    return buffer;
}

bool parse_command(std::string_view line, const ParseContext& context, Command& out, std::string& error) {
    out = Command{};
    const auto hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    auto words = split_words(line);
    if (!check_plain_text(line, error)) return false;
    out.text = join(words, 0);
    if (words.empty()) return true;  // Verb::None

    if (words[0] == "at") {
        if (words.size() < 3) {
            error = "expected 'at TIME COMMAND'";
            return false;
        }
        TimeUs at = 0;
        if (!parse_duration(words[1], at)) {
            error = "expected a time like 2.5s after 'at', got " + quote(words[1]);
            return false;
        }
        if (at < context.now_us) {
            error = "time " + std::string(words[1]) + " is in the past (now " + format_duration(context.now_us) + ")";
            return false;
        }
        if (at > kMaxScenarioUs) {
            error = "a scenario may reach at most " + format_duration_words(kMaxScenarioUs) +
                    " of simulated time, got 'at " + std::string(words[1]) + "'";
            return false;
        }
        words.erase(words.begin(), words.begin() + 2);
        if (words[0] == "at" || words[0] == "run" || words[0] == "expect" || words[0] == "servers" ||
            words[0] == "seed" || words[0] == "product" || words[0] == "timing") {
            error = quote(words[0]) + " cannot be scheduled with 'at'";
            return false;
        }
        ParseContext later = context;
        later.setup_allowed = false;
        if (!parse_verb(words, later, out, error)) return false;
        out.at_us = at;
        out.text = join(words, 0);
        return true;
    }
    return parse_verb(words, context, out, error);
}

}  // namespace cs
