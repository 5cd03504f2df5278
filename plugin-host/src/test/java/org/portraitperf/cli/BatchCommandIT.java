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
import org.portraitperf.AtomicFiles;
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
  void rangesInThenAssemble_runAgain_rendersOnlyWhatIsMissingAndAssemblesOnce(@TempDir Path dir) throws Exception {
    Path manifest = manifest(dir);
    Path ranges = dir.resolve("ranges");
    String[] render = {"batch", "render-range", "--manifest", manifest.toString(), "--take", "ok", "--from", "0",
        "--to", "4", "--ranges-in", ranges.toString(), "--range-size", "2", "--threads", "1"};
    String[] assemble = {"batch", "assemble", "--manifest", manifest.toString(), "--take", "ok", "--from", "0",
        "--to", "4", "--ranges-in", ranges.toString()};

    CommandRun first = CommandRun.of(render);
    // A task killed after two of its ranges: the third is missing when the farm runs it again.
    Files.walk(ranges.resolve("000004-000004")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile()
        .delete());
    CommandRun again = CommandRun.of(render);
    CommandRun assembled = CommandRun.of(assemble);
    CommandRun assembledAgain = CommandRun.of(assemble);

    assertEquals(ExitCodes.OK, first.code(), first.err());
    assertTrue(first.out().contains("(3 ranges: 3 rendered now, 0 already there)"), first.out());
    assertEquals(ExitCodes.OK, again.code(), again.err());
    assertTrue(again.out().contains("(3 ranges: 1 rendered now, 2 already there)"), again.out());
    assertEquals(ExitCodes.OK, assembled.code(), assembled.err());
    assertTrue(assembled.out().contains("assembled ok frames 0-4: " + dir.resolve("ok.mp4")), assembled.out());
    assertFalse(Files.exists(ranges), "the ranges go once the output holds their frames");
    assertFalse(Files.exists(AtomicFiles.removing(ranges)), "the ranges go, not aside");
    assertEquals(ExitCodes.OK, assembledAgain.code(), assembledAgain.err());
    assertTrue(assembledAgain.out().contains("already assembled ok frames 0-4"), assembledAgain.out());
  }

  @Test
  void assemble_afterAKillWhileRemovingTheRanges_succeedsAndClearsWhatWasLeft(@TempDir Path dir) throws Exception {
    Path manifest = manifest(dir);
    Path ranges = dir.resolve("ranges");
    String[] assemble = {"batch", "assemble", "--manifest", manifest.toString(), "--take", "ok", "--from", "0",
        "--to", "4", "--ranges-in", ranges.toString()};
    CommandRun.of("batch", "render-range", "--manifest", manifest.toString(), "--take", "ok", "--from", "0", "--to",
        "4", "--ranges-in", ranges.toString(), "--range-size", "2", "--threads", "1");
    CommandRun assembled = CommandRun.of(assemble);
    // What a farm task killed while it deleted the ranges leaves: the ranges, part deleted, moved
    // aside under their hidden name.
    Path leftover = Files.createDirectories(AtomicFiles.removing(ranges).resolve("000002-000003"));
    Files.writeString(leftover.resolve("000002.png"), "part of a range");

    CommandRun again = CommandRun.of(assemble);

    assertEquals(ExitCodes.OK, assembled.code(), assembled.err());
    assertEquals(ExitCodes.OK, again.code(), again.err());
    assertTrue(again.out().contains("already assembled ok frames 0-4"), again.out());
    assertFalse(Files.exists(AtomicFiles.removing(ranges)), "what the killed task left of the ranges goes");
  }

  @Test
  void assemble_rangeMissing_isOneLineNamingTheFrames(@TempDir Path dir) throws Exception {
    CommandRun run = CommandRun.of("batch", "assemble", "--manifest", manifest(dir).toString(), "--take", "ok",
        "--from", "0", "--to", "5", "--ranges-in", dir.resolve("ranges").toString());

    assertEquals(ExitCodes.BAD_INPUT, run.code(), run.err());
    assertTrue(run.err().strip().endsWith("holds no rendered range with frames 0-5 (render them before assembling"
        + " frames 0-5)"), run.err());
  }

  @Test
  void resume_unknownJob_isOneLineNamingIt(@TempDir Path dir) {
    CommandRun run = CommandRun.of("batch", "resume", "no-such-job", "--root", dir.toString());

    assertEquals(ExitCodes.BAD_INPUT, run.code(), run.err());
    assertTrue(run.err().strip().startsWith("error: job no-such-job: is not in"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }
}
