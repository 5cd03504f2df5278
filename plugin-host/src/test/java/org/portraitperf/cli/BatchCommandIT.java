package org.portraitperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.testing.TestMedia;

/** {@code pp batch} as users and farms run it: exit codes, per-take lines, status and render-range. */
class BatchCommandIT {

  private static Path manifest(Path dir) throws Exception {
    String portrait = TestMedia.portrait("lp_s42.jpg").toString();
    String driving = TestMedia.driving("lp_d0.mp4").toString();
    return Files.writeString(dir.resolve("batch.yaml"), String.join("\n",
        "version: 1",
        "rangeSize: 3",
        "defaults: {engine: warp}",
        "takes:",
        "  - {name: ok, portrait: " + portrait + ", driving: " + driving + ", out: 5, output: ok.mp4}",
        "  - {name: gone, portrait: " + dir.resolve("gone.png") + ", driving: " + driving + ", output: gone.mp4}",
        ""));
  }

  @Test
  void submitThenStatus_oneTakeRefused_rendersTheOtherAndExitsWithBadInput(@TempDir Path dir) throws Exception {
    CommandRun submit = CommandRun.of("batch", "submit", manifest(dir).toString(), "--workers", "2");

    assertEquals(ExitCodes.BAD_INPUT, submit.code(), submit.out() + submit.err());
    assertTrue(submit.out().contains("take gone refused: " + dir.resolve("gone.png") + ": portrait does not exist"),
        submit.out());
    assertTrue(submit.out().contains("take ok: done -> " + dir.resolve("ok.mp4")), submit.out());
    assertTrue(Files.exists(dir.resolve("ok.mp4")));
    Matcher id = Pattern.compile("job (\\S+): 2 takes").matcher(submit.out());
    assertTrue(id.find(), submit.out());

    CommandRun status = CommandRun.of("batch", "status", "--root", dir.toString());

    assertEquals(ExitCodes.OK, status.code(), status.err());
    assertTrue(status.out().contains("job " + id.group(1)) && status.out().contains("1 done, 1 failed"), status.out());
    assertTrue(status.out().matches("(?s).*ok\\s+done\\s+6/6.*"), status.out());
  }

  @Test
  void renderRange_twice_rendersOnceThenSaysItIsThere(@TempDir Path dir) throws Exception {
    Path manifest = manifest(dir);
    Path range = dir.resolve("ok-000002-000004");

    CommandRun first = CommandRun.of("batch", "render-range", "--manifest", manifest.toString(), "--take", "ok",
        "--from", "2", "--to", "4", "--out", range.toString(), "--threads", "1");
    CommandRun second = CommandRun.of("batch", "render-range", "--manifest", manifest.toString(), "--take", "ok",
        "--from", "2", "--to", "4", "--out", range.toString());

    assertEquals(ExitCodes.OK, first.code(), first.err());
    assertTrue(first.out().contains("progress 3/3 frames") && first.out().contains("rendered ok frames 2-4"), first.out());
    try (Stream<Path> files = Files.list(range)) {
      assertEquals(3, files.count());
    }
    assertEquals(ExitCodes.OK, second.code(), second.err());
    assertTrue(second.out().contains("already rendered ok frames 2-4"), second.out());
  }

  @Test
  void resume_unknownJob_isOneLineNamingIt(@TempDir Path dir) {
    CommandRun run = CommandRun.of("batch", "resume", "no-such-job", "--root", dir.toString());

    assertEquals(ExitCodes.BAD_INPUT, run.code(), run.err());
    assertTrue(run.err().strip().startsWith("error: job no-such-job: is not in"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }
}
