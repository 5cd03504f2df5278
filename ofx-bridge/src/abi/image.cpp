#include "abi/image.h"

#include <cstring>
#include <utility>

namespace pp::abi {

ClipImage ClipImage::fetch(OfxImageClipHandle clip, OfxTime time) {
  ClipImage image;
  if (clip == nullptr) {
    return image;
  }
  OfxPropertySetHandle props = nullptr;
  if (suites().effect->clipGetImage(clip, time, nullptr, &props) != ofx::kStatOK || props == nullptr) {
    return image;
  }
  image.props_ = props;  // released by the destructor from here on, whatever happens below
  Props p(props);
  plugin::ImageView& v = image.view_;
  v.data = static_cast<uint8_t*>(p.getPointerOr(ofx::kImagePropData));
  v.bounds = plugin::Rect{p.getIntOr(ofx::kImagePropBounds, 0, 0), p.getIntOr(ofx::kImagePropBounds, 0, 1),
                          p.getIntOr(ofx::kImagePropBounds, 0, 2), p.getIntOr(ofx::kImagePropBounds, 0, 3)};
  v.rowBytes = p.getIntOr(ofx::kImagePropRowBytes, 0);
  if (v.data == nullptr || v.bounds.empty() || v.rowBytes == 0) {
    return ClipImage();  // releases the host's image
  }
  // The image's own depth and components, not the clip's: some hosts deliver 8-bit after float was declared.
  std::string depth = p.getStringOr(ofx::kImageEffectPropPixelDepth, "");
  std::string components = p.getStringOr(ofx::kImageEffectPropComponents, "");
  if (depth == ofx::kBitDepthByte) {
    v.depth = plugin::Depth::U8;
  } else if (depth == ofx::kBitDepthShort) {
    v.depth = plugin::Depth::U16;
  } else if (depth == ofx::kBitDepthFloat) {
    v.depth = plugin::Depth::F32;
  } else {
    throw OfxError(ofx::kStatErrImageFormat, "unsupported pixel depth '" + depth + "' (expected byte, short or float)");
  }
  if (components == ofx::kImageComponentRGBA) {
    v.channels = 4;
  } else if (components == ofx::kImageComponentRGB) {
    v.channels = 3;
  } else {
    throw OfxError(ofx::kStatErrImageFormat, "unsupported components '" + components + "' (expected RGBA or RGB)");
  }
  v.premultiplied = v.channels == 4 &&
                    p.getStringOr(ofx::kImageEffectPropPreMultiplication, "") == ofx::kImagePreMultiplied;
  return image;
}

ClipImage::ClipImage(ClipImage&& other) noexcept
    : props_(std::exchange(other.props_, nullptr)), view_(other.view_) {}

ClipImage& ClipImage::operator=(ClipImage&& other) noexcept {
  if (this != &other) {
    if (props_ != nullptr) {
      suites().effect->clipReleaseImage(props_);
    }
    props_ = std::exchange(other.props_, nullptr);
    view_ = other.view_;
  }
  return *this;
}

ClipImage::~ClipImage() {
  if (props_ != nullptr) {
    suites().effect->clipReleaseImage(props_);
  }
}

}  // namespace pp::abi
