package org.portraitperf.engine.neural;

import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Rotations;

/**
 * Turns a driving frame's motion into the keypoints the portrait should take (contract §1.8),
 * before stitching. Immutable per session.
 *
 * <p>Relative motion: R = (R_d R_ref^T) R_s, exp = exp_s + (exp_d - exp_ref), s = s_s (s_d / s_ref),
 * t = t_s + (t_d - t_ref) with t_z = 0. Absolute motion: R = R_d, exp = exp_d, s = s_s, t = t_d.
 * Both are written as a change applied to the source, so the per-region gains scale that change:
 * the head gain the rotation's angle, the scale and translation; the eyes gain the expression rows
 * of the eyes [11, 13, 15, 16, 18], the lips gain those of the mouth [6, 12, 14, 17, 19, 20], the
 * expression gain the rest. With every gain at 1 the formulas are the contract's exactly.
 *
 * <p>Expression-friendly (optional): m = sqrt(V(hull(x_s))) / sqrt(V(hull(x_ref))) where x_ref is the
 * reference frame's driven keypoints, then x_d = x_s + (x_d - x_ref) m.
 */
final class KeypointDriver {
  static final int[] EYE_ROWS = {11, 13, 15, 16, 18};
  static final int[] LIP_ROWS = {6, 12, 14, 17, 19, 20};

  private final Motion source;
  private final Motion reference;
  private final boolean relative;
  private final double headGain;
  /** Gain per expression value (63), from the region of its keypoint. */
  private final float[] expressionGains;
  private final float[] sourceKeypoints;
  private final float[] referenceDriven;
  private final boolean expressionFriendly;
  /** 1 when expression-friendly is off. */
  private final double multiplier;

  KeypointDriver(Motion source, Motion reference, EngineSettings.MotionMode mode, EngineSettings.RegionGains gains,
      boolean expressionFriendly) {
    this.source = source;
    this.reference = reference;
    this.relative = mode == EngineSettings.MotionMode.RELATIVE;
    this.headGain = gains.head();
    this.expressionGains = new float[Keypoints.VALUES];
    for (int k = 0; k < Keypoints.COUNT; k++) {
      double gain = contains(EYE_ROWS, k) ? gains.eyes() : contains(LIP_ROWS, k) ? gains.lips() : gains.expression();
      for (int j = 0; j < 3; j++) {
        expressionGains[3 * k + j] = (float) gain;
      }
    }
    this.sourceKeypoints = source.keypoints();
    this.referenceDriven = drivenRaw(reference);
    this.expressionFriendly = expressionFriendly;
    double hull = HullVolume.of(referenceDriven);
    this.multiplier = expressionFriendly && hull > 0 ? Math.sqrt(HullVolume.of(sourceKeypoints)) / Math.sqrt(hull) : 1;
  }

  /** The source's own keypoints x_s. */
  float[] sourceKeypoints() {
    return sourceKeypoints.clone();
  }

  /** The expression-friendly multiplier m (1 when the option is off). */
  double multiplier() {
    return multiplier;
  }

  /** The driven keypoints x_d for a driving frame's motion. */
  float[] drive(Motion frame) {
    float[] driven = drivenRaw(frame);
    if (!expressionFriendly) {
      return driven;
    }
    float[] out = new float[driven.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (sourceKeypoints[i] + (driven[i] - referenceDriven[i]) * multiplier);
    }
    return out;
  }

  private float[] drivenRaw(Motion frame) {
    Motion from = relative ? reference : source;
    double[] change = Rotations.multiplyTransposed(frame.rotation(), from.rotation());
    double[] rotation = Rotations.multiply(Rotations.power(change, headGain), source.rotation());
    float[] exp = new float[Keypoints.VALUES];
    for (int i = 0; i < exp.length; i++) {
      exp[i] = source.exp()[i] + expressionGains[i] * (frame.exp()[i] - from.exp()[i]);
    }
    double scale = relative ? source.scale() * (1 + headGain * (frame.scale() / reference.scale() - 1)) : source.scale();
    float[] t = new float[3];
    for (int j = 0; j < 2; j++) {
      t[j] = (float) (source.t()[j] + headGain * (frame.t()[j] - from.t()[j]));
    }
    return Keypoints.transform(source.canonical(), rotation, exp, scale, t);
  }

  private static boolean contains(int[] rows, int k) {
    for (int row : rows) {
      if (row == k) {
        return true;
      }
    }
    return false;
  }
}
