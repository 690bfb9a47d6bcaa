#pragma once
// How much memory this process holds, for the memory benchmark. One source
// file per platform (memory_native.cpp, memory_wasm.cpp), chosen by CMake.
#include <cstdint>

namespace cs::cli {

struct MemoryUse {
    std::uint64_t heap_in_use_bytes = 0;  // what malloc has handed out and not taken back
    std::uint64_t reserved_bytes = 0;     // what the process holds for the heap: native arenas, or the wasm linear memory (which never shrinks)
};

MemoryUse memory_use();
const char* platform_name();  // "native" or "wasm"

}  // namespace cs::cli
