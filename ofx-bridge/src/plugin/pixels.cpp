#include "plugin/pixels.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace pp::plugin {
namespace {

float readSample(const uint8_t* p, Depth depth) {
  switch (depth) {
    case Depth::U8:
      return *p / 255.0f;
    case Depth::U16: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return v / 65535.0f;
    }
    case Depth::F32: {
      float v;
      std::memcpy(&v, p, 4);
      return v;
    }
  }
  return 0;
}

void writeSample(uint8_t* p, Depth depth, float value) {
  float clamped = std::min(1.0f, std::max(0.0f, value));
  switch (depth) {
    case Depth::U8:
      *p = static_cast<uint8_t>(std::lround(clamped * 255.0f));
      return;
    case Depth::U16: {
      uint16_t v = static_cast<uint16_t>(std::lround(clamped * 65535.0f));
      std::memcpy(p, &v, 2);
      return;
    }
    case Depth::F32:
      std::memcpy(p, &value, 4);
      return;
  }
}

/** One pixel as straight RGBA floats. */
void readPixel(const ImageView& image, const uint8_t* p, float rgba[4]) {
  size_t step = image.bytesPerSample();
  for (int c = 0; c < image.channels; ++c) {
    rgba[c] = readSample(p + c * step, image.depth);
  }
  if (image.channels == 3) {
    rgba[3] = 1.0f;
  } else if (image.premultiplied && rgba[3] > 0) {
    for (int c = 0; c < 3; ++c) {
      rgba[c] /= rgba[3];
    }
  }
}

void writePixel(const ImageView& image, uint8_t* p, const float rgba[4]) {
  size_t step = image.bytesPerSample();
  float alpha = image.channels == 4 && image.premultiplied ? rgba[3] : 1.0f;
  for (int c = 0; c < 3; ++c) {
    writeSample(p + c * step, image.depth, rgba[c] * alpha);
  }
  if (image.channels == 4) {
    writeSample(p + 3 * step, image.depth, rgba[3]);
  }
}

}  // namespace

Rect Rect::intersect(const Rect& other) const {
  Rect r{std::max(x1, other.x1), std::max(y1, other.y1), std::min(x2, other.x2), std::min(y2, other.y2)};
  return r.empty() ? Rect{} : r;
}

ImageView sidecarView(uint8_t* pixels, int x, int y, int width, int height) {
  ImageView view;
  view.bounds = Rect{x, y, x + width, y + height};
  view.channels = 4;
  view.depth = Depth::U8;
  // Top row first: the bottom row is the last in memory, and rows step down.
  view.rowBytes = -static_cast<ptrdiff_t>(width) * 4;
  view.data = pixels - view.rowBytes * (height - 1);
  return view;
}

void copyConverted(const ImageView& src, ImageView& dst, const Rect& window) {
  Rect area = window.intersect(dst.bounds);
  Rect covered = area.intersect(src.bounds);
  clear(dst, area);
  if (covered.empty()) {
    return;
  }
  if (src.sameFormat(dst)) {
    size_t bytes = dst.bytesPerPixel() * static_cast<size_t>(covered.width());
    for (int y = covered.y1; y < covered.y2; ++y) {
      std::memcpy(dst.at(covered.x1, y), src.at(covered.x1, y), bytes);
    }
    return;
  }
  if (src.depth == Depth::U8 && dst.depth == Depth::U8 && src.channels == 4 && dst.channels == 4) {
    // Only the alpha convention differs (8-bit hosts that premultiply): integer arithmetic, no floats.
    for (int y = covered.y1; y < covered.y2; ++y) {
      const uint8_t* in = src.at(covered.x1, y);
      uint8_t* out = dst.at(covered.x1, y);
      for (int x = covered.x1; x < covered.x2; ++x, in += 4, out += 4) {
        unsigned alpha = in[3];
        for (int c = 0; c < 3; ++c) {
          out[c] = dst.premultiplied ? static_cast<uint8_t>((in[c] * alpha + 127) / 255)
                                     : static_cast<uint8_t>(alpha == 0 ? 0 : std::min(255u, (in[c] * 255 + alpha / 2) / alpha));
        }
        out[3] = static_cast<uint8_t>(alpha);
      }
    }
    return;
  }
  float rgba[4];
  for (int y = covered.y1; y < covered.y2; ++y) {
    const uint8_t* in = src.at(covered.x1, y);
    uint8_t* out = dst.at(covered.x1, y);
    for (int x = covered.x1; x < covered.x2; ++x, in += src.bytesPerPixel(), out += dst.bytesPerPixel()) {
      readPixel(src, in, rgba);
      writePixel(dst, out, rgba);
    }
  }
}

void clear(ImageView& image, const Rect& window) {
  Rect area = window.intersect(image.bounds);
  size_t bytes = image.bytesPerPixel() * static_cast<size_t>(area.width());
  for (int y = area.y1; y < area.y2; ++y) {
    std::memset(image.at(area.x1, y), 0, bytes);
  }
}

std::string toRgba8TopDown(const ImageView& image) {
  std::string out(static_cast<size_t>(image.bounds.width()) * image.bounds.height() * 4, '\0');
  ImageView target = sidecarView(reinterpret_cast<uint8_t*>(out.data()), image.bounds.x1, image.bounds.y1,
                                 image.bounds.width(), image.bounds.height());
  copyConverted(image, target, image.bounds);
  return out;
}

}  // namespace pp::plugin
