package org.portraitperf.jobs.farm;

import java.util.List;
import java.util.Optional;

/**
 * A render farm's scheduler, as a batch needs it: it takes a job spec, runs the tasks, retries
 * them and reports on them; this side only launches, follows and kills. One connection; close it
 * when done. Every call fails as a {@link FarmException} that keeps the scheduler's own words.
 */
public interface FarmScheduler extends AutoCloseable {

  /** Launches a job spec and answers the jobs the scheduler made of it. */
  List<FarmJob> launch(String spec);

  /** A job by its id, in any state. */
  FarmJob job(String id);

  /** The job of exactly this name, finished ones included, or empty. */
  Optional<FarmJob> findByName(String name);

  List<FarmLayer> layers(String jobId);

  /** Every task of the job, in the scheduler's order. */
  List<FarmTask> tasks(String jobId);

  /** Lets each task be retried {@code retries} times. */
  void setMaxRetries(String jobId, int retries);

  /** Kills the job: its running tasks stop, the rest never start. */
  void kill(String jobId, String reason);

  /** Asks the scheduler whether it answers, with a short description of it. */
  String probe();

  @Override
  void close();
}
