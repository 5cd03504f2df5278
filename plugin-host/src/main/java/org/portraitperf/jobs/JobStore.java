package org.portraitperf.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable state of a root's jobs: one SQLite file, {@code <root>/.portrait-performance/jobs.db}.
 * Write-ahead logging keeps every committed change through a {@code kill -9} and lets {@code status}
 * and {@code watch} read while a worker writes; the busy timeout lets several processes share it.
 *
 * <p>Range rows record what was asked and how far it got, but a range's file on disk is the truth
 * about whether it is rendered: a worker killed between renaming a range into place and recording
 * it loses nothing (see {@link JobRunner}).
 *
 * <p>Thread-safe: every method holds the one connection's lock.
 */
final class JobStore implements AutoCloseable {
  /** Bumped with every change to the tables; older files are migrated, newer ones refused. */
  static final int SCHEMA_VERSION = 1;
  private static final int BUSY_TIMEOUT_MS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Connection db;

  /** A take as stored: what to render and where it stands. */
  record StoredTake(int index, String name, TakeState state, String reason, Path portrait, Path driving, int first,
      int last, String engine, Map<String, String> settings, Path output) {}

  /** A range of a take, inclusive. */
  record StoredRange(int take, int first, int last, boolean done, int attempts, int framesDone) {}

  private JobStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /** Opens (creating when absent) the store file and brings its tables to {@link #SCHEMA_VERSION}. */
  static JobStore open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        s.execute("PRAGMA journal_mode = WAL");
        // NORMAL under WAL survives a killed process; only a power cut may lose the last commits.
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute("PRAGMA foreign_keys = ON");
      }
      JobStore store = new JobStore(file, db);
      store.migrate();
      return store;
    } catch (SQLException | IOException e) {
      throw new JobException(file.toString(), "cannot open the job store: " + e.getMessage(), e);
    }
  }

  private synchronized void migrate() throws SQLException {
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int version = 0;
      try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
        if (r.next()) {
          version = r.getInt(1);
        }
      }
      if (version > SCHEMA_VERSION) {
        db.rollback();
        throw new JobException(file.toString(), "was written by a newer Portrait Performance (store version "
            + version + ", this one reads up to " + SCHEMA_VERSION + ")");
      }
      if (version < 1) {
        s.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, manifest TEXT NOT NULL, created TEXT NOT NULL,"
            + " range_size INTEGER NOT NULL, retries INTEGER NOT NULL)");
        s.execute("CREATE TABLE takes (job TEXT NOT NULL REFERENCES jobs(id), idx INTEGER NOT NULL,"
            + " name TEXT NOT NULL, state TEXT NOT NULL, reason TEXT, portrait TEXT NOT NULL, driving TEXT NOT NULL,"
            + " first INTEGER NOT NULL, last INTEGER NOT NULL, engine TEXT NOT NULL, settings TEXT NOT NULL,"
            + " output TEXT NOT NULL, PRIMARY KEY (job, idx))");
        s.execute("CREATE TABLE ranges (job TEXT NOT NULL, take INTEGER NOT NULL, first INTEGER NOT NULL,"
            + " last INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,"
            + " frames_done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (job, take, first),"
            + " FOREIGN KEY (job, take) REFERENCES takes(job, idx))");
        s.execute("INSERT INTO schema_version VALUES (1)");
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  Path file() {
    return file;
  }

  /** Records a job, its takes and their ranges in one transaction. */
  synchronized void insert(String id, Path manifest, int rangeSize, int retries, List<PlannedTake> takes) {
    try {
      db.setAutoCommit(false);
      try (PreparedStatement job = db.prepareStatement("INSERT INTO jobs VALUES (?, ?, ?, ?, ?)");
          PreparedStatement take = db.prepareStatement("INSERT INTO takes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement range = db.prepareStatement("INSERT INTO ranges (job, take, first, last) VALUES (?, ?, ?, ?)")) {
        job.setString(1, id);
        job.setString(2, manifest.toAbsolutePath().toString());
        job.setString(3, Instant.now().toString());
        job.setInt(4, rangeSize);
        job.setInt(5, retries);
        job.executeUpdate();
        for (int i = 0; i < takes.size(); i++) {
          PlannedTake planned = takes.get(i);
          TakeSpec spec = planned.spec();
          take.setString(1, id);
          take.setInt(2, i);
          take.setString(3, spec.name());
          take.setString(4, (planned.reason() == null ? TakeState.PENDING : TakeState.FAILED).label());
          take.setString(5, planned.reason());
          take.setString(6, spec.portrait().toString());
          take.setString(7, spec.driving().toString());
          take.setInt(8, planned.first());
          take.setInt(9, planned.last());
          take.setString(10, planned.engine());
          take.setString(11, JSON.writeValueAsString(
              org.portraitperf.engine.ControlValues.of(planned.engine(), spec.settings())));
          take.setString(12, spec.output().toString());
          take.executeUpdate();
          if (planned.reason() != null) {
            continue;
          }
          for (RangeFolder.Span span : RangeFolder.split(planned.first(), planned.last(), rangeSize)) {
            range.setString(1, id);
            range.setInt(2, i);
            range.setInt(3, span.first());
            range.setInt(4, span.last());
            range.executeUpdate();
          }
        }
      }
      db.commit();
    } catch (SQLException | JsonProcessingException e) {
      rollback();
      throw failure("cannot record job " + id, e);
    } finally {
      autoCommit();
    }
  }

  synchronized boolean exists(String job) {
    return query("SELECT 1 FROM jobs WHERE id = ?", r -> r.next(), job);
  }

  /** Job ids, oldest first. */
  synchronized List<String> jobs() {
    return query("SELECT id FROM jobs ORDER BY created, id", r -> {
      List<String> ids = new ArrayList<>();
      while (r.next()) {
        ids.add(r.getString(1));
      }
      return ids;
    });
  }

  synchronized Instant created(String job) {
    return query("SELECT created FROM jobs WHERE id = ?", r -> r.next() ? Instant.parse(r.getString(1)) : null, job);
  }

  synchronized int retries(String job) {
    return query("SELECT retries FROM jobs WHERE id = ?", r -> r.next() ? r.getInt(1) : 0, job);
  }

  synchronized List<StoredTake> takes(String job) {
    return query("SELECT idx, name, state, reason, portrait, driving, first, last, engine, settings, output"
        + " FROM takes WHERE job = ? ORDER BY idx", r -> {
          List<StoredTake> takes = new ArrayList<>();
          while (r.next()) {
            takes.add(new StoredTake(r.getInt(1), r.getString(2), TakeState.ofLabel(r.getString(3)), r.getString(4),
                Path.of(r.getString(5)), Path.of(r.getString(6)), r.getInt(7), r.getInt(8), r.getString(9),
                settings(r.getString(10)), Path.of(r.getString(11))));
          }
          return takes;
        }, job);
  }

  synchronized List<StoredRange> ranges(String job, int take) {
    return query("SELECT take, first, last, done, attempts, frames_done FROM ranges WHERE job = ? AND take = ?"
        + " ORDER BY first", r -> {
          List<StoredRange> ranges = new ArrayList<>();
          while (r.next()) {
            ranges.add(new StoredRange(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4) != 0, r.getInt(5), r.getInt(6)));
          }
          return ranges;
        }, job, take);
  }

  /** Frames rendered per take: whole finished ranges plus the progress of unfinished ones. */
  synchronized Map<Integer, Integer> framesDone(String job) {
    return query("SELECT take, SUM(CASE WHEN done THEN last - first + 1 ELSE frames_done END) FROM ranges"
        + " WHERE job = ? GROUP BY take", r -> {
          Map<Integer, Integer> frames = new LinkedHashMap<>();
          while (r.next()) {
            frames.put(r.getInt(1), r.getInt(2));
          }
          return frames;
        }, job);
  }

  synchronized void setState(String job, int take, TakeState state, String reason) {
    update("UPDATE takes SET state = ?, reason = ? WHERE job = ? AND idx = ?", state.label(), reason, job, take);
  }

  /**
   * Moves a take that is not yet final to {@code state}; a final one (say, cancelled meanwhile)
   * keeps its state.
   *
   * @return whether it moved
   */
  synchronized boolean advance(String job, int take, TakeState state, String reason) {
    return update("UPDATE takes SET state = ?, reason = ? WHERE job = ? AND idx = ? AND state IN"
        + " ('pending', 'rendering', 'assembling')", state.label(), reason, job, take) > 0;
  }

  /**
   * Cancels every take still waiting or rendering; returns how many. A take being assembled has
   * every frame already and is let finish, so that a cancelled take never has an output.
   */
  synchronized int cancel(String job) {
    return update("UPDATE takes SET state = 'cancelled', reason = 'cancelled' WHERE job = ? AND state IN"
        + " ('pending', 'rendering')", job);
  }

  synchronized void rangeDone(String job, int take, int first, boolean done) {
    update("UPDATE ranges SET done = ?, frames_done = CASE WHEN ? THEN last - first + 1 ELSE 0 END"
        + " WHERE job = ? AND take = ? AND first = ?", done ? 1 : 0, done ? 1 : 0, job, take, first);
  }

  /** Counts an attempt at a range and returns the count. */
  synchronized int attempt(String job, int take, int first) {
    update("UPDATE ranges SET attempts = attempts + 1 WHERE job = ? AND take = ? AND first = ?", job, take, first);
    return query("SELECT attempts FROM ranges WHERE job = ? AND take = ? AND first = ?", r -> r.next() ? r.getInt(1) : 0,
        job, take, first);
  }

  synchronized void progress(String job, int take, int first, int framesDone) {
    update("UPDATE ranges SET frames_done = ? WHERE job = ? AND take = ? AND first = ? AND done = 0", framesDone, job,
        take, first);
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // Nothing is pending: every change was committed when it was made.
    }
  }

  private static Map<String, String> settings(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored settings are not JSON: " + json, e);
    }
  }

  @FunctionalInterface
  private interface Rows<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> T query(String sql, Rows<T> rows, Object... params) {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        return rows.read(r);
      }
    } catch (SQLException e) {
      throw failure("cannot read", e);
    }
  }

  private int update(String sql, Object... params) {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      bind(s, params);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw failure("cannot write", e);
    }
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException e) {
      // The failure being reported matters more; SQLite rolls back an unfinished transaction anyway.
    }
  }

  private void autoCommit() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException e) {
      throw failure("cannot end a transaction", e);
    }
  }

  private JobException failure(String what, Exception e) {
    return new JobException(file.toString(), what + ": " + e.getMessage(), e);
  }
}
