package org.portraitperf.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portraitperf.jobs.BatchManifest;
import org.portraitperf.jobs.JobException;
import org.portraitperf.jobs.JobListener;
import org.portraitperf.jobs.JobService;
import org.portraitperf.jobs.Jobs;
import org.portraitperf.proto.v1.CancelJobRequest;
import org.portraitperf.proto.v1.JobServiceGrpc;
import org.portraitperf.proto.v1.JobStatus;
import org.portraitperf.proto.v1.ListJobsRequest;
import org.portraitperf.proto.v1.ListJobsResponse;
import org.portraitperf.proto.v1.SubmitJobRequest;
import org.portraitperf.proto.v1.SubmitJobResponse;
import org.portraitperf.proto.v1.TakeState;
import org.portraitperf.proto.v1.TakeStatus;
import org.portraitperf.proto.v1.WatchJobRequest;

/**
 * Batch jobs over the wire: a thin layer over the same {@link JobService} that {@code pp batch}
 * uses, so jobs move freely between the sidecar and the command line. Submitted jobs render on
 * threads this service owns; {@link #close} stops them, and the store lets them resume later.
 */
@Singleton
final class JobsService extends JobServiceGrpc.JobServiceImplBase implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JobsService.class.getName());

  /** Jobs rendering at once. Each already spreads over the cores; more would only share them thinner. */
  static final int RUNNING_JOBS = 2;
  /** Submitted jobs that may wait for a runner; beyond it a submit is refused before anything is recorded. */
  static final int QUEUED_JOBS = 16;

  private final Jobs jobs;
  /** One service per root: each holds the root's store open, and knows which of its jobs it renders. */
  private final Map<Path, JobService> roots = new ConcurrentHashMap<>();
  private final ExecutorService runners = Executors.newFixedThreadPool(RUNNING_JOBS, runnable -> {
    Thread thread = new Thread(runnable, "pp-job");
    thread.setDaemon(true);
    return thread;
  });
  private final Semaphore places = new Semaphore(RUNNING_JOBS + QUEUED_JOBS);

  @Inject
  JobsService(Jobs jobs) {
    this.jobs = jobs;
  }

  @Override
  public void submitJob(SubmitJobRequest request, StreamObserver<SubmitJobResponse> response) {
    Calls.unary(response, () -> {
      JobService service = service(request.getOutputRoot());
      int workers = workers(request.getWorkers());
      BatchManifest manifest = manifest(request, service.root());
      if (!places.tryAcquire()) {
        throw new ApiError(Status.Code.RESOURCE_EXHAUSTED, Statuses.LIMIT,
            "jobs: " + (RUNNING_JOBS + QUEUED_JOBS) + " are already running or waiting in this sidecar; wait for one to finish");
      }
      String job;
      try {
        job = service.submit(manifest);
        runners.execute(() -> render(service, job, workers));
      } catch (RuntimeException failure) {
        places.release();
        throw failure;
      }
      return SubmitJobResponse.newBuilder().setJobId(job).setStatus(toWire(service.status(job))).build();
    });
  }

  private static BatchManifest manifest(SubmitJobRequest request, Path root) {
    return switch (request.getManifestCase()) {
      case MANIFEST_PATH -> BatchManifest.read(absolute("manifest_path", request.getManifestPath()));
      case MANIFEST_TEXT -> BatchManifest.read(request.getManifestText(),
          request.getBaseFolder().isEmpty() ? root : absolute("base_folder", request.getBaseFolder()));
      case MANIFEST_NOT_SET -> throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT,
          "manifest: give manifest_path or manifest_text", Map.of("field", "manifest"));
    };
  }

  private void render(JobService service, String job, int workers) {
    try {
      service.run(job, workers, JobListener.NONE);
    } catch (CancellationException shutdown) {
      // The sidecar is stopping; the finished ranges stay, and `pp batch resume` renders the rest.
      LOG.info(() -> "job " + job + " in " + service.root() + " stopped with the sidecar; resume it with pp batch resume");
    } catch (RuntimeException failure) {
      // The job stays recorded; the failure is the store's or a bug, and nobody waits on this thread to hear it.
      LOG.log(Level.WARNING, "job " + job + " in " + service.root() + " stopped: " + failure.getMessage(), failure);
    } finally {
      places.release();
    }
  }

  @Override
  public void watchJob(WatchJobRequest request, StreamObserver<JobStatus> response) {
    JobService service;
    String job;
    try {
      service = service(request.getOutputRoot());
      job = known(service, request.getJobId());
    } catch (RuntimeException failure) {
      response.onError(Statuses.of(failure));
      return;
    }
    JobWatch watch = new JobWatch((ServerCallStreamObserver<JobStatus>) response);
    watch.follow(() -> service.watch(job, status -> watch.offer(toWire(status))));
  }

  @Override
  public void cancelJob(CancelJobRequest request, StreamObserver<JobStatus> response) {
    Calls.unary(response, () -> {
      JobService service = service(request.getOutputRoot());
      return toWire(service.cancel(known(service, request.getJobId())));
    });
  }

  @Override
  public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> response) {
    Calls.unary(response, () -> {
      ListJobsResponse.Builder list = ListJobsResponse.newBuilder();
      service(request.getOutputRoot()).list().forEach(status -> list.addJobs(toWire(status)));
      return list.build();
    });
  }

  private JobService service(String root) {
    return roots.computeIfAbsent(absolute("output_root", root), jobs::open);
  }

  /** The sidecar's working folder means nothing to its clients, so every path must be absolute. */
  private static Path absolute(String field, String path) {
    if (path.isEmpty() || !Path.of(path).isAbsolute()) {
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT,
          field + ": needs an absolute path, found '" + path + "'", Map.of("field", field));
    }
    return Path.of(path).normalize();
  }

  /** 0 means the command line's default; more than the cores would only slice them thinner. */
  private static int workers(int asked) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (Integer.compareUnsigned(asked, cores) > 0) {
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT,
          "workers: " + Integer.toUnsignedString(asked) + " is more than this machine's " + cores + " cores",
          Map.of("field", "workers"));
    }
    return Math.max(1, asked);
  }

  /** The job id, if the root's store knows it. */
  private static String known(JobService service, String job) {
    try {
      service.status(job);
      return job;
    } catch (JobException unknown) {
      throw new ApiError(Status.Code.NOT_FOUND, Statuses.NOT_FOUND, unknown.getMessage(), Map.of("job", job));
    }
  }

  static JobStatus toWire(org.portraitperf.jobs.JobStatus status) {
    JobStatus.Builder wire = JobStatus.newBuilder()
        .setJobId(status.id())
        .setCreatedEpochSeconds(status.created().getEpochSecond())
        .setWorkerRunning(status.workerRunning())
        .setFinished(status.finished())
        .setFramesDone(status.framesDone())
        .setFramesTotal(status.framesTotal());
    for (org.portraitperf.jobs.TakeStatus take : status.takes()) {
      wire.addTakes(TakeStatus.newBuilder()
          .setIndex(take.index())
          .setName(take.name())
          .setState(TakeState.valueOf("TAKE_STATE_" + take.state().name()))
          .setFirst(take.first())
          .setLast(take.last())
          .setFramesDone(take.framesDone())
          .setFramesTotal(take.framesTotal())
          .setOutput(take.output().toString())
          .setReason(take.reason() == null ? "" : take.reason()));
    }
    return wire.build();
  }

  /** Stops the jobs rendering here; each stops within a frame or two and resumes where it left off. */
  @Override
  public void close() {
    runners.shutdownNow();
    try {
      if (!runners.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warning("job runners still busy after 10 s; leaving them to the process exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    roots.values().forEach(JobService::close);
    roots.clear();
  }
}
