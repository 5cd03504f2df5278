#include "mock_host.h"

#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace pp::test {
namespace {

PropertySet* P(OfxPropertySetHandle h) { return reinterpret_cast<PropertySet*>(h); }
Effect* E(OfxImageEffectHandle h) { return reinterpret_cast<Effect*>(h); }
Clip* C(OfxImageClipHandle h) { return reinterpret_cast<Clip*>(h); }
Param* PA(OfxParamHandle h) { return reinterpret_cast<Param*>(h); }
Effect* PS(OfxParamSetHandle h) { return reinterpret_cast<Effect*>(h); }

// ---- property suite
template <typename T>
OfxStatus setOne(OfxPropertySetHandle h, const char* name, int index, T value) {
  if (h == nullptr || index < 0) {
    return ofx::kStatErrBadHandle;
  }
  P(h)->set<T>(name, index, value);
  return ofx::kStatOK;
}

template <typename T>
OfxStatus getOne(OfxPropertySetHandle h, const char* name, int index, T* value) {
  if (h == nullptr) {
    return ofx::kStatErrBadHandle;
  }
  PropertySet* set = P(h);
  std::lock_guard<std::recursive_mutex> lock(set->mutex);
  auto it = set->values.find(name);
  if (it == set->values.end()) {
    return ofx::kStatErrUnknown;
  }
  if (!std::holds_alternative<std::vector<T>>(it->second)) {
    return ofx::kStatErrValue;
  }
  auto& list = std::get<std::vector<T>>(it->second);
  if (index < 0 || index >= static_cast<int>(list.size())) {
    return ofx::kStatErrBadIndex;
  }
  *value = list[index];
  return ofx::kStatOK;
}

OfxStatus getString(OfxPropertySetHandle h, const char* name, int index, char** value) {
  if (h == nullptr) {
    return ofx::kStatErrBadHandle;
  }
  PropertySet* set = P(h);
  std::lock_guard<std::recursive_mutex> lock(set->mutex);
  auto it = set->values.find(name);
  if (it == set->values.end()) {
    return ofx::kStatErrUnknown;
  }
  auto* list = std::get_if<std::vector<std::string>>(&it->second);
  if (list == nullptr) {
    return ofx::kStatErrValue;
  }
  if (index < 0 || index >= static_cast<int>(list->size())) {
    return ofx::kStatErrBadIndex;
  }
  *value = (*list)[index].data();
  return ofx::kStatOK;
}

template <typename T, typename In>
OfxStatus setMany(OfxPropertySetHandle h, const char* name, int count, In values) {
  for (int i = 0; i < count; ++i) {
    P(h)->set<T>(name, i, T(values[i]));
  }
  return ofx::kStatOK;
}

template <typename T>
OfxStatus getMany(OfxPropertySetHandle h, const char* name, int count, T* values) {
  for (int i = 0; i < count; ++i) {
    OfxStatus s = getOne<T>(h, name, i, &values[i]);
    if (s != ofx::kStatOK) {
      return s;
    }
  }
  return ofx::kStatOK;
}

OfxStatus propSetString(OfxPropertySetHandle h, const char* n, int i, const char* v) {
  return setOne<std::string>(h, n, i, v == nullptr ? "" : v);
}
OfxStatus propGetStringN(OfxPropertySetHandle h, const char* n, int count, char** v) {
  for (int i = 0; i < count; ++i) {
    OfxStatus s = getString(h, n, i, &v[i]);
    if (s != ofx::kStatOK) {
      return s;
    }
  }
  return ofx::kStatOK;
}
OfxStatus propReset(OfxPropertySetHandle, const char*) { return ofx::kStatOK; }
OfxStatus propGetDimension(OfxPropertySetHandle h, const char* name, int* count) {
  PropertySet* set = P(h);
  std::lock_guard<std::recursive_mutex> lock(set->mutex);
  auto it = set->values.find(name);
  if (it == set->values.end()) {
    return ofx::kStatErrUnknown;
  }
  *count = static_cast<int>(std::visit([](auto& list) { return list.size(); }, it->second));
  return ofx::kStatOK;
}

const OfxPropertySuiteV1 propertySuite = {
    setOne<void*>,
    propSetString,
    setOne<double>,
    setOne<int>,
    [](OfxPropertySetHandle h, const char* n, int c, void* const* v) { return setMany<void*>(h, n, c, v); },
    [](OfxPropertySetHandle h, const char* n, int c, const char* const* v) { return setMany<std::string>(h, n, c, v); },
    [](OfxPropertySetHandle h, const char* n, int c, const double* v) { return setMany<double>(h, n, c, v); },
    [](OfxPropertySetHandle h, const char* n, int c, const int* v) { return setMany<int>(h, n, c, v); },
    getOne<void*>,
    getString,
    getOne<double>,
    getOne<int>,
    [](OfxPropertySetHandle h, const char* n, int c, void** v) { return getMany<void*>(h, n, c, v); },
    propGetStringN,
    [](OfxPropertySetHandle h, const char* n, int c, double* v) { return getMany<double>(h, n, c, v); },
    [](OfxPropertySetHandle h, const char* n, int c, int* v) { return getMany<int>(h, n, c, v); },
    propReset,
    propGetDimension,
};

// ---- images
size_t sampleBytes(const std::string& depth) {
  return depth == ofx::kBitDepthByte ? 1 : depth == ofx::kBitDepthShort ? 2 : 4;
}

/** Pixels of an image in the clip's format, rows from the bottom; zeroed when there is no picture. */
std::vector<uint8_t> pixelsOf(const ClipFormat& format, int width, int height, const Picture* picture) {
  size_t sample = sampleBytes(format.depth);
  size_t stride = sample * format.channels * width + format.padding;
  std::vector<uint8_t> buffer(stride * height, 0);
  uint8_t* bottom = format.negativeRowBytes ? buffer.data() + stride * (height - 1) : buffer.data();
  ptrdiff_t rowBytes = format.negativeRowBytes ? -static_cast<ptrdiff_t>(stride) : static_cast<ptrdiff_t>(stride);
  if (picture != nullptr) {
    for (int r = 0; r < height; ++r) {  // r: rows from the bottom
      const uint8_t* src = picture->pixels.data() + static_cast<size_t>(height - 1 - r) * width * picture->channels;
      uint8_t* dst = bottom + r * rowBytes;
      for (int x = 0; x < width; ++x) {
        for (int c = 0; c < format.channels; ++c) {
          uint8_t v = c < picture->channels ? src[x * picture->channels + c] : 255;
          uint8_t* out = dst + (x * format.channels + c) * sample;
          if (sample == 1) {
            *out = v;
          } else if (sample == 2) {
            uint16_t w = static_cast<uint16_t>(v * 257);
            std::memcpy(out, &w, 2);
          } else {
            float f = v / 255.0f;
            std::memcpy(out, &f, 4);
          }
        }
      }
    }
  }
  return buffer;
}

/**
 * Output buffers handed out before and no longer held by anyone, reused as hosts pool their image
 * memory: a fresh 8 MB allocation per render would time the page faults of this host, not the bridge.
 * A reused buffer still holds an earlier render, as a host's would: the plug-in must write all of
 * the render window.
 */
std::mutex spareMutex;
std::vector<std::shared_ptr<std::vector<uint8_t>>> spare;

std::shared_ptr<std::vector<uint8_t>> outputBuffer(size_t bytes) {
  std::lock_guard<std::mutex> lock(spareMutex);
  for (const auto& buffer : spare) {
    if (buffer.use_count() == 1 && buffer->size() == bytes) {
      return buffer;
    }
  }
  auto buffer = std::make_shared<std::vector<uint8_t>>(bytes, 0);
  if (spare.size() < 16) {
    spare.push_back(buffer);
  }
  return buffer;
}

std::unique_ptr<Image> makeImage(const ClipFormat& format, int width, int height,
                                 std::shared_ptr<std::vector<uint8_t>> buffer) {
  auto image = std::make_unique<Image>();
  image->format = format;
  image->width = width;
  image->height = height;
  image->buffer = std::move(buffer);
  size_t stride = sampleBytes(format.depth) * format.channels * width + format.padding;
  uint8_t* bottom = format.negativeRowBytes ? image->buffer->data() + stride * (height - 1) : image->buffer->data();
  ptrdiff_t rowBytes = format.negativeRowBytes ? -static_cast<ptrdiff_t>(stride) : static_cast<ptrdiff_t>(stride);
  PropertySet& p = image->props;
  p.set<void*>(ofx::kImagePropData, 0, bottom);
  for (int i = 0; i < 4; ++i) {
    p.set<int>(ofx::kImagePropBounds, i, i == 2 ? width : i == 3 ? height : 0);
    p.set<int>("OfxImagePropRegionOfDefinition", i, i == 2 ? width : i == 3 ? height : 0);
  }
  p.set<int>(ofx::kImagePropRowBytes, 0, static_cast<int>(rowBytes));
  p.set<std::string>(ofx::kImageEffectPropPixelDepth, 0, format.depth);
  p.set<std::string>(ofx::kImageEffectPropComponents, 0,
                     format.channels == 4 ? ofx::kImageComponentRGBA : ofx::kImageComponentRGB);
  p.set<std::string>(ofx::kImageEffectPropPreMultiplication, 0, format.channels == 4 ? ofx::kImagePreMultiplied : ofx::kImageOpaque);
  p.set<void*>("host.image", 0, image.get());
  return image;
}

std::mutex imagesMutex;
std::map<PropertySet*, std::unique_ptr<Image>> liveImages;
/** The Output images of renders, by the thread that rendered, for the test to read back. */
std::map<std::pair<Effect*, double>, std::unique_ptr<Image>>* outputs = nullptr;

OfxStatus getPropertySet(OfxImageEffectHandle e, OfxPropertySetHandle* props) {
  *props = E(e)->props.handle();
  return ofx::kStatOK;
}
OfxStatus getParamSet(OfxImageEffectHandle e, OfxParamSetHandle* set) {
  *set = reinterpret_cast<OfxParamSetHandle>(e);
  return ofx::kStatOK;
}
OfxStatus clipDefine(OfxImageEffectHandle e, const char* name, OfxPropertySetHandle* props) {
  auto& clip = E(e)->clips[name];
  if (!clip) {
    clip = std::make_unique<Clip>();
    clip->name = name;
  }
  *props = clip->props.handle();
  return ofx::kStatOK;
}
OfxStatus clipGetHandle(OfxImageEffectHandle e, const char* name, OfxImageClipHandle* clip, OfxPropertySetHandle* props) {
  Effect* effect = E(e);
  if (effect->descriptor) {
    return ofx::kStatErrBadHandle;  // not valid in describe actions
  }
  auto it = effect->clips.find(name);
  if (it == effect->clips.end()) {
    return ofx::kStatErrUnknown;
  }
  *clip = reinterpret_cast<OfxImageClipHandle>(it->second.get());
  if (props != nullptr) {
    *props = it->second->props.handle();
  }
  return ofx::kStatOK;
}
OfxStatus clipGetPropertySet(OfxImageClipHandle clip, OfxPropertySetHandle* props) {
  *props = C(clip)->props.handle();
  return ofx::kStatOK;
}
OfxStatus clipGetImage(OfxImageClipHandle handle, OfxTime time, const OfxRectD*, OfxPropertySetHandle* props) {
  Clip* clip = C(handle);
  const Picture* picture = clip->frames ? clip->frames(time) : nullptr;
  std::unique_ptr<Image> image;
  if (clip->name == ofx::kImageEffectOutputClipName) {
    int w = clip->props.get<int>("test.width");
    int h = clip->props.get<int>("test.height");
    size_t stride = sampleBytes(clip->format.depth) * clip->format.channels * w + clip->format.padding;
    image = makeImage(clip->format, w, h, outputBuffer(stride * h));
    image->props.set<void*>("test.effect", 0, clip->props.get<void*>("test.owner"));
    image->props.set<double>("test.time", 0, time);
  } else if (picture == nullptr && !clip->nullData) {
    return ofx::kStatFailed;
  } else {
    int w = picture ? picture->width : 16;
    int h = picture ? picture->height : 16;
    std::shared_ptr<std::vector<uint8_t>> pixels;
    {
      std::lock_guard<std::mutex> lock(clip->cachedMutex);
      auto& cached = clip->cached[time];
      if (!cached) {
        cached = std::make_shared<std::vector<uint8_t>>(pixelsOf(clip->format, w, h, picture));
      }
      pixels = cached;
    }
    image = makeImage(clip->format, w, h, std::move(pixels));
    if (clip->nullData) {
      image->props.set<void*>(ofx::kImagePropData, 0, nullptr);
    }
  }
  *props = image->props.handle();
  std::lock_guard<std::mutex> lock(imagesMutex);
  liveImages[&image->props] = std::move(image);
  return ofx::kStatOK;
}
OfxStatus clipReleaseImage(OfxPropertySetHandle props) {
  std::lock_guard<std::mutex> lock(imagesMutex);
  auto it = liveImages.find(P(props));
  if (it == liveImages.end()) {
    return ofx::kStatErrBadHandle;
  }
  Image* image = it->second.get();
  // Output images are kept for the test to read back: keyed by the render's effect and time.
  void* owner = image->props.get<void*>("test.effect");
  if (owner != nullptr && outputs != nullptr) {
    (*outputs)[{static_cast<Effect*>(owner), image->props.get<double>("test.time")}] = std::move(it->second);
  }
  liveImages.erase(it);
  return ofx::kStatOK;
}
OfxStatus clipGetRegionOfDefinition(OfxImageClipHandle handle, OfxTime time, OfxRectD* rod) {
  const Picture* picture = C(handle)->frames ? C(handle)->frames(time) : nullptr;
  *rod = OfxRectD{0, 0, picture ? double(picture->width) : 0.0, picture ? double(picture->height) : 0.0};
  return ofx::kStatOK;
}
int abortFn(OfxImageEffectHandle e) { return E(e)->aborted ? 1 : 0; }

const OfxImageEffectSuiteV1 effectSuite = {
    getPropertySet, getParamSet, clipDefine, clipGetHandle, clipGetPropertySet, clipGetImage, clipReleaseImage,
    clipGetRegionOfDefinition, abortFn, nullptr, nullptr, nullptr, nullptr,
};

// ---- parameter suite
OfxStatus paramDefine(OfxParamSetHandle set, const char* type, const char* name, OfxPropertySetHandle* props) {
  auto& param = PS(set)->params[name];
  param = std::make_unique<Param>();
  param->type = type;
  param->props.set<std::string>(ofx::kPropName, 0, name);
  *props = param->props.handle();
  return ofx::kStatOK;
}
OfxStatus paramGetHandle(OfxParamSetHandle set, const char* name, OfxParamHandle* param, OfxPropertySetHandle* props) {
  auto it = PS(set)->params.find(name);
  if (it == PS(set)->params.end()) {
    return ofx::kStatErrUnknown;
  }
  *param = reinterpret_cast<OfxParamHandle>(it->second.get());
  if (props != nullptr) {
    *props = it->second->props.handle();
  }
  return ofx::kStatOK;
}
OfxStatus paramSetGetPropertySet(OfxParamSetHandle set, OfxPropertySetHandle* props) {
  *props = PS(set)->paramSetProps.handle();
  return ofx::kStatOK;
}
OfxStatus paramGetPropertySet(OfxParamHandle param, OfxPropertySetHandle* props) {
  *props = PA(param)->props.handle();
  return ofx::kStatOK;
}
OfxStatus readValue(Param* p, va_list args) {
  if (p->type == ofx::kParamTypeDouble) {
    *va_arg(args, double*) = p->doubleValue;
  } else if (p->type == ofx::kParamTypeString) {
    *va_arg(args, char**) = p->stringValue.data();
  } else {
    *va_arg(args, int*) = p->intValue;
  }
  return ofx::kStatOK;
}
OfxStatus paramGetValue(OfxParamHandle param, ...) {
  va_list args;
  va_start(args, param);
  OfxStatus s = readValue(PA(param), args);
  va_end(args);
  return s;
}
OfxStatus paramGetValueAtTime(OfxParamHandle param, OfxTime time, ...) {
  va_list args;
  va_start(args, time);
  OfxStatus s = readValue(PA(param), args);
  va_end(args);
  return s;
}
OfxStatus unsupportedAtTime(OfxParamHandle, OfxTime, ...) { return ofx::kStatErrUnsupported; }
OfxStatus unsupportedIntegral(OfxParamHandle, OfxTime, OfxTime, ...) { return ofx::kStatErrUnsupported; }
OfxStatus unsupported(OfxParamHandle, ...) { return ofx::kStatErrUnsupported; }

const OfxParameterSuiteV1 parameterSuite = {
    paramDefine, paramGetHandle, paramSetGetPropertySet, paramGetPropertySet, paramGetValue, paramGetValueAtTime,
    unsupportedAtTime, unsupportedIntegral, unsupported, unsupportedAtTime, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr,
};

// ---- message suite (v2)
OfxStatus message(void*, const char* type, const char*, const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::fprintf(stderr, "[host message %s] ", type);
  std::vfprintf(stderr, format, args);
  std::fprintf(stderr, "\n");
  va_end(args);
  return ofx::kStatOK;
}
OfxStatus setPersistentMessage(void* handle, const char*, const char*, const char* format, ...) {
  char text[4096];
  va_list args;
  va_start(args, format);
  std::vsnprintf(text, sizeof text, format, args);
  va_end(args);
  Effect* effect = static_cast<Effect*>(handle);
  std::lock_guard<std::mutex> lock(effect->messageMutex);
  effect->persistentMessage = text;
  return ofx::kStatOK;
}
OfxStatus clearPersistentMessage(void* handle) {
  Effect* effect = static_cast<Effect*>(handle);
  std::lock_guard<std::mutex> lock(effect->messageMutex);
  effect->persistentMessage.clear();
  return ofx::kStatOK;
}
const OfxMessageSuiteV2 messageSuite = {message, setPersistentMessage, clearPersistentMessage};

// ---- multithread suite: real threads, the calling thread taking index 0 as hosts commonly do; no
// mutex functions, as some hosts offer none.
bool threadsOffered = true;
std::atomic<int> multiThreadCalls{0};
thread_local bool spawnedThread = false;
thread_local unsigned spawnedIndex = 0;

OfxStatus multiThread(OfxThreadFunctionV1* func, unsigned int count, void* argument) {
  if (spawnedThread) {
    return ofx::kStatErrExists;  // the suite may not be called from one of its own threads
  }
  ++multiThreadCalls;
  count = std::max(1u, count);
  auto run = [=](unsigned index) {
    spawnedThread = true;
    spawnedIndex = index;
    func(index, count, argument);
    spawnedThread = false;
    spawnedIndex = 0;
  };
  std::vector<std::thread> threads;
  for (unsigned index = 1; index < count; ++index) {
    threads.emplace_back(run, index);
  }
  run(0);
  for (std::thread& thread : threads) {
    thread.join();
  }
  return ofx::kStatOK;
}
OfxStatus multiThreadNumCPUs(unsigned int* count) {
  *count = std::max(1u, std::thread::hardware_concurrency());
  return ofx::kStatOK;
}
OfxStatus multiThreadIndex(unsigned int* index) {
  *index = spawnedIndex;
  return ofx::kStatOK;
}
int multiThreadIsSpawnedThread() { return spawnedThread ? 1 : 0; }

const OfxMultiThreadSuiteV1 threadSuite = {multiThread, multiThreadNumCPUs, multiThreadIndex, multiThreadIsSpawnedThread,
                                           nullptr, nullptr, nullptr, nullptr, nullptr};

const void* fetchSuite(OfxPropertySetHandle, const char* name, int version) {
  std::string n = name;
  if (n == ofx::kPropertySuite && version == 1) return &propertySuite;
  if (n == ofx::kImageEffectSuite && version == 1) return &effectSuite;
  if (n == ofx::kParameterSuite && version == 1) return &parameterSuite;
  if (n == ofx::kMessageSuite && (version == 1 || version == 2)) return &messageSuite;
  if (n == ofx::kMultiThreadSuite && version == 1 && threadsOffered) return &threadSuite;
  return nullptr;
}

}  // namespace

void keepOutputs(std::map<std::pair<Effect*, double>, std::unique_ptr<Image>>* store) { outputs = store; }

void offerThreads(bool offered) { threadsOffered = offered; }

int threadRequests() { return multiThreadCalls; }

Picture readPam(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(path + ": cannot open");
  }
  Picture picture;
  std::string line;
  while (std::getline(in, line) && line != "ENDHDR") {
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "WIDTH") words >> picture.width;
    if (key == "HEIGHT") words >> picture.height;
    if (key == "DEPTH") words >> picture.channels;
  }
  picture.pixels.resize(static_cast<size_t>(picture.width) * picture.height * picture.channels);
  in.read(reinterpret_cast<char*>(picture.pixels.data()), static_cast<std::streamsize>(picture.pixels.size()));
  if (!in) {
    throw std::runtime_error(path + ": truncated");
  }
  return picture;
}

Picture Image::toPicture() const {
  Picture picture;
  picture.width = width;
  picture.height = height;
  picture.channels = format.channels;
  picture.pixels.resize(static_cast<size_t>(width) * height * format.channels);
  size_t sample = sampleBytes(format.depth);
  size_t stride = sample * format.channels * width + format.padding;
  for (int r = 0; r < height; ++r) {
    size_t memoryRow = format.negativeRowBytes ? static_cast<size_t>(height - 1 - r) : static_cast<size_t>(r);
    const uint8_t* src = buffer->data() + memoryRow * stride;
    uint8_t* dst = picture.pixels.data() + static_cast<size_t>(height - 1 - r) * width * format.channels;
    for (int i = 0; i < width * format.channels; ++i) {
      if (sample == 1) {
        dst[i] = src[i];
      } else if (sample == 2) {
        uint16_t v;
        std::memcpy(&v, src + 2 * i, 2);
        dst[i] = static_cast<uint8_t>(std::lround(v / 257.0));
      } else {
        float v;
        std::memcpy(&v, src + 4 * i, 4);
        dst[i] = static_cast<uint8_t>(std::lround(std::min(1.0f, std::max(0.0f, v)) * 255.0f));
      }
    }
  }
  return picture;
}

Host::Host(const std::string& bundle) {
  std::string name = bundle.substr(bundle.find_last_of('/') + 1);
  name = name.substr(0, name.find(".ofx.bundle"));
  std::string binary = bundle + "/Contents/Linux-x86-64/" + name + ".ofx";
  library_ = dlopen(binary.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library_ == nullptr) {
    throw std::runtime_error(std::string("cannot load ") + binary + ": " + dlerror());
  }
  auto count = reinterpret_cast<int (*)()>(dlsym(library_, "OfxGetNumberOfPlugins"));
  auto get = reinterpret_cast<OfxPlugin* (*)(int)>(dlsym(library_, "OfxGetPlugin"));
  if (count == nullptr || get == nullptr || count() != 1 || get(0) == nullptr) {
    throw std::runtime_error(binary + ": missing or wrong OFX entry points");
  }
  plugin_ = get(0);
  hostProps_.set<std::string>(ofx::kPropName, 0, "org.portraitperf.TestHost");
  host_.host = hostProps_.handle();
  host_.fetchSuite = fetchSuite;
  plugin_->setHost(&host_);
}

Host::~Host() {
  if (library_ != nullptr) {
    dlclose(library_);
  }
}

OfxStatus Host::action(const char* action, const void* handle, PropertySet* in, PropertySet* out) {
  return plugin_->mainEntry(action, handle, in ? in->handle() : nullptr, out ? out->handle() : nullptr);
}

std::unique_ptr<Effect> Host::instantiate(const Effect&, const std::string& context) {
  auto effect = std::make_unique<Effect>();
  // The host keeps a descriptor per context; a fresh describe into the instance gives the same clips and params.
  if (action(ofx::kActionDescribe, effect->handle()) != ofx::kStatOK) {
    throw std::runtime_error("describe failed");
  }
  PropertySet in;
  in.set<std::string>(ofx::kImageEffectPropContext, 0, context);
  if (action(ofx::kImageEffectActionDescribeInContext, effect->handle(), &in) != ofx::kStatOK) {
    throw std::runtime_error("describe in context failed");
  }
  effect->descriptor = false;
  effect->props.set<std::string>(ofx::kImageEffectPropContext, 0, context);
  for (auto& [name, param] : effect->params) {
    if (param->type == ofx::kParamTypeDouble) {
      param->doubleValue = param->props.get<double>(ofx::kParamPropDefault);
    } else if (param->type == ofx::kParamTypeString) {
      param->stringValue = param->props.get<std::string>(ofx::kParamPropDefault);
    } else {
      param->intValue = param->props.get<int>(ofx::kParamPropDefault);
    }
  }
  return effect;
}

}  // namespace pp::test
