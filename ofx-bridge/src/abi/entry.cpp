// The exported entry points and the one place where C++ failures become OfxStatus values.
#include <grpc/grpc.h>

#include <cstdio>
#include <memory>
#include <new>
#include <string>

#include "abi/host.h"
#include "client/sidecar.h"
#include "plugin/describe.h"
#include "plugin/instance.h"
#include "plugin/params.h"

namespace pp::abi {
namespace {

/** One sidecar connection for the whole binary, from Load to Unload. */
std::unique_ptr<client::Sidecar> sidecar;

Props effectProps(OfxImageEffectHandle effect) {
  OfxPropertySetHandle props = nullptr;
  check(suites().effect->getPropertySet(effect, &props), "getting the effect's properties");
  return Props(props);
}

plugin::Instance& instance(OfxImageEffectHandle effect) {
  auto* data = static_cast<plugin::Instance*>(effectProps(effect).getPointerOr(ofx::kPropInstanceData));
  if (data == nullptr) {
    throw OfxError(ofx::kStatErrBadHandle, "the effect has no instance data (was it created?)");
  }
  return *data;
}

OfxStatus load() {
  loadSuites();
  grpc_init();  // paired with grpc_shutdown_blocking at Unload, so gRPC's threads end before the host unloads us
  sidecar = std::make_unique<client::Sidecar>(
      client::SidecarOptions::discover(client::thisBinaryPath(), client::processEnvironment()));
  return ofx::kStatOK;
}

OfxStatus unload() {
  sidecar.reset();
  grpc_shutdown_blocking();
  return ofx::kStatOK;
}

OfxStatus dispatch(const std::string& action, OfxImageEffectHandle effect, OfxPropertySetHandle inArgs,
                   OfxPropertySetHandle outArgs) {
  if (action == ofx::kActionLoad) {
    return load();
  }
  if (action == ofx::kActionUnload) {
    return unload();
  }
  if (action == ofx::kActionDescribe) {
    plugin::describe(effect);
    return ofx::kStatOK;
  }
  if (action == ofx::kImageEffectActionDescribeInContext) {
    plugin::describeInContext(effect);
    return ofx::kStatOK;
  }
  if (action == ofx::kActionCreateInstance) {
    auto created = std::make_unique<plugin::Instance>(effect, *sidecar);
    effectProps(effect).setPointer(ofx::kPropInstanceData, created.get());
    created.release();
    return ofx::kStatOK;
  }
  if (action == ofx::kActionDestroyInstance) {
    Props props = effectProps(effect);
    delete static_cast<plugin::Instance*>(props.getPointerOr(ofx::kPropInstanceData));
    props.setPointer(ofx::kPropInstanceData, nullptr);
    return ofx::kStatOK;
  }
  if (action == ofx::kImageEffectActionRender) {
    instance(effect).render(inArgs);
    return ofx::kStatOK;
  }
  if (action == ofx::kImageEffectActionIsIdentity) {
    return instance(effect).isIdentity(inArgs, outArgs) ? ofx::kStatOK : ofx::kStatReplyDefault;
  }
  if (action == ofx::kImageEffectActionGetClipPreferences) {
    instance(effect).clipPreferences(outArgs);
    return ofx::kStatOK;
  }
  if (action == ofx::kImageEffectActionGetRegionOfDefinition) {
    return instance(effect).regionOfDefinition(inArgs, outArgs) ? ofx::kStatOK : ofx::kStatReplyDefault;
  }
  if (action == ofx::kActionInstanceChanged) {
    instance(effect).instanceChanged(inArgs);
    return ofx::kStatOK;
  }
  if (action == ofx::kActionPurgeCaches) {
    instance(effect).release();
    return ofx::kStatOK;
  }
  return ofx::kStatReplyDefault;
}

/** The catch ladder: nothing thrown leaves the plug-in; what went wrong reaches the user where it can. */
OfxStatus mainEntry(const char* action, const void* handle, OfxPropertySetHandle inArgs,
                    OfxPropertySetHandle outArgs) noexcept {
  auto effect = static_cast<OfxImageEffectHandle>(const_cast<void*>(handle));
  try {
    if (action == nullptr) {
      return ofx::kStatErrValue;
    }
    return dispatch(action, effect, inArgs, outArgs);
  } catch (const OfxError& e) {
    try {
      if (effect != nullptr && suites().message2 != nullptr) {
        setPersistentError(effect, std::string("Portrait Performance: ") + e.what());
      } else {
        std::fprintf(stderr, "Portrait Performance: %s: %s\n", action, e.what());
      }
    } catch (...) {
    }
    return e.status();
  } catch (const std::bad_alloc&) {
    return ofx::kStatErrMemory;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "Portrait Performance: %s: %s\n", action, e.what());
    return ofx::kStatFailed;
  } catch (...) {
    return ofx::kStatFailed;
  }
}

void setHostEntry(OfxHost* host) noexcept { setHost(host); }

OfxPlugin plugin = {ofx::kImageEffectPluginApi, 1,          plugin::kPluginId, plugin::kVersionMajor,
                    plugin::kVersionMinor,      setHostEntry, mainEntry};

}  // namespace
}  // namespace pp::abi

extern "C" {

__attribute__((visibility("default"))) int OfxGetNumberOfPlugins(void) { return 1; }

__attribute__((visibility("default"))) OfxPlugin* OfxGetPlugin(int nth) {
  return nth == 0 ? &pp::abi::plugin : nullptr;
}
}
