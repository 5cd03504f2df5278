package org.portraitperf.jobs;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a root's job state lives: everything under {@code <root>/.portrait-performance/}, beside the
 * outputs it produces, so that the state travels with the project folder, any machine that mounts
 * the folder can resume, and removing the folder removes every trace. Render farm submissions keep
 * their files there too, on the storage every farm host mounts.
 */
public record JobPaths(Path root) {
  static final String STATE_FOLDER = ".portrait-performance";

  public JobPaths {
    root = root.toAbsolutePath().normalize();
  }

  Path stateFolder() {
    return root.resolve(STATE_FOLDER);
  }

  Path database() {
    return stateFolder().resolve("jobs.db");
  }

  Path job(String job) {
    return stateFolder().resolve("jobs").resolve(job);
  }

  /** Held by the process rendering the job; the OS lets go of it when that process dies, however. */
  Path lock(String job) {
    return job(job).resolve("worker.lock");
  }

  Path take(String job, int take) {
    return takeFolder(job(job), take);
  }

  /** A render farm submission's folder: the manifest its tasks read, its job spec, its takes' ranges. */
  public Path farmJob(String submission) {
    return stateFolder().resolve("farm").resolve(submission);
  }

  /** Where a farm submission's take keeps its rendered ranges until they are assembled. */
  public RangeFolder farmRanges(String submission, int take) {
    return new RangeFolder(takeFolder(farmJob(submission), take));
  }

  private static Path takeFolder(Path job, int take) {
    return job.resolve(String.format(Locale.ROOT, "take-%03d", take));
  }

  /** A rendered range: a folder of PNG files that appears complete or not at all. */
  Path range(String job, int take, int first, int last) {
    return new RangeFolder(take(job, take)).range(first, last);
  }
}
