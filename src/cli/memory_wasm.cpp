// WebAssembly (Emscripten's dlmalloc): the heap lives in the linear memory,
// which can grow but never shrinks, so its size is the high-water mark.
#include <malloc.h>

#include "cli/memory.h"

namespace cs::cli {

MemoryUse memory_use() {
    const struct mallinfo info = mallinfo();
    constexpr std::uint64_t kWasmPageBytes = 65536;
    return {static_cast<std::uint64_t>(static_cast<unsigned>(info.uordblks)),
            static_cast<std::uint64_t>(__builtin_wasm_memory_size(0)) * kWasmPageBytes};
}

const char* platform_name() { return "wasm"; }

}  // namespace cs::cli
