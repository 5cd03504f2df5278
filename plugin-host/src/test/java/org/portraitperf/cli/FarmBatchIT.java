package org.portraitperf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.jobs.Provenance;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.VideoReader;
import org.portraitperf.testing.CuebotTestDouble;
import org.portraitperf.testing.TestMedia;

/**
 * {@code pp batch submit | watch | cancel --farm opencue} against {@link CuebotTestDouble}, which
 * runs every task's command line as a local process: the render tasks run the real
 * {@code pp batch render-range}, the assembly tasks the real {@code pp batch assemble}, through a
 * {@code pp} launcher of this build, and the outputs are compared with a local batch's.
 */
class FarmBatchIT {
  @TempDir Path dir;
  private CuebotTestDouble cuebot;

  @BeforeEach
  void start() throws IOException {
    cuebot = CuebotTestDouble.start(dir.resolve("cuebot"), 2, "testing");
  }

  @AfterEach
  void stop() throws InterruptedException {
    cuebot.close();
  }

  /**
   * A manifest in {@code folder} (its output root): two takes of a few frames, one H.264, one PNG
   * folder; ranges of 2 frames, so each 3-frame farm task writes two ranges.
   */
  private static Path manifest(Path folder) throws IOException {
    Files.createDirectories(folder);
    String portrait = TestMedia.portrait("lp_s42.jpg").toString();
    String driving = TestMedia.driving("lp_d0.mp4").toString();
    return Files.writeString(folder.resolve("batch.yaml"), String.join("\n",
        "version: 1",
        "rangeSize: 2",
        "defaults: {engine: warp}",
        "takes:",
        "  - {name: Sc1-tk1, portrait: " + portrait + ", driving: " + driving + ", out: 5, output: sc1/tk1.mp4}",
        "  - {name: sc1.tk2, portrait: " + portrait + ", driving: " + driving + ", in: 10, out: 14, output: sc1/tk2}",
        ""));
  }

  /** This build's command line as a farm host would have it installed: a {@code pp} that runs it. */
  private Path launcher() throws IOException {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
        "java").toString());
    return script("pp", "exec '" + java + "' -Xmx1g -Djava.awt.headless=true -cp '"
        + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"");
  }

  private Path script(String name, String line) throws IOException {
    Path script = Files.createDirectories(dir.resolve("bin")).resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + line + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** The submit command line for {@code manifest}, the tasks run by {@code pp}. */
  private List<String> submit(Path manifest, Path pp, String... more) {
    List<String> args = new ArrayList<>(List.of("batch", "submit", manifest.toString(), "--farm", "opencue",
        "--cuebot", cuebot.address(), "--show", "testing", "--shot", "farm-it", "--user", "artist",
        "--farm-root", dir.toString(), "--farm-root", TestMedia.root().toString(), "--pp", pp.toString(),
        "--chunk", "3", "--cores", "1", "--memory", "2g", "--poll", "0.2"));
    String models = System.getenv("PP_MODELS_DIR");
    if (models != null) {
      // Tasks get the farm's environment, not this one's: the models' place travels in the job.
      args.addAll(List.of("--env", "PP_MODELS_DIR=" + models));
    }
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void submit_wholeBatchOnTheFarm_assemblesTheFramesALocalBatchMakes() throws Exception {
    Path farmManifest = manifest(dir.resolve("farm"));
    Path localManifest = manifest(dir.resolve("local"));

    CommandRun farm = CommandRun.of(submit(farmManifest, launcher()).toArray(String[]::new));

    assertEquals(ExitCodes.OK, farm.code(), farm.out() + farm.err());
    assertTrue(farm.out().contains("farm job testing-farm_it-artist_pp_"), farm.out());
    assertTrue(farm.out().contains("task 0000-render_sc1_tk1 (frames 0-2): succeeded"), farm.out());
    assertTrue(farm.out().contains("task 0010-assemble_sc1_tk2: succeeded"), farm.out());
    assertTrue(farm.out().contains("done, every take assembled"), farm.out());
    // Each chunk's command got its own frames from the tokens.
    assertTrue(cuebot.commandsRun().stream().anyMatch(c -> c.contains("--take 'Sc1-tk1' --from 3 --to 5 ")),
        String.join("\n", cuebot.commandsRun()));
    assertTrue(cuebot.commandsRun().stream().anyMatch(c -> c.contains("--take 'sc1.tk2' --from 13 --to 14 ")),
        String.join("\n", cuebot.commandsRun()));

    CommandRun local = CommandRun.of("batch", "submit", localManifest.toString());

    assertEquals(ExitCodes.OK, local.code(), local.out() + local.err());
    for (String output : List.of("sc1/tk1.mp4", "sc1/tk2")) {
      Path farmOutput = dir.resolve("farm").resolve(output);
      assertSameFrames(dir.resolve("local").resolve(output), farmOutput);
      assertTrue(Files.exists(Provenance.recordPath(farmOutput)), "provenance beside " + farmOutput);
    }
    Path submission = onlyFolder(dir.resolve("farm/.portrait-performance/farm"));
    assertTrue(Files.exists(submission.resolve("manifest.json")) && Files.exists(submission.resolve("spec.xml")));
    try (Stream<Path> left = Files.list(submission)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("take-")), "ranges removed once assembled");
    }
  }

  @Test
  void cancel_jobOnTheFarm_killsItAndWatchSaysItEnded() throws Exception {
    Path manifest = manifest(dir.resolve("farm"));
    // The tasks' command stands in for pp and only waits: what is tested is the kill, not a render.
    Path waiting = script("pp-waiting", "sleep 60");

    CommandRun submit = CommandRun.of(submit(manifest, waiting, "--detach").toArray(String[]::new));

    assertEquals(ExitCodes.OK, submit.code(), submit.out() + submit.err());
    Matcher name = Pattern.compile("farm job (\\S+) \\(id").matcher(submit.out());
    assertTrue(name.find(), submit.out());
    CommandRun cancel = CommandRun.of("batch", "cancel", "--farm", "opencue", "--cuebot", cuebot.address(),
        name.group(1));
    CommandRun watch = CommandRun.of("batch", "watch", "--farm", "opencue", "--cuebot", cuebot.address(),
        name.group(1), "--poll", "0.2");

    assertEquals(ExitCodes.OK, cancel.code(), cancel.out() + cancel.err());
    assertTrue(cancel.out().contains("farm job " + name.group(1) + ": killed"), cancel.out());
    assertTrue(cuebot.kills().get(0).getReason().startsWith("cancelled with pp batch cancel by "));
    assertEquals(ExitCodes.OK, watch.code(), watch.out() + watch.err());
    assertTrue(watch.out().contains("ended with 6 of 6 tasks not done"), watch.out());
  }

  @Test
  void submit_taskDiesOnTheFarm_showsItsExitStatusAndLogThenExitsWithBadInput() throws Exception {
    Path manifest = manifest(dir.resolve("farm"));
    Path failing = script("pp-failing", "echo \"error: $*: no face found\" >&2; exit 3");

    CommandRun run = CommandRun.of(submit(manifest, failing).toArray(String[]::new));

    assertEquals(ExitCodes.BAD_INPUT, run.code(), run.out() + run.err());
    Matcher dead = Pattern.compile("task 0000-render_sc1_tk1 \\(frames 0-2\\): dead, exit 3 after \\d retr(y|ies) \\(bad"
        + " input,[^)]*\\); log (\\S+)").matcher(run.out());
    assertTrue(dead.find(), run.out());
    assertTrue(Files.readString(Path.of(dead.group(2))).contains("no face found"));
    assertTrue(run.out().contains("tasks dead; the farm holds the job until they are retried"), run.out());
  }

  @Test
  void submit_unknownShow_isOneLineWithCuebotsWordsAndTheFarmExitCode() throws Exception {
    List<String> args = submit(manifest(dir.resolve("farm")), launcher());
    args.set(args.indexOf("testing"), "nosuchshow");

    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    assertEquals(ExitCodes.FARM, run.code(), run.out() + run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().startsWith("error: cuebot " + cuebot.address() + ": launching the job failed: INTERNAL: Failed"
        + " to launch and add job: The show nosuchshow does not exist"), run.err());
    try (Stream<Path> left = Files.list(dir.resolve("farm/.portrait-performance/farm"))) {
      assertEquals(0, left.count(), "a refused launch leaves no files behind");
    }
  }

  @Test
  void submit_nothingListening_isOneLineNamingTheAddress() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    List<String> args = submit(manifest(dir.resolve("farm")), launcher());
    args.set(args.indexOf(cuebot.address()), "127.0.0.1:" + port);

    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    assertEquals(ExitCodes.FARM, run.code(), run.out() + run.err());
    assertTrue(run.err().strip().startsWith("error: cuebot 127.0.0.1:" + port + ": launching the job failed: UNAVAILABLE"),
        run.err());
    assertTrue(run.err().contains("is Cuebot running on 127.0.0.1"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void submit_inputOutsideTheFarmRoots_isRefusedBeforeAnythingIsSent() throws Exception {
    List<String> args = submit(manifest(dir.resolve("farm")), launcher());
    int testdata = args.indexOf(TestMedia.root().toString());
    args.remove(testdata);
    args.remove(testdata - 1);

    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    assertEquals(ExitCodes.FARM, run.code(), run.out() + run.err());
    assertTrue(run.err().startsWith("error: take Sc1-tk1 portrait " + TestMedia.portrait("lp_s42.jpg")
        .toAbsolutePath().normalize() + ": lies outside the farm roots"), run.err());
    assertTrue(cuebot.launchedSpecs().isEmpty());
  }

  @Test
  void submit_dryRun_printsAValidSpecAndSendsNothing() throws Exception {
    CommandRun run = CommandRun.of(submit(manifest(dir.resolve("farm")), launcher(), "--dry-run", "--gpus", "1")
        .toArray(String[]::new));

    assertEquals(ExitCodes.OK, run.code(), run.out() + run.err());
    assertTrue(run.out().startsWith("<?xml version=\"1.0\"?>"), run.out());
    assertTrue(run.out().contains("<gpus>1</gpus>") && run.out().contains("<gpu_memory>1g</gpu_memory>"), run.out());
    assertTrue(run.err().contains("nothing written, nothing sent"), run.err());
    assertTrue(cuebot.launchedSpecs().isEmpty());
    assertFalse(Files.exists(dir.resolve("farm/.portrait-performance/farm")));
  }

  @Test
  void submit_workersWithFarm_isRefusedAsMeaningless() throws Exception {
    CommandRun run = CommandRun.of(submit(manifest(dir.resolve("farm")), launcher(), "--dry-run", "--workers", "4")
        .toArray(String[]::new));

    assertEquals(ExitCodes.USAGE, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("--workers has no effect with --farm"), run.err());
    assertTrue(cuebot.launchedSpecs().isEmpty());
  }

  @Test
  void doctorFarm_host_checksThePpCommandTheStorageAndCuebot() throws Exception {
    Path missing = dir.resolve("not-mounted");

    CommandRun run = CommandRun.of("doctor", "--farm", "--farm-root", dir.toString(), "--farm-root",
        missing.toString(), "--pp", launcher().toString(), "--cuebot", cuebot.address());

    assertEquals(ExitCodes.FARM, run.code(), run.out() + run.err());
    assertTrue(run.out().matches("(?s).*ok +pp +" + Pattern.quote(dir.resolve("bin/pp").toString()) + "\\R.*"),
        run.out());
    assertTrue(run.out().matches("(?s).*ok +shared storage +" + Pattern.quote(dir + " (writable)") + ".*"), run.out());
    assertTrue(run.out().matches("(?s).*PROBLEM +shared storage +" + Pattern.quote(missing + " does not exist here")
        + ".*"), run.out());
    assertTrue(run.out().matches("(?s).*ok +cuebot +Cuebot answers at " + Pattern.quote(cuebot.address()) + ".*"),
        run.out());
  }

  private static Path onlyFolder(Path parent) throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      List<Path> all = entries.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  /** Both outputs decode to the same number of frames with the same pixels. */
  private static void assertSameFrames(Path expected, Path actual) {
    try (VideoReader a = VideoReader.open(expected); VideoReader b = VideoReader.open(actual)) {
      int frames = 0;
      for (DecodedFrame x = a.next(), y = b.next(); x != null || y != null; x = a.next(), y = b.next(), frames++) {
        assertTrue(x != null && y != null, "frame counts differ after " + frames + " frames: " + actual);
        assertArrayEquals(x.image().pixels(), y.image().pixels(), "frame " + frames + " of " + actual);
      }
      assertTrue(frames > 0, "no frames in " + actual);
    }
  }
}
