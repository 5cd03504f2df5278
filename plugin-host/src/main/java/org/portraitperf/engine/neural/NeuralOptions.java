package org.portraitperf.engine.neural;

/**
 * LivePortrait's own switches, beyond the controls every engine shares (contract §1.8, §1.9).
 *
 * @param stitching blend the driven keypoints with the portrait's so the pasted crop meets the
 *     shoulders (LivePortrait's default; worse for large head turns)
 * @param retargetEyes drive the eyes by openness ratio through the eye network
 * @param retargetLips drive the mouth by openness ratio through the lip network; with either
 *     retargeting on, relative motion keeps the portrait's pose and expression and changes only
 *     eyes and lips, as LivePortrait does
 * @param expressionFriendly scale the motion by the ratio of the faces' keypoint hull sizes
 * @param gpu try the GPU execution providers before the CPU
 */
record NeuralOptions(boolean stitching, boolean retargetEyes, boolean retargetLips, boolean expressionFriendly,
    boolean gpu) {
  static final NeuralOptions DEFAULTS = new NeuralOptions(true, false, false, true, true);
}
