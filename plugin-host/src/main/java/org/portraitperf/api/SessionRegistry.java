package org.portraitperf.api;

import com.google.inject.Singleton;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.Session;

/**
 * Open sessions by id. A session is in use while a call renders with it; closing one (by the
 * client, by idle expiry, or at shutdown) takes it out of the map at once and releases its engine
 * session and driving clip when its last call ends, so a render in flight is never cut short.
 */
@Singleton
final class SessionRegistry {
  private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  /** Set by the server that runs the expiry, and reported by GetInfo. */
  private volatile Duration idleLimit = ApiLimits.DEFAULT_SESSION_IDLE;

  /** One open session and what it owns. {@code fed} is null when the sidecar reads the clip itself. */
  static final class Entry {
    final String id;
    final Session session;
    final DrivingSource driving;
    final FedDrivingSource fed;
    private int calls;
    private boolean closed;
    private long lastUsedNanos = System.nanoTime();
    /** Frames rendered, and where their time went: what the log says when the session closes. */
    private long frames;
    private long engineNanos;
    private long callNanos;

    Entry(String id, Session session, DrivingSource driving, FedDrivingSource fed) {
      this.id = id;
      this.session = session;
      this.driving = driving;
      this.fed = fed;
    }

    private synchronized boolean acquire() {
      if (closed) {
        return false;
      }
      calls++;
      lastUsedNanos = System.nanoTime();
      return true;
    }

    /** Ends one call; the last call of a closed session releases it. */
    synchronized void release() {
      calls--;
      lastUsedNanos = System.nanoTime();
      if (closed && calls == 0) {
        dispose();
      }
    }

    private synchronized void close() {
      if (!closed) {
        closed = true;
        if (calls == 0) {
          dispose();
        }
      }
    }

    private synchronized boolean idleFor(Duration limit, long now) {
      return calls == 0 && now - lastUsedNanos > limit.toNanos();
    }

    /** Counts a rendered frame: its time in the engine and in the whole call (reading, rendering, writing). */
    synchronized void rendered(long engine, long call) {
      frames++;
      engineNanos += engine;
      callNanos += call;
    }

    private void dispose() {
      if (frames > 0) {
        // What a slow editor render is made of: the engine's own time, and the call's reading and writing around it.
        LOG.info(String.format(Locale.ROOT, "session %s closed after %d frames: engine %.1f ms, whole call %.1f ms a frame"
            + " (means)", id, frames, engineNanos / 1e6 / frames, callNanos / 1e6 / frames));
      }
      try {
        session.close();
        driving.close();
      } catch (RuntimeException e) {
        // Releasing is best effort: a failure here must not fail the call that triggered it.
        LOG.log(Level.WARNING, "closing session " + id + " failed", e);
      }
    }
  }

  /**
   * Registers an opened session under a fresh id.
   *
   * @throws ApiError RESOURCE_EXHAUSTED at {@link ApiLimits#MAX_SESSIONS}; the session is then closed
   */
  Entry add(Session session, DrivingSource driving, FedDrivingSource fed) {
    Entry entry = new Entry(UUID.randomUUID().toString(), session, driving, fed);
    synchronized (sessions) {
      if (sessions.size() >= ApiLimits.MAX_SESSIONS) {
        entry.close();
        throw new ApiError(Status.Code.RESOURCE_EXHAUSTED, Statuses.LIMIT, "sessions: " + sessions.size()
            + " are open, the limit (max_sessions " + ApiLimits.MAX_SESSIONS + "); close sessions that are done",
            Map.of("limit", "max_sessions", "value", Integer.toString(ApiLimits.MAX_SESSIONS)));
      }
      sessions.put(entry.id, entry);
    }
    return entry;
  }

  /**
   * The session for a call; the caller must {@link Entry#release()} it when the call ends.
   *
   * @throws ApiError NOT_FOUND for an unknown, closed or expired id
   */
  Entry acquire(String id) {
    Entry entry = sessions.get(id);
    if (entry == null || !entry.acquire()) {
      throw new ApiError(Status.Code.NOT_FOUND, Statuses.NOT_FOUND, "session '" + id
          + "' is unknown (closed, expired after being idle, or never opened); open a new session",
          Map.of("session_id", id));
    }
    return entry;
  }

  /** Closes a session; false when there was none under that id. */
  boolean close(String id) {
    Entry entry = sessions.remove(id);
    if (entry == null) {
      return false;
    }
    entry.close();
    return true;
  }

  Duration idleLimit() {
    return idleLimit;
  }

  void setIdleLimit(Duration limit) {
    idleLimit = limit;
  }

  /** Closes every session idle for longer than the idle limit; returns how many. */
  int expireIdle() {
    Duration limit = idleLimit;
    long now = System.nanoTime();
    List<String> idle = new ArrayList<>();
    sessions.forEach((id, entry) -> {
      if (entry.idleFor(limit, now)) {
        idle.add(id);
      }
    });
    idle.forEach(this::close);
    return idle.size();
  }

  int size() {
    return sessions.size();
  }

  void closeAll() {
    new ArrayList<>(sessions.keySet()).forEach(this::close);
  }
}
