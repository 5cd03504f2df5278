// Where a render's time goes on the host's side of the sidecar: the bridge's own work per frame,
// summed over a sidecar session and written out when the session closes, next to the summary the
// sidecar logs for its side. Off unless PP_BRIDGE_TIMINGS names a file to append the lines to.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace pp::plugin {

class RenderTimings {
 public:
  using Clock = std::chrono::steady_clock;

  /** Reads PP_BRIDGE_TIMINGS; with it unset, every call here does nothing. */
  RenderTimings();

  bool enabled() const { return !file_.empty(); }

  /**
   * One frame rendered through the sidecar: packing the Source into what is sent, the sidecar
   * calls (all rounds of them), writing the answer into Output.
   */
  void add(Clock::duration packing, Clock::duration calls, Clock::duration writing);

  /** Appends the session's summary line to the file, if it rendered anything, and starts afresh. */
  void sessionClosed(const std::string& sessionId);

 private:
  std::string file_;
  std::mutex mutex_;
  // Guarded by mutex_.
  int frames_ = 0;
  Clock::duration packing_{};
  Clock::duration calls_{};
  Clock::duration writing_{};
};

}  // namespace pp::plugin
