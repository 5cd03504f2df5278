// The project's own OpenFX host for tests: property, image effect, parameter and message suites,
// clips served from PAM frames in any depth / components / row order, and the host quirks the
// reference documents (extra clip connected with NULL data, 8-bit delivered after float was
// declared, negative row bytes, concurrent renders).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "abi/ofx.h"

namespace pp::test {

/** A picture, 8-bit, top row first, 3 or 4 channels. */
struct Picture {
  int width = 0;
  int height = 0;
  int channels = 3;
  std::vector<uint8_t> pixels;
};

Picture readPam(const std::string& path);

struct Image;
struct Effect;
/** Where released Output images go, keyed by effect and time, so a test can read renders back. */
void keepOutputs(std::map<std::pair<Effect*, double>, std::unique_ptr<Image>>* store);

/** Whether the host offers its multithread suite to plug-ins loaded from now on (it does unless told). */
void offerThreads(bool offered);
/** How many times plug-ins asked the multithread suite for threads. */
int threadRequests();

class PropertySet {
 public:
  using Value = std::variant<std::vector<int>, std::vector<double>, std::vector<std::string>, std::vector<void*>>;
  std::map<std::string, Value> values;
  std::recursive_mutex mutex;

  template <typename T>
  void set(const std::string& name, int index, T value) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    auto it = values.find(name);
    if (it == values.end() || !std::holds_alternative<std::vector<T>>(it->second)) {
      it = values.insert_or_assign(name, std::vector<T>()).first;
    }
    auto& list = std::get<std::vector<T>>(it->second);
    if (static_cast<int>(list.size()) <= index) {
      list.resize(index + 1);
    }
    list[index] = value;
  }
  template <typename T>
  T get(const std::string& name, int index = 0, T fallback = T()) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    auto it = values.find(name);
    if (it == values.end() || !std::holds_alternative<std::vector<T>>(it->second)) {
      return fallback;
    }
    auto& list = std::get<std::vector<T>>(it->second);
    return index < static_cast<int>(list.size()) ? list[index] : fallback;
  }
  OfxPropertySetHandle handle() { return reinterpret_cast<OfxPropertySetHandle>(this); }
};

struct Param {
  std::string type;
  PropertySet props;
  int intValue = 0;
  double doubleValue = 0;
  std::string stringValue;
};

/** How a clip serves images. */
struct ClipFormat {
  std::string depth = ofx::kBitDepthByte;
  int channels = 4;
  bool negativeRowBytes = false;
  /** Row padding in bytes, as hosts that align rows add. */
  int padding = 0;
};

struct Clip {
  std::string name;
  PropertySet props;
  ClipFormat format;
  /** The frame at a time, or nullptr for "no picture". */
  std::function<const Picture*(double)> frames;
  /** Resolve-like: the image exists but its data pointer is NULL. */
  bool nullData = false;
  /** Images handed out, by time, kept as a host keeps decoded frames: each is made once. */
  std::map<double, std::shared_ptr<std::vector<uint8_t>>> cached;
  std::mutex cachedMutex;
};

struct Image {
  PropertySet props;
  std::shared_ptr<std::vector<uint8_t>> buffer;
  ClipFormat format;
  int width = 0;
  int height = 0;
  /** The image as 8-bit, top row first (for checking outputs). */
  Picture toPicture() const;
};

struct Effect {
  bool descriptor = true;
  PropertySet props;
  PropertySet paramSetProps;
  std::map<std::string, std::unique_ptr<Clip>> clips;
  std::map<std::string, std::unique_ptr<Param>> params;
  std::atomic<bool> aborted{false};
  std::mutex messageMutex;
  std::string persistentMessage;
  OfxImageEffectHandle handle() { return reinterpret_cast<OfxImageEffectHandle>(this); }
};

/** A loaded bundle and the host around it. */
class Host {
 public:
  /** dlopens bundle/Contents/Linux-x86-64/<Name>.ofx for bundle path ".../<Name>.ofx.bundle". */
  explicit Host(const std::string& bundle);
  ~Host();

  OfxPlugin& plugin() { return *plugin_; }
  OfxStatus action(const char* action, const void* handle, PropertySet* in = nullptr, PropertySet* out = nullptr);
  OfxHost& ofxHost() { return host_; }
  PropertySet& hostProps() { return hostProps_; }

  /** Fills an effect from the descriptor of a context, as a host creates an instance. */
  std::unique_ptr<Effect> instantiate(const Effect& described, const std::string& context);

 private:
  void* library_ = nullptr;
  OfxPlugin* plugin_ = nullptr;
  OfxHost host_{};
  PropertySet hostProps_;
};

}  // namespace pp::test
