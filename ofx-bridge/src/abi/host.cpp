#include "abi/host.h"

#include <algorithm>
#include <cstdio>

namespace pp::abi {
namespace {

OfxHost* host_ = nullptr;
Suites suites_;

std::string describe(const char* what, const char* name) { return std::string(what) + " " + name; }

}  // namespace

void setHost(OfxHost* host) { host_ = host; }

void loadSuites() {
  if (host_ == nullptr || host_->fetchSuite == nullptr) {
    throw OfxError(ofx::kStatErrMissingHostFeature, "the host gave no suite fetcher");
  }
  auto fetch = [](const char* name, int version) { return host_->fetchSuite(host_->host, name, version); };
  suites_.property = static_cast<const OfxPropertySuiteV1*>(fetch(ofx::kPropertySuite, 1));
  suites_.effect = static_cast<const OfxImageEffectSuiteV1*>(fetch(ofx::kImageEffectSuite, 1));
  suites_.parameter = static_cast<const OfxParameterSuiteV1*>(fetch(ofx::kParameterSuite, 1));
  // Messages are optional: a host without them still renders, errors then go to the log.
  suites_.message2 = static_cast<const OfxMessageSuiteV2*>(fetch(ofx::kMessageSuite, 2));
  suites_.message = static_cast<const OfxMessageSuiteV1*>(fetch(ofx::kMessageSuite, 1));
  suites_.threads = static_cast<const OfxMultiThreadSuiteV1*>(fetch(ofx::kMultiThreadSuite, 1));
  if (suites_.property == nullptr || suites_.effect == nullptr || suites_.parameter == nullptr) {
    throw OfxError(ofx::kStatErrMissingHostFeature, "the host lacks the property, image effect or parameter suite");
  }
}

const Suites& suites() { return suites_; }

namespace {

/** Bands a frame's rows are split into at most: a copy bound by memory gains little from more, and each wakes a thread. */
constexpr unsigned kMaxBands = 8;
/** Fewer rows than this are not worth waking the host's threads for. */
constexpr int kMinRowsPerBand = 64;

struct Bands {
  int rows;
  const std::function<void(int, int)>* work;
};

void runBand(unsigned int index, unsigned int count, void* argument) {
  const Bands& bands = *static_cast<const Bands*>(argument);
  int begin = static_cast<int>(static_cast<long long>(bands.rows) * index / count);
  int end = static_cast<int>(static_cast<long long>(bands.rows) * (index + 1) / count);
  (*bands.work)(begin, end);
}

}  // namespace

void forRowBands(int rows, const std::function<void(int begin, int end)>& work) {
  const OfxMultiThreadSuiteV1* threads = suites_.threads;
  unsigned cpus = 1;
  // Hosts differ in what they fill in: every function used is checked before it is called.
  bool usable = threads != nullptr && threads->multiThread != nullptr && threads->multiThreadNumCPUs != nullptr &&
                (threads->multiThreadIsSpawnedThread == nullptr || threads->multiThreadIsSpawnedThread() == 0) &&
                threads->multiThreadNumCPUs(&cpus) == ofx::kStatOK;
  unsigned count = std::min({cpus, kMaxBands, static_cast<unsigned>(std::max(1, rows / kMinRowsPerBand))});
  if (usable && count > 1) {
    Bands bands{rows, &work};
    if (threads->multiThread(&runBand, count, &bands) == ofx::kStatOK) {
      return;
    }
  }
  // No threads from the host (or it could not start them): converting the same rows again is harmless.
  work(0, rows);
}

void check(OfxStatus status, const char* what) {
  if (status != ofx::kStatOK) {
    throw OfxError(status, std::string(what) + " failed (OFX status " + std::to_string(status) + ")");
  }
}

int Props::getInt(const char* name, int index) const {
  int value = 0;
  check(suites_.property->propGetInt(handle_, name, index, &value), describe("reading", name).c_str());
  return value;
}

int Props::getIntOr(const char* name, int fallback, int index) const {
  int value = 0;
  return suites_.property->propGetInt(handle_, name, index, &value) == ofx::kStatOK ? value : fallback;
}

double Props::getDouble(const char* name, int index) const {
  double value = 0;
  check(suites_.property->propGetDouble(handle_, name, index, &value), describe("reading", name).c_str());
  return value;
}

double Props::getDoubleOr(const char* name, double fallback, int index) const {
  double value = 0;
  return suites_.property->propGetDouble(handle_, name, index, &value) == ofx::kStatOK ? value : fallback;
}

std::string Props::getString(const char* name, int index) const {
  char* value = nullptr;
  check(suites_.property->propGetString(handle_, name, index, &value), describe("reading", name).c_str());
  return value == nullptr ? std::string() : std::string(value);
}

std::string Props::getStringOr(const char* name, const std::string& fallback, int index) const {
  char* value = nullptr;
  if (suites_.property->propGetString(handle_, name, index, &value) != ofx::kStatOK || value == nullptr) {
    return fallback;
  }
  return value;
}

void* Props::getPointer(const char* name, int index) const {
  void* value = nullptr;
  check(suites_.property->propGetPointer(handle_, name, index, &value), describe("reading", name).c_str());
  return value;
}

void* Props::getPointerOr(const char* name, int index) const {
  void* value = nullptr;
  return suites_.property->propGetPointer(handle_, name, index, &value) == ofx::kStatOK ? value : nullptr;
}

int Props::dimension(const char* name) const {
  int count = 0;
  return suites_.property->propGetDimension(handle_, name, &count) == ofx::kStatOK ? count : 0;
}

void Props::setInt(const char* name, int value, int index) const {
  check(suites_.property->propSetInt(handle_, name, index, value), describe("setting", name).c_str());
}

void Props::setDouble(const char* name, double value, int index) const {
  check(suites_.property->propSetDouble(handle_, name, index, value), describe("setting", name).c_str());
}

void Props::setString(const char* name, const std::string& value, int index) const {
  check(suites_.property->propSetString(handle_, name, index, value.c_str()), describe("setting", name).c_str());
}

void Props::setPointer(const char* name, void* value, int index) const {
  check(suites_.property->propSetPointer(handle_, name, index, value), describe("setting", name).c_str());
}

void Props::setStrings(const char* name, const std::vector<std::string>& values) const {
  for (size_t i = 0; i < values.size(); ++i) {
    setString(name, values[i], static_cast<int>(i));
  }
}

void Props::setDoubles(const char* name, const std::vector<double>& values) const {
  for (size_t i = 0; i < values.size(); ++i) {
    setDouble(name, values[i], static_cast<int>(i));
  }
}

void Props::setInts(const char* name, const std::vector<int>& values) const {
  for (size_t i = 0; i < values.size(); ++i) {
    setInt(name, values[i], static_cast<int>(i));
  }
}

void setPersistentError(OfxImageEffectHandle effect, const std::string& text) {
  // Some hosts hand out a version-2 suite whose persistent-message entries are NULL.
  if (suites_.message2 != nullptr && suites_.message2->setPersistentMessage != nullptr) {
    suites_.message2->setPersistentMessage(effect, ofx::kMessageError, "", "%s", text.c_str());
  } else {
    std::fprintf(stderr, "Portrait Performance: %s\n", text.c_str());
  }
}

void clearPersistentError(OfxImageEffectHandle effect) {
  if (suites_.message2 != nullptr && suites_.message2->clearPersistentMessage != nullptr) {
    suites_.message2->clearPersistentMessage(effect);
  }
}

}  // namespace pp::abi
