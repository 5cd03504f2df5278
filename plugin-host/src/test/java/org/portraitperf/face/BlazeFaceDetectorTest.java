package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portraitperf.media.RgbImage;
import org.portraitperf.models.ModelStore;

/** The detector end to end: the installed ONNX graphs on the shared test portraits and clips. */
class BlazeFaceDetectorTest {
  private static BlazeFaceDetector detector;

  @BeforeAll
  static void open() {
    detector = BlazeFaceDetector.open(ModelStore.fromEnvironment());
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lp_s9.jpg", // 720x1280 painting, slight 3/4 pose, face ~30% of the long side
        "lp_s12.jpg", // 375x500 low-resolution vintage photo
        "lp_s42.jpg", // 512x512 clean frontal photo
        "lp_d8.jpg", // 720x720, round glasses, head tilt
        "xp_source_image.png", // 512x512 3-D cartoon, face >50% of the frame (front graph's range)
        "derived_lp_d12_f0.png" // 512x512 video frame, glasses
      })
  void detect_singleFacePortrait_findsOneFaceWithOrderedKeypoints(String name) {
    RgbImage image = BlazeFaceTestImages.portrait(name);

    List<Detection> faces = detector.detect(image);

    assertEquals(1, faces.size(), name + ": " + faces);
    Detection face = faces.get(0);
    assertTrue(face.score() >= BlazeFaceDetector.SCORE_THRESHOLD, "score " + face.score());
    assertInside(face, image);
    for (int k : new int[] {Detection.RIGHT_EYE, Detection.LEFT_EYE, Detection.NOSE_TIP, Detection.MOUTH}) {
      assertTrue(covers(face, face.keypointX(k), face.keypointY(k)), name + ": keypoint " + k + " outside the box");
    }
    assertFrontalOrder(face);
  }

  @Test
  void detect_groupPhoto_findsAllFourFacesBestFirst() {
    RgbImage image = BlazeFaceTestImages.portrait("faceapi_sample6.jpg");

    List<Detection> faces = detector.detect(image);

    assertEquals(4, faces.size(), faces.toString());
    for (int i = 0; i < faces.size(); i++) {
      Detection face = faces.get(i);
      assertInside(face, image);
      assertFrontalOrder(face);
      // The faces are about 200 px across; a box far off that size would be a stray anchor.
      assertTrue(face.width() > 150 && face.width() < 320, "face width " + face.width());
      if (i > 0) {
        assertTrue(faces.get(i - 1).score() >= face.score(), "not sorted by score: " + faces);
      }
    }
  }

  @Test
  void detect_mirroredPortrait_boxIsMirrorOfOriginal() {
    // A frontal face: the network itself is not mirror-symmetric, so on a tilted 3/4 face
    // (lp_d8) the two boxes differ by up to 20 px. That our own resampling and mapping are
    // exactly mirror-symmetric is proved in BlazeFaceLetterboxTest.
    RgbImage image = BlazeFaceTestImages.portrait("lp_s42.jpg");

    Detection original = detector.detect(image).get(0);
    List<Detection> mirrored = detector.detect(image.mirrored());

    assertEquals(1, mirrored.size());
    Detection flipped = mirrored.get(0);
    float tolerance = 4; // under 2% of the 238 px face
    assertEquals(image.width() - original.x() - original.width(), flipped.x(), tolerance);
    assertEquals(original.y(), flipped.y(), tolerance);
    assertEquals(original.width(), flipped.width(), tolerance);
    assertEquals(original.height(), flipped.height(), tolerance);
    // The subject's right eye in the mirror is where the original's left eye was, mirrored.
    assertEquals(image.width() - original.keypointX(Detection.LEFT_EYE), flipped.keypointX(Detection.RIGHT_EYE), tolerance);
    assertEquals(original.keypointY(Detection.LEFT_EYE), flipped.keypointY(Detection.RIGHT_EYE), tolerance);
  }

  @Test
  void detect_uniformGreyImage_returnsEmpty() {
    assertEquals(List.of(), detector.detect(BlazeFaceTestImages.uniform(640, 480, 128)));
  }

  @Test
  void detect_onePixelImage_returnsEmpty() {
    assertEquals(List.of(), detector.detect(BlazeFaceTestImages.uniform(1, 1, 200)));
  }

  @Test
  void detect_portraitPastedInto4kFrame_findsFaceWhereItWasPasted() {
    RgbImage portrait = BlazeFaceTestImages.portrait("lp_s42.jpg");
    Detection alone = detector.detect(portrait).get(0);
    int left = 2900;
    int top = 1400;

    List<Detection> faces = detector.detect(BlazeFaceTestImages.pasted(portrait, 3840, 2160, left, top));

    assertEquals(1, faces.size(), faces.toString());
    Detection found = faces.get(0);
    // The face is only ~16 px wide in the 256 px input, so allow a tenth of its width.
    float tolerance = alone.width() / 10;
    assertEquals(alone.centerX() + left, found.centerX(), tolerance);
    assertEquals(alone.centerY() + top, found.centerY(), tolerance);
    assertEquals(alone.width(), found.width(), tolerance * 2);
  }

  @Test
  void detect_portraitSelfieVideoFrame_findsOneFace() {
    // lp_d13 is 720x1280, upper body: the letterbox pads 280 px each side.
    RgbImage frame = BlazeFaceTestImages.drivingFrame("lp_d13.mp4", 100);

    List<Detection> faces = detector.detect(frame);

    assertEquals(1, faces.size(), faces.toString());
    assertInside(faces.get(0), frame);
    assertFrontalOrder(faces.get(0));
  }

  @Test
  void detect_afterClose_throwsAndCloseTwiceIsHarmless() {
    BlazeFaceDetector own = BlazeFaceDetector.open(ModelStore.fromEnvironment());
    own.close();
    own.close();

    assertThrows(IllegalStateException.class, () -> own.detect(BlazeFaceTestImages.uniform(8, 8, 0)));
  }

  private static void assertInside(Detection face, RgbImage image) {
    assertTrue(face.x() >= 0 && face.y() >= 0, "box starts outside: " + face);
    assertTrue(face.x() + face.width() <= image.width(), "box ends right of the image: " + face);
    assertTrue(face.y() + face.height() <= image.height(), "box ends below the image: " + face);
  }

  private static boolean covers(Detection face, float x, float y) {
    return x >= face.x() && x <= face.x() + face.width() && y >= face.y() && y <= face.y() + face.height();
  }

  /** For a face looking at the camera: subject's right eye on the image's left, eyes above mouth. */
  private static void assertFrontalOrder(Detection face) {
    assertTrue(face.keypointX(Detection.RIGHT_EYE) < face.keypointX(Detection.LEFT_EYE), "eyes swapped: " + face);
    assertTrue(face.keypointX(Detection.RIGHT_EAR) < face.keypointX(Detection.LEFT_EAR), "ears swapped: " + face);
    float eyes = (face.keypointY(Detection.RIGHT_EYE) + face.keypointY(Detection.LEFT_EYE)) / 2;
    assertTrue(eyes < face.keypointY(Detection.NOSE_TIP), "nose above the eyes: " + face);
    assertTrue(face.keypointY(Detection.NOSE_TIP) < face.keypointY(Detection.MOUTH), "mouth above the nose: " + face);
  }
}
