package org.portraitperf.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.portraitperf.engine.EngineSelector;

/** {@link JobService} over the SQLite store of one root, rendering in this process. */
final class LocalJobService implements JobService {
  private static final long WATCH_POLL_MILLIS = 500;

  private final JobPaths paths;
  private final EngineSelector engines;
  private final JobStore store;
  /**
   * Jobs this service renders now. Checked before the lock file: closing any channel on a file
   * drops every lock this process holds on it, so this process must never probe its own lock.
   */
  private final Set<String> rendering = ConcurrentHashMap.newKeySet();

  LocalJobService(Path root, EngineSelector engines) {
    this.paths = new JobPaths(root);
    this.engines = engines;
    this.store = JobStore.open(paths.database());
  }

  @Override
  public Path root() {
    return paths.root();
  }

  @Override
  public String submit(BatchManifest manifest) {
    if (!manifest.outputRoot().equals(paths.root())) {
      throw new JobException(manifest.source().toString(), "its output root " + manifest.outputRoot()
          + " is not this job store's root " + paths.root());
    }
    String id = JobIds.next();
    store.insert(id, manifest.source(), manifest.rangeSize(), manifest.retries(),
        new JobPlanner(engines).plan(manifest, paths));
    return id;
  }

  @Override
  public JobStatus run(String job, int workers, JobListener listener) {
    requireJob(job);
    if (!rendering.add(job)) {
      throw new JobException("job " + job, "is already being rendered by this process");
    }
    try {
      return new JobRunner(store, paths, engines, job, workers, () -> status(job)).run(listener);
    } finally {
      rendering.remove(job);
    }
  }

  @Override
  public JobStatus status(String job) {
    requireJob(job);
    Map<Integer, Integer> frames = store.framesDone(job);
    List<TakeStatus> takes = new ArrayList<>();
    for (JobStore.StoredTake take : store.takes(job)) {
      takes.add(new TakeStatus(take.index(), take.name(), take.state(), take.first(), take.last(),
          take.state() == TakeState.DONE ? take.last() - take.first() + 1 : frames.getOrDefault(take.index(), 0),
          take.output(), take.reason()));
    }
    return new JobStatus(job, store.created(job), takes, workerRunning(job));
  }

  @Override
  public List<JobStatus> list() {
    return store.jobs().stream().map(this::status).toList();
  }

  @Override
  public JobStatus watch(String job, JobListener listener) {
    JobStatus last = null;
    while (true) {
      JobStatus now = status(job);
      if (!now.equals(last)) {
        listener.onUpdate(now);
        last = now;
      }
      if (now.finished()) {
        return now;
      }
      try {
        Thread.sleep(WATCH_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return now;
      }
    }
  }

  @Override
  public JobStatus cancel(String job) {
    requireJob(job);
    store.cancel(job);
    return status(job);
  }

  @Override
  public Path folder(String job) {
    return paths.job(job);
  }

  /** Whether some process holds the job's lock, that is, is rendering it now. */
  private boolean workerRunning(String job) {
    if (rendering.contains(job)) {
      return true;
    }
    Path lock = paths.lock(job);
    if (!Files.exists(lock)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
        FileLock held = channel.tryLock()) {
      return held == null;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void requireJob(String job) {
    if (!store.exists(job)) {
      throw new JobException("job " + job, "is not in " + store.file() + " (see `pp batch status --root "
          + paths.root() + "` for the jobs there)");
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
