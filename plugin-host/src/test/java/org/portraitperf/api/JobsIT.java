package org.portraitperf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.proto.v1.CancelJobRequest;
import org.portraitperf.proto.v1.JobServiceGrpc;
import org.portraitperf.proto.v1.JobStatus;
import org.portraitperf.proto.v1.ListJobsRequest;
import org.portraitperf.proto.v1.SubmitJobRequest;
import org.portraitperf.proto.v1.SubmitJobResponse;
import org.portraitperf.proto.v1.TakeState;
import org.portraitperf.proto.v1.TakeStatus;
import org.portraitperf.proto.v1.WatchJobRequest;
import org.portraitperf.testing.TestMedia;

/** Batch jobs through the real sidecar on a real Unix socket, rendered by the real engine. */
@ExtendWith(RealEngines.class)
class JobsIT {
  private static final String PORTRAIT = TestMedia.portrait("lp_s42.jpg").toString();
  private static final String DRIVING = TestMedia.driving("lp_d0.mp4").toString();

  private static RunningSidecar sidecar;
  private static Path folder;

  @BeforeAll
  static void start(Injector engines) throws IOException {
    folder = Files.createTempDirectory("pp-jobs-it");
    sidecar = RunningSidecar.start(engines, folder, Duration.ofMinutes(1));
  }

  @AfterAll
  static void stop() throws Exception {
    sidecar.close();
    Files.delete(folder);
  }

  private static JobServiceGrpc.JobServiceBlockingStub jobs() {
    return JobServiceGrpc.newBlockingStub(sidecar.channel());
  }

  /** A manifest in {@code root} (its output root) with the given take lines, ranges of 3 frames. */
  private static Path manifest(Path root, String... takes) throws IOException {
    List<String> lines = new ArrayList<>(List.of("version: 1", "rangeSize: 3", "defaults: {engine: warp}", "takes:"));
    for (String take : takes) {
      lines.add("  - " + take);
    }
    lines.add("");
    return Files.writeString(root.resolve("batch.yaml"), String.join("\n", lines));
  }

  private static SubmitJobResponse submit(Path root, Path manifest, int workers) {
    return jobs().submitJob(SubmitJobRequest.newBuilder().setOutputRoot(root.toString())
        .setManifestPath(manifest.toString()).setWorkers(workers).build());
  }

  private static List<JobStatus> watch(Path root, String job) {
    List<JobStatus> seen = new ArrayList<>();
    jobs().watchJob(WatchJobRequest.newBuilder().setOutputRoot(root.toString()).setJobId(job).build())
        .forEachRemaining(seen::add);
    return seen;
  }

  private static TakeStatus take(JobStatus status, String name) {
    return status.getTakesList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String reason(StatusRuntimeException e) {
    return Statuses.errorInfo(e).getReason();
  }

  @Test
  void submitJob_twoTakesAndAMissingPortrait_watchRisesToDoneAndTheMissingTakeSaysWhy(@TempDir Path root)
      throws IOException {
    Path nobody = root.resolve("nobody.jpg");
    Path manifest = manifest(root,
        "{name: a, portrait: " + PORTRAIT + ", driving: " + DRIVING + ", out: 5, output: a}",
        "{name: b, portrait: " + PORTRAIT + ", driving: " + DRIVING + ", in: 10, out: 15, output: b}",
        "{name: missing, portrait: " + nobody + ", driving: " + DRIVING + ", out: 5, output: m}");

    SubmitJobResponse submitted = submit(root, manifest, 2);
    TakeStatus missing = take(submitted.getStatus(), "missing");
    assertEquals(TakeState.TAKE_STATE_FAILED, missing.getState());
    assertTrue(missing.getReason().contains("nobody.jpg"), missing.getReason());
    assertEquals(12, submitted.getStatus().getFramesTotal());

    List<JobStatus> seen = watch(root, submitted.getJobId());

    assertFalse(seen.isEmpty());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i).getFramesDone() >= seen.get(i - 1).getFramesDone(), "progress went back: " + seen);
    }
    JobStatus last = seen.get(seen.size() - 1);
    assertTrue(last.getFinished(), last.toString());
    assertEquals(12, last.getFramesDone());
    for (String name : List.of("a", "b")) {
      TakeStatus done = take(last, name);
      assertEquals(TakeState.TAKE_STATE_DONE, done.getState(), done.toString());
      assertEquals(6, done.getFramesTotal());
      try (Stream<Path> frames = Files.list(Path.of(done.getOutput()))) {
        assertEquals(6, frames.filter(f -> f.toString().endsWith(".png")).count(), done.getOutput());
      }
    }
    assertEquals(TakeState.TAKE_STATE_FAILED, take(last, "missing").getState());
    assertTrue(jobs().listJobs(ListJobsRequest.newBuilder().setOutputRoot(root.toString()).build()).getJobsList()
        .stream().anyMatch(job -> job.getJobId().equals(submitted.getJobId())));
  }

  @Test
  void cancelJob_whileRendering_stopsTheTakeWithNoOutputAndTheWatchEnds(@TempDir Path root)
      throws IOException, InterruptedException {
    // Given as text: the manifest need not be a file the sidecar can see.
    String text = Files.readString(manifest(root, "{name: long, portrait: " + PORTRAIT + ", driving: " + DRIVING
        + ", output: long}"));
    String job = jobs().submitJob(SubmitJobRequest.newBuilder().setOutputRoot(root.toString()).setManifestText(text)
        .setWorkers(1).build()).getJobId();

    JobStatus cancelled = jobs().cancelJob(CancelJobRequest.newBuilder().setOutputRoot(root.toString()).setJobId(job).build());
    List<JobStatus> seen = watch(root, job);

    assertEquals(TakeState.TAKE_STATE_CANCELLED, take(cancelled, "long").getState(), cancelled.toString());
    JobStatus last = seen.get(seen.size() - 1);
    assertTrue(last.getFinished(), last.toString());
    assertEquals(TakeState.TAKE_STATE_CANCELLED, take(last, "long").getState());
    assertFalse(Files.exists(root.resolve("long")));
    awaitWorkerGone(root, job);
  }

  /** The runner lets go of a cancelled job a frame or two later; the folder is removed only after that. */
  private static void awaitWorkerGone(Path root, String job) throws InterruptedException {
    ListJobsRequest list = ListJobsRequest.newBuilder().setOutputRoot(root.toString()).build();
    while (jobs().listJobs(list).getJobsList().stream().anyMatch(j -> j.getJobId().equals(job) && j.getWorkerRunning())) {
      Thread.sleep(100);
    }
  }

  @Test
  void jobCalls_unknownJob_areNotFound(@TempDir Path root) {
    StatusRuntimeException watch = assertThrows(StatusRuntimeException.class, () -> watch(root, "no-such-job"));
    StatusRuntimeException cancel = assertThrows(StatusRuntimeException.class, () -> jobs().cancelJob(
        CancelJobRequest.newBuilder().setOutputRoot(root.toString()).setJobId("no-such-job").build()));

    for (StatusRuntimeException refused : List.of(watch, cancel)) {
      assertEquals(Status.Code.NOT_FOUND, refused.getStatus().getCode());
      assertEquals(Statuses.NOT_FOUND, reason(refused));
      assertTrue(refused.getStatus().getDescription().contains("no-such-job"), refused.getStatus().getDescription());
    }
  }

  @Test
  void submitJob_badManifestWorkersOrRoot_isInvalidArgumentAndRecordsNothing(@TempDir Path root) throws IOException {
    Path manifest = manifest(root, "{name: a, portrait: " + PORTRAIT + ", driving: " + DRIVING + ", out: 2, output: a}");
    Path broken = Files.writeString(root.resolve("broken.yaml"), "version: 1\ntakes: nope\n");

    StatusRuntimeException badManifest = assertThrows(StatusRuntimeException.class, () -> submit(root, broken, 1));
    // -1 goes over the wire as uint32 4294967295.
    StatusRuntimeException badWorkers = assertThrows(StatusRuntimeException.class, () -> submit(root, manifest, -1));
    StatusRuntimeException relativeRoot = assertThrows(StatusRuntimeException.class, () -> jobs().submitJob(
        SubmitJobRequest.newBuilder().setOutputRoot("renders").setManifestPath(manifest.toString()).build()));

    assertEquals(Status.Code.INVALID_ARGUMENT, badManifest.getStatus().getCode());
    assertEquals(Statuses.BAD_MANIFEST, reason(badManifest));
    assertTrue(badManifest.getStatus().getDescription().contains("broken.yaml"), badManifest.getStatus().getDescription());
    for (StatusRuntimeException refused : List.of(badWorkers, relativeRoot)) {
      assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
      assertEquals(Statuses.BAD_ARGUMENT, reason(refused));
    }
    assertEquals(0, jobs().listJobs(ListJobsRequest.newBuilder().setOutputRoot(root.toString()).build()).getJobsCount());
  }

  @Test
  void listJobs_wrongToken_isRefused(@TempDir Path root) {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> JobServiceGrpc.newBlockingStub(sidecar.channel("not-the-token", Integer.toString(Headers.PROTOCOL)))
            .listJobs(ListJobsRequest.newBuilder().setOutputRoot(root.toString()).build()));

    assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
  }
}
