#pragma once
// Where the full event trace (JSON lines) goes when it is switched on.
#include <string_view>

namespace cs {

class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void write_line(std::string_view json_line) = 0;
};

}  // namespace cs
