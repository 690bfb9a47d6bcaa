#include "ui/fonts.h"

#include <cstddef>

extern const unsigned char kFontRegular[];
extern const std::size_t kFontRegular_size;
extern const unsigned char kFontBold[];
extern const std::size_t kFontBold_size;

namespace cs::ui {
namespace {

Fonts g_fonts;

// Must match the subset in fonts/README.md.
constexpr ImWchar kRanges[] = {
    0x0020, 0x00FF,  // ASCII and Latin-1
    0x2013, 0x2026,  // dashes, quotes, bullet, ellipsis
    0x2190, 0x2195,  // arrows
    0x2212, 0x2212,  // minus
    0x2264, 0x2265,  // <= >=
    0x25A0, 0x25CF,  // geometric shapes: square, triangles, circles
    0x2713, 0x2717,  // check and cross marks
    0,
};

// The node ids are numbers (cluster_view.cpp): only digits, the space and the fallback
// '?' are rasterised at that size, which makes the atlas (built by the page's first
// frame) about half the work.
constexpr ImWchar kDigitRanges[] = {
    0x0020, 0x0020,  // space
    0x0030, 0x0039,  // 0-9
    0x003F, 0x003F,  // ? (ImGui's fallback glyph)
    0,
};

ImFont* add(const unsigned char* data, std::size_t size, float pixels, const ImWchar* ranges = kRanges) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // static data: the atlas must not free it
    // Glyphs snap to whole pixels, so horizontal oversampling would only make the atlas
    // twice as wide (and the page's first frame, which builds it, slower) for no change.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // ImGui takes a non-const pointer but only reads the data when it does not own it.
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), pixels,
                                                      &config, ranges);
}

}  // namespace

const Fonts& fonts() { return g_fonts; }

void build_fonts(float scale) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    g_fonts.text = add(kFontRegular, kFontRegular_size, kTextPx * scale);  // first added: the default
    g_fonts.bold = add(kFontBold, kFontBold_size, kTextPx * scale);
    g_fonts.node_id = add(kFontBold, kFontBold_size, kNodeIdPx * scale, kDigitRanges);
    atlas->Build();
}

}  // namespace cs::ui
