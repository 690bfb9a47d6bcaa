#include "invariants.h"

#include "command.h"

namespace cs {
namespace {

std::string describe(const std::string& what_broke, TimeUs time_us, NodeId node) {
    std::string out = "invariant broken";
    if (time_us >= 0) out += " at " + format_duration(time_us);
    if (node >= 1) out += " on S" + std::to_string(node);
    return out + ": " + what_broke;
}

}  // namespace

InvariantBroken::InvariantBroken(std::string what_broke, TimeUs time_us, NodeId node)
    : std::logic_error(describe(what_broke, time_us, node)), what_broke_(std::move(what_broke)), time_us_(time_us), node_(node) {}

void invariant_broken(const char* what_broke) { throw InvariantBroken(what_broke, -1, kNoNode); }

}  // namespace cs
