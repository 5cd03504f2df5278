#include "plugin/png.h"

#include <zlib.h>

#include <stdexcept>

namespace pp::plugin {
namespace {

void putU32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

void chunk(std::string& out, const char* type, const std::string& data) {
  putU32(out, static_cast<uint32_t>(data.size()));
  size_t start = out.size();
  out.append(type, 4);
  out.append(data);
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(out.data() + start), static_cast<uInt>(out.size() - start));
  putU32(out, static_cast<uint32_t>(crc));
}

}  // namespace

std::string encodePng(const std::string& rgba, int width, int height) {
  size_t row = static_cast<size_t>(width) * 4;
  std::string raw;
  raw.reserve((row + 1) * height);
  for (int y = 0; y < height; ++y) {
    raw.push_back('\0');  // filter type None
    raw.append(rgba, y * row, row);
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string compressed(size, '\0');
  // Level 1: the picture crosses a local socket once per change; speed matters more than bytes.
  if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), 1) != Z_OK) {
    throw std::runtime_error("cannot compress the Portrait input for the sidecar");
  }
  compressed.resize(size);
  std::string header;
  putU32(header, static_cast<uint32_t>(width));
  putU32(header, static_cast<uint32_t>(height));
  header += std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit, RGBA, deflate, no filter, no interlace
  std::string out("\x89PNG\r\n\x1a\n", 8);
  chunk(out, "IHDR", header);
  chunk(out, "IDAT", compressed);
  chunk(out, "IEND", "");
  return out;
}

}  // namespace pp::plugin
