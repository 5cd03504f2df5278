#include "plugin/describe.h"

#include <string>

#include "abi/host.h"
#include "plugin/params.h"

namespace pp::plugin {
namespace {

using abi::Props;
using abi::check;
using abi::suites;

Props effectProps(OfxImageEffectHandle effect) {
  OfxPropertySetHandle props = nullptr;
  check(suites().effect->getPropertySet(effect, &props), "getting the effect's properties");
  return Props(props);
}

Props defineClip(OfxImageEffectHandle effect, const char* name) {
  OfxPropertySetHandle props = nullptr;
  check(suites().effect->clipDefine(effect, name, &props), "defining a clip");
  Props clip(props);
  clip.setStrings(ofx::kImageEffectPropSupportedComponents, {ofx::kImageComponentRGBA, ofx::kImageComponentRGB});
  clip.setInt(ofx::kImageEffectPropSupportsTiles, 0);
  return clip;
}

class ParamDefiner {
 public:
  explicit ParamDefiner(OfxImageEffectHandle effect) {
    check(suites().effect->getParamSet(effect, &set_), "getting the parameter set");
  }

  Props define(const char* type, const char* name, const char* label, const char* hint) {
    OfxPropertySetHandle props = nullptr;
    check(suites().parameter->paramDefine(set_, type, name, &props), "defining a parameter");
    Props param(props);
    param.setString(ofx::kPropLabel, label);
    param.setString(ofx::kParamPropHint, hint);
    param.setString(ofx::kParamPropScriptName, name);
    // A session's settings are fixed, so keyframed controls would reopen a session per frame.
    param.setInt(ofx::kParamPropAnimates, 0);
    return param;
  }

  /** Resolve clamps doubles to (-1, 1) without both a range and a display range. */
  void number(const char* name, const char* label, const char* hint, double fallback, double max) {
    Props p = define(ofx::kParamTypeDouble, name, label, hint);
    p.setString(ofx::kParamPropDoubleType, ofx::kParamDoubleTypePlain);
    p.setDouble(ofx::kParamPropDefault, fallback);
    p.setDouble(ofx::kParamPropMin, 0);
    p.setDouble(ofx::kParamPropMax, max);
    p.setDouble(ofx::kParamPropDisplayMin, 0);
    p.setDouble(ofx::kParamPropDisplayMax, max);
    p.setDouble(ofx::kParamPropIncrement, 0.01);
    p.setInt(ofx::kParamPropDigits, 2);
  }

  void choice(const char* name, const char* label, const char* hint, const std::vector<const char*>& options) {
    Props p = define(ofx::kParamTypeChoice, name, label, hint);
    for (size_t i = 0; i < options.size(); ++i) {
      p.setString(ofx::kParamPropChoiceOption, options[i], static_cast<int>(i));
    }
    p.setInt(ofx::kParamPropDefault, 0);
  }

  void boolean(const char* name, const char* label, const char* hint, bool fallback) {
    define(ofx::kParamTypeBoolean, name, label, hint).setInt(ofx::kParamPropDefault, fallback ? 1 : 0);
  }

 private:
  OfxParamSetHandle set_ = nullptr;
};

}  // namespace

void describe(OfxImageEffectHandle effect) {
  Props props = effectProps(effect);
  props.setString(ofx::kPropLabel, kLabel);
  props.setString(ofx::kPropShortLabel, kLabel);
  props.setString(ofx::kPropLongLabel, kLabel);
  props.setString(ofx::kImageEffectPluginPropGrouping, kGrouping);
  props.setString(ofx::kPropPluginDescription,
                  "Makes a still portrait perform the facial acting of the Source clip. Rendering runs in the"
                  " Portrait Performance sidecar, started on demand.");
  props.setStrings(ofx::kImageEffectPropSupportedContexts, {ofx::kImageEffectContextFilter, ofx::kImageEffectContextGeneral});
  props.setStrings(ofx::kImageEffectPropSupportedPixelDepths, {ofx::kBitDepthByte, ofx::kBitDepthShort, ofx::kBitDepthFloat});
  props.setInt(ofx::kImageEffectPluginPropSingleInstance, 0);
  props.setInt(ofx::kImageEffectPluginPropHostFrameThreading, 0);
  props.setString(ofx::kImageEffectPluginRenderThreadSafety, ofx::kImageEffectRenderInstanceSafe);
  props.setInt(ofx::kImageEffectPropSupportsTiles, 0);
  props.setInt(ofx::kImageEffectPropSupportsMultiResolution, 1);
  // The sidecar asks for earlier driving frames when it has not tracked them yet.
  props.setInt(ofx::kImageEffectPropTemporalClipAccess, 1);
  props.setInt(ofx::kImageEffectPropSupportsMultipleClipDepths, 1);
}

void describeInContext(OfxImageEffectHandle effect) {
  defineClip(effect, ofx::kImageEffectOutputClipName);
  Props source = defineClip(effect, ofx::kImageEffectSimpleSourceClipName);
  source.setInt(ofx::kImageEffectPropTemporalClipAccess, 1);
  Props portrait = defineClip(effect, kPortraitClip);
  portrait.setString(ofx::kPropLabel, "Portrait");
  portrait.setInt(ofx::kImageClipPropOptional, 1);
  portrait.setInt(ofx::kImageClipPropIsMask, 0);

  ParamDefiner params(effect);
  Props path = params.define(ofx::kParamTypeString, param::kPortraitPath, "Portrait file",
                             "The still picture that performs (PNG, JPEG, TIFF, ...).");
  path.setString(ofx::kParamPropStringMode, ofx::kParamStringIsFilePath);
  path.setInt(ofx::kParamPropStringFilePathExists, 1);
  path.setString(ofx::kParamPropDefault, "");
  params.boolean(param::kUsePortraitInput, "Use Portrait input",
                 "Take the portrait from the Portrait input instead of the file (some hosts report the input"
                 " connected when it is not, so this is explicit).",
                 false);
  params.choice(param::kEngine, "Engine", "auto picks the neural engine when its model pack is installed, else warp.",
                kEngines);
  Props reference = params.define(ofx::kParamTypeInteger, param::kReferenceFrame, "Reference frame",
                                  "The Source frame (counted from the clip's first) taken as the neutral face.");
  reference.setInt(ofx::kParamPropDefault, 0);
  reference.setInt(ofx::kParamPropMin, 0);
  reference.setInt(ofx::kParamPropMax, 10000000);
  reference.setInt(ofx::kParamPropDisplayMin, 0);
  reference.setInt(ofx::kParamPropDisplayMax, 1000);
  params.choice(param::kMotion, "Motion",
                "relative: motion measured from the reference frame; absolute: the Source's pose as it is.", kMotions);
  params.number(param::kHeadGain, "Head gain", "Head motion multiplier.", 1, 2);
  params.number(param::kExpressionGain, "Expression gain", "Expression multiplier.", 1, 2);
  params.number(param::kEyesGain, "Eyes gain", "Blink and gaze multiplier.", 1, 2);
  params.number(param::kLipsGain, "Lips gain", "Lip and jaw multiplier.", 1, 2);
  params.number(param::kStrength, "Strength", "Overall amount of motion; 0 passes the Source through.", 1, 1);
  params.number(param::kDetail, "Detail", "How much of the Source's creases carries over.", 0.5, 1);
  params.number(param::kSmoothing, "Smoothing", "Temporal smoothing of the Source's motion.", 0.5, 1);
  params.number(param::kFeather, "Paste-back feather", "Soft edge of the paste-back mask, fraction of the face.", 0.15, 1);
  params.boolean(param::kColourMatch, "Colour match", "Match the pasted face's colour to the portrait.", true);
  params.choice(param::kLayout, "Output layout",
                "fit: the portrait fitted into the Source's frame; portrait: the portrait's own size; face-layer: the"
                " face alone over transparency.",
                kLayouts);
}

}  // namespace pp::plugin
