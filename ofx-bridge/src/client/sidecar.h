// The sidecar as the bridge sees it: connect (launching it on demand), check the protocol version,
// make calls that poll for cancellation, restart after a timeout. No OpenFX here.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "client/launcher.h"
#include "client/shared_frames.h"
#include "portraitperf/v1/portraitperf.grpc.pb.h"

namespace pp::client {

namespace wire = ::portraitperf::v1;

/** A failed call: one line for the user, plus what the sidecar's ErrorInfo said. */
class SidecarError : public std::runtime_error {
 public:
  enum class Kind {
    /** The sidecar answered with an error (bad input, no face, ...). */
    Refused,
    /** No sidecar could be reached or started, or it died; the next call reconnects or relaunches. */
    Unavailable,
    /** The caller's cancellation (the host's abort) stopped the call. */
    Cancelled,
  };
  SidecarError(Kind kind, const std::string& message, std::string reason = "",
               std::map<std::string, std::string> metadata = {})
      : std::runtime_error(message), kind_(kind), reason_(std::move(reason)), metadata_(std::move(metadata)) {}
  Kind kind() const { return kind_; }
  /** The ErrorInfo reason, e.g. DRIVING_FRAME_NEEDED; empty when there was none. */
  const std::string& reason() const { return reason_; }
  std::string metadata(const std::string& key) const {
    auto it = metadata_.find(key);
    return it == metadata_.end() ? std::string() : it->second;
  }

 private:
  Kind kind_;
  std::string reason_;
  std::map<std::string, std::string> metadata_;
};

/** Polled while a call waits; true stops the call. */
using Cancelled = std::function<bool()>;

/** One sidecar shared by every instance of the plug-in in a process. Thread-safe. */
class Sidecar {
 public:
  explicit Sidecar(SidecarOptions options);
  ~Sidecar();
  Sidecar(const Sidecar&) = delete;
  Sidecar& operator=(const Sidecar&) = delete;

  /**
   * Bumped each time a connection to a (re)started sidecar is made: sessions opened under an older
   * generation are gone and must be reopened.
   */
  uint64_t generation() const;
  /** Connects (launching the sidecar if none answers) and returns the connection's generation. */
  uint64_t connected(const Cancelled& cancelled);

  wire::LoadPortraitResponse loadPortrait(const wire::LoadPortraitRequest& request, const Cancelled& cancelled);
  wire::OpenSessionResponse openSession(const wire::OpenSessionRequest& request, const Cancelled& cancelled);
  wire::RenderFrameResponse renderFrame(const wire::RenderFrameRequest& request, const Cancelled& cancelled);
  /** Best effort, never throws: a session the sidecar already dropped is fine. */
  void closeSession(const std::string& sessionId, uint64_t generation);

  /**
   * Where frames of calls on the connection of that generation go through shared memory; null when
   * they travel in messages (the sidecar offers none, it refused ours, or the options turn it off).
   */
  std::shared_ptr<SharedFrames> sharedFrames(uint64_t generation) const;
  /** The sidecar could not use our shared memory: that connection sends pixels in messages from now on. */
  void refuseSharedFrames(uint64_t generation);

  const SidecarOptions& options() const { return options_; }

 private:
  struct Connection;
  std::shared_ptr<Connection> connect(const Cancelled& cancelled);
  std::shared_ptr<Connection> tryConnect();
  void drop(const std::shared_ptr<Connection>& connection, bool hung);
  template <typename Request, typename Response, typename Method>
  Response call(const Request& request, Method method, const Cancelled& cancelled);

  SidecarOptions options_;
  mutable std::mutex mutex_;
  std::shared_ptr<Connection> connection_;
  uint64_t generation_ = 0;
};

}  // namespace pp::client
