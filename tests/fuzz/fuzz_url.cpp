// libFuzzer target: the page's URL parameters (src/app/url_params.cpp) and the
// scenario they carry, loaded as the page loads it (src/app/scenario_loader.cpp).
// Also checks that the CLI's encoder (src/cli/page_url.cpp, used in the
// fuzzer's replay URLs) and the page's decoder agree on every byte string.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/scenario_loader.h"
#include "app/url_params.h"
#include "cli/page_url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // 1. Any query string: never a crash; every problem becomes a notice.
    const cs::app::StartOptions options = cs::app::parse_url_params(input);
    // Each notice is one short printable line (a %00 once reached the page as it was),
    // and a link with thousands of parameters gives a bounded list of them.
    if (options.notices.size() > 66) __builtin_trap();
    for (const std::string& notice : options.notices) {
        if (notice.size() > 400) __builtin_trap();
        for (const char c : notice)
            if (static_cast<unsigned char>(c) < 0x20) __builtin_trap();
    }
    if (!options.scenario.empty() && options.scenario.size() < 4096) {
        const cs::app::LoadResult loaded = cs::app::load_scenario(options.scenario, std::nullopt);
        if (!loaded.sim && loaded.error.empty()) __builtin_trap();  // refused without saying why
    }

    // 2. Round trip: what the fuzzer prints, the page reads back byte for byte.
    std::string decoded;
    if (!cs::app::base64_decode(cs::cli::base64url_encode(input), decoded) || decoded != input) __builtin_trap();
    return 0;
}
