package org.portraitperf.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
import org.portraitperf.media.VideoWriter;
import org.portraitperf.testing.TestMedia;

/**
 * Batch jobs end to end on real clips, the real engine and a real SQLite file, including a worker
 * process killed with SIGKILL in the middle of a job.
 */
@ExtendWith(RealEngines.class)
class BatchJobIT {
  /** Frames per take and per range: three takes of three ranges each, so a kill lands mid-job. */
  private static final int FRAMES = 12;
  private static final int RANGE = 4;
  private static final Set<String> FINAL_NAMES = Set.of("a.mp4", "a.mp4.provenance.json", "b.mov",
      "b.mov.provenance.json", "c", "c.provenance.json");

  /**
   * Three takes in three formats: H.264 from a silent clip, ProRes from a later in point of a clip
   * with sound (audio trimmed to match), and a PNG folder.
   */
  private static Path threeTakes(Path root) throws IOException {
    return manifest(root, RANGE,
        "{name: a, portrait: " + TestMedia.portrait("lp_s42.jpg") + ", driving: " + TestMedia.driving("lp_d0.mp4")
            + ", out: " + (FRAMES - 1) + ", output: a.mp4}",
        "{name: b, portrait: " + TestMedia.portrait("derived_lp_d12_f0.png") + ", driving: "
            + TestMedia.driving("lp_d12.mp4") + ", in: 20, out: " + (20 + FRAMES - 1) + ", output: b.mov}",
        "{name: c, portrait: " + TestMedia.portrait("lp_s12.jpg") + ", driving: " + TestMedia.driving("lp_d18.mp4")
            + ", in: '00:00:01:00', out: " + (30 + FRAMES - 1) + ", output: c, settings: {strength: 0.8}}");
  }

  /** A manifest in {@code root} of the warp engine's takes, each a YAML flow mapping, in ranges of {@code rangeSize}. */
  private static Path manifest(Path root, int rangeSize, String... takes) throws IOException {
    Files.createDirectories(root);
    List<String> lines = new ArrayList<>(List.of("version: 1", "rangeSize: " + rangeSize, "defaults: {engine: warp}",
        "takes:"));
    for (String take : takes) {
      lines.add("  - " + take);
    }
    lines.add("");
    return Files.writeString(root.resolve("batch.yaml"), String.join("\n", lines));
  }

  @Test
  void resume_afterWorkerKilledMidJob_rendersOnlyWhatIsMissingAndMatchesAnUnbrokenRun(EngineSelector engines,
      @TempDir Path dir) throws Exception {
    Jobs jobs = new Jobs(engines);
    Path reference = dir.resolve("reference");
    try (JobService service = jobs.open(reference)) {
      String job = service.submit(BatchManifest.read(threeTakes(reference)));
      JobStatus done = service.run(job, 2, JobListener.NONE);
      assertEquals(3, done.count(TakeState.DONE), done.toString());
    }

    Path root = dir.resolve("killed");
    try (JobService service = jobs.open(root)) {
      String job = service.submit(BatchManifest.read(threeTakes(root)));
      Path log = dir.resolve("worker.log");
      Process worker = new ProcessBuilder(javaBinary(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
          "org.portraitperf.cli.Main", "batch", "resume", job, "--root", root.toString(), "--workers", "2")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        while (renderedRanges(service.folder(job)) < 4) {
          assertTrue(worker.isAlive(), () -> "the worker ended before it could be killed: " + read(log));
          assertOnlyFinalNamesVisible(root);
          Thread.sleep(50);
        }
        assertOnlyFinalNamesVisible(root);
      } finally {
        worker.destroyForcibly(); // SIGKILL: no shutdown hook runs, temporaries stay behind
        assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
      }
      assertOnlyFinalNamesVisible(root);
      JobStatus killed = service.status(job);
      assertTrue(killed.count(TakeState.DONE) < 3, "killed before the job finished: " + killed);
      assertFalse(killed.workerRunning(), "the dead worker's lock is gone");
      for (TakeStatus take : killed.takes()) {
        if (Files.exists(take.output())) {
          assertEquals(FRAMES, frames(take.output()).size(), "an output under its name is complete: " + take.output());
        }
      }

      List<JobStatus> updates = new ArrayList<>();
      JobStatus resumed = service.run(job, 2, updates::add);

      assertEquals(3, resumed.count(TakeState.DONE), resumed.toString());
      assertTrue(updates.size() >= 2, "the listener heard the job progress");
      assertNoTemporariesLeft(root);
      assertFalse(Files.exists(service.folder(job).resolve("take-000")), "ranges are removed once assembled");
    }
    for (String output : List.of("a.mp4", "b.mov", "c")) {
      List<RgbImage> expected = frames(reference.resolve(output));
      List<RgbImage> actual = frames(root.resolve(output));
      assertEquals(FRAMES, expected.size(), output);
      assertEquals(expected.size(), actual.size(), output);
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i).pixels(), actual.get(i).pixels(), output + " frame " + i);
      }
    }
    VideoInfo b = info(root.resolve("b.mov"));
    assertTrue(b.hasAudio(), "the driving clip's audio, from the in point");
    assertEquals(info(TestMedia.driving("lp_d12.mp4")).frameRate(), b.frameRate());
    String record = Files.readString(root.resolve("c.provenance.json"));
    assertTrue(record.contains("\"from\" : 30") && record.contains("\"strength\" : \"0.8\""), record);
  }

  @Test
  void run_manifestWithBrokenTakes_reportsEachByNameAndRendersTheHealthyOne(EngineSelector engines,
      @TempDir Path dir) throws Exception {
    Path root = dir.resolve("out");
    Files.createDirectories(root);
    Path noFace = root.resolve("sky.mp4"); // inside the root, so a take can try to overwrite it
    writeSky(noFace);
    Path corrupt = dir.resolve("corrupt.mp4");
    byte[] clip = Files.readAllBytes(TestMedia.driving("lp_d0.mp4"));
    Files.write(corrupt, java.util.Arrays.copyOf(clip, clip.length / 3));
    String portrait = TestMedia.portrait("lp_s42.jpg").toString();
    String driving = TestMedia.driving("lp_d0.mp4").toString();
    Path manifest = Files.writeString(dir.resolve("batch.yaml"), String.join("\n",
        "version: 1",
        "outputRoot: out",
        "rangeSize: 4",
        "defaults: {engine: warp}",
        "takes:",
        "  - {name: healthy, portrait: " + portrait + ", driving: " + driving + ", out: 5, output: healthy.mp4}",
        "  - {name: missing, portrait: " + dir.resolve("nobody.jpg") + ", driving: " + driving + ", output: m.mp4}",
        "  - {name: escaping, portrait: " + portrait + ", driving: " + driving + ", output: ../../elsewhere.mp4}",
        "  - {name: faceless, portrait: " + portrait + ", driving: " + noFace + ", output: faceless.mp4}",
        "  - {name: corrupt, portrait: " + portrait + ", driving: " + corrupt + ", output: corrupt-take.mp4}",
        "  - {name: twin, portrait: " + portrait + ", driving: " + driving + ", out: 5, output: healthy.mp4}",
        "  - {name: clobber, portrait: " + portrait + ", driving: " + driving + ", out: 5, output: sky.mp4}",
        "  - {name: late, portrait: " + portrait + ", driving: " + driving + ", in: 70, out: 90, output: late.mp4}",
        ""));

    JobStatus status;
    try (JobService service = new Jobs(engines).open(root)) {
      String job = service.submit(BatchManifest.read(manifest));
      status = service.run(job, 2, JobListener.NONE);
    }

    Map<String, TakeStatus> takes = status.takes().stream().collect(Collectors.toMap(TakeStatus::name,
        Function.identity()));
    assertEquals(TakeState.DONE, takes.get("healthy").state(), takes.get("healthy").toString());
    assertEquals(6, frames(root.resolve("healthy.mp4")).size());
    assertReason(takes.get("missing"), "nobody.jpg: portrait does not exist");
    assertReason(takes.get("escaping"), "lies outside the output root");
    assertReason(takes.get("faceless"), noFace + ": no face found");
    assertReason(takes.get("corrupt"), corrupt.toString());
    assertReason(takes.get("twin"), "is also the output of take healthy");
    assertReason(takes.get("clobber"), "is an input of this job and would be overwritten");
    assertReason(takes.get("late"), "is not a frame range of the clip (frames 0..77)");
    assertFalse(Files.exists(dir.resolve("elsewhere.mp4")));
    assertEquals(List.of("healthy.mp4", "healthy.mp4.provenance.json", "sky.mp4"), visibleNames(root));
  }

  @Test
  void run_afterKillWhileClearingAFinishedTakesRanges_clearsWhatWasLeft(EngineSelector engines, @TempDir Path dir)
      throws Exception {
    Path root = dir.resolve("out");
    Path manifest = manifest(root, RANGE, "{name: a, portrait: " + TestMedia.portrait("lp_s42.jpg") + ", driving: "
        + TestMedia.driving("lp_d0.mp4") + ", out: " + (FRAMES - 1) + ", output: a}");
    try (JobService service = new Jobs(engines).open(root)) {
      String job = service.submit(BatchManifest.read(manifest));
      assertEquals(TakeState.DONE, service.run(job, 1, JobListener.NONE).takes().get(0).state());
      // What a kill in the middle of clearing the finished take's ranges leaves: some of them.
      Path leftover = Files.createDirectories(service.folder(job).resolve("take-000").resolve("000000-000003"));
      Files.writeString(leftover.resolve("000000.png"), "part of a range");

      JobStatus again = service.run(job, 1, JobListener.NONE);

      assertEquals(TakeState.DONE, again.takes().get(0).state(), again.toString());
      assertFalse(Files.exists(service.folder(job).resolve("take-000")), "the finished take's ranges are cleared");
      assertEquals(FRAMES, frames(root.resolve("a")).size(), "the output is untouched");
    }
  }

  @Test
  void cancel_fromAnotherServiceWhileRendering_stopsTheTakeAndWritesNoOutput(EngineSelector engines,
      @TempDir Path dir) throws Exception {
    Path root = dir.resolve("out");
    Path manifest = manifest(root, 2, "{name: long, portrait: " + TestMedia.portrait("lp_s42.jpg") + ", driving: "
        + TestMedia.driving("lp_d0.mp4") + ", out: 39, output: long.mp4}");
    Jobs jobs = new Jobs(engines);
    try (JobService worker = jobs.open(root); JobService other = jobs.open(root)) {
      String job = worker.submit(BatchManifest.read(manifest));
      java.util.concurrent.CompletableFuture<JobStatus> running =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> worker.run(job, 1, JobListener.NONE));
      while (renderedRanges(worker.folder(job)) < 1) {
        assertFalse(running.isDone(), () -> "finished before it could be cancelled: " + running.join());
        Thread.sleep(50);
      }
      assertTrue(other.status(job).workerRunning(), "another service sees the worker");

      other.cancel(job);
      JobStatus ended = running.get(5, TimeUnit.MINUTES);

      assertEquals(TakeState.CANCELLED, ended.takes().get(0).state(), ended.toString());
      assertTrue(renderedRanges(worker.folder(job)) < 20, "the remaining ranges were not rendered");
      assertFalse(Files.exists(root.resolve("long.mp4")));
      assertFalse(worker.status(job).workerRunning());
    }
  }

  private static void assertReason(TakeStatus take, String expected) {
    assertEquals(TakeState.FAILED, take.state(), take.toString());
    assertNotNull(take.reason(), take.toString());
    assertTrue(take.reason().contains(expected), take.name() + ": " + take.reason());
    assertFalse(take.reason().contains("Exception"), take.name() + ": " + take.reason());
  }

  /** A short clip of blue sky: decodes fine, holds no face. */
  private static void writeSky(Path target) {
    RgbImage sky = RgbImage.blank(160, 120);
    for (int i = 2; i < sky.pixels().length; i += 3) {
      sky.pixels()[i] = (byte) 200;
    }
    try (VideoWriter writer = VideoWriter.open(target, VideoWriter.Options.of(VideoWriter.Format.H264_MP4, Rational.of(25)))) {
      for (int i = 0; i < 8; i++) {
        writer.write(sky);
      }
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * Range folders in place: finished ranges (their temporaries are hidden). Read while a worker
   * renders, so entries vanish under it (a temporary renamed, a take's ranges removed once
   * assembled): listing names and testing each never fails on that, where a tree walk would.
   */
  private static long renderedRanges(Path jobFolder) throws IOException {
    long count = 0;
    for (Path take : namesIn(jobFolder)) {
      for (Path range : namesIn(take)) {
        if (!range.getFileName().toString().startsWith(".") && Files.isDirectory(range)) {
          count++;
        }
      }
    }
    return count;
  }

  /** What a folder holds now; nothing if it is not (or no longer) a folder. */
  private static List<Path> namesIn(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.toList();
    } catch (NoSuchFileException | NotDirectoryException gone) {
      return List.of();
    }
  }

  private static List<String> visibleNames(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      return files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted().toList();
    }
  }

  /** What a user sees in the output root: only final names, never a partial one. */
  private static void assertOnlyFinalNamesVisible(Path root) throws IOException {
    for (String name : visibleNames(root)) {
      assertTrue(name.equals("batch.yaml") || FINAL_NAMES.contains(name), "unexpected visible file " + name);
    }
  }

  private static void assertNoTemporariesLeft(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> partial = all.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
      assertEquals(List.of(), partial);
    }
  }

  private static List<RgbImage> frames(Path video) {
    List<RgbImage> frames = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(video)) {
      for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
        frames.add(frame.image());
      }
    }
    return frames;
  }

  private static VideoInfo info(Path video) {
    try (VideoReader reader = VideoReader.open(video)) {
      return reader.info();
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
