package org.portraitperf.jobs.farm;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.portraitperf.jobs.RangeFolder;

/**
 * A farm job at one moment: the job, its layers and every task, with what a watcher wants from
 * them (driving frames rendered, whether it is over, which tasks died and where their logs are).
 */
public record FarmSnapshot(FarmJob job, List<FarmLayer> layers, List<FarmTask> tasks) {

  /** Where a job stands for the one who submitted it. */
  public enum Outcome {
    /** Tasks are waiting or running. */
    RUNNING,
    /** Every task succeeded. */
    DONE,
    /** Nothing runs any more and some tasks are dead: the scheduler waits for someone to retry or kill them. */
    FAILED,
    /** Over with tasks left undone: killed, or tasks eaten. */
    ENDED
  }

  public FarmSnapshot {
    Objects.requireNonNull(job, "job");
    layers = List.copyOf(layers);
    tasks = List.copyOf(tasks);
  }

  /** The job's state now. */
  public static FarmSnapshot of(FarmScheduler scheduler, String jobId) {
    FarmJob job = scheduler.job(jobId);
    return new FarmSnapshot(job, scheduler.layers(jobId), scheduler.tasks(jobId));
  }

  /**
   * Polls the job every {@code poll}, telling {@code listener} of each new state, until it is over
   * ({@link Outcome#DONE}, {@link Outcome#FAILED} or {@link Outcome#ENDED}) or the calling thread is
   * interrupted; the job goes on on the farm either way.
   *
   * @return the last state seen
   */
  public static FarmSnapshot follow(FarmScheduler scheduler, String jobId, Duration poll,
      Consumer<FarmSnapshot> listener) {
    FarmSnapshot last = null;
    while (true) {
      FarmSnapshot now = of(scheduler, jobId);
      if (!now.equals(last)) {
        listener.accept(now);
        last = now;
      }
      if (now.outcome() != Outcome.RUNNING) {
        return now;
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return now;
      }
    }
  }

  public Outcome outcome() {
    if (job.state() == FarmJob.State.FINISHED) {
      return tasks.stream().allMatch(t -> t.state() == FarmTask.State.SUCCEEDED) ? Outcome.DONE : Outcome.ENDED;
    }
    boolean active = tasks.stream().anyMatch(t -> t.state().active());
    boolean dead = tasks.stream().anyMatch(t -> t.state() == FarmTask.State.DEAD);
    return !active && dead ? Outcome.FAILED : Outcome.RUNNING;
  }

  /** Driving frames the render layers hold. */
  public int framesTotal() {
    return layers.stream().filter(l -> l.type() == FarmLayer.Type.RENDER && l.frames() != null)
        .mapToInt(l -> l.frames().frames()).sum();
  }

  /** Driving frames of the render layers' tasks that succeeded. */
  public int framesDone() {
    return tasks.stream().filter(t -> t.state() == FarmTask.State.SUCCEEDED).map(this::frames)
        .filter(Objects::nonNull).mapToInt(RangeFolder.Span::frames).sum();
  }

  /** The driving frames a render task renders, or null for a task of another layer. */
  public RangeFolder.Span frames(FarmTask task) {
    FarmLayer layer = layer(task);
    if (layer == null || layer.type() != FarmLayer.Type.RENDER || layer.frames() == null || layer.chunk() < 1) {
      return null;
    }
    return new RangeFolder.Span(task.number(), Math.min(layer.frames().last(), task.number() + layer.chunk() - 1));
  }

  public FarmLayer layer(FarmTask task) {
    return layers.stream().filter(l -> l.name().equals(task.layer())).findFirst().orElse(null);
  }

  /** Where the farm keeps the task's log, or empty when the scheduler gave no log folder. */
  public String log(FarmTask task) {
    return job.logDir().isEmpty() ? "" : job.logDir().replaceAll("/+$", "") + "/" + job.name() + "." + task.name()
        + ".rqlog";
  }

  /** How the layer's tasks stand, counted from this snapshot's tasks so that it agrees with {@link #outcome()}. */
  public TaskCounts counts(FarmLayer layer) {
    List<FarmTask> own = tasks.stream().filter(t -> t.layer().equals(layer.name())).toList();
    return new TaskCounts(own.size(), count(own, FarmTask.State.WAITING), count(own, FarmTask.State.RUNNING),
        count(own, FarmTask.State.DEAD), count(own, FarmTask.State.EATEN), count(own, FarmTask.State.DEPEND),
        count(own, FarmTask.State.SUCCEEDED));
  }

  private static int count(List<FarmTask> tasks, FarmTask.State state) {
    return (int) tasks.stream().filter(t -> t.state() == state).count();
  }

  public List<FarmTask> dead() {
    return tasks.stream().filter(t -> t.state() == FarmTask.State.DEAD).toList();
  }

  /** Tasks that are new since {@code before}, or whose state or retries changed; all of them when it is null. */
  public List<FarmTask> changedSince(FarmSnapshot before) {
    Map<String, FarmTask> earlier = new HashMap<>();
    if (before != null) {
      before.tasks.forEach(t -> earlier.put(t.name(), t));
    }
    return tasks.stream().filter(t -> {
      FarmTask was = earlier.get(t.name());
      return was == null || was.state() != t.state() || was.retries() != t.retries();
    }).toList();
  }
}
