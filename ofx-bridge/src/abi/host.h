// The host as C++ sees it: suites fetched once at Load (each may be missing), property sets with
// typed getters that throw, and the one exception type that carries an OfxStatus to the entry point.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "abi/ofx.h"

namespace pp::abi {

/** A failure with the status the entry point returns; the message goes to the host's message suite. */
class OfxError : public std::runtime_error {
 public:
  OfxError(OfxStatus status, const std::string& message) : std::runtime_error(message), status_(status) {}
  OfxStatus status() const { return status_; }

 private:
  OfxStatus status_;
};

/** The suites this plug-in uses; property, image effect and parameter suites are required at Load. */
struct Suites {
  const OfxPropertySuiteV1* property = nullptr;
  const OfxImageEffectSuiteV1* effect = nullptr;
  const OfxParameterSuiteV1* parameter = nullptr;
  const OfxMessageSuiteV1* message = nullptr;
  const OfxMessageSuiteV2* message2 = nullptr;
  /** Optional: the host's threads, for splitting a frame's pixel work. */
  const OfxMultiThreadSuiteV1* threads = nullptr;
};

/** Stores the host (setHost must do nothing else). */
void setHost(OfxHost* host);
/** Fetches the suites; throws kOfxStatErrMissingHostFeature when a required one is missing. */
void loadSuites();
const Suites& suites();

/**
 * Runs work over rows [0, rows) split into bands on the host's threads (its multithread suite),
 * or all on this thread when the host has none, offers one CPU, or this is already one of its
 * spawned threads (the suite may not be called from there). work must not throw.
 */
void forRowBands(int rows, const std::function<void(int begin, int end)>& work);

/** Throws OfxError naming what failed unless the status is OK. */
void check(OfxStatus status, const char* what);

/** A property set; getters throw unless noted, "or" getters return the fallback when the host lacks it. */
class Props {
 public:
  explicit Props(OfxPropertySetHandle handle) : handle_(handle) {}
  OfxPropertySetHandle handle() const { return handle_; }

  int getInt(const char* name, int index = 0) const;
  int getIntOr(const char* name, int fallback, int index = 0) const;
  double getDouble(const char* name, int index = 0) const;
  double getDoubleOr(const char* name, double fallback, int index = 0) const;
  std::string getString(const char* name, int index = 0) const;
  std::string getStringOr(const char* name, const std::string& fallback, int index = 0) const;
  void* getPointer(const char* name, int index = 0) const;
  void* getPointerOr(const char* name, int index = 0) const;
  int dimension(const char* name) const;

  void setInt(const char* name, int value, int index = 0) const;
  void setDouble(const char* name, double value, int index = 0) const;
  void setString(const char* name, const std::string& value, int index = 0) const;
  void setPointer(const char* name, void* value, int index = 0) const;
  void setStrings(const char* name, const std::vector<std::string>& values) const;
  void setDoubles(const char* name, const std::vector<double>& values) const;
  void setInts(const char* name, const std::vector<int>& values) const;

 private:
  OfxPropertySetHandle handle_;
};

/** A host message that stays on the node until cleared (where the host has that), else a log line. */
void setPersistentError(OfxImageEffectHandle effect, const std::string& text);
void clearPersistentError(OfxImageEffectHandle effect);

}  // namespace pp::abi
