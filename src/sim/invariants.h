#pragma once
// Invariants: what the simulation's own code guarantees, in every mode, checked while it
// runs (in every build, Release too: each check is a comparison or two). They are not the
// properties the checker judges: the course design may break those (split brain and lost
// orders with quorum off) and the checker shows it. A broken invariant is a bug in the
// simulator; the run stops with an InvariantBroken exception that says what broke, when,
// and on which server.
#include <stdexcept>
#include <string>

#include "message.h"
#include "time.h"

namespace cs {

class InvariantBroken : public std::logic_error {
public:
    // time_us < 0 / node == kNoNode: not known where it was thrown; the simulation fills them in.
    InvariantBroken(std::string what_broke, TimeUs time_us, NodeId node);

    const std::string& what_broke() const { return what_broke_; }
    TimeUs time_us() const { return time_us_; }
    NodeId node() const { return node_; }

private:
    std::string what_broke_;
    TimeUs time_us_;
    NodeId node_;
};

// Throws InvariantBroken (kept out of line: the checks stay cheap where they hold).
[[noreturn]] void invariant_broken(const char* what_broke);

}  // namespace cs

// CS_INVARIANT(cond, "what must hold"): throws InvariantBroken if cond is false.
#define CS_INVARIANT(cond, what)                      \
    do {                                              \
        if (!(cond)) [[unlikely]]                     \
            ::cs::invariant_broken(what);             \
    } while (0)
