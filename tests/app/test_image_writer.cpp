#include <doctest/doctest.h>

#include <string>

#include "app/image_writer.h"

using namespace cs::app;

TEST_CASE("PNG: signature, size in IHDR, IEND at the end") {
    const std::vector<std::uint8_t> rgb(3 * 2 * 3, 200);
    const std::vector<std::uint8_t> png = encode_png(3, 2, rgb);
    REQUIRE(png.size() > 33 + 12);
    CHECK(png[0] == 0x89);
    CHECK(std::string(png.begin() + 1, png.begin() + 4) == "PNG");
    CHECK(std::string(png.begin() + 12, png.begin() + 16) == "IHDR");
    CHECK(png[19] == 3);  // width, big-endian
    CHECK(png[23] == 2);  // height
    // IEND with its fixed CRC AE 42 60 82.
    const std::vector<std::uint8_t> tail(png.end() - 12, png.end());
    const std::vector<std::uint8_t> iend = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    CHECK(tail == iend);
}

TEST_CASE("PPM: header then the pixels") {
    const std::vector<std::uint8_t> rgb = {1, 2, 3, 4, 5, 6};
    const std::vector<std::uint8_t> ppm = encode_ppm(2, 1, rgb);
    const std::string header = "P6\n2 1\n255\n";
    CHECK(std::string(ppm.begin(), ppm.begin() + static_cast<long>(header.size())) == header);
    CHECK(ppm.size() == header.size() + 6);
}
