package org.portraitperf.face;

import org.portraitperf.testing.TestMedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portraitperf.media.RgbImage;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/** The 68-point predictor on real portraits, without a detector: it starts from rough boxes. */
class DlibLandmarkModelTest {
  /** Refits allowed to settle from a rough box; the pictures below need fewer. */
  private static final int MAX_REFITS = 8;

  /**
   * Real frontal portraits. The rough box is deliberately off (shifted and too big); the expected
   * points were read off an overlay of the settled landmarks that was checked by eye.
   */
  enum Portrait {
    /** Young woman, frontal, clean photo, 512x512. */
    WOMAN("portraits/lp_s42.jpg", 240, 310, 240, new float[] {207, 263, 312, 264, 256, 316, 257, 378}),
    /** Man with glasses (rims cross the eyes), frontal, video frame, 512x512. */
    MAN_WITH_GLASSES(
        "portraits/derived_lp_d12_f0.png", 250, 230, 240, new float[] {226, 192, 316, 192, 273, 244, 270, 295});

    final String file;
    final DlibBox roughBox;
    /** Subject's right eye centre, left eye centre, nose tip, mouth centre, as x, y pairs. */
    final float[] features;

    Portrait(String file, float centreX, float centreY, float side, float[] features) {
      this.file = file;
      this.roughBox = DlibBox.square(centreX, centreY, side);
      this.features = features;
    }
  }

  private static DlibLandmarkModel model;
  private static ExecutorService threads;

  @BeforeAll
  static void loadModel() {
    model = DlibLandmarkModel.load(ModelStore.fromEnvironment().require(ModelFile.DLIB_LANDMARKS_68));
    threads = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stopThreads() {
    threads.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(Portrait.class)
  /**
   * Repeated refits on a still picture either reach a fixed point or, depending on how the
   * picture was decoded, a cycle of two answers a couple of pixels apart (the face box snaps to
   * whole pixels, so the loop is a discrete map). The tracker damps that cycle by fitting from
   * smoothed landmarks while the face is still; here the model alone must come within a few
   * pixels of rest from a box far off.
   */
  void refit_fromRoughBox_comesToRestWithinAFewPixels(Portrait portrait) {
    RgbImage image = TestMedia.image(portrait.file);
    Landmarks current = model.predict(image, portrait.roughBox);
    double firstMove = maxDistance(current, model.refit(image, current));
    double lastMove = Double.MAX_VALUE;
    for (int i = 0; i < MAX_REFITS && lastMove >= 1; i++) {
      Landmarks next = model.refit(image, current);
      lastMove = maxDistance(current, next);
      current = next;
    }

    assertTrue(firstMove > 5, "the rough box should start well away from rest, moved " + firstMove + " px");
    assertTrue(lastMove < 3, "landmarks still moved " + lastMove + " px after " + MAX_REFITS + " refits");
  }

  @ParameterizedTest
  @EnumSource(Portrait.class)
  void refit_fromRoughBox_findsEyesNoseAndMouth(Portrait portrait) {
    Landmarks settled = settle(TestMedia.image(portrait.file), portrait.roughBox);

    float[][] found = {settled.mean(36, 41), settled.mean(42, 47), settled.mean(30, 30), settled.mean(48, 67)};
    String[] names = {"right eye", "left eye", "nose tip", "mouth"};
    for (int k = 0; k < found.length; k++) {
      double off = Math.hypot(found[k][0] - portrait.features[2 * k], found[k][1] - portrait.features[2 * k + 1]);
      assertTrue(off < 8, names[k] + " is " + off + " px from where it is in the picture");
    }
  }

  @ParameterizedTest
  @EnumSource(Portrait.class)
  void refit_fromRoughBox_landmarksAreInFaceOrder(Portrait portrait) {
    Landmarks l = settle(TestMedia.image(portrait.file), portrait.roughBox);

    float eyesY = (l.mean(36, 41)[1] + l.mean(42, 47)[1]) / 2;
    assertTrue(eyesY < l.y(30), "eyes above the nose tip");
    assertTrue(l.y(30) < l.mean(48, 67)[1], "nose tip above the mouth");
    assertTrue(l.mean(48, 67)[1] < l.y(8), "mouth above the chin");
    assertTrue(l.x(36) < l.x(39) && l.x(39) < l.x(42) && l.x(42) < l.x(45), "eye corners left to right");
    assertTrue(l.x(0) < l.x(30) && l.x(30) < l.x(16), "nose tip between the jaw ends");
    // Eye centres sit at about 0.4-0.55 of the face's width (jaw end to jaw end) on adult faces.
    double eyes = distance(l.mean(36, 41), l.mean(42, 47));
    double face = Math.hypot(l.x(16) - l.x(0), l.y(16) - l.y(0));
    assertTrue(eyes > 0.35 * face && eyes < 0.6 * face, "inter-ocular " + eyes + " px for a face " + face + " px wide");
  }

  @ParameterizedTest
  @EnumSource(Portrait.class)
  void refit_onMirroredPortrait_givesMirroredLandmarks(Portrait portrait) {
    RgbImage rgb = TestMedia.image(portrait.file);
    int lastColumn = rgb.width() - 1;
    DlibBox box = portrait.roughBox;
    DlibBox mirroredBox = new DlibBox(lastColumn - box.right(), box.top(), lastColumn - box.left(), box.bottom());

    Landmarks original = settle(rgb, box);
    Landmarks mirrored = settle(rgb.mirrored(), mirroredBox).mirrored(rgb.width());

    double rms = rmsDistance(original, mirrored);
    assertTrue(rms < 2, "mirrored landmarks differ by " + rms + " px RMS");
  }

  @ParameterizedTest
  @EnumSource(Portrait.class)
  void fit_fromKeypointsNearTheFeatures_agreesWithSettledLandmarks(Portrait portrait) {
    RgbImage image = TestMedia.image(portrait.file);
    Landmarks settled = settle(image, portrait.roughBox);
    float[] f = portrait.features;
    // A detector's keypoints are a few pixels off the features; ears are not used by the fit.
    Detection detection = new Detection(0, 0, 1, 1, 0.9f, new float[] {
      f[0] + 3, f[1] - 2, f[2] - 2, f[3] + 2, f[4] + 2, f[5] - 3, f[6] - 1, f[7] + 3,
      settled.x(0), settled.y(0), settled.x(16), settled.y(16)});

    Landmarks fitted = model.fit(image, detection);

    double rms = rmsDistance(settled, fitted);
    assertTrue(rms < 2, "fit from keypoints is " + rms + " px RMS from the settled landmarks");
  }

  @Test
  void fit_keypointsFewPixelsApart_throwsFaceException() {
    RgbImage image = TestMedia.image(Portrait.WOMAN.file);
    Detection speck = new Detection(100, 100, 4, 4, 0.9f, new float[] {
      100, 100, 103, 100, 101.5f, 101.5f, 101.5f, 103, 99, 101, 104, 101});

    FaceException e = assertThrows(FaceException.class, () -> model.fit(image, speck));

    assertTrue(e.problem().startsWith("face too small"), e.problem());
  }

  @Test
  void refit_fromSeveralThreadsAtOnce_givesTheSameLandmarksAsOneThread() throws Exception {
    RgbImage woman = TestMedia.image(Portrait.WOMAN.file);
    RgbImage man = TestMedia.image(Portrait.MAN_WITH_GLASSES.file);
    Landmarks womanStart = model.predict(woman, Portrait.WOMAN.roughBox);
    Landmarks manStart = model.predict(man, Portrait.MAN_WITH_GLASSES.roughBox);
    Landmarks womanAlone = model.refit(woman, womanStart);
    Landmarks manAlone = model.refit(man, manStart);

    List<Future<Boolean>> runs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean even = i % 2 == 0;
      runs.add(threads.submit(() -> even
          ? model.refit(woman, womanStart).equals(womanAlone)
          : model.refit(man, manStart).equals(manAlone)));
    }
    for (Future<Boolean> run : runs) {
      assertTrue(run.get(), "a concurrent refit gave different landmarks");
    }
  }

  @Test
  void name_mentionsTheNonCommercialTerms() {
    assertEquals("dlib 68-point shape predictor (iBUG 300-W, non-commercial)", model.name());
  }

  private static Landmarks settle(RgbImage image, DlibBox roughBox) {
    Landmarks current = model.predict(image, roughBox);
    for (int i = 0; i < MAX_REFITS; i++) {
      current = model.refit(image, current);
    }
    return current;
  }

  private static double maxDistance(Landmarks a, Landmarks b) {
    double most = 0;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      most = Math.max(most, Math.hypot(a.x(i) - b.x(i), a.y(i) - b.y(i)));
    }
    return most;
  }

  private static double rmsDistance(Landmarks a, Landmarks b) {
    double squares = 0;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      double dx = a.x(i) - b.x(i), dy = a.y(i) - b.y(i);
      squares += dx * dx + dy * dy;
    }
    return Math.sqrt(squares / Landmarks.COUNT);
  }

  private static double distance(float[] a, float[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }
}
