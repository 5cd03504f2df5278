// The effect's identity, clips and parameters, named once for describe and for the instance. The
// parameter names are the sidecar's control names in camelCase (hosts and MLT want identifiers).
#pragma once

#include <vector>

namespace pp::plugin {

constexpr const char* kPluginId = "org.portraitperf.PortraitPerformance";
constexpr unsigned kVersionMajor = 0;
constexpr unsigned kVersionMinor = 1;
constexpr const char* kLabel = "Portrait Performance";
constexpr const char* kGrouping = "Portrait Performance";
constexpr const char* kPortraitClip = "Portrait";

namespace param {
constexpr const char* kPortraitPath = "portraitPath";
constexpr const char* kUsePortraitInput = "usePortraitInput";
constexpr const char* kEngine = "engine";
constexpr const char* kReferenceFrame = "referenceFrame";
constexpr const char* kMotion = "motion";
constexpr const char* kHeadGain = "headGain";
constexpr const char* kExpressionGain = "expressionGain";
constexpr const char* kEyesGain = "eyesGain";
constexpr const char* kLipsGain = "lipsGain";
constexpr const char* kStrength = "strength";
constexpr const char* kDetail = "detail";
constexpr const char* kSmoothing = "smoothing";
constexpr const char* kFeather = "feather";
constexpr const char* kColourMatch = "colourMatch";
constexpr const char* kLayout = "layout";
}  // namespace param

/** Choice parameters' options, in order; the option text is the control's value on the wire. */
inline const std::vector<const char*> kEngines = {"auto", "warp", "neural"};
inline const std::vector<const char*> kMotions = {"relative", "absolute"};
// fit first: an effect's output normally has the size of its Source.
inline const std::vector<const char*> kLayouts = {"fit", "portrait", "face-layer"};

}  // namespace pp::plugin
