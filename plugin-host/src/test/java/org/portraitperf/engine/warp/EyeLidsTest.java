package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;

/**
 * The lids drawn over eyes the warp shuts, on a drawn face: two eyes 40 px wide and 12 px open,
 * brows 20 px above them, skin of one colour and a dark row of lashes along each upper lid.
 */
class EyeLidsTest {
  private static final int WIDTH = 200;
  private static final int HEIGHT = 120;
  private static final int[] SKIN = {210, 170, 150};
  private static final int[] LASH = {60, 40, 35};
  private static final int[][] EYES = {{36, 37, 38, 39, 40, 41}, {42, 43, 44, 45, 46, 47}};
  /** Eye corners, upper lid and lower lid heights, and brow height of the drawn face. */
  private static final double[][] CORNERS = {{40, 80}, {120, 160}};
  private static final double EYE_Y = 60;
  private static final double UPPER_Y = 54;
  private static final double LOWER_Y = 66;
  private static final double BROW_Y = 34;
  /** A warp that moves nothing: the frame's corners stay where the portrait's are. */
  private static final ThinPlateSpline STILL = ThinPlateSpline.fit(new double[] {0, WIDTH, 0, WIDTH},
      new double[] {0, 0, HEIGHT, HEIGHT}, new double[4], new double[4], 100);

  @Test
  void paint_eyeShut_coversTheStretchedLashesWithSmoothLidSkin() {
    byte[] frame = shutOverStretchedLashes(portrait(0));
    for (double[] eye : CORNERS) {
      double[] lid = middleOfLid(frame, eye);
      assertTrue(lid[0] < 2, "lid of the eye from x " + eye[0] + ": mean step between neighbours " + lid[0] + " levels");
      assertTrue(lid[1] < 12, "lid of the eye from x " + eye[0] + ": " + lid[1] + " levels off the skin");
    }
  }

  @Test
  void paint_eyeShutOnGrainySkin_drawsTheLidWithTheSkinsGrain() {
    RgbImage portrait = portrait(8);
    double skinStep = meanStep(rgba(portrait), 60, 140, 100, 110);
    byte[] frame = shutOverStretchedLashes(portrait);
    for (double[] eye : CORNERS) {
      double[] lid = middleOfLid(frame, eye);
      // Grain like the skin's, not a flat patch and not the lashes' streaks.
      assertTrue(lid[0] > 0.5 * skinStep && lid[0] < 2 * skinStep,
          "lid of the eye from x " + eye[0] + ": mean step " + lid[0] + " levels, the skin's " + skinStep);
      assertTrue(lid[1] < 12, "lid of the eye from x " + eye[0] + ": " + lid[1] + " levels off the skin");
    }
  }

  @Test
  void paint_eyeOutlinedRoundItsIrisShut_coversTheWhiteBeyondTheCornersInSkin() {
    byte[] frame = drawnEyeWithUpperLidsAt(71);
    // Where the white was, beyond either corner (above the shut eye's lash line): the skin's
    // colour, in the lid's shade.
    for (int px : new int[] {46, 114}) {
      assertColour(0.88, EyeWhitesTest.PEACH, frame, px, 55);
    }
  }

  @Test
  void paint_eyeOutlinedRoundItsIrisHalfShut_coversTheWhiteAboveTheLidOnly() {
    // The upper lids halfway down the iris, on the corners' line: the white above it is lid, the
    // white below it still shows.
    byte[] frame = drawnEyeWithUpperLidsAt(60);
    for (int px : new int[] {46, 114}) {
      int p = (55 * EyeWhitesTest.WIDTH + px) * 4;
      assertTrue((frame[p] & 0xff) < EyeWhitesTest.WHITE[0] - 10, "above the lid at x " + px + ": " + (frame[p] & 0xff));
      assertColour(1, EyeWhitesTest.WHITE, frame, px, 65);
    }
  }

  /**
   * A drawn eye whose landmarks outline the iris alone (both eyes' landmarks on it, brows above),
   * painted with both upper lids lowered to {@code upperY}, the corners where they were.
   */
  private static byte[] drawnEyeWithUpperLidsAt(double upperY) {
    RgbImage portrait = EyeWhitesTest.drawnEye(EyeWhitesTest.PEACH, EyeWhitesTest.WHITE);
    double[][] iris = EyeWhitesTest.aroundTheIris();
    double[] x = new double[Landmarks.COUNT];
    double[] y = new double[Landmarks.COUNT];
    for (int e = 0; e < 2; e++) {
      for (int i = 0; i < 6; i++) {
        x[36 + 6 * e + i] = iris[0][i];
        y[36 + 6 * e + i] = iris[1][i];
      }
      for (int b = 0; b < 5; b++) {
        x[17 + 5 * e + b] = 60 + 10 * b;
        y[17 + 5 * e + b] = 25;
      }
    }
    double[] skinX = {x[37], x[38], x[43], x[44]};
    double[] skinY = {36, 36, 36, 36};
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      xs[i] = (float) x[i];
      ys[i] = (float) y[i];
    }
    EyeLids lids = new EyeLids(portrait, new Landmarks(xs, ys), new HeadShape(x, y, HeadShape.DEPTH.clone()), skinX, skinY);
    double[] tx = new double[Landmarks.COUNT + 4];
    double[] ty = new double[Landmarks.COUNT + 4];
    System.arraycopy(x, 0, tx, 0, Landmarks.COUNT);
    System.arraycopy(y, 0, ty, 0, Landmarks.COUNT);
    for (int lid : new int[] {37, 38, 43, 44}) {
      ty[lid] = upperY;
    }
    for (int k = 0; k < 4; k++) {
      tx[Landmarks.COUNT + k] = skinX[k];
      ty[Landmarks.COUNT + k] = 36 + 0.3 * (upperY - iris[1][1]);
    }
    double[] shapeY = Arrays.copyOf(ty, Landmarks.COUNT);
    MotionTransfer.Targets targets = new MotionTransfer.Targets(tx, ty, new HeadShape(x, shapeY, HeadShape.DEPTH.clone()));
    byte[] frame = rgba(portrait);
    lids.paint(frame, EyeWhitesTest.WIDTH, EyeWhitesTest.HEIGHT, targets, STILL, 1);
    return frame;
  }

  /** Asserts that pixel (x, y) of a drawn-eye frame is {@code colour} times {@code scale}, within 6 levels. */
  private static void assertColour(double scale, int[] colour, byte[] frame, int x, int y) {
    int p = (y * EyeWhitesTest.WIDTH + x) * 4;
    for (int c = 0; c < 3; c++) {
      assertEquals(scale * colour[c], frame[p + c] & 0xff, 6, "channel " + c + " at (" + x + ", " + y + ")");
    }
  }

  /**
   * The portrait with both eyes shut by the lids, over what a warp that stretches the lashes down
   * over a shut eye leaves: their columns run from halfway up to the brow down to the lower lid.
   */
  private static byte[] shutOverStretchedLashes(RgbImage portrait) {
    byte[] frame = rgba(portrait);
    for (int y = 44; y <= 66; y++) {
      for (int x = 40; x <= 160; x++) {
        if (x % 3 == 0) {
          put(frame, x, y, LASH);
        }
      }
    }
    lids(portrait).paint(frame, WIDTH, HEIGHT, targets(63, 63), STILL, 1);
    return frame;
  }

  /**
   * The middle of a shut eye's lid (clear of the corners, of its top where it fades in, and of the
   * lash line): {mean step between neighbours, mean distance from the skin's colour}.
   */
  private static double[] middleOfLid(byte[] frame, double[] eye) {
    int x0 = (int) (eye[0] + 0.35 * (eye[1] - eye[0]));
    int x1 = (int) (eye[0] + 0.65 * (eye[1] - eye[0]));
    double offSkin = 0;
    int count = 0;
    for (int y = 56; y <= 60; y++) {
      for (int x = x0; x < x1; x++) {
        for (int c = 0; c < 3; c++) {
          offSkin += Math.abs(at(frame, x, y, c) - SKIN[c]);
        }
        count += 3;
      }
    }
    return new double[] {meanStep(frame, x0, x1, 56, 61), offSkin / count};
  }

  /** Mean difference between horizontal neighbours over columns [x0, x1) and rows [y0, y1), per channel. */
  private static double meanStep(byte[] frame, int x0, int x1, int y0, int y1) {
    double step = 0;
    int count = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        for (int c = 0; c < 3; c++) {
          step += Math.abs(at(frame, x + 1, y, c) - at(frame, x, y, c));
        }
        count += 3;
      }
    }
    return step / count;
  }

  @Test
  void paint_eyeAsOpenAsThePortraits_leavesTheFrameAlone() {
    RgbImage portrait = portrait(8);
    byte[] frame = rgba(portrait);
    byte[] before = frame.clone();
    lids(portrait).paint(frame, WIDTH, HEIGHT, targets(UPPER_Y, LOWER_Y), STILL, 1);
    assertArrayEquals(before, frame);
  }

  /**
   * Skin with grain of ± {@code grain} levels (the same on every channel), each eye's opening
   * dark, a dark row of lashes along each upper lid.
   */
  private static RgbImage portrait(int grain) {
    SplittableRandom random = new SplittableRandom(11);
    byte[] rgb = new byte[WIDTH * HEIGHT * 3];
    double[] x = new double[Landmarks.COUNT];
    double[] y = new double[Landmarks.COUNT];
    place(x, y, UPPER_Y, LOWER_Y);
    for (int py = 0; py < HEIGHT; py++) {
      for (int px = 0; px < WIDTH; px++) {
        int[] colour = SKIN;
        for (int[] eye : EYES) {
          double[][] polygon = Polygons.pick(x, y, eye);
          if (Polygons.inside(px, py, polygon[0], polygon[1])) {
            colour = new int[] {30, 25, 25};
          } else if (Polygons.signedDistance(px, py, polygon[0], polygon[1]) > -2.5 && py < EYE_Y) {
            colour = LASH;
          }
        }
        int i = (py * WIDTH + px) * 3;
        int noise = colour == SKIN && grain > 0 ? random.nextInt(-grain, grain + 1) : 0;
        for (int c = 0; c < 3; c++) {
          rgb[i + c] = (byte) (colour[c] + noise);
        }
      }
    }
    return new RgbImage(WIDTH, HEIGHT, rgb);
  }

  private static EyeLids lids(RgbImage portrait) {
    double[] x = new double[Landmarks.COUNT];
    double[] y = new double[Landmarks.COUNT];
    place(x, y, UPPER_Y, LOWER_Y);
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      xs[i] = (float) x[i];
      ys[i] = (float) y[i];
    }
    double[][] skin = lidSkin(x, y, 0);
    return new EyeLids(portrait, new Landmarks(xs, ys), new HeadShape(x, y, HeadShape.DEPTH.clone()), skin[0], skin[1]);
  }

  /** Targets with both eyes' upper lids at {@code upper} and lower lids at {@code lower}. */
  private static MotionTransfer.Targets targets(double upper, double lower) {
    double[] x = new double[Landmarks.COUNT];
    double[] y = new double[Landmarks.COUNT];
    place(x, y, upper, lower);
    // The lid-skin points take a share of the lid's drop, as MotionTransfer moves them.
    double[][] skin = lidSkin(x, y, 0.3 * (upper - UPPER_Y));
    double[] tx = new double[Landmarks.COUNT + 4];
    double[] ty = new double[Landmarks.COUNT + 4];
    System.arraycopy(x, 0, tx, 0, Landmarks.COUNT);
    System.arraycopy(y, 0, ty, 0, Landmarks.COUNT);
    System.arraycopy(skin[0], 0, tx, Landmarks.COUNT, 4);
    System.arraycopy(skin[1], 0, ty, Landmarks.COUNT, 4);
    return new MotionTransfer.Targets(tx, ty, new HeadShape(x, y, HeadShape.DEPTH.clone()));
  }

  /** Lid-skin points above landmarks 37, 38, 43 and 44: halfway to the brow, lowered by {@code drop}. */
  private static double[][] lidSkin(double[] x, double[] y, double drop) {
    int[] lids = {37, 38, 43, 44};
    double[][] out = new double[2][4];
    for (int k = 0; k < 4; k++) {
      out[0][k] = x[lids[k]];
      out[1][k] = (UPPER_Y + BROW_Y) / 2 + drop;
    }
    return out;
  }

  /** Eyes and brows of the drawn face; the other landmarks stay at the origin, unused here. */
  private static void place(double[] x, double[] y, double upper, double lower) {
    for (int e = 0; e < 2; e++) {
      int first = 36 + 6 * e;
      double left = CORNERS[e][0];
      double right = CORNERS[e][1];
      double third = (right - left) / 3;
      x[first] = left;
      x[first + 1] = left + third;
      x[first + 2] = left + 2 * third;
      x[first + 3] = right;
      x[first + 4] = left + 2 * third;
      x[first + 5] = left + third;
      y[first] = EYE_Y;
      y[first + 1] = upper;
      y[first + 2] = upper;
      y[first + 3] = EYE_Y;
      y[first + 4] = lower;
      y[first + 5] = lower;
      int brow = 17 + 5 * e;
      for (int b = 0; b < 5; b++) {
        x[brow + b] = left + (right - left) * b / 4;
        y[brow + b] = BROW_Y;
      }
    }
  }

  private static byte[] rgba(RgbImage image) {
    byte[] out = new byte[image.width() * image.height() * 4];
    for (int i = 0; i < image.width() * image.height(); i++) {
      System.arraycopy(image.pixels(), 3 * i, out, 4 * i, 3);
    }
    return out;
  }

  private static void put(byte[] rgba, int x, int y, int[] colour) {
    for (int c = 0; c < 3; c++) {
      rgba[(y * WIDTH + x) * 4 + c] = (byte) colour[c];
    }
  }

  private static int at(byte[] rgba, int x, int y, int c) {
    return rgba[(y * WIDTH + x) * 4 + c] & 0xff;
  }
}
