package org.portraitperf.engine;

/**
 * The names of the animation controls, in one place, so that OFX parameters, command-line flags,
 * batch manifests and the wire contract cannot drift apart. Command-line flags are these names
 * with {@code --} in front.
 */
public final class Controls {
  private Controls() {}

  public static final String ENGINE = "engine";
  public static final String REFERENCE_FRAME = "reference-frame";
  public static final String MOTION = "motion";
  public static final String HEAD_GAIN = "head-gain";
  public static final String EXPRESSION_GAIN = "expression-gain";
  public static final String EYES_GAIN = "eyes-gain";
  public static final String LIPS_GAIN = "lips-gain";
  public static final String STRENGTH = "strength";
  public static final String DETAIL = "detail";
  public static final String SMOOTHING = "smoothing";
  public static final String FEATHER = "feather";
  public static final String COLOUR_MATCH = "colour-match";
  public static final String FACE = "face";
  public static final String LAYOUT = "layout";
}
