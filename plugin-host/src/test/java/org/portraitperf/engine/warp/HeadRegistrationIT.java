package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.HeadPose;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;
import org.portraitperf.testing.TestMedia;

/**
 * The head's pose measured by aligning pictures, on a real portrait moved by known amounts: the
 * measured pose must carry the head where the picture went, to a fraction of a pixel, starting from
 * the unmoved face's pose as a tracker's fit a few pixels off would.
 */
@ExtendWith(RealEngines.class)
class HeadRegistrationIT {
  // lp_s42.jpg: a frontal face with long hair on a busy background, 512 px.
  private static RgbImage portrait;
  private static FaceObservation face;
  private static HeadRegistration registration;

  @BeforeAll
  static void prepare(FaceAnalyzer faces) {
    portrait = TestMedia.image("portraits/lp_s42.jpg");
    face = faces.analyse(portrait, FaceSelection.LARGEST, "lp_s42.jpg");
    registration = HeadRegistration.prepare(portrait, face);
  }

  @ParameterizedTest(name = "shift {0},{1} zoom {2} roll {3} deg")
  @CsvSource({"2.3, -1.4, 1, 0", "0, 0, 1.03, 0", "0, 0, 1, 2", "1.5, 0.5, 0.98, -1.5"})
  void refine_pictureMovedBySimilarity_poseCarriesTheHeadThere(double tx, double ty, double zoom, double roll) {
    double cx = face.landmarks().x(30);
    double cy = face.landmarks().y(30);
    RgbImage moved = similarity(portrait, tx, ty, zoom, Math.toRadians(roll), cx, cy);

    HeadRegistration.Aligned aligned = registration.refine(moved, face);

    assertEquals(1, aligned.trust(), 1e-9);
    HeadPose pose = aligned.pose();
    double before = 0;
    double after = 0;
    // Eye corners, nose, chin and the jaw's ends: points of the head near and far from its centre.
    for (int i : new int[] {27, 30, 36, 39, 42, 45, 8, 0, 16}) {
      double[] head = HeadShape.lift(face.landmarks().x(i), face.landmarks().y(i), HeadShape.DEPTH[i],
          face.pose().rotation(), face.pose());
      double[] want = map(face.landmarks().x(i), face.landmarks().y(i), tx, ty, zoom, Math.toRadians(roll), cx, cy);
      double[] r = pose.rotation();
      double x = pose.originX() + pose.scale() * (r[0] * head[0] + r[1] * head[1] + r[2] * head[2]);
      double y = pose.originY() + pose.scale() * (r[3] * head[0] + r[4] * head[1] + r[5] * head[2]);
      after = Math.max(after, Math.hypot(x - want[0], y - want[1]));
      before = Math.max(before, Math.hypot(face.landmarks().x(i) - want[0], face.landmarks().y(i) - want[1]));
    }
    assertTrue(before > 2, "the move is large enough to test: " + before + " px");
    assertTrue(after < 0.5, "head points land within " + after + " px of where the picture moved them");
  }

  @Test
  void refine_facelessPicture_keepsTheLandmarksPose() {
    byte[] grey = new byte[portrait.pixels().length];
    Arrays.fill(grey, (byte) 128);

    HeadRegistration.Aligned aligned = registration.refine(new RgbImage(portrait.width(), portrait.height(), grey), face);

    assertEquals(0, aligned.trust());
    assertSame(face.pose(), aligned.pose());
  }

  private static double[] map(double x, double y, double tx, double ty, double zoom, double angle, double cx, double cy) {
    double a = zoom * Math.cos(angle);
    double b = zoom * Math.sin(angle);
    return new double[] {cx + tx + a * (x - cx) - b * (y - cy), cy + ty + b * (x - cx) + a * (y - cy)};
  }

  /** The picture moved by a similarity about (cx, cy): the pixel at p shows up at map(p). */
  private static RgbImage similarity(RgbImage in, double tx, double ty, double zoom, double angle, double cx, double cy) {
    int w = in.width();
    int h = in.height();
    byte[] out = new byte[w * h * 3];
    double a = Math.cos(angle) / zoom;
    double b = Math.sin(angle) / zoom;
    float[] rgb = new float[3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double u = x - cx - tx;
        double v = y - cy - ty;
        if (Pixels.sample(in, cx + a * u + b * v, cy - b * u + a * v, rgb)) {
          for (int k = 0; k < 3; k++) {
            out[(y * w + x) * 3 + k] = (byte) Math.round(rgb[k]);
          }
        }
      }
    }
    return new RgbImage(w, h, out);
  }
}
