package org.portraitperf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.engine.ControlValues;
import org.portraitperf.engine.EngineSettings;

/** The job store on a real SQLite file. */
class JobStoreTest {
  @TempDir Path dir;

  private static TakeSpec take(String name) {
    return new TakeSpec(name, Path.of("/in/p.png"), Path.of("/in/d.mov"), null, null, "auto",
        ControlValues.apply(EngineSettings.DEFAULTS, java.util.Map.of("strength", "0.5")), Path.of("/out/" + name + ".mp4"), null);
  }

  @Test
  void insert_thenReopen_takesAndRangesSurvive() {
    Path file = dir.resolve("jobs.db");
    try (JobStore store = JobStore.open(file)) {
      store.insert("j1", Path.of("/m.yaml"), 10, 2, List.of(
          new PlannedTake(take("a"), "warp", 5, 29, null),
          new PlannedTake(take("b"), "auto", -1, -1, "/in/d.mov: corrupt")));
    }
    try (JobStore store = JobStore.open(file)) {
      List<JobStore.StoredTake> takes = store.takes("j1");
      assertEquals(TakeState.PENDING, takes.get(0).state());
      assertEquals("warp", takes.get(0).engine());
      assertEquals("0.5", takes.get(0).settings().get("strength"));
      assertEquals(TakeState.FAILED, takes.get(1).state());
      assertEquals("/in/d.mov: corrupt", takes.get(1).reason());
      List<JobStore.StoredRange> ranges = store.ranges("j1", 0);
      assertEquals(List.of(5, 15, 25), ranges.stream().map(JobStore.StoredRange::first).toList());
      assertEquals(29, ranges.get(2).last(), "the last range ends at the take's out point");
      assertTrue(store.ranges("j1", 1).isEmpty(), "a refused take has no ranges");
    }
  }

  @Test
  void cancel_movesWaitingAndRenderingTakesOnly() {
    try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
      store.insert("j1", Path.of("/m.yaml"), 10, 2, List.of(
          new PlannedTake(take("a"), "warp", 0, 9, null),
          new PlannedTake(take("b"), "warp", 0, 9, null)));
      store.setState("j1", 0, TakeState.ASSEMBLING, null);

      assertEquals(1, store.cancel("j1"));

      assertEquals(TakeState.ASSEMBLING, store.takes("j1").get(0).state(), "every frame exists: it finishes");
      assertEquals(TakeState.CANCELLED, store.takes("j1").get(1).state());
      assertFalse(store.advance("j1", 1, TakeState.RENDERING, null), "a cancelled take stays cancelled");
    }
  }

  @Test
  void framesDone_countsFinishedRangesWholeAndOthersByProgress() {
    try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
      store.insert("j1", Path.of("/m.yaml"), 10, 2, List.of(new PlannedTake(take("a"), "warp", 0, 24, null)));
      store.rangeDone("j1", 0, 0, true);
      store.progress("j1", 0, 10, 4);

      assertEquals(14, store.framesDone("j1").get(0));
    }
  }

  @Test
  void open_storeFromANewerVersion_isRefusedSayingSo() throws Exception {
    Path file = dir.resolve("jobs.db");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
      s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
      s.execute("INSERT INTO schema_version VALUES (99)");
    }

    JobException e = assertThrows(JobException.class, () -> JobStore.open(file));

    assertTrue(e.getMessage().contains("newer") && e.getMessage().contains("99"), e.getMessage());
  }
}
