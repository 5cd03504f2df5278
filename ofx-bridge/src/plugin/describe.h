#pragma once

#include "abi/ofx.h"

namespace pp::plugin {

/** OfxActionDescribe: labels, grouping, contexts, depths, threading. */
void describe(OfxImageEffectHandle effect);

/** OfxImageEffectActionDescribeInContext: the Source, Portrait and Output clips and every parameter. */
void describeInContext(OfxImageEffectHandle effect);

}  // namespace pp::plugin
