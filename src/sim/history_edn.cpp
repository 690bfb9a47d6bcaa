#include "history_edn.h"

#include <algorithm>

namespace cs {
namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "\"";
}

struct Line {
    TimeUs time_us = 0;
    bool completion = false;
    std::size_t op = 0;
};

}  // namespace

std::string to_edn(const History& history, const std::vector<std::string>& product_names) {
    TimeUs end_us = 0;
    for (const Operation& op : history.ops) end_us = std::max({end_us, op.invoke_us, op.complete_us});
    std::vector<Line> lines;
    for (std::size_t i = 0; i < history.ops.size(); ++i) {
        const Operation& op = history.ops[i];
        lines.push_back({op.invoke_us, false, i});
        lines.push_back({op.complete_us < 0 ? end_us : std::max(op.complete_us, op.invoke_us), true, i});
    }
    // At one instant completions come first: an answer received at t came before a
    // request sent at t, and a process never has two operations open. An op's own
    // invocation still precedes its completion (same op: invoke first).
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
        if (a.time_us != b.time_us) return a.time_us < b.time_us;
        if (a.op == b.op) return !a.completion && b.completion;
        return a.completion && !b.completion;
    });
    std::string out;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const Line& line = lines[index];
        const Operation& op = history.ops[line.op];
        const std::string product = op.product >= 0 && static_cast<std::size_t>(op.product) < product_names.size()
                                        ? product_names[op.product]
                                        : "product-" + std::to_string(op.product);
        const bool known = op.complete_us >= 0;
        std::string type = ":invoke";
        if (line.completion) {
            type = !known || op.outcome == Outcome::Unknown ? ":info" : op.outcome == Outcome::Ok ? ":ok" : ":fail";
        }
        std::string value = "{:product " + quoted(product);
        if (op.kind == OpKind::Order) {
            value += ", :quantity " + std::to_string(op.quantity) + "}";
        } else {
            const bool returned = line.completion && type == ":ok";
            value += ", :stock " + (returned ? std::to_string(op.value) : std::string("nil")) + "}";
        }
        out += "{:type " + type + ", :f " + (op.kind == OpKind::Order ? ":order" : ":read") +
               ", :process " + std::to_string(op.process) + ", :value " + value;
        if (type == ":fail") out += op.fail_kind == FailKind::OutOfStock ? ", :error :out-of-stock" : ", :error :other";
        out += ", :time " + std::to_string(line.time_us * 1000) + ", :index " + std::to_string(index) + "}\n";
    }
    return out;
}

}  // namespace cs
