package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.engine.DrivingClips;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.engine.Session;
import org.portraitperf.engine.VideoDrivingSource;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceException;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.MediaException;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.testing.TestMedia;

/**
 * The warp engine's sessions on real portraits, clips and models. These properties hold for any
 * correct animator: order independence, thread safety, held pose, layouts and input errors.
 */
@ExtendWith(RealEngines.class)
class WarpSessionIT {
  private static final String PORTRAIT = "portraits/lp_s42.jpg";

  private static Session open(EngineSelector engines, String portrait, VideoDrivingSource driving, EngineSettings settings) {
    return engines.choose(WarpEngine.NAME).engine().open(TestMedia.image(portrait), portrait, driving, settings);
  }

  private static EngineSettings withLayout(OutputLayout layout) {
    EngineSettings d = EngineSettings.DEFAULTS;
    return new EngineSettings(d.reference(), d.motion(), d.gains(), d.strength(), d.detail(), d.smoothing(),
        d.feather(), d.colourMatch(), d.face(), layout);
  }

  @Test
  void render_frameAloneInFreshSession_equalsFrameAfterRenderingInOrder(EngineSelector engines) {
    RgbaImage sequential = null;
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(engines, PORTRAIT, driving, EngineSettings.DEFAULTS)) {
      for (int t = 0; t <= 57; t++) {
        sequential = session.render(t);
      }
    }
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(engines, PORTRAIT, driving, EngineSettings.DEFAULTS)) {
      RgbaImage alone = session.render(57);

      assertTrue(maxDifference(sequential, alone) <= 1, "max difference " + maxDifference(sequential, alone));
    }
  }

  @Test
  void render_twoThreadsInOppositeOrders_equalSequential(EngineSelector engines) throws Exception {
    int frames = 24;
    List<RgbaImage> expected = new ArrayList<>();
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(engines, PORTRAIT, driving, EngineSettings.DEFAULTS)) {
      for (int t = 0; t < frames; t++) {
        expected.add(session.render(t));
      }
    }
    RgbaImage[] actual = new RgbaImage[frames];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(engines, PORTRAIT, driving, EngineSettings.DEFAULTS)) {
      Future<?> forwards = pool.submit(() -> {
        for (int t = 0; t < frames; t += 2) {
          actual[t] = session.render(t);
        }
      });
      Future<?> backwards = pool.submit(() -> {
        for (int t = frames - 1; t >= 1; t -= 2) {
          actual[t] = session.render(t);
        }
      });
      forwards.get();
      backwards.get();
    } finally {
      pool.shutdown();
    }
    for (int t = 0; t < frames; t++) {
      assertTrue(maxDifference(expected.get(t), actual[t]) <= 1, "frame " + t);
    }
  }

  @Test
  void renderInto_eachLayout_writesWhatRenderReturnsAndNothingElse(EngineSelector engines) {
    int margin = 16;
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      for (OutputLayout layout : OutputLayout.values()) {
        try (Session session = open(engines, "portraits/lp_s12.jpg", driving, withLayout(layout))) {
          int bytes = session.width() * session.height() * 4;
          ByteBuffer target = ByteBuffer.allocateDirect(margin + bytes + margin);
          for (int t = 3; t <= 5; t++) {
            byte[] expected = session.render(t).pixels();
            // Twice: the second call renders in the working frame the first one left behind.
            for (int pass = 0; pass < 2; pass++) {
              fill(target, (byte) 7);
              target.position(margin);
              session.renderInto(t, target);

              assertEquals(margin, target.position(), layout + ": the target's position stays");
              byte[] written = new byte[bytes];
              target.get(margin, written);
              assertArrayEquals(expected, written, layout + " frame " + t + " pass " + pass);
              assertEquals(7, target.get(margin - 1), layout + ": nothing written before the position");
              assertEquals(7, target.get(margin + bytes), layout + ": nothing written past the frame");
            }
          }
          target.position(margin + 1);
          assertThrows(IllegalArgumentException.class, () -> session.renderInto(3, target.slice(margin + 1, bytes - 1)),
              layout + ": a target one byte short is refused");
        }
      }
    }
  }

  @Test
  void renderInto_twoThreadsAtOnce_equalRender(EngineSelector engines) throws Exception {
    int frames = 12;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(engines, PORTRAIT, driving, EngineSettings.DEFAULTS)) {
      List<byte[]> expected = new ArrayList<>();
      for (int t = 0; t < frames; t++) {
        expected.add(session.render(t).pixels());
      }
      int bytes = session.width() * session.height() * 4;
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int start = 0; start < 2; start++) {
        int first = start;
        mismatches.add(pool.submit(() -> {
          ByteBuffer target = ByteBuffer.allocate(bytes);
          int wrong = 0;
          for (int t = first; t < frames; t += 2) {
            session.renderInto(t, target);
            wrong += Arrays.equals(expected.get(t), target.array()) ? 0 : 1;
          }
          return wrong;
        }));
      }
      for (Future<Integer> thread : mismatches) {
        assertEquals(0, thread.get(), "frames that differ from render's");
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void fill(ByteBuffer buffer, byte value) {
    for (int i = 0; i < buffer.capacity(); i++) {
      buffer.put(i, value);
    }
  }

  @Test
  void render_faceGoneForTwentyFrames_holdsLastGoodFrameThenMovesAgain(EngineSelector engines, @TempDir Path dir) {
    Path clip = DrivingClips.withGreyGap(TestMedia.driving("lp_d12.mp4"), 90, 40, 60, dir.resolve("gap.mp4"));
    try (VideoDrivingSource driving = DrivingClips.open(clip);
        Session session = open(engines, PORTRAIT, driving, EngineSettings.DEFAULTS)) {
      RgbaImage lastGood = null;
      for (int t = 0; t < 40; t++) {
        lastGood = session.render(t);
      }
      // The whole driving frame is held (face and picture), so the output is frame 39's.
      for (int t = 41; t < 60; t++) {
        int held = maxDifference(lastGood, session.render(t));
        assertTrue(held <= 2, "frame " + t + " in the gap differs from frame 39 by up to " + held + " levels");
      }
      double moved = 0;
      for (int t = 60; t < 90; t++) {
        moved = Math.max(moved, meanDifference(lastGood, session.render(t)));
      }
      assertTrue(moved > 2, "after the gap the portrait moves again (largest mean difference " + moved + ")");
    }
  }

  @Test
  void open_layouts_giveTheirSizesAndAlpha(EngineSelector engines, FaceAnalyzer faces) {
    // lp_s12 is 375x500, the clip 512x512: the fitted layout must letterbox.
    String portrait = "portraits/lp_s12.jpg";
    Landmarks face = faces.analyse(TestMedia.image(portrait), FaceSelection.LARGEST, portrait).landmarks();
    int noseTip = Math.round(face.y(30)) * 375 + Math.round(face.x(30));
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      try (Session canvas = open(engines, portrait, driving, withLayout(OutputLayout.PORTRAIT_CANVAS))) {
        RgbaImage frame = canvas.render(5);
        assertEquals(375, frame.width());
        assertEquals(500, frame.height());
        assertEquals(255, minAlpha(frame), "the canvas is opaque");
      }
      try (Session fit = open(engines, portrait, driving, withLayout(OutputLayout.FIT_DRIVING))) {
        RgbaImage frame = fit.render(5);
        assertEquals(512, fit.width());
        assertEquals(512, frame.width());
        assertEquals(512, frame.height());
        assertEquals(255, minAlpha(frame));
        assertEquals(0, frame.pixels()[(256 * 512 + 2) * 4] & 0xff, "the bars at the sides are black");
      }
      try (Session layer = open(engines, portrait, driving, withLayout(OutputLayout.FACE_LAYER))) {
        RgbaImage frame = layer.render(5);
        assertEquals(375, frame.width());
        assertEquals(0, minAlpha(frame), "around the face the layer is transparent");
        assertEquals(255, frame.pixels()[noseTip * 4 + 3] & 0xff, "the middle of the face is opaque");
      }
    }
  }

  @Test
  void open_portraitWithoutFace_failsNamingThePortrait(EngineSelector engines) {
    RgbImage sky = RgbImage.blank(320, 240);
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      FaceException error = assertThrows(FaceException.class, () -> engines.choose(WarpEngine.NAME).engine()
          .open(sky, "sky.png", driving, EngineSettings.DEFAULTS));
      assertEquals("sky.png", error.subject());
    }
  }

  @Test
  void open_portraitLargerThan8K_failsNamingThePortrait(EngineSelector engines) {
    RgbImage huge = RgbImage.blank(8000, 4600);
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      MediaException error = assertThrows(MediaException.class, () -> engines.choose(WarpEngine.NAME).engine()
          .open(huge, "huge.png", driving, EngineSettings.DEFAULTS));
      assertEquals("huge.png", error.subject());
      assertTrue(error.problem().contains("8000x4600"), error.problem());
    }
  }

  @Test
  void open_referenceFrameOutsideClip_isRefused(EngineSelector engines) {
    EngineSettings d = EngineSettings.DEFAULTS;
    EngineSettings settings = new EngineSettings(new EngineSettings.ReferenceFrame(false, 500), d.motion(),
        d.gains(), d.strength(), d.detail(), d.smoothing(), d.feather(), d.colourMatch(), d.face(), d.layout());
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> open(engines, PORTRAIT, driving, settings));
      assertTrue(error.getMessage().contains("reference-frame 500"), error.getMessage());
    }
  }

  private static int maxDifference(RgbaImage a, RgbaImage b) {
    assertEquals(a.width(), b.width());
    assertEquals(a.height(), b.height());
    int max = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      max = Math.max(max, Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff)));
    }
    return max;
  }

  private static double meanDifference(RgbaImage a, RgbaImage b) {
    long sum = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      sum += Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff));
    }
    return (double) sum / a.pixels().length;
  }

  private static int minAlpha(RgbaImage image) {
    int min = 255;
    for (int i = 3; i < image.pixels().length; i += 4) {
      min = Math.min(min, image.pixels()[i] & 0xff);
    }
    return min;
  }
}
