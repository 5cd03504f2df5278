package org.portraitperf.jobs;

import java.nio.file.Path;
import java.util.List;

/**
 * Batch jobs of one output root, the one service that the command line and the sidecar's job RPCs
 * both wrap. The state lives in {@code <root>/.portrait-performance/jobs.db}, so several processes
 * (a worker, a {@code watch}, a {@code cancel}) may each open a service on the same root.
 *
 * <p>Submitting records a job; running renders it. Running a job again renders only what is
 * missing, which is how a job resumes after a crash, a reboot or a {@code kill -9}.
 */
public interface JobService extends AutoCloseable {

  /** The output root whose jobs this service keeps. */
  Path root();

  /**
   * Checks and records a job; renders nothing. Takes that break a rule (a missing input, an output
   * outside the root or shared with another take, a corrupt clip, in/out outside the clip) are
   * recorded as failed with the reason, and the rest of the job goes on.
   *
   * @return the new job's id
   * @throws JobException when the manifest's output root is not this service's root
   */
  String submit(BatchManifest manifest);

  /**
   * Renders what the job still lacks on {@code workers} threads and returns when every take is
   * done, failed or cancelled. The listener hears of every change.
   *
   * @throws JobException when the job is unknown or another process is rendering it
   */
  JobStatus run(String job, int workers, JobListener listener);

  /** @throws JobException when the job is unknown */
  JobStatus status(String job);

  /** Every job of the root, oldest first. */
  List<JobStatus> list();

  /**
   * Follows a job, rendered by this or any other process, telling the listener of every change
   * until the job has finished or the calling thread is interrupted.
   *
   * @return the last state seen
   */
  JobStatus watch(String job, JobListener listener);

  /**
   * Cancels every take still pending or rendering; a worker stops their ranges within a frame or
   * two. Finished outputs stay, and a take already being assembled is let finish.
   */
  JobStatus cancel(String job);

  /** The folder that holds the job's rendered ranges and worker log. */
  Path folder(String job);

  @Override
  void close();
}
