package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portraitperf.engine.RealEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;
import org.portraitperf.testing.TestMedia;

/** Still-picture analysis on the real portraits with the real detector and landmark model. */
@ExtendWith(RealEngines.class)
class FaceAnalyzerIT {
  private static final String GROUP_PHOTO = "faceapi_sample6.jpg";
  private static FaceAnalyzer analyzer;

  @BeforeAll
  static void open(FaceAnalyzer shared) {
    analyzer = shared;
  }

  static Stream<Path> singleFacePortraits() {
    return TestMedia.all("portraits").stream().filter(p -> !p.getFileName().toString().equals(GROUP_PHOTO));
  }

  @ParameterizedTest
  @MethodSource("singleFacePortraits")
  void analyseAll_singlePortrait_findsOneFaceWithLandmarksInsideItsBox(Path portrait) {
    RgbImage image = Images.read(portrait);
    List<FaceObservation> faces = analyzer.analyseAll(image, portrait.toString());
    assertEquals(1, faces.size(), portrait + ": faces found");
    assertLandmarksInsideFaceBox(faces.get(0).landmarks(), image, portrait);
  }

  @Test
  void analyseAll_groupPhoto_findsAllFourAndLargestIsDefault() {
    Path portrait = TestMedia.portrait(GROUP_PHOTO);
    RgbImage image = Images.read(portrait);
    List<FaceObservation> faces = analyzer.analyseAll(image, portrait.toString());
    assertEquals(4, faces.size());
    for (FaceObservation face : faces) {
      assertLandmarksInsideFaceBox(face.landmarks(), image, portrait);
    }
    // By eye, the rightmost woman's face is the largest in the picture.
    FaceObservation chosen = analyzer.analyse(image, FaceSelection.LARGEST, portrait.toString());
    assertEquals(faces.get(3).landmarks().x(30), chosen.landmarks().x(30), 3, "the default selection is the largest face");
    FaceObservation leftmost = analyzer.analyse(image, FaceSelection.parse("index:0"), portrait.toString());
    assertEquals(faces.get(0).landmarks().x(30), leftmost.landmarks().x(30), 3, "index:0 is the leftmost face");
  }

  @Test
  void analyse_mirroredPortrait_negatesYawAndRoll() {
    // A painted three-quarter pose with a visible head tilt: both angles clearly away from zero.
    Path portrait = TestMedia.portrait("lp_s9.jpg");
    RgbImage image = Images.read(portrait);
    HeadPose pose = analyzer.analyse(image, FaceSelection.LARGEST, "original").pose();
    HeadPose mirrored = analyzer.analyse(image.mirrored(), FaceSelection.LARGEST, "mirrored").pose();
    assertTrue(Math.abs(pose.yaw()) > 3 && Math.abs(pose.roll()) > 1,
        "test needs a turned and tilted head, found yaw " + pose.yaw() + " roll " + pose.roll());
    assertEquals(-Math.signum(pose.yaw()), Math.signum(mirrored.yaw()), "yaw sign flips");
    assertEquals(-Math.signum(pose.roll()), Math.signum(mirrored.roll()), "roll sign flips");
    assertEquals(-pose.yaw(), mirrored.yaw(), 3.0);
    assertEquals(-pose.roll(), mirrored.roll(), 2.0);
    assertEquals(pose.pitch(), mirrored.pitch(), 3.0);
  }

  @Test
  void analyse_pictureWithoutFace_failsNamingThePicture() {
    RgbImage gradient = RgbImage.blank(640, 480);
    byte[] p = gradient.pixels();
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) ((i / 3) % 640 / 3);
    }
    FaceException error = assertThrows(FaceException.class,
        () -> analyzer.analyse(gradient, FaceSelection.LARGEST, "sky.png"));
    assertEquals("sky.png", error.subject());
    assertTrue(error.problem().startsWith("no face found"), error.problem());
  }

  @Test
  void analyse_onePixelPicture_failsWithNoFace() {
    FaceException error = assertThrows(FaceException.class,
        () -> analyzer.analyse(RgbImage.blank(1, 1), FaceSelection.LARGEST, "dot.png"));
    assertTrue(error.problem().contains("1x1"), error.problem());
  }

  /**
   * The face box here is the landmarks' own frame grown by a quarter of the eye span: dlib's jaw
   * line runs to the ears, wider than a detector's box, so a tight detector box is the wrong ruler.
   * What this checks is that no landmark flew off the face.
   */
  private static void assertLandmarksInsideFaceBox(Landmarks l, RgbImage image, Path source) {
    float[] eyes = l.mean(36, 47);
    double span = FaceMeasures.eyeSpan(l);
    assertTrue(span > 10, source + ": eye span " + span);
    for (int i = 0; i < Landmarks.COUNT; i++) {
      double dx = Math.abs(l.x(i) - eyes[0]);
      double dy = l.y(i) - eyes[1];
      assertTrue(dx < 1.25 * span && dy > -0.9 * span && dy < 1.9 * span,
          source + ": landmark " + i + " at " + l.x(i) + "," + l.y(i) + " is off the face");
      assertTrue(l.x(i) >= -0.05 * image.width() && l.x(i) < 1.05 * image.width(), source + ": landmark " + i);
    }
  }
}
