// glibc: mallinfo2 counts the heap (arenas and mmapped blocks).
#include <malloc.h>

#include "cli/memory.h"

namespace cs::cli {

MemoryUse memory_use() {
    const struct mallinfo2 info = mallinfo2();
    return {static_cast<std::uint64_t>(info.uordblks + info.hblkhd), static_cast<std::uint64_t>(info.arena + info.hblkhd)};
}

const char* platform_name() { return "native"; }

}  // namespace cs::cli
