// A fetched clip image, released when it goes out of scope, seen as plain memory.
#pragma once

#include <optional>
#include <string>

#include "abi/host.h"
#include "plugin/pixels.h"

namespace pp::abi {

class ClipImage {
 public:
  /**
   * The clip's image at time, or an empty ClipImage when the host gives none: a failed fetch, NULL
   * data or zero size all mean "not connected" (some hosts report every clip connected).
   * Throws OfxError(kOfxStatErrImageFormat) for a depth or component layout the plug-in cannot read.
   */
  static ClipImage fetch(OfxImageClipHandle clip, OfxTime time);

  ClipImage() = default;
  ClipImage(ClipImage&& other) noexcept;
  ClipImage& operator=(ClipImage&& other) noexcept;
  ClipImage(const ClipImage&) = delete;
  ClipImage& operator=(const ClipImage&) = delete;
  ~ClipImage();

  explicit operator bool() const { return props_ != nullptr; }
  plugin::ImageView& view() { return view_; }
  const plugin::ImageView& view() const { return view_; }

 private:
  OfxPropertySetHandle props_ = nullptr;
  plugin::ImageView view_;
};

}  // namespace pp::abi
