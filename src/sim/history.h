#pragma once
// What the shop's clients saw, operation by operation: the input of the
// linearizability checker and of the Jepsen-style EDN export. Plain data only;
// whoever records a run fills it in, nothing here reads the simulation.
#include <cstdint>
#include <vector>

#include "time.h"

namespace cs {

enum class OpKind { Order, Read };

// Outcomes as Jepsen records them: ok (applied, or the read's value came back),
// fail (certainly not applied), unknown (Jepsen's :info: it may or may not have
// taken effect, at any time after its invocation).
enum class Outcome { Ok, Fail, Unknown };

// Why a failed order failed. Only an out-of-stock refusal says something about the
// stock; any other failure (bad input, no server reachable before it was applied)
// is outside the stock model.
enum class FailKind { None, OutOfStock, Other };

struct Operation {
    std::uint64_t id = 0;       // unique in its history; the order or read number clients know
    int process = 0;            // the client that issued it
    OpKind kind = OpKind::Order;
    std::int32_t product = 0;   // index into History::initial_stock
    std::int64_t quantity = 0;  // orders: units ordered
    std::int64_t value = 0;     // reads: the stock returned (meaningful when outcome is Ok)
    Outcome outcome = Outcome::Ok;
    FailKind fail_kind = FailKind::None;
    TimeUs invoke_us = 0;
    TimeUs complete_us = -1;    // -1: no answer known (open, or unknown outcome)
};

struct History {
    std::vector<Operation> ops;             // any order; the checker sorts by time
    std::vector<std::int64_t> initial_stock;  // per product index; missing products start at 0
};

}  // namespace cs
