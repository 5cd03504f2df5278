package org.portraitperf.jobs.farm;

import java.util.Objects;

/**
 * One task of a farm job (OpenCue calls it a frame): a chunk of its layer's frames, named after
 * the first of them ({@code 0003-render_sc12}).
 *
 * @param number the first frame of the chunk
 * @param retries how often the scheduler has run it again
 * @param exitStatus the command's last exit status
 * @param host where it last ran, or empty
 */
public record FarmTask(String id, String name, String layer, int number, State state, int retries, int exitStatus,
    String host) {
  /** The scheduler's task states. */
  public enum State {
    WAITING, SETUP, RUNNING, SUCCEEDED, DEPEND, DEAD, EATEN, CHECKPOINT;

    /** Still to run or running: waiting for a host, being set up, running, checkpointing. */
    public boolean active() {
      return this == WAITING || this == SETUP || this == RUNNING || this == CHECKPOINT;
    }
  }

  public FarmTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(state, "state");
    host = host == null ? "" : host;
  }
}
