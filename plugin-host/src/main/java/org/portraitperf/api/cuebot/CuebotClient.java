package org.portraitperf.api.cuebot;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.portraitperf.api.Channels;
import org.portraitperf.jobs.farm.FarmAddress;
import org.portraitperf.jobs.farm.FarmJob;
import org.portraitperf.jobs.farm.FarmLayer;
import org.portraitperf.jobs.farm.FarmScheduler;
import org.portraitperf.jobs.farm.FarmTask;
import org.portraitperf.proto.opencue.cue.CueGetSystemStatsRequest;
import org.portraitperf.proto.opencue.cue.CueInterfaceGrpc;
import org.portraitperf.proto.opencue.job.Frame;
import org.portraitperf.proto.opencue.job.FrameSearchCriteria;
import org.portraitperf.proto.opencue.job.Job;
import org.portraitperf.proto.opencue.job.JobGetFramesRequest;
import org.portraitperf.proto.opencue.job.JobGetJobRequest;
import org.portraitperf.proto.opencue.job.JobGetJobsRequest;
import org.portraitperf.proto.opencue.job.JobGetLayersRequest;
import org.portraitperf.proto.opencue.job.JobInterfaceGrpc;
import org.portraitperf.proto.opencue.job.JobKillRequest;
import org.portraitperf.proto.opencue.job.JobLaunchSpecAndWaitRequest;
import org.portraitperf.proto.opencue.job.JobSearchCriteria;
import org.portraitperf.proto.opencue.job.JobSetMaxRetriesRequest;
import org.portraitperf.proto.opencue.job.Layer;

/**
 * Cuebot, OpenCue's scheduler, over its gRPC API: plaintext HTTP/2 to {@code host:8443}, no
 * credentials, as Cuebot serves it. Every call has a deadline (Cuebot can leave a call unanswered),
 * and none is retried: a launch that went through but whose answer was lost would come back
 * "already pending" on a second try.
 */
final class CuebotClient implements FarmScheduler {
  static final Duration CALL_DEADLINE = Duration.ofSeconds(20);
  /** Cuebot creates the job inside the launch call, which takes longer for many layers. */
  static final Duration LAUNCH_DEADLINE = Duration.ofSeconds(120);
  /** Frames per page: Cuebot answers no rows for a limit of 0, and takes up to 1000. */
  static final int PAGE_SIZE = 500;
  /** Cuebot's own cap on messages, so that a large job's frames fit one answer. */
  private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

  private final FarmAddress address;
  private final ManagedChannel channel;
  private final JobInterfaceGrpc.JobInterfaceBlockingStub jobs;
  private final CueInterfaceGrpc.CueInterfaceBlockingStub cue;

  CuebotClient(FarmAddress address) {
    this.address = address;
    this.channel = NettyChannelBuilder.forAddress(address.host(), address.port())
        .usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
    this.jobs = JobInterfaceGrpc.newBlockingStub(channel);
    this.cue = CueInterfaceGrpc.newBlockingStub(channel);
  }

  @Override
  public List<FarmJob> launch(String spec) {
    return call("launching the job", LAUNCH_DEADLINE, () -> jobs.withDeadlineAfter(LAUNCH_DEADLINE.toMillis(),
        TimeUnit.MILLISECONDS).launchSpecAndWait(JobLaunchSpecAndWaitRequest.newBuilder().setSpec(spec).build()))
        .getJobs().getJobsList().stream().map(CuebotClient::job).toList();
  }

  @Override
  public FarmJob job(String id) {
    return job(call("reading job " + id, CALL_DEADLINE,
        () -> stub().getJob(JobGetJobRequest.newBuilder().setId(id).build())).getJob());
  }

  @Override
  public Optional<FarmJob> findByName(String name) {
    JobSearchCriteria criteria = JobSearchCriteria.newBuilder().addJobs(name).setIncludeFinished(true).build();
    return call("looking for job " + name, CALL_DEADLINE,
        () -> stub().getJobs(JobGetJobsRequest.newBuilder().setR(criteria).build())).getJobs().getJobsList().stream()
        .filter(job -> job.getName().equals(name)).map(CuebotClient::job).findFirst();
  }

  @Override
  public List<FarmLayer> layers(String jobId) {
    return call("reading the layers of job " + jobId, CALL_DEADLINE,
        () -> stub().getLayers(JobGetLayersRequest.newBuilder().setJob(ref(jobId)).build())).getLayers()
        .getLayersList().stream().map(CuebotClient::layer).toList();
  }

  @Override
  public List<FarmTask> tasks(String jobId) {
    List<FarmTask> tasks = new ArrayList<>();
    for (int page = 1; ; page++) {
      FrameSearchCriteria criteria = FrameSearchCriteria.newBuilder().setPage(page).setLimit(PAGE_SIZE)
          .setIncludeFinished(true).build();
      List<Frame> frames = call("reading the frames of job " + jobId, CALL_DEADLINE, () -> stub()
          .getFrames(JobGetFramesRequest.newBuilder().setJob(ref(jobId)).setReq(criteria).build()))
          .getFrames().getFramesList();
      frames.stream().map(CuebotClient::task).forEach(tasks::add);
      if (frames.size() < PAGE_SIZE) {
        return tasks;
      }
    }
  }

  @Override
  public void setMaxRetries(String jobId, int retries) {
    call("setting the retries of job " + jobId, CALL_DEADLINE, () -> stub().setMaxRetries(
        JobSetMaxRetriesRequest.newBuilder().setJob(ref(jobId)).setMaxRetries(retries).build()));
  }

  @Override
  public void kill(String jobId, String reason) {
    // Cuebot ignores a kill that lacks any of these, and still answers OK.
    call("killing job " + jobId, CALL_DEADLINE, () -> stub().kill(JobKillRequest.newBuilder().setJob(ref(jobId))
        .setUsername(System.getProperty("user.name", "unknown"))
        .setPid(Long.toString(ProcessHandle.current().pid()))
        .setHostKill(hostName())
        .setReason(reason.isBlank() ? "killed from pp" : reason)
        .build()));
  }

  @Override
  public String probe() {
    call("asking for Cuebot's statistics", CALL_DEADLINE, () -> cue.withDeadlineAfter(CALL_DEADLINE.toMillis(),
        TimeUnit.MILLISECONDS).getSystemStats(CueGetSystemStatsRequest.getDefaultInstance()));
    return "Cuebot answers at " + address;
  }

  private JobInterfaceGrpc.JobInterfaceBlockingStub stub() {
    return jobs.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Calls taking a job read only its id. */
  private static Job ref(String jobId) {
    return Job.newBuilder().setId(jobId).build();
  }

  private <T> T call(String what, Duration deadline, Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw CuebotErrors.of(address, what, deadline, e);
    }
  }

  private static FarmJob job(Job job) {
    FarmJob.State state = switch (job.getState()) {
      case FINISHED -> FarmJob.State.FINISHED;
      case STARTUP -> FarmJob.State.STARTUP;
      case SHUTDOWN -> FarmJob.State.SHUTDOWN;
      case POSTED -> FarmJob.State.POSTED;
      case PENDING, UNRECOGNIZED -> FarmJob.State.PENDING;
    };
    return new FarmJob(job.getId(), job.getName(), state, job.getLogDir());
  }

  private static FarmLayer layer(Layer layer) {
    FarmLayer.Type type = switch (layer.getType()) {
      case RENDER -> FarmLayer.Type.RENDER;
      case UTIL -> FarmLayer.Type.UTIL;
      case PRE, POST, UNRECOGNIZED -> FarmLayer.Type.OTHER;
    };
    return new FarmLayer(layer.getName(), type, layer.getRange(), layer.getChunkSize());
  }

  private static FarmTask task(Frame frame) {
    FarmTask.State state = switch (frame.getState()) {
      case SETUP -> FarmTask.State.SETUP;
      case RUNNING -> FarmTask.State.RUNNING;
      case SUCCEEDED -> FarmTask.State.SUCCEEDED;
      case DEPEND -> FarmTask.State.DEPEND;
      case DEAD -> FarmTask.State.DEAD;
      case EATEN -> FarmTask.State.EATEN;
      case CHECKPOINT -> FarmTask.State.CHECKPOINT;
      case WAITING, UNRECOGNIZED -> FarmTask.State.WAITING;
    };
    return new FarmTask(frame.getId(), frame.getName(), frame.getLayerName(), frame.getNumber(), state,
        frame.getRetryCount(), frame.getExitStatus(), frame.getLastResource());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
