package org.portraitperf.api;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.function.Supplier;
import org.portraitperf.proto.v1.JobStatus;

/**
 * One WatchJob stream. The watcher thread offers snapshots; they are sent only while the transport
 * is ready, and a snapshot not yet sent is replaced by a newer one, so a slow client holds back
 * nothing but itself and always ends with the latest state. A client that leaves interrupts the
 * watcher, which is a pooled call thread: it is interrupted only while it still watches.
 */
final class JobWatch {
  private final ServerCallStreamObserver<JobStatus> stream;
  private JobStatus pending;
  private Thread watcher;
  private boolean watched;
  private boolean closed;

  JobWatch(ServerCallStreamObserver<JobStatus> stream) {
    this.stream = stream;
    stream.setOnCancelHandler(this::cancelled);
    stream.setOnReadyHandler(this::drain);
  }

  /** Runs {@code watch} on this thread, then ends the stream once the last snapshot is out. */
  void follow(Supplier<?> watch) {
    synchronized (this) {
      watcher = Thread.currentThread();
    }
    RuntimeException failure = null;
    try {
      watch.get();
    } catch (RuntimeException e) {
      failure = e;
    }
    synchronized (this) {
      watcher = null;
      watched = true;
      // A cancel may interrupt this thread after the watch has returned; the pool must not inherit that.
      Thread.interrupted();
      if (failure != null && !closed) {
        closed = true;
        stream.onError(Statuses.of(failure));
      }
    }
    drain();
  }

  synchronized void offer(JobStatus status) {
    pending = status;
    drain();
  }

  private synchronized void drain() {
    if (closed) {
      return;
    }
    if (pending != null && stream.isReady()) {
      stream.onNext(pending);
      pending = null;
    }
    if (pending == null && watched) {
      closed = true;
      stream.onCompleted();
    }
  }

  private synchronized void cancelled() {
    closed = true;
    if (watcher != null) {
      watcher.interrupt();
    }
  }
}
