#include "plugin/pixels.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

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

/** One sample as 0..255, rounded; out-of-range and NaN floats clamp (NaN to 0). */
inline uint8_t toByte(uint8_t v) { return v; }
inline uint8_t toByte(uint16_t v) { return static_cast<uint8_t>((v * 255u + 32767u) / 65535u); }
inline uint8_t toByte(float v) {
  return !(v > 0.0f) ? 0 : v >= 1.0f ? 255 : static_cast<uint8_t>(v * 255.0f + 0.5f);
}
inline float toUnit(uint8_t v) { return v * (1.0f / 255.0f); }
inline float toUnit(uint16_t v) { return v * (1.0f / 65535.0f); }
inline float toUnit(float v) { return v; }

/**
 * Whether every pixel of an 8-bit RGBA row is opaque. Whole pixels are ANDed together with no
 * branch, which the compiler turns into wide vector operations: an early exit per pixel kept it to
 * one byte at a time, and video frames are opaque everywhere, so the whole row is read anyway.
 */
bool rowOpaque(const uint8_t* rgba, int pixels) {
  uint32_t all = 0xffffffffu;
  for (int x = 0; x < pixels; ++x) {
    uint32_t pixel;
    std::memcpy(&pixel, rgba + 4 * static_cast<size_t>(x), 4);
    all &= pixel;
  }
  uint8_t alpha[4];
  std::memcpy(alpha, &all, 4);
  return alpha[3] == 255;
}

/**
 * 8-bit RGBA to RGB, alpha dropped: one 4-byte load and one 4-byte store a pixel, the store's fourth
 * byte overwritten by the next pixel's red (the last pixel is copied byte by byte, so nothing past
 * the row is touched).
 */
void dropAlpha(const uint8_t* in, uint8_t* out, int pixels) {
  int x = 0;
  for (; x + 1 < pixels; ++x) {
    uint32_t pixel;
    std::memcpy(&pixel, in + 4 * static_cast<size_t>(x), 4);
    std::memcpy(out + 3 * static_cast<size_t>(x), &pixel, 4);
  }
  if (x < pixels) {
    std::memcpy(out + 3 * static_cast<size_t>(x), in + 4 * static_cast<size_t>(x), 3);
  }
}

/**
 * A row of any layout into 8-bit straight RGB or RGBA, the sidecar's side: a loop per depth with no
 * per-sample dispatch, since a 1080p frame has two million pixels to cross on every render.
 */
template <typename T>
void rowToBytes(const uint8_t* from, const ImageView& src, uint8_t* out, int dstChannels, int pixels) {
  const T* in = reinterpret_cast<const T*>(from);
  int step = src.channels;
  if constexpr (std::is_same_v<T, uint8_t>) {
    if (src.channels == 4 && dstChannels == 3) {
      // The common case, an 8-bit RGBA host frame to the sidecar's RGB: integers only, and a straight
      // copy of the colour where the row is opaque (both alpha conventions agree there) or straight.
      if (!src.premultiplied || rowOpaque(in, pixels)) {
        dropAlpha(in, out, pixels);
        return;
      }
      for (int x = 0; x < pixels; ++x, in += 4, out += 3) {
        unsigned alpha = in[3];
        if (alpha == 255) {
          out[0] = in[0];
          out[1] = in[1];
          out[2] = in[2];
        } else {
          for (int c = 0; c < 3; ++c) {
            out[c] = static_cast<uint8_t>(alpha == 0 ? 0 : std::min(255u, (in[c] * 255 + alpha / 2) / alpha));
          }
        }
      }
      return;
    }
  }
  if (src.channels == 4 && src.premultiplied) {
    for (int x = 0; x < pixels; ++x, in += step, out += dstChannels) {
      float alpha = toUnit(in[3]);
      if (alpha >= 1.0f) {
        // Opaque, as video frames are: premultiplied and straight colour are the same.
        out[0] = toByte(in[0]);
        out[1] = toByte(in[1]);
        out[2] = toByte(in[2]);
      } else {
        float scale = alpha > 0 ? 1.0f / alpha : 0.0f;
        for (int c = 0; c < 3; ++c) {
          out[c] = toByte(std::min(1.0f, toUnit(in[c]) * scale));
        }
      }
      if (dstChannels == 4) {
        out[3] = toByte(in[3]);
      }
    }
    return;
  }
  for (int x = 0; x < pixels; ++x, in += step, out += dstChannels) {
    out[0] = toByte(in[0]);
    out[1] = toByte(in[1]);
    out[2] = toByte(in[2]);
    if (dstChannels == 4) {
      out[3] = step == 4 ? toByte(in[3]) : 255;
    }
  }
}

/** A row of 8-bit straight RGBA (the sidecar's answer) into any layout. */
template <typename T>
void rowFromBytes(const uint8_t* in, const ImageView& dst, uint8_t* to, int pixels) {
  T* out = reinterpret_cast<T*>(to);
  bool premultiply = dst.channels == 4 && dst.premultiplied;
  for (int x = 0; x < pixels; ++x, in += 4, out += dst.channels) {
    float alpha = premultiply ? toUnit(in[3]) : 1.0f;
    for (int c = 0; c < 3; ++c) {
      float value = toUnit(in[c]) * alpha;
      if constexpr (std::is_same_v<T, float>) {
        out[c] = value;
      } else {
        out[c] = static_cast<T>(value * std::numeric_limits<T>::max() + 0.5f);
      }
    }
    if (dst.channels == 4) {
      if constexpr (std::is_same_v<T, float>) {
        out[3] = toUnit(in[3]);
      } else {
        out[3] = static_cast<T>(in[3] * (std::numeric_limits<T>::max() / 255));
      }
    }
  }
}

/** Rows [y1, y2) of the columns [x1, x1 + width), all inside both images: one band of a conversion. */
void convertRows(const ImageView& src, ImageView& dst, int x1, int width, int y1, int y2) {
  if (src.sameFormat(dst)) {
    size_t bytes = dst.bytesPerPixel() * static_cast<size_t>(width);
    for (int y = y1; y < y2; ++y) {
      std::memcpy(dst.at(x1, y), src.at(x1, y), bytes);
    }
    return;
  }
  if (src.depth == Depth::U8 && dst.depth == Depth::U8 && src.channels == 4 && dst.channels == 4) {
    // Only the alpha convention differs (8-bit hosts that premultiply): integer arithmetic, no floats.
    size_t rowBytes = static_cast<size_t>(width) * 4;
    for (int y = y1; y < y2; ++y) {
      const uint8_t* in = src.at(x1, y);
      uint8_t* out = dst.at(x1, y);
      if (rowOpaque(in, width)) {
        std::memcpy(out, in, rowBytes);  // both conventions agree on opaque pixels
        continue;
      }
      for (int x = x1; x < x1 + width; ++x, in += 4, out += 4) {
        unsigned alpha = in[3];
        if (alpha == 255) {
          std::memcpy(out, in, 4);  // opaque: both conventions agree
          continue;
        }
        for (int c = 0; c < 3; ++c) {
          out[c] = dst.premultiplied ? static_cast<uint8_t>((in[c] * alpha + 127) / 255)
                                     : static_cast<uint8_t>(alpha == 0 ? 0 : std::min(255u, (in[c] * 255 + alpha / 2) / alpha));
        }
        out[3] = static_cast<uint8_t>(alpha);
      }
    }
    return;
  }
  if (dst.depth == Depth::U8 && !dst.premultiplied) {
    for (int y = y1; y < y2; ++y) {
      const uint8_t* in = src.at(x1, y);
      uint8_t* out = dst.at(x1, y);
      switch (src.depth) {
        case Depth::U8:
          rowToBytes<uint8_t>(in, src, out, dst.channels, width);
          break;
        case Depth::U16:
          rowToBytes<uint16_t>(in, src, out, dst.channels, width);
          break;
        case Depth::F32:
          rowToBytes<float>(in, src, out, dst.channels, width);
          break;
      }
    }
    return;
  }
  if (src.depth == Depth::U8 && src.channels == 4 && !src.premultiplied) {
    for (int y = y1; y < y2; ++y) {
      const uint8_t* in = src.at(x1, y);
      uint8_t* out = dst.at(x1, y);
      switch (dst.depth) {
        case Depth::U8:
          rowFromBytes<uint8_t>(in, dst, out, width);
          break;
        case Depth::U16:
          rowFromBytes<uint16_t>(in, dst, out, width);
          break;
        case Depth::F32:
          rowFromBytes<float>(in, dst, out, width);
          break;
      }
    }
    return;
  }
  float rgba[4];
  for (int y = y1; y < y2; ++y) {
    const uint8_t* in = src.at(x1, y);
    uint8_t* out = dst.at(x1, y);
    for (int x = x1; x < x1 + width; ++x, in += src.bytesPerPixel(), out += dst.bytesPerPixel()) {
      readPixel(src, in, rgba);
      writePixel(dst, out, rgba);
    }
  }
}

}  // namespace

Rect Rect::intersect(const Rect& other) const {
  Rect r{std::max(x1, other.x1), std::max(y1, other.y1), std::min(x2, other.x2), std::min(y2, other.y2)};
  return r.empty() ? Rect{} : r;
}

void sequentialRows(int rows, const std::function<void(int begin, int end)>& work) { work(0, rows); }

ImageView sidecarView(uint8_t* pixels, int x, int y, int width, int height, int channels) {
  ImageView view;
  view.bounds = Rect{x, y, x + width, y + height};
  view.channels = channels;
  view.depth = Depth::U8;
  // Top row first: the bottom row is the last in memory, and rows step down.
  view.rowBytes = -static_cast<ptrdiff_t>(width) * channels;
  view.data = pixels - view.rowBytes * (height - 1);
  return view;
}

void copyConverted(const ImageView& src, ImageView& dst, const Rect& window, const RowSplitter& split) {
  Rect area = window.intersect(dst.bounds);
  Rect covered = area.intersect(src.bounds);
  if (covered.empty()) {
    clear(dst, area);
    return;
  }
  // Only what the source does not cover is cleared: the rest is written below.
  clear(dst, Rect{area.x1, area.y1, area.x2, covered.y1});
  clear(dst, Rect{area.x1, covered.y2, area.x2, area.y2});
  clear(dst, Rect{area.x1, covered.y1, covered.x1, covered.y2});
  clear(dst, Rect{covered.x2, covered.y1, area.x2, covered.y2});
  split(covered.height(), [&](int begin, int end) {
    convertRows(src, dst, covered.x1, covered.width(), covered.y1 + begin, covered.y1 + end);
  });
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
  copyConverted(image, target, image.bounds, sequentialRows);
  return out;
}

}  // namespace pp::plugin
