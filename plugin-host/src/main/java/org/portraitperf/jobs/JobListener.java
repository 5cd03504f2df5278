package org.portraitperf.jobs;

/**
 * Told about a job as it changes: a new snapshot whenever a take's state or its frame count
 * moves, at most a few times a second. The same stream whether the job renders in this process or
 * in another one, so a progress bar, {@code batch watch} and a streaming RPC can all follow it.
 */
@FunctionalInterface
public interface JobListener {
  JobListener NONE = status -> { };

  void onUpdate(JobStatus status);
}
