package org.portraitperf.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job as the store knows it, a snapshot.
 *
 * @param workerRunning whether a process is rendering it now (it holds the job's lock)
 */
public record JobStatus(String id, Instant created, List<TakeStatus> takes, boolean workerRunning) {
  public JobStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    takes = List.copyOf(takes);
  }

  /** True when every take is done, failed or cancelled. */
  public boolean finished() {
    return takes.stream().allMatch(take -> take.state().terminal());
  }

  public long count(TakeState state) {
    return takes.stream().filter(take -> take.state() == state).count();
  }

  /** Frames rendered of the takes that count (see {@link #framesTotal()}). */
  public int framesDone() {
    return counted().mapToInt(TakeStatus::framesDone).sum();
  }

  /** Frames of every take that can still be or was rendered: failed and cancelled ones left out. */
  public int framesTotal() {
    return counted().mapToInt(TakeStatus::framesTotal).sum();
  }

  private java.util.stream.Stream<TakeStatus> counted() {
    return takes.stream().filter(t -> t.state() != TakeState.FAILED && t.state() != TakeState.CANCELLED);
  }
}
