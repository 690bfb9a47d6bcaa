#pragma once
// Writes an RGB picture as PNG or PPM (chosen by the file name), for the
// desktop app's --screenshot. No image library: a PNG with uncompressed
// deflate blocks is a few lines and every viewer reads it.
#include <cstdint>
#include <string>
#include <vector>

namespace cs::app {

// rgb: width*height*3 bytes, top row first.
std::vector<std::uint8_t> encode_png(int width, int height, const std::vector<std::uint8_t>& rgb);
std::vector<std::uint8_t> encode_ppm(int width, int height, const std::vector<std::uint8_t>& rgb);

// False with `error` set if the file cannot be written.
bool write_image(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgb,
                 std::string& error);

}  // namespace cs::app
