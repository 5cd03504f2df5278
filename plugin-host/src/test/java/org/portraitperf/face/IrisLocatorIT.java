package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Path2D;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.testing.TestMedia;

/**
 * The iris locator on real portraits and a real clip. The expected centres were read off
 * 12-times enlargements of the eyes with a 5-pixel grid: the middle of the dark disc across, and
 * halfway between where the lids cut it (or its visible edge) down.
 */
@ExtendWith(RealEngines.class)
class IrisLocatorIT {
  /** lp_d0.mp4: looking ahead (9), to the image's right (21), to its left (36), mid-blink (67). */
  private static final Set<Integer> FRAMES = Set.of(9, 21, 36, 67);
  private static FaceAnalyzer analyzer;
  private static final Map<Integer, RgbImage> images = new HashMap<>();
  private static final Map<Integer, FaceObservation> faces = new HashMap<>();

  @BeforeAll
  static void track(FaceAnalyzer shared) {
    analyzer = shared;
    try (VideoReader reader = VideoReader.open(TestMedia.driving("lp_d0.mp4"))) {
      FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, reader.info().frameRate().toDouble());
      for (DecodedFrame frame = reader.next(); frame != null && frame.index() <= 67; frame = reader.next()) {
        Optional<FaceObservation> face = tracker.track(frame.image()).face();
        if (FRAMES.contains(frame.index())) {
          images.put(frame.index(), frame.image());
          faces.put(frame.index(), face.orElseThrow());
        }
      }
    }
  }

  @Test
  void locate_clearFrontalPhoto_findsBothIrisesWhereMeasuredByEye() {
    assertIrisAt("lp_s42.jpg", 36, 209, 260, 2.5);
    assertIrisAt("lp_s42.jpg", 42, 307, 262, 2.5);
  }

  @Test
  void locate_lowContrastPainting_findsBothIrisesWhereMeasuredByEye() {
    // Mona Lisa: brown irises in brownish whites, the hard case for a contrast search.
    assertIrisAt("lp_s9.jpg", 36, 308, 297, 3);
    assertIrisAt("lp_s9.jpg", 42, 395.5, 295.5, 3);
  }

  @Test
  void gaze_drivingLooksToEitherSide_alongFollowsAndAcrossStaysSmall() {
    double ahead = gazeAt(9).along();
    double right = gazeAt(21).along();
    double left = gazeAt(36).along();
    // Measured: about 0.44 ahead, 0.75 right, 0.23 left.
    assertEquals(0.45, ahead, 0.08, "looking ahead");
    assertTrue(right > ahead + 0.2, "looking right " + right + " vs ahead " + ahead);
    assertTrue(left < ahead - 0.12, "looking left " + left + " vs ahead " + ahead);
    for (int frame : new int[] {9, 21, 36}) {
      assertTrue(Math.abs(gazeAt(frame).across()) < 0.3, "frame " + frame + " across " + gazeAt(frame).across());
    }
  }

  @Test
  void locate_eyeMidBlink_findsNothing() {
    FaceObservation face = faces.get(67);
    assertTrue(face.leftImageEye() < IrisLocator.MIN_OPENNESS && face.rightImageEye() < IrisLocator.MIN_OPENNESS,
        "frame 67 eyes " + face.leftImageEye() + " / " + face.rightImageEye());
    assertTrue(IrisLocator.locate(images.get(67), face.landmarks(), 36).isEmpty());
    assertTrue(IrisLocator.gaze(images.get(67), face.landmarks()).isEmpty());
  }

  @Test
  void locate_mirroredPicture_findsTheMirroredIris() {
    // Both eyes run through the same frame, image-left corner to image-right corner: a mirrored
    // face swaps the eyes and turns along into 1 - along. Not to the sample: the search grid starts
    // at the image-left corner, so the two searches sample the eye at different points.
    RgbImage image = images.get(21);
    Landmarks landmarks = faces.get(21).landmarks();
    Iris iris = IrisLocator.locate(image, landmarks, 36).orElseThrow();
    Iris mirrored = IrisLocator.locate(image.mirrored(), landmarks.mirrored(image.width()), 42).orElseThrow();
    assertEquals(image.width() - 1 - iris.x(), mirrored.x(), 1.5);
    assertEquals(iris.y(), mirrored.y(), 1.5);
    assertEquals(1 - iris.along(), mirrored.along(), 0.04);
  }

  private static IrisLocator.Gaze gazeAt(int frame) {
    return IrisLocator.gaze(images.get(frame), faces.get(frame).landmarks()).orElseThrow();
  }

  private static void assertIrisAt(String portrait, int eye, double x, double y, double tolerance) {
    RgbImage image = TestMedia.image("portraits/" + portrait);
    Landmarks landmarks = analyzer.analyse(image, FaceSelection.LARGEST, portrait).landmarks();
    Iris iris = IrisLocator.locate(image, landmarks, eye).orElseThrow();
    String where = portrait + " eye " + eye + ": " + iris;
    assertEquals(x, iris.x(), tolerance, where);
    assertEquals(y, iris.y(), tolerance, where);
    Path2D.Double opening = new Path2D.Double();
    opening.moveTo(landmarks.x(eye), landmarks.y(eye));
    for (int i = eye + 1; i < eye + 6; i++) {
      opening.lineTo(landmarks.x(i), landmarks.y(i));
    }
    opening.closePath();
    assertTrue(opening.contains(iris.x(), iris.y()), where + " lies outside the eye's outline");
    assertTrue(iris.confidence() > 0.2, where);
  }
}
