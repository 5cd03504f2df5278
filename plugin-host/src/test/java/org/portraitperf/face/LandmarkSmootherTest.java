package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LandmarkSmootherTest {

  /** A ring of points standing in for a face 100 px between the outer eye corners. */
  private static Landmarks face(double offsetX) {
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      double angle = 2 * Math.PI * i / Landmarks.COUNT;
      xs[i] = (float) (500 + offsetX + 100 * Math.cos(angle));
      ys[i] = (float) (400 + 120 * Math.sin(angle));
    }
    xs[36] = (float) (450 + offsetX);
    xs[45] = (float) (550 + offsetX);
    ys[36] = ys[45] = 350;
    return new Landmarks(xs, ys);
  }

  @Test
  void smooth_stillFaceWithJitter_reducesJitterBelowHalfPixel() {
    Random noise = new Random(7);
    LandmarkSmoother smoother = new LandmarkSmoother(30);
    Landmarks truth = face(0);
    double squared = 0;
    int samples = 0;
    for (int frame = 0; frame < 120; frame++) {
      // 1 px RMS of detector noise on each coordinate of a face that does not move.
      Landmarks smoothed = smoother.smooth(jitter(truth, noise, 1.0));
      if (frame >= 30) {
        for (int i = 0; i < Landmarks.COUNT; i++) {
          squared += sq(smoothed.x(i) - truth.x(i)) + sq(smoothed.y(i) - truth.y(i));
          samples++;
        }
      }
    }
    double rms = Math.sqrt(squared / samples);
    assertTrue(rms < 0.5, "1.4 px point jitter should be smoothed below 0.5 px RMS, was " + rms);
  }

  @Test
  void smooth_fastStep_followsWithinTwoFrames() {
    LandmarkSmoother smoother = new LandmarkSmoother(25);
    Landmarks closed = face(0);
    Landmarks open = new Landmarks(closed.xs(), shifted(closed.ys(), 66, 30));
    for (int frame = 0; frame < 10; frame++) {
      smoother.smooth(closed);
    }
    smoother.smooth(open);
    Landmarks second = smoother.smooth(open);
    // A 30 px jaw drop (0.3 eye spans) is mostly followed by the second frame.
    double followed = (second.y(66) - closed.y(66)) / 30.0;
    assertTrue(followed > 0.8, "lip followed only " + followed + " of a fast opening");
  }

  @Test
  void smooth_afterReset_passesFirstSampleThrough() {
    LandmarkSmoother smoother = new LandmarkSmoother(30);
    smoother.smooth(face(0));
    smoother.reset();
    Landmarks moved = face(200);
    assertEquals(moved, smoother.smooth(moved));
  }

  @Test
  void smooth_moreSmoothing_leavesLessJitterAndZeroLeavesItAll() {
    double none = jitterLeft(0.0);
    double light = jitterLeft(0.25);
    double standard = jitterLeft(LandmarkSmoother.DEFAULT_SMOOTHING);
    double heavy = jitterLeft(1.0);
    assertTrue(none > light && light > standard && standard > heavy,
        "RMS jitter left at smoothing 0 / 0.25 / 0.5 / 1: " + none + " / " + light + " / " + standard + " / " + heavy);
    assertEquals(1.0, none, 0.1, "no smoothing passes the 1 px noise through");
  }

  /** RMS distance from the truth of a still face with 1 px of noise per coordinate, after settling. */
  private static double jitterLeft(double smoothing) {
    Random noise = new Random(11);
    LandmarkSmoother smoother = new LandmarkSmoother(25, smoothing);
    Landmarks truth = face(0);
    double squared = 0;
    int samples = 0;
    for (int frame = 0; frame < 150; frame++) {
      Landmarks smoothed = smoother.smooth(jitter(truth, noise, 1.0));
      for (int i = 0; frame >= 50 && i < Landmarks.COUNT; i++) {
        squared += sq(smoothed.x(i) - truth.x(i));
        samples++;
      }
    }
    return Math.sqrt(squared / samples);
  }

  private static Landmarks jitter(Landmarks l, Random noise, double px) {
    float[] xs = l.xs();
    float[] ys = l.ys();
    for (int i = 0; i < Landmarks.COUNT; i++) {
      xs[i] += (float) (noise.nextGaussian() * px);
      ys[i] += (float) (noise.nextGaussian() * px);
    }
    return new Landmarks(xs, ys);
  }

  private static float[] shifted(float[] values, int index, float by) {
    float[] out = values.clone();
    out[index] += by;
    return out;
  }

  private static double sq(double v) {
    return v * v;
  }
}
