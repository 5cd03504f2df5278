#include "plugin/instance.h"

#include <cmath>
#include <cstring>

#include "abi/host.h"
#include "abi/image.h"
#include "plugin/params.h"
#include "plugin/pixels.h"
#include "plugin/png.h"
#include "plugin/timings.h"

namespace pp::plugin {
namespace {

using abi::check;
using abi::OfxError;
using abi::Props;
using abi::suites;
namespace wire = client::wire;

/** Driving frames sent in one call while the sidecar catches up, bounded by size (a 1080p float frame is 33 MB). */
constexpr size_t kCatchUpBytes = 64u << 20;
constexpr int kCatchUpFrames = 16;
/** Rounds of "send the frame the sidecar asks for" a render may take before giving up. */
constexpr int kMaxRounds = 100000;

uint64_t fnv1a(const std::string& bytes) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    hash = (hash ^ c) * 1099511628211ull;
  }
  return hash;
}

/** Describes a driving frame as the bridge sends it: 8-bit straight RGB, top row first, tight rows. */
void describeDriving(const ImageView& image, wire::Frame* frame) {
  frame->set_width(static_cast<uint32_t>(image.bounds.width()));
  frame->set_height(static_cast<uint32_t>(image.bounds.height()));
  frame->set_row_stride(static_cast<uint32_t>(image.bounds.width()) * 3);
  wire::FrameFormat* format = frame->mutable_format();
  format->set_channels(wire::CHANNELS_RGB);
  format->set_depth(wire::DEPTH_U8);
  format->set_origin(wire::ORIGIN_TOP_LEFT);
}

size_t drivingBytes(const ImageView& image) {
  return static_cast<size_t>(image.bounds.width()) * image.bounds.height() * 3;
}

/**
 * Writes the image into pixels in the sidecar's own layout, 8-bit RGB (the sidecar reads a driving
 * frame's colour only), top row first: the sidecar then takes the bytes as they are, while every
 * conversion (row order, depth, alpha) runs here in C++.
 */
void packDriving(const ImageView& image, uint8_t* pixels) {
  ImageView target = sidecarView(pixels, image.bounds.x1, image.bounds.y1, image.bounds.width(),
                                 image.bounds.height(), 3);
  copyConverted(image, target, image.bounds, abi::forRowBands);
}

/** The image as a wire frame with its pixels in the message. */
void toWire(const ImageView& image, wire::Frame* frame) {
  describeDriving(image, frame);
  std::string& pixels = *frame->mutable_pixels();
  pixels.resize(drivingBytes(image));
  packDriving(image, reinterpret_cast<uint8_t*>(pixels.data()));
}

/** The image as a wire frame with its pixels at the start of a shared-memory lease. */
void toShared(const ImageView& image, const client::SharedFrames::Lease& lease, wire::Frame* frame) {
  describeDriving(image, frame);
  packDriving(image, lease.data());
  wire::SharedRegion* region = frame->mutable_shared();
  region->set_file(lease.name());
  region->set_offset(0);
  region->set_length(drivingBytes(image));
}

Rect renderWindow(OfxPropertySetHandle inArgs) {
  Props args(inArgs);
  return Rect{args.getInt(ofx::kImageEffectPropRenderWindow, 0), args.getInt(ofx::kImageEffectPropRenderWindow, 1),
              args.getInt(ofx::kImageEffectPropRenderWindow, 2), args.getInt(ofx::kImageEffectPropRenderWindow, 3)};
}

}  // namespace

struct Instance::Controls {
  std::string portraitPath;
  bool usePortraitInput = false;
  wire::EngineSettings settings;
  std::string layout;
  double strength = 1;
  int referenceFrame = 0;
};

Instance::Instance(OfxImageEffectHandle effect, client::Sidecar& sidecar) : effect_(effect), sidecar_(sidecar) {
  OfxPropertySetHandle ignored = nullptr;
  check(suites().effect->clipGetHandle(effect, ofx::kImageEffectSimpleSourceClipName, &source_, &ignored),
        "getting the Source clip");
  check(suites().effect->clipGetHandle(effect, ofx::kImageEffectOutputClipName, &output_, &ignored),
        "getting the Output clip");
  // Optional: a host may not offer the extra input at all.
  if (suites().effect->clipGetHandle(effect, kPortraitClip, &portrait_, &ignored) != ofx::kStatOK) {
    portrait_ = nullptr;
  }
  OfxParamSetHandle set = nullptr;
  check(suites().effect->getParamSet(effect, &set), "getting the parameter set");
  for (const char* name : {param::kPortraitPath, param::kUsePortraitInput, param::kEngine, param::kReferenceFrame,
                           param::kMotion, param::kHeadGain, param::kExpressionGain, param::kEyesGain, param::kLipsGain,
                           param::kStrength, param::kDetail, param::kSmoothing, param::kFeather, param::kColourMatch,
                           param::kLayout}) {
    OfxParamHandle handle = nullptr;
    check(suites().parameter->paramGetHandle(set, name, &handle, nullptr), name);
    params_[name] = handle;
  }
}

Instance::~Instance() {
  try {
    release();
  } catch (...) {
    // Destroying must not fail; the sidecar drops idle sessions on its own.
  }
}

Instance::Controls Instance::readControls() const {
  auto param = [this](const char* name) { return params_.at(name); };
  auto number = [&](const char* name) {
    double value = 0;
    check(suites().parameter->paramGetValue(param(name), &value), name);
    return value;
  };
  auto integer = [&](const char* name) {
    int value = 0;
    check(suites().parameter->paramGetValue(param(name), &value), name);
    return value;
  };
  auto option = [&](const char* name, const std::vector<const char*>& options) {
    int index = integer(name);
    return std::string(options.at(index >= 0 && static_cast<size_t>(index) < options.size() ? index : 0));
  };
  Controls c;
  char* path = nullptr;
  check(suites().parameter->paramGetValue(param(param::kPortraitPath), &path), param::kPortraitPath);
  c.portraitPath = path == nullptr ? "" : path;
  c.usePortraitInput = integer(param::kUsePortraitInput) != 0;
  c.strength = number(param::kStrength);
  c.referenceFrame = std::max(0, integer(param::kReferenceFrame));
  c.layout = option(param::kLayout, kLayouts);
  wire::EngineSettings& s = c.settings;
  s.set_engine(option(param::kEngine, kEngines));
  s.set_reference_frame(std::to_string(c.referenceFrame));
  s.set_motion(option(param::kMotion, kMotions));
  s.set_head_gain(number(param::kHeadGain));
  s.set_expression_gain(number(param::kExpressionGain));
  s.set_eyes_gain(number(param::kEyesGain));
  s.set_lips_gain(number(param::kLipsGain));
  s.set_strength(c.strength);
  s.set_detail(number(param::kDetail));
  s.set_smoothing(number(param::kSmoothing));
  s.set_feather(number(param::kFeather));
  s.set_colour_match(integer(param::kColourMatch) != 0);
  s.set_layout(c.layout);
  return c;
}

double Instance::clipStart() const {
  OfxPropertySetHandle props = nullptr;
  if (suites().effect->clipGetPropertySet(source_, &props) != ofx::kStatOK) {
    return 0;
  }
  return Props(props).getDoubleOr(ofx::kImageEffectPropFrameRange, 0, 0);
}

std::string Instance::portraitHandle(const Controls& controls, double time, uint64_t generation,
                                     const client::Cancelled& cancelled) {
  wire::LoadPortraitRequest request;
  std::string key;
  abi::ClipImage input = controls.usePortraitInput ? abi::ClipImage::fetch(portrait_, time) : abi::ClipImage();
  std::string rgba;
  if (input) {
    // Hashing the pixels finds out whether the picture changed; it is sent only when it did.
    rgba = toRgba8TopDown(input.view());
    key = "input:" + std::to_string(fnv1a(rgba));
  } else if (!controls.portraitPath.empty()) {
    key = "path:" + controls.portraitPath;
  } else {
    throw std::runtime_error(controls.usePortraitInput
                                 ? "the Portrait input gives no picture and no portrait file is set"
                                 : "no portrait: choose a portrait file (or connect the Portrait input and tick"
                                   " \"Use Portrait input\")");
  }
  // Portraits live in the sidecar's memory: a restarted sidecar needs them again.
  key += "@" + std::to_string(generation);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (key == portraitKey_) {
      return portraitHandle_;
    }
  }
  if (input) {
    request.set_image(encodePng(rgba, input.view().bounds.width(), input.view().bounds.height()));
    request.set_name("Portrait input");
  } else {
    request.set_path(controls.portraitPath);
    request.set_name(controls.portraitPath);
  }
  wire::LoadPortraitResponse loaded = sidecar_.loadPortrait(request, cancelled);
  std::lock_guard<std::mutex> lock(mutex_);
  portraitHandle_ = loaded.portrait_handle();
  portraitWidth_ = static_cast<int>(loaded.width());
  portraitHeight_ = static_cast<int>(loaded.height());
  portraitKey_ = key;
  return portraitHandle_;
}

void Instance::attachDrivingFrames(google::protobuf::RepeatedPtrField<wire::IndexedFrame>* frames, int first, int last,
                                   int wanted) const {
  double start = clipStart();
  size_t bytes = 0;
  for (int index = first; index <= last && static_cast<int>(frames->size()) < kCatchUpFrames && bytes < kCatchUpBytes;
       ++index) {
    abi::ClipImage image = abi::ClipImage::fetch(source_, start + index);
    if (!image) {
      throw std::runtime_error("the host gave no Source frame " + std::to_string(index) +
                               " (the sidecar tracks the face through every frame up to " + std::to_string(wanted) + ")");
    }
    wire::IndexedFrame* frame = frames->Add();
    frame->set_index(static_cast<uint32_t>(index));
    toWire(image.view(), frame->mutable_frame());
    bytes += frame->frame().pixels().size();
  }
}

Instance::Opened Instance::session(const Controls& controls, double time, int width, int height,
                                   const client::Cancelled& cancelled) {
  uint64_t generation = sidecar_.connected(cancelled);
  std::string portrait = portraitHandle(controls, time, generation, cancelled);
  OfxPropertySetHandle clipProps = nullptr;
  check(suites().effect->clipGetPropertySet(source_, &clipProps), "reading the Source clip");
  Props clip(clipProps);
  double first = clip.getDoubleOr(ofx::kImageEffectPropFrameRange, 0, 0);
  double last = clip.getDoubleOr(ofx::kImageEffectPropFrameRange, first, 1);
  double rate = clip.getDoubleOr(ofx::kImageEffectPropFrameRate, 0);
  if (!(rate > 0)) {
    OfxPropertySetHandle effectProps = nullptr;
    if (suites().effect->getPropertySet(effect_, &effectProps) == ofx::kStatOK) {
      rate = Props(effectProps).getDoubleOr(ofx::kImageEffectPropFrameRate, 25);
    }
  }
  uint32_t frameCount = static_cast<uint32_t>(std::max(1.0, std::floor(last - first) + 1));
  // The tracker's filters are tuned in seconds: the rate travels as a fraction with 1/1000 precision.
  uint32_t rateNumerator = static_cast<uint32_t>(std::lround((rate > 0 ? rate : 25) * 1000));
  std::string key = portrait + "|" + controls.settings.SerializeAsString() + "|" + std::to_string(frameCount) + "|" +
                    std::to_string(rateNumerator) + "|" + std::to_string(width) + "x" + std::to_string(height);
  Opened stale;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (key == sessionKey_ && session_.generation == generation) {
      return session_;
    }
    stale = session_;
    session_ = Opened();
    sessionKey_.clear();
  }
  closeSession(stale);

  wire::OpenSessionRequest request;
  request.set_portrait_handle(portrait);
  *request.mutable_settings() = controls.settings;
  request.set_clip_id("Source");
  wire::FedClip* fed = request.mutable_fed_clip();
  fed->set_frame_count(frameCount);
  fed->set_rate_numerator(rateNumerator);
  fed->set_rate_denominator(1000);
  // Opening reads frame 0 and the reference frame; any other it asks for comes the same way as in render.
  attachDrivingFrames(fed->mutable_driving_frames(), 0, 0, 0);
  if (controls.referenceFrame > 0) {
    attachDrivingFrames(fed->mutable_driving_frames(), controls.referenceFrame, controls.referenceFrame,
                        controls.referenceFrame);
  }
  wire::OpenSessionResponse opened;
  for (int round = 0;; ++round) {
    try {
      opened = sidecar_.openSession(request, cancelled);
      break;
    } catch (const client::SidecarError& e) {
      if (e.reason() != "DRIVING_FRAME_NEEDED" || round >= kMaxRounds) {
        throw;
      }
      int needed = std::atoi(e.metadata("frame").c_str());
      fed->clear_driving_frames();
      attachDrivingFrames(fed->mutable_driving_frames(), needed, needed, needed);
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  session_ = Opened{opened.session_id(), generation, static_cast<int>(opened.width()), static_cast<int>(opened.height())};
  sessionKey_ = key;
  return session_;
}

void Instance::render(OfxPropertySetHandle inArgs) {
  Props args(inArgs);
  double time = args.getDouble(ofx::kPropTime);
  Rect window = renderWindow(inArgs);
  abi::ClipImage output = abi::ClipImage::fetch(output_, time);
  if (!output) {
    throw OfxError(ofx::kStatFailed, "the host gave no Output image");
  }
  abi::ClipImage source = abi::ClipImage::fetch(source_, time);
  if (!source) {
    clear(output.view(), window);
    abi::setPersistentError(effect_, "Portrait Performance: the Source input gives no picture");
    return;
  }
  Controls controls = readControls();
  bool thumbnail = args.getIntOr(ofx::kImageEffectPropThumbnailRender, 0) != 0;
  if (controls.strength <= 0 || thumbnail) {
    copyConverted(source.view(), output.view(), window, abi::forRowBands);
    return;
  }
  client::Cancelled cancelled = [effect = effect_] { return suites().effect->abort(effect) != 0; };
  try {
    const ImageView& in = source.view();
    int index = static_cast<int>(std::lround(time - clipStart()));
    wire::RenderFrameRequest request;
    request.set_frame_index(static_cast<uint32_t>(std::max(0, index)));
    // No output_format: the answer comes in the sidecar's own format, converted into Output here.
    wire::RenderFrameResponse answer;
    client::SharedFrames::Lease lease;
    bool reconnected = false;
    bool sendCurrent = true;
    Opened opened;
    RenderTimings::Clock::duration packing{};
    RenderTimings::Clock::duration calls{};
    for (int round = 0;; ++round) {
      if (cancelled()) {
        return;  // the host aborted this render between two calls; it discards the output
      }
      opened = session(controls, time, in.bounds.width(), in.bounds.height(), cancelled);
      request.set_session_id(opened.id);
      size_t answerBytes = static_cast<size_t>(opened.width) * opened.height * 4;
      std::shared_ptr<client::SharedFrames> shared = sidecar_.sharedFrames(opened.generation);
      if (!shared) {
        lease = client::SharedFrames::Lease();
      } else if (!lease || !lease.of(*shared) || lease.size() < drivingBytes(in) + answerBytes) {
        sendCurrent = true;
        try {
          // The driving frame, then room for the answer, in one file lent to this call.
          lease = shared->acquire(drivingBytes(in) + answerBytes);
        } catch (const std::runtime_error&) {
          // No room for files in shared memory (or the folder went away): the pixels go in messages.
          sidecar_.refuseSharedFrames(opened.generation);
          lease = client::SharedFrames::Lease();
        }
      }
      if (sendCurrent) {
        auto packingStarted = RenderTimings::Clock::now();
        request.clear_driving_frames();
        wire::IndexedFrame* frame = request.add_driving_frames();
        frame->set_index(request.frame_index());
        if (lease) {
          toShared(in, lease, frame->mutable_frame());
        } else {
          toWire(in, frame->mutable_frame());
        }
        sendCurrent = false;
        packing += RenderTimings::Clock::now() - packingStarted;
      }
      if (lease) {
        wire::SharedRegion* region = request.mutable_answer_region();
        region->set_file(lease.name());
        region->set_offset(drivingBytes(in));
        region->set_length(answerBytes);
      } else {
        request.clear_answer_region();
      }
      auto calling = RenderTimings::Clock::now();
      try {
        answer = sidecar_.renderFrame(request, cancelled);
        calls += RenderTimings::Clock::now() - calling;
        break;
      } catch (const client::SidecarError& e) {
        calls += RenderTimings::Clock::now() - calling;
        if (e.reason() == "DRIVING_FRAME_NEEDED" && round < kMaxRounds) {
          // The sidecar has not tracked up to here: send the frames from the one it needs onwards.
          int needed = std::atoi(e.metadata("frame").c_str());
          request.clear_driving_frames();
          attachDrivingFrames(request.mutable_driving_frames(), needed, static_cast<int>(request.frame_index()),
                              static_cast<int>(request.frame_index()));
          continue;
        }
        if (e.reason() == "SHARED_MEMORY" && lease) {
          // The sidecar cannot map our files (another user's, or a folder it no longer offers): messages then.
          sidecar_.refuseSharedFrames(opened.generation);
          sendCurrent = true;
          continue;
        }
        bool gone = e.kind() == client::SidecarError::Kind::Unavailable || e.reason() == "NOT_FOUND";
        if (gone && !reconnected) {
          // The sidecar died, was restarted or expired the idle session: once more, from a fresh session.
          reconnected = true;
          sendCurrent = true;
          release();
          continue;
        }
        throw;
      }
    }
    const wire::Frame& frame = answer.frame();
    size_t answerBytes = static_cast<size_t>(frame.row_stride()) * frame.height();
    // Shared pixels are read only from the file this call lent for them.
    bool ownFile = frame.has_shared() && lease && frame.shared().file() == lease.name();
    const uint8_t* pixels = frame.has_shared() ? ownFile ? lease.data() + frame.shared().offset() : nullptr
                                               : reinterpret_cast<const uint8_t*>(frame.pixels().data());
    size_t held = frame.has_shared() ? frame.shared().length() : frame.pixels().size();
    if (pixels == nullptr || frame.format().channels() != wire::CHANNELS_RGBA ||
        frame.format().depth() != wire::DEPTH_U8 || frame.format().origin() != wire::ORIGIN_TOP_LEFT ||
        frame.row_stride() != frame.width() * 4 || held != answerBytes ||
        (frame.has_shared() && frame.shared().offset() + held > lease.size())) {
      throw std::runtime_error("the sidecar answered with a frame in another format than its own");
    }
    // The answer's bottom-left pixel goes where the Source's is.
    ImageView rendered = sidecarView(const_cast<uint8_t*>(pixels), in.bounds.x1, in.bounds.y1,
                                     static_cast<int>(frame.width()), static_cast<int>(frame.height()));
    ImageView& out = output.view();
    auto writing = RenderTimings::Clock::now();
    copyConverted(rendered, out, window, abi::forRowBands);
    timings_.add(packing, calls, RenderTimings::Clock::now() - writing, std::chrono::microseconds(answer.engine_micros()),
                 std::chrono::microseconds(answer.call_micros()));
    lease.done();
    abi::clearPersistentError(effect_);
  } catch (const client::SidecarError& e) {
    if (e.kind() == client::SidecarError::Kind::Cancelled) {
      return;  // the host aborted this render; it discards the output
    }
    abi::setPersistentError(effect_, std::string("Portrait Performance: ") + e.what());
    copyConverted(source.view(), output.view(), window, abi::forRowBands);
  } catch (const OfxError&) {
    throw;
  } catch (const std::exception& e) {
    abi::setPersistentError(effect_, std::string("Portrait Performance: ") + e.what());
    copyConverted(source.view(), output.view(), window, abi::forRowBands);
  }
}

bool Instance::isIdentity(OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs) {
  if (readControls().strength > 0) {
    return false;
  }
  Props out(outArgs);
  out.setString(ofx::kPropName, ofx::kImageEffectSimpleSourceClipName);
  out.setDouble(ofx::kPropTime, Props(inArgs).getDouble(ofx::kPropTime));
  return true;
}

void Instance::clipPreferences(OfxPropertySetHandle outArgs) {
  Props out(outArgs);
  // The animated portrait has straight alpha; hosts expect premultiplied RGBA, which the sidecar produces.
  out.setString(ofx::kImageEffectPropPreMultiplication, ofx::kImagePreMultiplied);
  out.setInt(ofx::kImageEffectFrameVarying, 0);
}

bool Instance::regionOfDefinition(OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs) {
  Controls controls = readControls();
  if (controls.layout == "fit" || controls.strength <= 0) {
    return false;
  }
  int width = 0;
  int height = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    width = portraitWidth_;
    height = portraitHeight_;
  }
  if (width == 0) {
    return false;  // not loaded yet: the Source's region until the first render knows the portrait's size
  }
  OfxRectD source{};
  if (suites().effect->clipGetRegionOfDefinition(source_, Props(inArgs).getDouble(ofx::kPropTime), &source) !=
      ofx::kStatOK) {
    return false;
  }
  Props out(outArgs);
  out.setDoubles(ofx::kImageEffectPropRegionOfDefinition,
                 {source.x1, source.y1, source.x1 + width, source.y1 + height});
  return true;
}

void Instance::instanceChanged(OfxPropertySetHandle inArgs) {
  std::string name = Props(inArgs).getStringOr(ofx::kPropName, "");
  if (name == param::kPortraitPath || name == param::kUsePortraitInput) {
    // A new path, or the same path with a new picture in it: load it again at the next render.
    release();
  }
}

void Instance::closeSession(const Opened& session) {
  timings_.sessionClosed(session.id);
  sidecar_.closeSession(session.id, session.generation);
}

void Instance::release() {
  Opened stale;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stale = session_;
    session_ = Opened();
    sessionKey_.clear();
    portraitKey_.clear();
    portraitHandle_.clear();
  }
  closeSession(stale);
}

}  // namespace pp::plugin
