#include "plugin/timings.h"

#include <cstdio>
#include <cstdlib>

namespace pp::plugin {
namespace {

double meanMillis(std::chrono::steady_clock::duration total, int frames) {
  return std::chrono::duration<double, std::milli>(total).count() / frames;
}

}  // namespace

RenderTimings::RenderTimings() {
  const char* file = std::getenv("PP_BRIDGE_TIMINGS");
  file_ = file == nullptr ? "" : file;
}

void RenderTimings::add(Clock::duration packing, Clock::duration calls, Clock::duration writing,
                        Clock::duration sidecarEngine, Clock::duration sidecarCall) {
  if (!enabled()) {
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++frames_;
  packing_ += packing;
  calls_ += calls;
  writing_ += writing;
  sidecarEngine_ += sidecarEngine;
  sidecarCall_ += sidecarCall;
}

void RenderTimings::sessionClosed(const std::string& sessionId) {
  if (!enabled()) {
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (frames_ > 0) {
    // Best effort, like any log: a file that cannot be opened costs the render nothing.
    if (std::FILE* out = std::fopen(file_.c_str(), "a")) {
      std::fprintf(out,
                   "session %s closed after %d frames: packing the Source %.2f ms, the sidecar call %.2f ms, writing"
                   " Output %.2f ms; in the sidecar: its engine %.2f ms, its whole call %.2f ms a frame (means)\n",
                   sessionId.c_str(), frames_, meanMillis(packing_, frames_), meanMillis(calls_, frames_),
                   meanMillis(writing_, frames_), meanMillis(sidecarEngine_, frames_), meanMillis(sidecarCall_, frames_));
      std::fclose(out);
    }
  }
  frames_ = 0;
  packing_ = calls_ = writing_ = sidecarEngine_ = sidecarCall_ = Clock::duration{};
}

}  // namespace pp::plugin
