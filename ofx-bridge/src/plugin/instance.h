// One effect instance (one node): its clips and parameters, the sidecar session it renders with,
// and the actions that need them. Throws; the entry point turns exceptions into statuses.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "abi/ofx.h"
#include "client/sidecar.h"
#include "plugin/timings.h"

namespace pp::plugin {

class Instance {
 public:
  Instance(OfxImageEffectHandle effect, client::Sidecar& sidecar);
  ~Instance();

  void render(OfxPropertySetHandle inArgs);
  /** Returns true (and names Source) when strength is 0. */
  bool isIdentity(OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs);
  void clipPreferences(OfxPropertySetHandle outArgs);
  /** Returns true when it set a region: the portrait's size for the portrait and face-layer layouts. */
  bool regionOfDefinition(OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs);
  void instanceChanged(OfxPropertySetHandle inArgs);
  /** Closes the sidecar session and forgets the portrait; the next render opens them again. */
  void release();

 private:
  struct Controls;
  struct Opened {
    std::string id;
    uint64_t generation = 0;
    /** The answers' size, the sidecar's output frame for the session. */
    int width = 0;
    int height = 0;
  };
  Controls readControls() const;
  std::string portraitHandle(const Controls& controls, double time, uint64_t generation,
                             const client::Cancelled& cancelled);
  Opened session(const Controls& controls, double time, int width, int height, const client::Cancelled& cancelled);
  void attachDrivingFrames(google::protobuf::RepeatedPtrField<client::wire::IndexedFrame>* frames, int first, int last,
                           int wanted) const;
  double clipStart() const;
  /** Ends a session this instance no longer holds: the bridge's timings of it, then the sidecar's session. */
  void closeSession(const Opened& session);

  OfxImageEffectHandle effect_;
  client::Sidecar& sidecar_;
  OfxImageClipHandle source_ = nullptr;
  OfxImageClipHandle portrait_ = nullptr;
  OfxImageClipHandle output_ = nullptr;
  std::map<std::string, OfxParamHandle> params_;

  std::mutex mutex_;
  // Guarded by mutex_: the loaded portrait and the open session, and what they were made from.
  std::string portraitKey_;
  std::string portraitHandle_;
  int portraitWidth_ = 0;
  int portraitHeight_ = 0;
  std::string sessionKey_;
  Opened session_;
  /** The bridge's own time per frame, when PP_BRIDGE_TIMINGS asks for it. */
  RenderTimings timings_;
};

}  // namespace pp::plugin
