package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;

/**
 * The head's reach on drawn portraits: a face under a disc of dark hair of radius 110 px round
 * (200, 170), read along rays from there through ring points 80 px out (up, left, up-left), so the
 * hair's edge lies at 1.375 of the ring's distance.
 */
class HeadReachTest {
  private static final int SIZE = 400;
  private static final double CENTRE_X = 200;
  private static final double CENTRE_Y = 170;
  private static final double RING = 80;
  private static final double FACE_SIZE = 150;
  private static final int[] HAIR = {60, 40, 30};
  private static final int[] SKIN = {210, 170, 150};
  private static final int[] WALL = {128, 128, 128};
  private static final double[] RAY_X = {0, -1, -Math.sqrt(0.5)};
  private static final double[] RAY_Y = {-1, 0, -Math.sqrt(0.5)};

  @Test
  void measure_hairBeyondTheRingOnAPlainWall_reachesJustPastTheHair() {
    double[] reach = measure(portrait(WALL, 4, HAIR, 110));

    for (double r : reach) {
      // The edge at 1.375, plus the margin of 0.04 face sizes (0.075).
      assertEquals(1.45, r, 0.03, "reach " + r);
    }
  }

  @Test
  void measure_hairWithinTheRing_staysOnTheRing() {
    for (double r : measure(portrait(WALL, 4, HAIR, 70))) {
      assertEquals(1, r, "reach " + r);
    }
  }

  @Test
  void measure_busyBackground_staysOnTheRing() {
    // A landscape or a crowd: no edge there can be trusted.
    for (double r : measure(portrait(WALL, 60, HAIR, 110))) {
      assertEquals(1, r, "reach " + r);
    }
  }

  @Test
  void measure_aPaleShapeBehindTheHead_isNotTakenForHair() {
    // A beam or a lamp behind the head: the hair ends within the ring, and beyond it a disc of
    // another colour reaches as far as the hair did above.
    RgbImage picture = portrait(WALL, 4, HAIR, 70);
    paintDisc(picture, new int[] {225, 225, 235}, 110, 70);
    for (double r : measure(picture)) {
      assertEquals(1, r, "reach " + r);
    }
  }

  @Test
  void measure_pointsNotMeasured_stayOnTheRing() {
    RgbImage picture = portrait(WALL, 4, HAIR, 110);
    double[] reach = HeadReach.measure(picture, face(), FACE_SIZE, 10, CENTRE_X, CENTRE_Y, ringX(), ringY(),
        new boolean[] {false, true, false});
    assertEquals(1, reach[0]);
    assertTrue(reach[1] > 1.4, "the measured point reaches " + reach[1]);
    assertEquals(1, reach[2]);
  }

  private static double[] measure(RgbImage picture) {
    return HeadReach.measure(picture, face(), FACE_SIZE, 10, CENTRE_X, CENTRE_Y, ringX(), ringY(),
        new boolean[] {true, true, true});
  }

  private static double[] ringX() {
    double[] x = new double[RAY_X.length];
    for (int j = 0; j < x.length; j++) {
      x[j] = CENTRE_X + RING * RAY_X[j];
    }
    return x;
  }

  private static double[] ringY() {
    double[] y = new double[RAY_Y.length];
    for (int j = 0; j < y.length; j++) {
      y[j] = CENTRE_Y + RING * RAY_Y[j];
    }
    return y;
  }

  /** Brows level at y 200, chin at y 310: the hair is read 67 to 97 px above the brows. */
  private static Landmarks face() {
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      xs[i] = 200;
      ys[i] = 250;
    }
    for (int i = 17; i <= 26; i++) {
      xs[i] = 160 + 9 * (i - 17);
      ys[i] = 200;
    }
    ys[8] = 310;
    return new Landmarks(xs, ys);
  }

  /** A wall with noise of up to {@code noise} levels, a disc of hair of the given radius, and a face in front. */
  private static RgbImage portrait(int[] wall, int noise, int[] hair, double hairRadius) {
    Random random = new Random(7);
    byte[] px = new byte[SIZE * SIZE * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) Math.max(0, Math.min(255, wall[i % 3] + random.nextInt(2 * noise + 1) - noise));
    }
    RgbImage picture = new RgbImage(SIZE, SIZE, px);
    paintDisc(picture, hair, hairRadius, 0);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (Math.hypot((x - 200) / 60.0, (y - 240) / 80.0) < 1) {
          put(picture, x, y, SKIN);
        }
      }
    }
    return picture;
  }

  /** Fills the ring from radius {@code inner} to {@code outer} round the centre with a colour. */
  private static void paintDisc(RgbImage picture, int[] colour, double outer, double inner) {
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        double r = Math.hypot(x - CENTRE_X, y - CENTRE_Y);
        if (r < outer && r >= inner) {
          put(picture, x, y, colour);
        }
      }
    }
  }

  private static void put(RgbImage picture, int x, int y, int[] colour) {
    int p = (y * SIZE + x) * 3;
    for (int c = 0; c < 3; c++) {
      picture.pixels()[p + c] = (byte) colour[c];
    }
  }
}
