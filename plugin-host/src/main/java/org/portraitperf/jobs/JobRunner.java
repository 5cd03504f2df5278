package org.portraitperf.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.portraitperf.AtomicFiles;
import org.portraitperf.PortraitPerfException;
import org.portraitperf.engine.ControlValues;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;

/**
 * Renders what a job still lacks, on {@code workers} threads of this process: every range whose
 * folder is missing, then each take whose ranges all exist is assembled. Running it again after a
 * crash is the resume: the files on disk say what is done, the store says what was asked.
 *
 * <p>A range that fails with bad input (no face, corrupt clip, missing model) fails its take at
 * once, since trying again cannot help; any other failure is retried up to the job's retry count,
 * then fails the take with the reason. Either way the other takes go on. The ranges of one take
 * share one engine session (the portrait is analysed and the clip tracked once per take and
 * process), and the session is closed when the take's last range is through.
 */
final class JobRunner {
  /** How often the store is read for cancellations and listeners are told of progress. */
  private static final long POLL_MILLIS = 250;
  /** How often a range's frame count is written to the store, for watchers in other processes. */
  private static final long PROGRESS_NANOS = 1_000_000_000L;

  private final JobStore store;
  private final JobPaths paths;
  private final EngineSelector engines;
  private final String job;
  private final int workers;
  private final Supplier<JobStatus> status;

  JobRunner(JobStore store, JobPaths paths, EngineSelector engines, String job, int workers,
      Supplier<JobStatus> status) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be 1 or more, found " + workers);
    }
    this.store = store;
    this.paths = paths;
    this.engines = engines;
    this.job = job;
    this.workers = workers;
    this.status = status;
  }

  JobStatus run(JobListener listener) {
    try {
      Files.createDirectories(paths.job(job));
    } catch (IOException e) {
      throw new JobException(paths.job(job).toString(), "cannot be created: " + e.getMessage(), e);
    }
    try (FileChannel channel = FileChannel.open(paths.lock(job), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel)) {
      if (lock == null) {
        throw new JobException("job " + job, "is being rendered by another process (wait for it, or stop it first)");
      }
      return runLocked(listener);
    } catch (IOException e) {
      throw new JobException(paths.lock(job).toString(), "cannot be locked: " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this process, by another runner of the same job
    }
  }

  private JobStatus runLocked(JobListener listener) {
    List<Take> takes = new ArrayList<>();
    for (JobStore.StoredTake stored : store.takes(job)) {
      if (stored.state() == TakeState.DONE) {
        // A process killed while it cleared a finished take's ranges left some behind; the take's
        // output holds every frame, so they go now.
        AtomicFiles.discard(paths.take(job, stored.index()));
      } else if (!stored.state().terminal()) {
        takes.add(new Take(stored));
      }
    }
    int threadsPerRange = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> tasks = new ArrayList<>();
    try {
      for (Take take : takes) {
        take.prepare();
        if (take.pending.isEmpty()) {
          tasks.add(pool.submit(take::assemble));
        }
        for (JobStore.StoredRange range : take.pending) {
          tasks.add(pool.submit(() -> take.render(range, threadsPerRange)));
        }
      }
      JobStatus last = null;
      while (true) {
        boolean allDone = tasks.stream().allMatch(Future::isDone);
        JobStatus now = status.get();
        for (Take take : takes) {
          take.cancelled |= now.takes().get(take.stored.index()).state() == TakeState.CANCELLED;
        }
        if (!now.equals(last)) {
          listener.onUpdate(now);
          last = now;
        }
        if (allDone) {
          return now;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    } finally {
      pool.shutdownNow();
      takes.forEach(Take::closeRender);
    }
  }

  /** One take's work in this run. */
  private final class Take {
    final JobStore.StoredTake stored;
    final EngineSettings settings;
    final List<JobStore.StoredRange> pending = new ArrayList<>();
    final List<Path> ranges = new ArrayList<>();
    final AtomicInteger left = new AtomicInteger();
    final Instant started = Instant.now();
    volatile boolean cancelled;
    volatile boolean failed;
    private TakeRender render;

    Take(JobStore.StoredTake stored) {
      this.stored = stored;
      this.settings = ControlValues.apply(EngineSettings.DEFAULTS, stored.settings());
    }

    /**
     * Sorts the take's ranges into done and pending by what is on disk, and clears what a killed
     * process left: hidden temporaries of its ranges and of its output.
     */
    void prepare() {
      try {
        Files.createDirectories(paths.take(job, stored.index()));
      } catch (IOException e) {
        throw new JobException(paths.take(job, stored.index()).toString(), "cannot be created: " + e.getMessage(), e);
      }
      removeTemporaries(paths.take(job, stored.index()), "");
      Path output = stored.output().toAbsolutePath();
      removeTemporaries(output.getParent(), "." + output.getFileName() + ".");
      for (JobStore.StoredRange range : store.ranges(job, stored.index())) {
        Path folder = paths.range(job, stored.index(), range.first(), range.last());
        ranges.add(folder);
        boolean exists = Files.isDirectory(folder);
        if (exists != range.done()) {
          store.rangeDone(job, stored.index(), range.first(), exists);
        }
        if (!exists) {
          pending.add(range);
        }
      }
      left.set(pending.size());
    }

    boolean stopped() {
      return cancelled || failed;
    }

    void render(JobStore.StoredRange range, int threads) {
      if (stopped()) {
        return;
      }
      Path target = paths.range(job, stored.index(), range.first(), range.last());
      int retries = store.retries(job);
      while (true) {
        try {
          store.advance(job, stored.index(), TakeState.RENDERING, null);
          long[] reported = {System.nanoTime()};
          RangeRender.render(open(), settings, range.first(), range.last(), target, threads, done -> {
            long now = System.nanoTime();
            if (now - reported[0] >= PROGRESS_NANOS) {
              reported[0] = now;
              store.progress(job, stored.index(), range.first(), done);
            }
          }, this::stopped);
          store.rangeDone(job, stored.index(), range.first(), true);
          break;
        } catch (CancellationException e) {
          return;
        } catch (PortraitPerfException e) {
          fail(e.getMessage());
          return;
        } catch (RuntimeException e) {
          int attempts = store.attempt(job, stored.index(), range.first());
          if (attempts > retries) {
            fail("frames " + range.first() + "-" + range.last() + " failed " + attempts + " times, last: " + e);
            return;
          }
        }
      }
      if (left.decrementAndGet() == 0) {
        closeRender();
        assemble();
      }
    }

    void assemble() {
      if (stopped() || !store.advance(job, stored.index(), TakeState.ASSEMBLING, null)) {
        return;
      }
      try {
        TakeAssembly.assemble(stored, ranges, started);
        if (store.advance(job, stored.index(), TakeState.DONE, null)) {
          AtomicFiles.discard(paths.take(job, stored.index())); // the output holds every frame now
        }
      } catch (RuntimeException e) {
        fail("assembly failed: " + e.getMessage());
      }
    }

    private synchronized TakeRender open() {
      if (render == null) {
        render = TakeRender.open(engines, stored.engine(), stored.portrait(), stored.driving());
      }
      return render;
    }

    synchronized void closeRender() {
      if (render != null) {
        render.close();
        render = null;
      }
    }

    private void fail(String reason) {
      failed = true;
      store.advance(job, stored.index(), TakeState.FAILED, reason);
    }
  }

  /** Deletes hidden {@code .partial} temporaries in {@code folder} whose names start with {@code prefix}. */
  private static void removeTemporaries(Path folder, String prefix) {
    if (folder == null || !Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      entries.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(".") && name.startsWith(prefix.isEmpty() ? "." : prefix) && name.endsWith(".partial");
      }).forEach(AtomicFiles::discard);
    } catch (IOException e) {
      // Leftovers are hidden and uniquely named; failing to tidy them is no reason to stop.
    }
  }
}
