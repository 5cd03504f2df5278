package org.portraitperf.jobs.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portraitperf.jobs.RangeFolder;

/** What a watcher reads from a farm job's state: how far it is, whether it is over, where logs are. */
class FarmSnapshotTest {
  private static final FarmLayer RENDER = new FarmLayer("render_tk", FarmLayer.Type.RENDER, "10-19", 4);
  private static final FarmLayer ASSEMBLE = new FarmLayer("assemble_tk", FarmLayer.Type.UTIL, "10", 1);

  private static FarmTask task(String layer, int number, FarmTask.State state) {
    return new FarmTask("id-" + number + layer, String.format("%04d-%s", number, layer), layer, number, state, 0, 0, "");
  }

  private static FarmSnapshot snapshot(FarmJob.State job, FarmTask.State... states) {
    return new FarmSnapshot(new FarmJob("j1", "testing-sc12-artist_pp_1", job, "/shots/testing/sc12/logs/j--1/"),
        List.of(RENDER, ASSEMBLE), List.of(task("render_tk", 10, states[0]), task("render_tk", 14, states[1]),
        task("render_tk", 18, states[2]), task("assemble_tk", 10, states[3])));
  }

  @Test
  void framesDone_succeededChunks_countTheirDrivingFramesWithTheLastOneShort() {
    FarmSnapshot snapshot = snapshot(FarmJob.State.PENDING, FarmTask.State.SUCCEEDED, FarmTask.State.RUNNING,
        FarmTask.State.SUCCEEDED, FarmTask.State.DEPEND);

    assertEquals(10, snapshot.framesTotal());
    assertEquals(4 + 2, snapshot.framesDone());
    assertEquals(new RangeFolder.Span(18, 19), snapshot.frames(snapshot.tasks().get(2)));
    assertNull(snapshot.frames(snapshot.tasks().get(3)), "assembly renders no frames");
  }

  @Test
  void outcome_followsTasksAndJob() {
    assertEquals(FarmSnapshot.Outcome.RUNNING, snapshot(FarmJob.State.PENDING, FarmTask.State.SUCCEEDED,
        FarmTask.State.WAITING, FarmTask.State.DEAD, FarmTask.State.DEPEND).outcome());
    assertEquals(FarmSnapshot.Outcome.FAILED, snapshot(FarmJob.State.PENDING, FarmTask.State.SUCCEEDED,
        FarmTask.State.SUCCEEDED, FarmTask.State.DEAD, FarmTask.State.DEPEND).outcome());
    assertEquals(FarmSnapshot.Outcome.DONE, snapshot(FarmJob.State.FINISHED, FarmTask.State.SUCCEEDED,
        FarmTask.State.SUCCEEDED, FarmTask.State.SUCCEEDED, FarmTask.State.SUCCEEDED).outcome());
    assertEquals(FarmSnapshot.Outcome.ENDED, snapshot(FarmJob.State.FINISHED, FarmTask.State.SUCCEEDED,
        FarmTask.State.WAITING, FarmTask.State.WAITING, FarmTask.State.DEPEND).outcome());
  }

  @Test
  void log_isWhereCuebotPutsAFramesLog() {
    FarmSnapshot snapshot = snapshot(FarmJob.State.PENDING, FarmTask.State.DEAD, FarmTask.State.WAITING,
        FarmTask.State.WAITING, FarmTask.State.DEPEND);

    assertEquals("/shots/testing/sc12/logs/j--1/testing-sc12-artist_pp_1.0010-render_tk.rqlog",
        snapshot.log(snapshot.tasks().get(0)));
  }

  @Test
  void changedSince_onlyTasksWhoseStateOrRetriesMoved() {
    FarmSnapshot before = snapshot(FarmJob.State.PENDING, FarmTask.State.RUNNING, FarmTask.State.WAITING,
        FarmTask.State.WAITING, FarmTask.State.DEPEND);
    FarmSnapshot after = snapshot(FarmJob.State.PENDING, FarmTask.State.SUCCEEDED, FarmTask.State.WAITING,
        FarmTask.State.WAITING, FarmTask.State.DEPEND);

    assertEquals(List.of("0010-render_tk"), after.changedSince(before).stream().map(FarmTask::name).toList());
    assertEquals(4, after.changedSince(null).size());
    assertEquals(new TaskCounts(3, 2, 0, 0, 0, 0, 1), after.counts(RENDER));
  }
}
