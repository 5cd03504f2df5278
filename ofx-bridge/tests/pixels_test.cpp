// The bridge's 8-bit fast paths against what each pixel must become: whole opaque rows take a copy,
// rows with any transparent pixel go pixel by pixel, and nothing outside a row is written.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "expect.h"
#include "plugin/pixels.h"

using pp::plugin::copyConverted;
using pp::plugin::ImageView;
using pp::plugin::Rect;
using pp::plugin::sidecarView;
using pp::test::expect;
using pp::test::failures;

namespace {

/** An 8-bit RGBA image, one row, bottom-up like most hosts, with the given pixels. */
ImageView hostRow(std::vector<uint8_t>& pixels, bool premultiplied) {
  ImageView view;
  view.data = pixels.data();
  view.bounds = Rect{0, 0, static_cast<int>(pixels.size() / 4), 1};
  view.rowBytes = static_cast<ptrdiff_t>(pixels.size());
  view.premultiplied = premultiplied;
  return view;
}

/** Host RGBA (premultiplied) into the sidecar's RGB, with a guard byte after the row. */
std::vector<uint8_t> toSidecarRgb(std::vector<uint8_t> host, bool premultiplied) {
  int width = static_cast<int>(host.size() / 4);
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * 3 + 1, 0xAB);
  ImageView src = hostRow(host, premultiplied);
  ImageView dst = sidecarView(rgb.data(), 0, 0, width, 1, 3);
  copyConverted(src, dst, src.bounds);
  return rgb;
}

void opaqueRowsAreCopied() {
  std::vector<uint8_t> rgb = toSidecarRgb({10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255}, true);
  expect(rgb == std::vector<uint8_t>({10, 20, 30, 40, 50, 60, 70, 80, 90, 0xAB}),
         "an opaque premultiplied row becomes its colours, and the byte after the row is untouched");
  std::vector<uint8_t> one = toSidecarRgb({1, 2, 3, 255}, true);
  expect(one == std::vector<uint8_t>({1, 2, 3, 0xAB}), "a row of one pixel");
}

void transparentPixelsAreUnpremultiplied() {
  // Half-covered red (premultiplied 64 of 128) is straight 128; a clear pixel has no colour.
  std::vector<uint8_t> rgb = toSidecarRgb({64, 0, 0, 128, 9, 9, 9, 0, 70, 80, 90, 255}, true);
  expect(rgb == std::vector<uint8_t>({128, 0, 0, 0, 0, 0, 70, 80, 90, 0xAB}),
         "a row with transparent pixels is divided by alpha pixel by pixel");
  std::vector<uint8_t> straight = toSidecarRgb({64, 0, 0, 128, 70, 80, 90, 255}, false);
  expect(straight == std::vector<uint8_t>({64, 0, 0, 70, 80, 90, 0xAB}), "straight colour is copied as it is");
}

void answersArePremultipliedForTheHost() {
  int width = 3;
  std::vector<uint8_t> answer = {10, 20, 30, 255, 200, 100, 50, 255, 40, 50, 60, 255};
  std::vector<uint8_t> host(answer.size(), 0);
  ImageView src = sidecarView(answer.data(), 0, 0, width, 1);
  ImageView dst = hostRow(host, true);
  copyConverted(src, dst, dst.bounds);
  expect(host == answer, "an opaque answer row is copied into a premultiplied host image");
  answer[7] = 51;  // the second pixel now a fifth covered
  copyConverted(src, dst, dst.bounds);
  expect(host == std::vector<uint8_t>({10, 20, 30, 255, 40, 20, 10, 51, 40, 50, 60, 255}),
         "a row with a transparent pixel is premultiplied pixel by pixel");
}

}  // namespace

int main() {
  opaqueRowsAreCopied();
  transparentPixelsAreUnpremultiplied();
  answersArePremultipliedForTheHost();
  if (failures == 0) {
    std::cout << "pixels: all checks passed\n";
  }
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
