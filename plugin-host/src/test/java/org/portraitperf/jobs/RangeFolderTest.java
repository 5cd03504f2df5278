package org.portraitperf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A take's range folders: how frames are cut, and which folders assembly takes. */
class RangeFolderTest {
  @TempDir Path dir;

  private void rendered(RangeFolder folder, int first, int last) throws IOException {
    Files.createDirectories(folder.range(first, last));
  }

  @Test
  void split_framesNotAMultipleOfTheSize_lastRangeIsShorter() {
    assertEquals(List.of(new RangeFolder.Span(3, 6), new RangeFolder.Span(7, 10), new RangeFolder.Span(11, 12)),
        RangeFolder.split(3, 12, 4));
    assertEquals(List.of(new RangeFolder.Span(5, 5)), RangeFolder.split(5, 5, 50));
  }

  @Test
  void covering_rangesCutTwoWays_takesTheOnesThatTileTheFrames() throws IOException {
    RangeFolder folder = new RangeFolder(dir);
    rendered(folder, 0, 1);
    rendered(folder, 2, 2);
    rendered(folder, 3, 4);
    rendered(folder, 5, 5);
    // A hidden temporary of a range in flight is no range.
    Files.createDirectories(dir.resolve(".000006-000007.3f9a.partial"));

    assertEquals(List.of(folder.range(0, 1), folder.range(2, 2), folder.range(3, 4), folder.range(5, 5)),
        folder.covering(0, 5));
  }

  @Test
  void covering_aMissingRange_namesItsFrames() throws IOException {
    RangeFolder folder = new RangeFolder(dir);
    rendered(folder, 0, 2);
    rendered(folder, 6, 8);

    JobException missing = assertThrows(JobException.class, () -> folder.covering(0, 8));

    assertTrue(missing.getMessage().contains("holds no rendered range with frames 3-5"), missing.getMessage());
  }

  @Test
  void covering_noFolderAtAll_namesEveryFrame() {
    JobException missing = assertThrows(JobException.class, () -> new RangeFolder(dir.resolve("none")).covering(4, 9));

    assertTrue(missing.getMessage().contains("frames 4-9"), missing.getMessage());
  }
}
