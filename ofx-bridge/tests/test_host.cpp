// Drives the built bundle through the host action sequence against a real sidecar, one scenario per
// run (CTest runs each):  test_host SCENARIO BUNDLE DATA_DIR PORTRAIT
// DATA_DIR holds driving/NNNNN.pam (Source frames) and expected/NNNNN.pam (what `pp animate` made of
// them with the same portrait and settings); every rendered frame must match within one 8-bit level.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <thread>

#include "expect.h"
#include "mock_host.h"

using namespace pp::test;

namespace {

struct Profile {
  std::string context = ofx::kImageEffectContextFilter;
  ClipFormat source;
  ClipFormat output;
  /** The host claims float only but hands out 8-bit images (a Vegas quirk). */
  bool declareFloatOnly = false;
  /** Resolve-like: the Portrait clip is reported connected but its image has NULL data. */
  bool portraitNullData = false;
  bool usePortraitInput = false;
  int threads = 1;
  /** Kill the sidecar after this many frames (-1: never). */
  int killAfter = -1;
  double strength = 1;
  /** Expect a persistent error and Output == Source (sidecar cannot start). */
  bool expectFailure = false;
  /** Frames through shared memory (the default) or, with PP_SIDECAR_SHARED_MEMORY=0, in messages. */
  bool sharedMemory = true;
  /** Before the sequence: render the last frame (the sidecar first tracks every frame before it) and abort it midway. */
  bool abortLongRender = false;
  /** The host offers its multithread suite, and the bridge converts pixels on its threads. */
  bool hostThreads = true;
};

/**
 * This process's shared frame files, in the folders the sidecar may offer: beside its socket, or a
 * private folder in /dev/shm when the socket's folder is on disk.
 */
int sharedFrameFiles() {
  const char* socket = std::getenv("PP_SIDECAR_SOCKET");
  const char* user = std::getenv("USER");
  std::vector<std::filesystem::path> folders = {
      std::filesystem::path(std::string(socket == nullptr ? "" : socket) + ".frames"),
      std::filesystem::path("/dev/shm") / (std::string("portrait-performance-") + (user == nullptr ? "root" : user))};
  std::string prefix = std::to_string(getpid()) + "-ofx-";
  int files = 0;
  for (const auto& folder : folders) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      files += entry.path().filename().string().rfind(prefix, 0) == 0 ? 1 : 0;
    }
  }
  return files;
}

std::vector<Picture> loadFrames(const std::string& folder) {
  std::vector<Picture> frames;
  for (int i = 0;; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/%05d.pam", i);
    std::ifstream probe(folder + name);
    if (!probe) {
      break;
    }
    frames.push_back(readPam(folder + name));
  }
  return frames;
}

/** Largest difference over the colour channels (and alpha where both have it). */
int maxDifference(const Picture& a, const Picture& b) {
  if (a.width != b.width || a.height != b.height) {
    return 1000;
  }
  int channels = std::min(a.channels, b.channels);
  int worst = 0;
  for (size_t p = 0; p < static_cast<size_t>(a.width) * a.height; ++p) {
    for (int c = 0; c < channels; ++c) {
      worst = std::max(worst, std::abs(a.pixels[p * a.channels + c] - b.pixels[p * b.channels + c]));
    }
  }
  return worst;
}

void killSidecar() {
  const char* socket = std::getenv("PP_SIDECAR_SOCKET");
  std::ifstream in(std::string(socket) + ".pid");
  int pid = 0;
  in >> pid;
  expect(pid > 1, "the bridge wrote the sidecar's pid beside the socket");
  if (pid > 1) {
    kill(pid, SIGKILL);  // this test's own private sidecar, started by the bridge
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}

void checkDescription(Effect& d) {
  expect(d.props.get<std::string>(ofx::kPropLabel) == "Portrait Performance", "label");
  expect(!d.props.get<std::string>(ofx::kImageEffectPluginPropGrouping).empty(), "grouping");
  expect(d.props.get<std::string>(ofx::kImageEffectPropSupportedContexts, 0) == ofx::kImageEffectContextFilter &&
             d.props.get<std::string>(ofx::kImageEffectPropSupportedContexts, 1) == ofx::kImageEffectContextGeneral,
         "filter and general contexts");
  expect(d.clips.count("Source") && d.clips.count("Output") && d.clips.count("Portrait"), "Source, Portrait, Output");
  expect(d.clips.count("Portrait") && d.clips["Portrait"]->props.get<int>(ofx::kImageClipPropOptional) == 1,
         "Portrait optional");
  for (const char* name : {"portraitPath", "usePortraitInput", "engine", "referenceFrame", "motion", "headGain",
                           "expressionGain", "eyesGain", "lipsGain", "strength", "smoothing", "feather", "layout"}) {
    expect(d.params.count(name) == 1, std::string("parameter ") + name);
  }
  for (auto& [name, param] : d.params) {
    PropertySet& p = param->props;
    if (param->type == ofx::kParamTypeDouble) {
      expect(p.get<double>(ofx::kParamPropMax) > p.get<double>(ofx::kParamPropMin) &&
                 p.get<double>(ofx::kParamPropDisplayMax) > p.get<double>(ofx::kParamPropDisplayMin),
             name + ": range and display range");
    } else if (param->type == ofx::kParamTypeInteger) {
      expect(p.get<int>(ofx::kParamPropMax) > p.get<int>(ofx::kParamPropMin) &&
                 p.get<int>(ofx::kParamPropDisplayMax) > p.get<int>(ofx::kParamPropDisplayMin),
             name + ": range and display range");
    }
  }
  expect(d.params.count("portraitPath") &&
             d.params["portraitPath"]->props.get<std::string>(ofx::kParamPropStringMode) == ofx::kParamStringIsFilePath,
         "portraitPath is a file path");
}

OfxStatus renderAt(Host& host, Effect& effect, int t, int width, int height) {
  PropertySet in;
  in.set<double>(ofx::kPropTime, 0, t);
  in.set<std::string>("OfxImageEffectPropFieldToRender", 0, "OfxFieldNone");
  for (int i = 0; i < 4; ++i) {
    in.set<int>(ofx::kImageEffectPropRenderWindow, i, i == 2 ? width : i == 3 ? height : 0);
  }
  in.set<double>(ofx::kImageEffectPropRenderScale, 0, 1);
  in.set<double>(ofx::kImageEffectPropRenderScale, 1, 1);
  return host.action(ofx::kImageEffectActionRender, effect.handle(), &in);
}

/** An instance in the given context with Source serving `driving` in the profile's formats. */
std::unique_ptr<Effect> createInstance(Host& host, const Effect& descriptor, const Profile& profile,
                                       const std::vector<Picture>& driving) {
  int count = static_cast<int>(driving.size());
  std::unique_ptr<Effect> effect = host.instantiate(descriptor, profile.context);
  Clip& source = *effect->clips["Source"];
  source.format = profile.source;
  source.frames = [&driving](double t) -> const Picture* {
    int i = static_cast<int>(t);
    return i >= 0 && i < static_cast<int>(driving.size()) ? &driving[i] : nullptr;
  };
  source.props.set<double>(ofx::kImageEffectPropFrameRange, 0, 0);
  source.props.set<double>(ofx::kImageEffectPropFrameRange, 1, count - 1);
  source.props.set<double>(ofx::kImageEffectPropFrameRate, 0, 25);
  source.props.set<int>(ofx::kImageClipPropConnected, 0, 1);
  Clip& portraitClip = *effect->clips["Portrait"];
  portraitClip.format = profile.source;
  portraitClip.props.set<int>(ofx::kImageClipPropConnected, 0, 1);  // every clip "connected", as Resolve says
  portraitClip.nullData = profile.portraitNullData;
  Clip& output = *effect->clips["Output"];
  output.format = profile.output;
  output.props.set<int>("test.width", 0, driving[0].width);
  output.props.set<int>("test.height", 0, driving[0].height);
  output.props.set<void*>("test.owner", 0, effect.get());
  expect(host.action(ofx::kActionCreateInstance, effect->handle()) == ofx::kStatOK, "CreateInstance");
  return effect;
}

/** The figures of the summary line a log got when a session closed, by their labels: mostly means a frame. */
struct SessionTimes {
  std::map<std::string, double> millis;

  double operator[](const std::string& what) const {
    auto it = millis.find(what);
    return it == millis.end() ? std::nan("") : it->second;
  }
};

/**
 * The last "session ... closed after N frames: A x ms, B y ms ..." line of the bridge's timings
 * (PP_BRIDGE_TIMINGS), by the labels given.
 */
SessionTimes lastSessionTimes(const std::string& log, const std::vector<std::string>& labels) {
  std::ifstream in(log);
  std::string line;
  SessionTimes times;
  while (std::getline(in, line)) {
    if (line.find("closed after") == std::string::npos) {
      continue;
    }
    SessionTimes found;
    for (const std::string& label : labels) {
      size_t at = line.find(label + " ");
      if (at != std::string::npos) {
        found.millis[label] = std::atof(line.c_str() + at + label.size() + 1);
      }
    }
    if (found.millis.size() == labels.size()) {
      times = found;
    }
  }
  return times;
}

void run(const Profile& profile, const std::string& bundle, const std::string& data, const std::string& portrait) {
  std::vector<Picture> driving = loadFrames(data + "/driving");
  std::vector<Picture> expected = loadFrames(data + "/expected");
  expect(!driving.empty() && driving.size() == expected.size(), "test frames prepared");
  int count = static_cast<int>(driving.size());
  std::map<std::pair<Effect*, double>, std::unique_ptr<Image>> outputs;
  keepOutputs(&outputs);
  if (!profile.sharedMemory) {
    setenv("PP_SIDECAR_SHARED_MEMORY", "0", 1);  // read when the plug-in loads
  }
  offerThreads(profile.hostThreads);
  const char* timings = std::getenv("PP_BRIDGE_TIMINGS");
  if (timings != nullptr) {
    std::filesystem::remove(timings);  // the bridge appends to it
  }
  {
    Host host(bundle);
    if (profile.declareFloatOnly) {
      host.hostProps().set<std::string>(ofx::kImageEffectPropSupportedPixelDepths, 0, ofx::kBitDepthFloat);
    }
    expect(std::string(host.plugin().pluginApi) == "OfxImageEffectPluginAPI", "plug-in API");
    expect(host.action(ofx::kActionLoad, nullptr) == ofx::kStatOK, "Load");
    Effect descriptor;
    expect(host.action(ofx::kActionDescribe, descriptor.handle()) == ofx::kStatOK, "Describe");
    for (const char* context : {ofx::kImageEffectContextFilter, ofx::kImageEffectContextGeneral}) {
      PropertySet in;
      in.set<std::string>(ofx::kImageEffectPropContext, 0, context);
      expect(host.action(ofx::kImageEffectActionDescribeInContext, descriptor.handle(), &in) == ofx::kStatOK,
             std::string("DescribeInContext ") + context);
    }
    checkDescription(descriptor);

    std::unique_ptr<Effect> effect = createInstance(host, descriptor, profile, driving);
    effect->params["portraitPath"]->stringValue = portrait;
    effect->params["usePortraitInput"]->intValue = profile.usePortraitInput ? 1 : 0;
    effect->params["strength"]->doubleValue = profile.strength;
    PropertySet changed;
    changed.set<std::string>(ofx::kPropType, 0, "OfxTypeParameter");
    changed.set<std::string>(ofx::kPropName, 0, "portraitPath");
    changed.set<std::string>(ofx::kPropChangeReason, 0, "OfxChangeUserEdited");
    changed.set<double>(ofx::kPropTime, 0, 0);
    expect(host.action(ofx::kActionBeginInstanceChanged, effect->handle(), &changed) != ofx::kStatFailed, "BeginInstanceChanged");
    expect(host.action(ofx::kActionInstanceChanged, effect->handle(), &changed) == ofx::kStatOK, "InstanceChanged");
    expect(host.action(ofx::kActionEndInstanceChanged, effect->handle(), &changed) != ofx::kStatFailed, "EndInstanceChanged");

    PropertySet prefs;
    expect(host.action(ofx::kImageEffectActionGetClipPreferences, effect->handle(), nullptr, &prefs) == ofx::kStatOK,
           "GetClipPreferences");
    PropertySet rodIn;
    rodIn.set<double>(ofx::kPropTime, 0, 0);
    rodIn.set<double>(ofx::kImageEffectPropRenderScale, 0, 1);
    rodIn.set<double>(ofx::kImageEffectPropRenderScale, 1, 1);
    PropertySet rodOut;
    expect(host.action(ofx::kImageEffectActionGetRegionOfDefinition, effect->handle(), &rodIn, &rodOut) ==
               ofx::kStatReplyDefault,
           "GetRegionOfDefinition leaves the fit layout at the Source's region");
    PropertySet identityOut;
    OfxStatus identity = host.action(ofx::kImageEffectActionIsIdentity, effect->handle(), &rodIn, &identityOut);
    expect(profile.strength > 0 ? identity == ofx::kStatReplyDefault
                                : identity == ofx::kStatOK && identityOut.get<std::string>(ofx::kPropName) == "Source",
           "IsIdentity only at strength 0");

    PropertySet sequence;
    sequence.set<double>(ofx::kImageEffectPropFrameRange, 0, 0);
    sequence.set<double>(ofx::kImageEffectPropFrameRange, 1, count - 1);
    expect(host.action(ofx::kImageEffectActionBeginSequenceRender, effect->handle(), &sequence) != ofx::kStatFailed,
           "BeginSequenceRender");
    if (profile.abortLongRender) {
      // The user scrubs away: the host aborts a render that is still catching up on the frames before it.
      std::thread aborter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        effect->aborted = true;
      });
      auto start = std::chrono::steady_clock::now();
      OfxStatus status = renderAt(host, *effect, count - 1, driving[0].width, driving[0].height);
      double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      aborter.join();
      effect->aborted = false;
      expect(status == ofx::kStatOK, "an aborted Render returns kOfxStatOK (" + std::to_string(status) + ")");
      expect(took < 10, "an aborted Render returns promptly (" + std::to_string(took) + " s)");
      std::lock_guard<std::mutex> lock(effect->messageMutex);
      expect(effect->persistentMessage.empty(), "an abort is not an error: " + effect->persistentMessage);
    }
    std::atomic<int> next{0};
    std::atomic<int> rendered{0};
    auto worker = [&] {
      for (int t = next++; t < count; t = next++) {
        if (profile.killAfter >= 0 && t == profile.killAfter) {
          killSidecar();
        }
        OfxStatus status = renderAt(host, *effect, t, driving[0].width, driving[0].height);
        expect(status == ofx::kStatOK, "Render at " + std::to_string(t) + " returned " + std::to_string(status));
        ++rendered;
      }
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < profile.threads; ++i) {
      threads.emplace_back(worker);
    }
    for (auto& thread : threads) {
      thread.join();
    }
    expect(host.action(ofx::kImageEffectActionEndSequenceRender, effect->handle(), &sequence) != ofx::kStatFailed,
           "EndSequenceRender");
    expect(rendered == count, "every frame rendered");
    std::string message;
    {
      std::lock_guard<std::mutex> lock(effect->messageMutex);
      message = effect->persistentMessage;
    }
    for (int t = 0; t < count; ++t) {
      auto it = outputs.find({effect.get(), static_cast<double>(t)});
      if (it == outputs.end()) {
        expect(false, "output of frame " + std::to_string(t));
        continue;
      }
      Picture got = it->second->toPicture();
      bool passThrough = profile.expectFailure || profile.strength <= 0;
      int difference = maxDifference(got, passThrough ? driving[t] : expected[t]);
      expect(difference <= 1, "frame " + std::to_string(t) + (passThrough ? " equals Source" : " matches animate") +
                                  " within 1 level (max difference " + std::to_string(difference) + ")");
    }
    if (!profile.expectFailure && profile.strength > 0 && profile.threads == 1 && std::thread::hardware_concurrency() > 1) {
      // Frame-sized conversions are split over the host's threads when it lends them, and only then.
      expect((threadRequests() > 0) == profile.hostThreads,
             profile.hostThreads ? "pixels converted on the host's threads" : "no threads asked of a host without the suite");
    }
    if (!profile.expectFailure && profile.strength > 0) {
      // Frames crossed where the profile says: the bridge keeps its files until it unloads.
      expect((sharedFrameFiles() > 0) == profile.sharedMemory,
             profile.sharedMemory ? "frames went through shared memory" : "frames went in messages only");
    }
    if (profile.expectFailure) {
      expect(!message.empty(), "a persistent message says why the sidecar cannot run");
      std::cerr << "persistent message: " << message << "\n";
    } else {
      expect(message.empty(), "no persistent message (found: " + message + ")");
    }

    expect(host.action(ofx::kActionInstanceChanged, effect->handle(), &changed) == ofx::kStatOK,
           "InstanceChanged after render");
    expect(host.action(ofx::kActionPurgeCaches, effect->handle()) == ofx::kStatOK, "PurgeCaches");
    if (timings != nullptr) {
      // The session the frames were rendered with has closed by now, and the bridge said what it spent.
      SessionTimes bridge = lastSessionTimes(timings, {"closed after", "packing the Source", "the sidecar call",
                                                       "writing Output", "its engine", "its whole call"});
      expect(bridge["closed after"] == count, "the bridge's timings summarise the " + std::to_string(count) +
                                                  " frames rendered (found " + std::to_string(bridge["closed after"]) + ")");
      expect(bridge["packing the Source"] > 0 && bridge["writing Output"] > 0 &&
                 bridge["the sidecar call"] > bridge["packing the Source"],
             "the bridge's timings hold its packing, the call and its writing");
      expect(bridge["its engine"] > 0 && bridge["its whole call"] >= bridge["its engine"] &&
                 bridge["the sidecar call"] > bridge["its whole call"],
             "the bridge's timings hold the sidecar's engine and whole call, as its answers report them");
    }
    expect(host.action(ofx::kActionDestroyInstance, effect->handle()) == ofx::kStatOK, "DestroyInstance");
    expect(host.action(ofx::kActionUnload, nullptr) == ofx::kStatOK, "Unload");
  }
  expect(sharedFrameFiles() == 0, "Unload removed the shared frame files");
  keepOutputs(nullptr);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

double millisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

/**
 * bench BUNDLE FRAMES_DIR PORTRAIT [PASSES]: per-frame Render time through the bridge and the sidecar
 * (8-bit RGBA, frames in order), in the last of PASSES passes over the frames (5 unless given), each
 * on a fresh session after PurgeCaches: the passes before it warm the sidecar (its JIT compiles the
 * call's path), as the first minutes of an editing session do, the sidecar living as long as the
 * editor. Frame 0, which also opens the session, is apart. Then the split of what lies beyond the
 * sidecar's engine, all measured
 * where it happens on the very same frames, from the summary the bridge writes to PP_BRIDGE_TIMINGS
 * when the session closes: the bridge's packing of the Source and writing of Output, and the
 * sidecar's engine and whole call as each answer reported them (frame 0's render among them, the
 * session being opened before it), so that what is left beyond the pixel copies (the call itself,
 * the host actions) shows on its own.
 */
int bench(const std::string& bundle, const std::string& frames, const std::string& portrait, int passes) {
  std::vector<Picture> driving = loadFrames(frames);
  int count = static_cast<int>(driving.size());
  int width = driving[0].width;
  int height = driving[0].height;
  std::string bridgeLog = std::filesystem::temp_directory_path() / ("pp-bench-" + std::to_string(getpid()) + ".timings");
  setenv("PP_BRIDGE_TIMINGS", bridgeLog.c_str(), 1);  // read by each instance the bundle makes
  std::map<std::pair<Effect*, double>, std::unique_ptr<Image>> outputs;
  keepOutputs(&outputs);
  Host host(bundle);
  host.action(ofx::kActionLoad, nullptr);
  Effect descriptor;
  host.action(ofx::kActionDescribe, descriptor.handle());
  Profile profile;
  std::unique_ptr<Effect> effect = createInstance(host, descriptor, profile, driving);
  effect->params["portraitPath"]->stringValue = portrait;
  std::vector<double> times;
  double opening = 0;
  for (int pass = 0; pass < passes; ++pass) {
    host.action(ofx::kActionPurgeCaches, effect->handle());  // a fresh session: tracking starts again at frame 0
    times.clear();
    for (int t = 0; t < count; ++t) {
      auto start = std::chrono::steady_clock::now();
      expect(renderAt(host, *effect, t, width, height) == ofx::kStatOK, "bench render");
      // The first render also opens the sidecar's session, once per session and not per frame: apart.
      (t == 0 ? opening : times.emplace_back()) = millisSince(start);
      outputs.clear();
    }
  }
  std::string message = effect->persistentMessage;
  expect(message.empty(), "bench renders without errors: " + message);
  // Closing the session makes the bridge log what it and the sidecar spent on these same frames.
  host.action(ofx::kActionPurgeCaches, effect->handle());
  SessionTimes bridge = lastSessionTimes(bridgeLog, {"packing the Source", "the sidecar call", "writing Output",
                                                     "its engine", "its whole call"});
  std::filesystem::remove(bridgeLog);
  double perFrame = std::accumulate(times.begin(), times.end(), 0.0) / times.size();
  double beyond = perFrame - bridge["its engine"];
  double bridgeCopies = bridge["packing the Source"] + bridge["writing Output"];
  double sidecarCopies = bridge["its whole call"] - bridge["its engine"];
  std::printf("bridge, %dx%d RGBA 8-bit, pass %d, frames 1-%d: median %.1f ms/frame, mean %.1f, min %.1f ms (frame 0, opening the"
              " session: %.1f ms); the sidecar's engine on the same frames: mean %.1f ms/frame; beyond the engine: %.1f ms"
              " a frame, of which pixel copies %.1f ms (the bridge's %.1f: packing the Source %.1f, writing Output %.1f;"
              " the sidecar's reading and writing around its engine %.1f), the call beyond the sidecar's own time %.1f"
              " ms, and the rest %.1f ms (means)\n",
              width, height, passes, count - 1, median(times), perFrame, *std::min_element(times.begin(), times.end()), opening,
              bridge["its engine"], beyond, bridgeCopies + sidecarCopies, bridgeCopies, bridge["packing the Source"],
              bridge["writing Output"], sidecarCopies, bridge["the sidecar call"] - bridge["its whole call"],
              beyond - bridgeCopies - sidecarCopies);
  host.action(ofx::kActionDestroyInstance, effect->handle());
  host.action(ofx::kActionUnload, nullptr);
  keepOutputs(nullptr);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario = argc > 1 ? argv[1] : "";
  if (scenario == "bench" && (argc == 5 || argc == 6)) {
    return bench(argv[2], argv[3], argv[4], argc == 6 ? std::max(1, std::atoi(argv[5])) : 5);
  }
  if (argc != 5) {
    std::cerr << "usage: test_host SCENARIO BUNDLE DATA_DIR PORTRAIT\n"
                 "       test_host bench BUNDLE FRAMES_DIR PORTRAIT [PASSES]\n";
    return 2;
  }
  std::map<std::string, std::function<Profile()>> scenarios = {
      {"byte-rgba", [] { return Profile(); }},
      {"general-context", [] {
         Profile p;
         p.context = ofx::kImageEffectContextGeneral;
         return p;
       }},
      {"float-only", [] {
         Profile p;
         p.source.depth = p.output.depth = ofx::kBitDepthFloat;
         return p;
       }},
      {"short-rgb", [] {
         Profile p;
         p.source.depth = p.output.depth = ofx::kBitDepthShort;
         p.source.channels = p.output.channels = 3;
         p.source.padding = p.output.padding = 12;
         return p;
       }},
      {"byte-although-float-declared", [] {
         Profile p;
         p.declareFloatOnly = true;  // and the clips still deliver 8-bit images
         return p;
       }},
      {"negative-row-bytes", [] {
         Profile p;
         p.source.negativeRowBytes = p.output.negativeRowBytes = true;
         return p;
       }},
      {"portrait-connected-null-data", [] {
         Profile p;
         p.usePortraitInput = true;
         p.portraitNullData = true;  // falls back to the portrait file
         return p;
       }},
      {"concurrent-4-threads", [] {
         Profile p;
         p.threads = 4;
         return p;
       }},
      {"sidecar-killed", [] {
         Profile p;
         p.killAfter = 3;
         return p;
       }},
      {"host-aborts-a-catching-up-render", [] {
         Profile p;
         p.abortLongRender = true;
         return p;
       }},
      {"host-without-threads", [] {
         Profile p;
         p.hostThreads = false;  // no multithread suite: every conversion on the render thread
         return p;
       }},
      {"frames-in-messages", [] {
         Profile p;
         p.sharedMemory = false;
         return p;
       }},
      {"strength-zero-identity", [] {
         Profile p;
         p.strength = 0;
         return p;
       }},
      {"sidecar-cannot-start", [] {
         Profile p;
         p.expectFailure = true;
         return p;
       }},
  };
  auto it = scenarios.find(scenario);
  if (it == scenarios.end()) {
    std::cerr << "unknown scenario " << scenario << "\n";
    return 2;
  }
  try {
    run(it->second(), argv[2], argv[3], argv[4]);
  } catch (const std::exception& e) {
    std::cerr << "FAILED: " << e.what() << "\n";
    return 1;
  }
  std::cerr << scenario << ": " << (failures == 0 ? "passed" : std::to_string(failures) + " failure(s)") << "\n";
  return failures == 0 ? 0 : 1;
}
