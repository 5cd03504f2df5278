package org.portraitperf.engine.neural;

/**
 * How the stitching and retargeting networks' inputs are laid out and their outputs applied
 * (contract §1.9). The networks themselves run in {@link LivePortraitNets}.
 */
final class Stitching {
  static final int STITCH_IN = 2 * Keypoints.VALUES;
  static final int STITCH_OUT = Keypoints.VALUES + 2;
  static final int EYE_IN = Keypoints.VALUES + 3;
  static final int LIP_IN = Keypoints.VALUES + 2;

  private Stitching() {}

  /** [x_s (63), x_d (63)]. */
  static float[] stitchingInput(float[] source, float[] driven) {
    float[] in = new float[STITCH_IN];
    System.arraycopy(source, 0, in, 0, Keypoints.VALUES);
    System.arraycopy(driven, 0, in, Keypoints.VALUES, Keypoints.VALUES);
    return in;
  }

  /** x_d + delta[0:63], then every keypoint's (x, y) moved by delta[63:65]. */
  static float[] applyStitching(float[] driven, float[] delta) {
    float[] out = new float[Keypoints.VALUES];
    for (int k = 0; k < Keypoints.COUNT; k++) {
      for (int j = 0; j < 3; j++) {
        int i = 3 * k + j;
        out[i] = driven[i] + delta[i] + (j < 2 ? delta[Keypoints.VALUES + j] : 0);
      }
    }
    return out;
  }

  /** [x_s (63), source eye openness left and right, driving eye openness]. */
  static float[] eyeInput(float[] source, double sourceLeft, double sourceRight, double driving) {
    float[] in = new float[EYE_IN];
    System.arraycopy(source, 0, in, 0, Keypoints.VALUES);
    in[Keypoints.VALUES] = (float) sourceLeft;
    in[Keypoints.VALUES + 1] = (float) sourceRight;
    in[Keypoints.VALUES + 2] = (float) driving;
    return in;
  }

  /** [x_s (63), source lip openness, driving lip openness]. */
  static float[] lipInput(float[] source, double sourceLip, double drivingLip) {
    float[] in = new float[LIP_IN];
    System.arraycopy(source, 0, in, 0, Keypoints.VALUES);
    in[Keypoints.VALUES] = (float) sourceLip;
    in[Keypoints.VALUES + 1] = (float) drivingLip;
    return in;
  }

  /** a + b, element by element. */
  static float[] add(float[] a, float[] b) {
    float[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  /** x_s + (x_d - x_s) * amount: the overall strength of the motion. */
  static float[] toward(float[] source, float[] driven, double amount) {
    float[] out = new float[source.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (source[i] + (driven[i] - source[i]) * amount);
    }
    return out;
  }
}
