// Host images as plain memory: bounds in pixel coordinates, a data pointer to the bottom-left pixel
// and a row step that may be negative (top-down hosts). Conversions between the host's layouts and
// the wire's tight rows. No OpenFX types here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace pp::plugin {

enum class Depth { U8, U16, F32 };

struct Rect {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  int width() const { return x2 - x1; }
  int height() const { return y2 - y1; }
  bool empty() const { return x2 <= x1 || y2 <= y1; }
  Rect intersect(const Rect& other) const;
};

struct ImageView {
  uint8_t* data = nullptr;  // the pixel at (bounds.x1, bounds.y1)
  Rect bounds;
  ptrdiff_t rowBytes = 0;
  int channels = 4;  // 3 (RGB) or 4 (RGBA)
  Depth depth = Depth::U8;
  bool premultiplied = false;

  size_t bytesPerSample() const { return depth == Depth::U8 ? 1 : depth == Depth::U16 ? 2 : 4; }
  size_t bytesPerPixel() const { return bytesPerSample() * static_cast<size_t>(channels); }
  /** The first byte of pixel (x, y), both absolute pixel coordinates inside bounds. */
  uint8_t* at(int x, int y) const {
    return data + (y - bounds.y1) * rowBytes + static_cast<ptrdiff_t>((x - bounds.x1) * bytesPerPixel());
  }
  bool sameFormat(const ImageView& other) const {
    return channels == other.channels && depth == other.depth && premultiplied == other.premultiplied;
  }
};

/**
 * A view of pixels in the sidecar's own format (8-bit straight RGBA, or RGB with channels 3; top row
 * first, tight rows), placed with its bottom-left pixel at (x, y).
 */
ImageView sidecarView(uint8_t* pixels, int x, int y, int width, int height, int channels = 4);

/**
 * Runs work over rows [0, rows), in bands [begin, end) that may run at once on other threads; work
 * writes only its band's rows.
 */
using RowSplitter = std::function<void(int rows, const std::function<void(int begin, int end)>& work)>;

/** All rows in one band, on the calling thread. */
void sequentialRows(int rows, const std::function<void(int begin, int end)>& work);

/**
 * Copies src into window of dst, converting depth and channels (RGB gets opaque alpha); the rows are
 * converted in the bands split gives.
 */
void copyConverted(const ImageView& src, ImageView& dst, const Rect& window, const RowSplitter& split = sequentialRows);

/** Zeroes window of the image. */
void clear(ImageView& image, const Rect& window);

/** The image as 8-bit straight RGBA, top row first (the portrait as the sidecar decodes pictures). */
std::string toRgba8TopDown(const ImageView& image);

}  // namespace pp::plugin
