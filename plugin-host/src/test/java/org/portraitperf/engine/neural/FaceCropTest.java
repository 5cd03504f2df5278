package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.portraitperf.face.Landmarks;

/** The crop geometry of the contract's §1.4 on synthetic landmarks. */
class FaceCropTest {
  /** 68 landmarks: all on a 100x100 box centred at (300, 200), eyes at y 180, mouth corners at y 240, turned by {@code degrees}. */
  static Landmarks face(double degrees) {
    float[] xs = new float[68];
    float[] ys = new float[68];
    for (int i = 0; i < 68; i++) {
      double x = (i % 2 == 0 ? -50 : 50);
      double y = (i % 4 < 2 ? -50 : 50);
      if (i >= 36 && i <= 47) {
        x = i < 42 ? -20 : 20;
        y = -20;
      } else if (i == 48 || i == 54) {
        x = i == 48 ? -15 : 15;
        y = 40;
      }
      double a = Math.toRadians(degrees);
      xs[i] = (float) (300 + x * Math.cos(a) - y * Math.sin(a));
      ys[i] = (float) (200 + x * Math.sin(a) + y * Math.cos(a));
    }
    return new Landmarks(xs, ys);
  }

  @Test
  void source_uprightFace_isScaledSquareRaisedAboveTheFace() {
    FaceCrop crop = FaceCrop.source(face(0));

    assertEquals(1, crop.ax(), 1e-9);
    assertEquals(0, crop.ay(), 1e-9);
    assertEquals(100 * FaceCrop.SOURCE_SCALE, crop.size(), 1e-3);
    // The landmarks' mean is not the box's centre; the box's centre is (300, 200), raised by 0.125 of 230.
    assertEquals(300, crop.centreX(), 1e-3);
    assertEquals(200 - 0.125 * 230, crop.centreY(), 1e-3);
  }

  @Test
  void source_turnedFace_turnsTheCropWithIt() {
    FaceCrop crop = FaceCrop.source(face(30));

    assertEquals(Math.cos(Math.toRadians(30)), crop.ax(), 1e-6);
    assertEquals(Math.sin(Math.toRadians(30)), crop.ay(), 1e-6);
  }

  @Test
  void driving_turnedFace_staysUpright() {
    FaceCrop crop = FaceCrop.driving(face(30));

    assertEquals(1, crop.ax(), 1e-9);
  }

  @Test
  void cropAndPicture_coordinatesRoundTrip() {
    FaceCrop crop = FaceCrop.source(face(-20));

    double x = crop.pictureX(100, 400);
    double y = crop.pictureY(100, 400);

    assertEquals(100, crop.cropU(x, y), 1e-9);
    assertEquals(400, crop.cropV(x, y), 1e-9);
    assertEquals(crop.centreX(), crop.pictureX(256, 256), 1e-9);
  }
}
