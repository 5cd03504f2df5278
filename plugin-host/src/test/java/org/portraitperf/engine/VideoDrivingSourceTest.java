package org.portraitperf.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbImage;
import org.portraitperf.testing.TestMedia;

/** Any order of requests gets the frames that reading the clip in order gives. */
class VideoDrivingSourceTest {

  @Test
  void frame_backwardsAndJumpingAhead_equalsReadingInOrder() {
    List<RgbImage> inOrder = new ArrayList<>();
    try (VideoDrivingSource source = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      assertEquals(78, source.frameCount());
      for (int t = 0; t < source.frameCount(); t++) {
        inOrder.add(source.frame(t));
      }
    }
    try (VideoDrivingSource source = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      // Back to the start, a short step ahead, a long jump (a seek), back again, and a repeat.
      for (int t : new int[] {60, 3, 4, 9, 77, 40, 40, 0}) {
        assertArrayEquals(inOrder.get(t).pixels(), source.frame(t).pixels(), "frame " + t);
      }
    }
  }

  @Test
  void frame_outsideTheClip_isRefused() {
    try (VideoDrivingSource source = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      assertThrows(IllegalArgumentException.class, () -> source.frame(78));
      assertThrows(IllegalArgumentException.class, () -> source.frame(-1));
    }
  }
}
