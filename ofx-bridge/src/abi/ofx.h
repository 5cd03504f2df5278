// The OpenFX C ABI as far as this plug-in and its test host use it, declared from the facts in
// reference/ofx-abi.md (OpenFX 1.5.1). Field and function order is the ABI; names of strings follow
// the spec's rule (macro name without the leading k) except where §1.7 of the reference lists a trap.
#pragma once

#include <cstddef>

extern "C" {

typedef int OfxStatus;
typedef double OfxTime;
typedef struct OfxPropertySetStruct* OfxPropertySetHandle;
typedef struct OfxImageEffectStruct* OfxImageEffectHandle;
typedef struct OfxImageClipStruct* OfxImageClipHandle;
typedef struct OfxParamSetStruct* OfxParamSetHandle;
typedef struct OfxParamStruct* OfxParamHandle;
typedef struct OfxImageMemoryStruct* OfxImageMemoryHandle;
typedef struct OfxMutex* OfxMutexHandle;

struct OfxRangeD { double min, max; };
struct OfxPointD { double x, y; };
struct OfxRectI { int x1, y1, x2, y2; };
struct OfxRectD { double x1, y1, x2, y2; };

struct OfxHost {
  OfxPropertySetHandle host;
  const void* (*fetchSuite)(OfxPropertySetHandle host, const char* suiteName, int suiteVersion);
};

typedef OfxStatus(OfxPluginEntryPoint)(const char* action, const void* handle, OfxPropertySetHandle inArgs,
                                       OfxPropertySetHandle outArgs);

struct OfxPlugin {
  const char* pluginApi;
  int apiVersion;
  const char* pluginIdentifier;
  unsigned int pluginVersionMajor;
  unsigned int pluginVersionMinor;
  void (*setHost)(OfxHost* host);
  OfxPluginEntryPoint* mainEntry;
};

struct OfxPropertySuiteV1 {
  OfxStatus (*propSetPointer)(OfxPropertySetHandle, const char*, int, void*);
  OfxStatus (*propSetString)(OfxPropertySetHandle, const char*, int, const char*);
  OfxStatus (*propSetDouble)(OfxPropertySetHandle, const char*, int, double);
  OfxStatus (*propSetInt)(OfxPropertySetHandle, const char*, int, int);
  OfxStatus (*propSetPointerN)(OfxPropertySetHandle, const char*, int, void* const*);
  OfxStatus (*propSetStringN)(OfxPropertySetHandle, const char*, int, const char* const*);
  OfxStatus (*propSetDoubleN)(OfxPropertySetHandle, const char*, int, const double*);
  OfxStatus (*propSetIntN)(OfxPropertySetHandle, const char*, int, const int*);
  OfxStatus (*propGetPointer)(OfxPropertySetHandle, const char*, int, void**);
  OfxStatus (*propGetString)(OfxPropertySetHandle, const char*, int, char**);
  OfxStatus (*propGetDouble)(OfxPropertySetHandle, const char*, int, double*);
  OfxStatus (*propGetInt)(OfxPropertySetHandle, const char*, int, int*);
  OfxStatus (*propGetPointerN)(OfxPropertySetHandle, const char*, int, void**);
  OfxStatus (*propGetStringN)(OfxPropertySetHandle, const char*, int, char**);
  OfxStatus (*propGetDoubleN)(OfxPropertySetHandle, const char*, int, double*);
  OfxStatus (*propGetIntN)(OfxPropertySetHandle, const char*, int, int*);
  OfxStatus (*propReset)(OfxPropertySetHandle, const char*);
  OfxStatus (*propGetDimension)(OfxPropertySetHandle, const char*, int*);
};

struct OfxImageEffectSuiteV1 {
  OfxStatus (*getPropertySet)(OfxImageEffectHandle, OfxPropertySetHandle*);
  OfxStatus (*getParamSet)(OfxImageEffectHandle, OfxParamSetHandle*);
  OfxStatus (*clipDefine)(OfxImageEffectHandle, const char*, OfxPropertySetHandle*);
  OfxStatus (*clipGetHandle)(OfxImageEffectHandle, const char*, OfxImageClipHandle*, OfxPropertySetHandle*);
  OfxStatus (*clipGetPropertySet)(OfxImageClipHandle, OfxPropertySetHandle*);
  OfxStatus (*clipGetImage)(OfxImageClipHandle, OfxTime, const OfxRectD*, OfxPropertySetHandle*);
  OfxStatus (*clipReleaseImage)(OfxPropertySetHandle);
  OfxStatus (*clipGetRegionOfDefinition)(OfxImageClipHandle, OfxTime, OfxRectD*);
  int (*abort)(OfxImageEffectHandle);
  OfxStatus (*imageMemoryAlloc)(OfxImageEffectHandle, size_t, OfxImageMemoryHandle*);
  OfxStatus (*imageMemoryFree)(OfxImageMemoryHandle);
  OfxStatus (*imageMemoryLock)(OfxImageMemoryHandle, void**);
  OfxStatus (*imageMemoryUnlock)(OfxImageMemoryHandle);
};

struct OfxParameterSuiteV1 {
  OfxStatus (*paramDefine)(OfxParamSetHandle, const char* paramType, const char* name, OfxPropertySetHandle*);
  OfxStatus (*paramGetHandle)(OfxParamSetHandle, const char*, OfxParamHandle*, OfxPropertySetHandle*);
  OfxStatus (*paramSetGetPropertySet)(OfxParamSetHandle, OfxPropertySetHandle*);
  OfxStatus (*paramGetPropertySet)(OfxParamHandle, OfxPropertySetHandle*);
  OfxStatus (*paramGetValue)(OfxParamHandle, ...);
  OfxStatus (*paramGetValueAtTime)(OfxParamHandle, OfxTime, ...);
  OfxStatus (*paramGetDerivative)(OfxParamHandle, OfxTime, ...);
  OfxStatus (*paramGetIntegral)(OfxParamHandle, OfxTime, OfxTime, ...);
  OfxStatus (*paramSetValue)(OfxParamHandle, ...);
  OfxStatus (*paramSetValueAtTime)(OfxParamHandle, OfxTime, ...);
  OfxStatus (*paramGetNumKeys)(OfxParamHandle, unsigned int*);
  OfxStatus (*paramGetKeyTime)(OfxParamHandle, unsigned int, OfxTime*);
  OfxStatus (*paramGetKeyIndex)(OfxParamHandle, OfxTime, int, int*);
  OfxStatus (*paramDeleteKey)(OfxParamHandle, OfxTime);
  OfxStatus (*paramDeleteAllKeys)(OfxParamHandle);
  OfxStatus (*paramCopy)(OfxParamHandle, OfxParamHandle, OfxTime, const OfxRangeD*);
  OfxStatus (*paramEditBegin)(OfxParamSetHandle, const char*);
  OfxStatus (*paramEditEnd)(OfxParamSetHandle);
};

/** Runs in each of the threads multiThread starts: its index, how many there are, the caller's argument. */
typedef void(OfxThreadFunctionV1)(unsigned int threadIndex, unsigned int threadMax, void* customArg);

struct OfxMultiThreadSuiteV1 {
  OfxStatus (*multiThread)(OfxThreadFunctionV1* func, unsigned int nThreads, void* customArg);
  OfxStatus (*multiThreadNumCPUs)(unsigned int* nCPUs);
  OfxStatus (*multiThreadIndex)(unsigned int* threadIndex);
  int (*multiThreadIsSpawnedThread)(void);
  OfxStatus (*mutexCreate)(OfxMutexHandle* mutex, int lockCount);
  OfxStatus (*mutexDestroy)(const OfxMutexHandle mutex);
  OfxStatus (*mutexLock)(const OfxMutexHandle mutex);
  OfxStatus (*mutexUnLock)(const OfxMutexHandle mutex);
  OfxStatus (*mutexTryLock)(const OfxMutexHandle mutex);
};

struct OfxMessageSuiteV1 {
  OfxStatus (*message)(void* handle, const char* messageType, const char* messageId, const char* format, ...);
};

struct OfxMessageSuiteV2 {
  OfxStatus (*message)(void* handle, const char* messageType, const char* messageId, const char* format, ...);
  OfxStatus (*setPersistentMessage)(void* handle, const char* messageType, const char* messageId,
                                    const char* format, ...);
  OfxStatus (*clearPersistentMessage)(void* handle);
};

}  // extern "C"

namespace ofx {

// Status codes.
constexpr OfxStatus kStatOK = 0;
constexpr OfxStatus kStatFailed = 1;
constexpr OfxStatus kStatErrFatal = 2;
constexpr OfxStatus kStatErrUnknown = 3;
constexpr OfxStatus kStatErrMissingHostFeature = 4;
constexpr OfxStatus kStatErrUnsupported = 5;
constexpr OfxStatus kStatErrExists = 6;
constexpr OfxStatus kStatErrBadHandle = 9;
constexpr OfxStatus kStatErrBadIndex = 10;
constexpr OfxStatus kStatErrValue = 11;
constexpr OfxStatus kStatErrMemory = 8;
constexpr OfxStatus kStatReplyDefault = 14;
constexpr OfxStatus kStatErrImageFormat = 1000;

// Plug-in API (§1.7: "API" in capitals, unlike the macro).
constexpr const char* kImageEffectPluginApi = "OfxImageEffectPluginAPI";

// Suites.
constexpr const char* kPropertySuite = "OfxPropertySuite";
constexpr const char* kImageEffectSuite = "OfxImageEffectSuite";
constexpr const char* kParameterSuite = "OfxParameterSuite";
constexpr const char* kMessageSuite = "OfxMessageSuite";
constexpr const char* kMultiThreadSuite = "OfxMultiThreadSuite";

// Actions.
constexpr const char* kActionLoad = "OfxActionLoad";
constexpr const char* kActionUnload = "OfxActionUnload";
constexpr const char* kActionDescribe = "OfxActionDescribe";
constexpr const char* kActionCreateInstance = "OfxActionCreateInstance";
constexpr const char* kActionDestroyInstance = "OfxActionDestroyInstance";
constexpr const char* kActionPurgeCaches = "OfxActionPurgeCaches";
constexpr const char* kActionInstanceChanged = "OfxActionInstanceChanged";
constexpr const char* kActionBeginInstanceChanged = "OfxActionBeginInstanceChanged";
constexpr const char* kActionEndInstanceChanged = "OfxActionEndInstanceChanged";
constexpr const char* kImageEffectActionDescribeInContext = "OfxImageEffectActionDescribeInContext";
constexpr const char* kImageEffectActionGetClipPreferences = "OfxImageEffectActionGetClipPreferences";
constexpr const char* kImageEffectActionGetRegionOfDefinition = "OfxImageEffectActionGetRegionOfDefinition";
constexpr const char* kImageEffectActionGetRegionsOfInterest = "OfxImageEffectActionGetRegionsOfInterest";
constexpr const char* kImageEffectActionGetFramesNeeded = "OfxImageEffectActionGetFramesNeeded";
constexpr const char* kImageEffectActionIsIdentity = "OfxImageEffectActionIsIdentity";
constexpr const char* kImageEffectActionBeginSequenceRender = "OfxImageEffectActionBeginSequenceRender";
constexpr const char* kImageEffectActionRender = "OfxImageEffectActionRender";
constexpr const char* kImageEffectActionEndSequenceRender = "OfxImageEffectActionEndSequenceRender";

// Generic properties.
constexpr const char* kPropName = "OfxPropName";
constexpr const char* kPropLabel = "OfxPropLabel";
constexpr const char* kPropShortLabel = "OfxPropShortLabel";
constexpr const char* kPropLongLabel = "OfxPropLongLabel";
constexpr const char* kPropPluginDescription = "OfxPropPluginDescription";
constexpr const char* kPropTime = "OfxPropTime";
constexpr const char* kPropType = "OfxPropType";
constexpr const char* kPropChangeReason = "OfxPropChangeReason";
constexpr const char* kPropInstanceData = "OfxPropInstanceData";
constexpr const char* kPropAPIVersion = "OfxPropAPIVersion";

// Image effect properties.
constexpr const char* kImageEffectPropContext = "OfxImageEffectPropContext";
constexpr const char* kImageEffectPropSupportedContexts = "OfxImageEffectPropSupportedContexts";
constexpr const char* kImageEffectPropSupportedPixelDepths = "OfxImageEffectPropSupportedPixelDepths";
constexpr const char* kImageEffectPropSupportedComponents = "OfxImageEffectPropSupportedComponents";
constexpr const char* kImageEffectPluginPropGrouping = "OfxImageEffectPluginPropGrouping";
constexpr const char* kImageEffectPluginRenderThreadSafety = "OfxImageEffectPluginRenderThreadSafety";
constexpr const char* kImageEffectPluginPropHostFrameThreading = "OfxImageEffectPluginPropHostFrameThreading";
constexpr const char* kImageEffectPluginPropSingleInstance = "OfxImageEffectPluginPropSingleInstance";
constexpr const char* kImageEffectPropSupportsTiles = "OfxImageEffectPropSupportsTiles";
constexpr const char* kImageEffectPropSupportsMultiResolution = "OfxImageEffectPropSupportsMultiResolution";
constexpr const char* kImageEffectPropTemporalClipAccess = "OfxImageEffectPropTemporalClipAccess";
// §1.7: the string drops "Supports".
constexpr const char* kImageEffectPropSupportsMultipleClipDepths = "OfxImageEffectPropMultipleClipDepths";
constexpr const char* kImageEffectPropPixelDepth = "OfxImageEffectPropPixelDepth";
constexpr const char* kImageEffectPropComponents = "OfxImageEffectPropComponents";
constexpr const char* kImageEffectPropFrameRange = "OfxImageEffectPropFrameRange";
constexpr const char* kImageEffectPropFrameRate = "OfxImageEffectPropFrameRate";
constexpr const char* kImageEffectFrameVarying = "OfxImageEffectFrameVarying";
constexpr const char* kImageEffectPropRegionOfDefinition = "OfxImageEffectPropRegionOfDefinition";
constexpr const char* kImageEffectPropRenderWindow = "OfxImageEffectPropRenderWindow";
constexpr const char* kImageEffectPropRenderScale = "OfxImageEffectPropRenderScale";
constexpr const char* kImageEffectPropPreMultiplication = "OfxImageEffectPropPreMultiplication";
constexpr const char* kImageEffectPropThumbnailRender = "OfxImageEffectPropThumbnailRender";
constexpr const char* kImageEffectRenderInstanceSafe = "OfxImageEffectRenderInstanceSafe";
constexpr const char* kImageEffectContextFilter = "OfxImageEffectContextFilter";
constexpr const char* kImageEffectContextGeneral = "OfxImageEffectContextGeneral";
constexpr const char* kImageEffectOutputClipName = "Output";
constexpr const char* kImageEffectSimpleSourceClipName = "Source";

// Clip and image properties.
constexpr const char* kImageClipPropConnected = "OfxImageClipPropConnected";
constexpr const char* kImageClipPropOptional = "OfxImageClipPropOptional";
constexpr const char* kImageClipPropIsMask = "OfxImageClipPropIsMask";
constexpr const char* kImagePropData = "OfxImagePropData";
constexpr const char* kImagePropBounds = "OfxImagePropBounds";
constexpr const char* kImagePropRowBytes = "OfxImagePropRowBytes";
constexpr const char* kBitDepthNone = "OfxBitDepthNone";
constexpr const char* kBitDepthByte = "OfxBitDepthByte";
constexpr const char* kBitDepthShort = "OfxBitDepthShort";
constexpr const char* kBitDepthFloat = "OfxBitDepthFloat";
constexpr const char* kImageComponentRGBA = "OfxImageComponentRGBA";
constexpr const char* kImageComponentRGB = "OfxImageComponentRGB";
constexpr const char* kImageOpaque = "OfxImageOpaque";
// §1.7: "Alpha" sits inside these strings.
constexpr const char* kImagePreMultiplied = "OfxImageAlphaPremultiplied";
constexpr const char* kImageUnPreMultiplied = "OfxImageAlphaUnPremultiplied";

// Parameters.
constexpr const char* kParamTypeString = "OfxParamTypeString";
constexpr const char* kParamTypeDouble = "OfxParamTypeDouble";
constexpr const char* kParamTypeInteger = "OfxParamTypeInteger";
constexpr const char* kParamTypeBoolean = "OfxParamTypeBoolean";
constexpr const char* kParamTypeChoice = "OfxParamTypeChoice";
constexpr const char* kParamTypeGroup = "OfxParamTypeGroup";
constexpr const char* kParamPropDefault = "OfxParamPropDefault";
constexpr const char* kParamPropMin = "OfxParamPropMin";
constexpr const char* kParamPropMax = "OfxParamPropMax";
constexpr const char* kParamPropDisplayMin = "OfxParamPropDisplayMin";
constexpr const char* kParamPropDisplayMax = "OfxParamPropDisplayMax";
constexpr const char* kParamPropHint = "OfxParamPropHint";
constexpr const char* kParamPropScriptName = "OfxParamPropScriptName";
constexpr const char* kParamPropAnimates = "OfxParamPropAnimates";
constexpr const char* kParamPropParent = "OfxParamPropParent";
constexpr const char* kParamPropChoiceOption = "OfxParamPropChoiceOption";
constexpr const char* kParamPropStringMode = "OfxParamPropStringMode";
constexpr const char* kParamStringIsFilePath = "OfxParamStringIsFilePath";
constexpr const char* kParamPropStringFilePathExists = "OfxParamPropStringFilePathExists";
constexpr const char* kParamPropDoubleType = "OfxParamPropDoubleType";
constexpr const char* kParamDoubleTypePlain = "OfxParamDoubleTypePlain";
constexpr const char* kParamPropIncrement = "OfxParamPropIncrement";
constexpr const char* kParamPropDigits = "OfxParamPropDigits";

// Messages.
constexpr const char* kMessageError = "OfxMessageError";
constexpr const char* kMessageWarning = "OfxMessageWarning";

}  // namespace ofx
