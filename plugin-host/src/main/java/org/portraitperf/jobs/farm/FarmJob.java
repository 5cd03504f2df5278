package org.portraitperf.jobs.farm;

import java.util.Objects;

/**
 * A job on the farm.
 *
 * @param name the name the scheduler gave it ({@code <show>-<shot>-<user>_<job>})
 * @param logDir the folder the tasks' logs go to, or empty when the scheduler does not say
 */
public record FarmJob(String id, String name, State state, String logDir) {
  /** The scheduler's job states; a job with dead tasks stays {@code PENDING} until they are retried or it is killed. */
  public enum State { PENDING, FINISHED, STARTUP, SHUTDOWN, POSTED }

  public FarmJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    logDir = logDir == null ? "" : logDir;
  }
}
