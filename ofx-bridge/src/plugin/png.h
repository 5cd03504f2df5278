// A minimal PNG writer (8-bit RGBA, no filtering), so a portrait coming from the host's Portrait
// input reaches the sidecar as the encoded picture LoadPortrait expects.
#pragma once

#include <string>

namespace pp::plugin {

/** PNG bytes of width x height 8-bit RGBA pixels, top row first, tightly packed. */
std::string encodePng(const std::string& rgba, int width, int height);

}  // namespace pp::plugin
