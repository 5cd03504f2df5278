// Where a render's time goes: the bridge's own work per frame and the sidecar's, as each answer
// reports it, summed over a sidecar session and written out when the session closes. Off unless
// PP_BRIDGE_TIMINGS names a file to append the lines to.
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
   * calls (all rounds of them), writing the answer into Output; and, as the answer says, the
   * sidecar's engine and its whole call inside the sidecar.
   */
  void add(Clock::duration packing, Clock::duration calls, Clock::duration writing, Clock::duration sidecarEngine,
           Clock::duration sidecarCall);

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
  Clock::duration sidecarEngine_{};
  Clock::duration sidecarCall_{};
};

}  // namespace pp::plugin
