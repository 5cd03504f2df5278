package org.portraitperf.jobs;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.portraitperf.engine.EngineSelector;

/** Opens the job service of an output root; what the command line and the sidecar are given. */
public final class Jobs {
  private final EngineSelector engines;

  @Inject
  Jobs(EngineSelector engines) {
    this.engines = engines;
  }

  /**
   * The jobs of {@code root}, their store created on first use.
   *
   * @throws JobException when the store cannot be opened or was written by a newer version
   */
  public JobService open(Path root) {
    return new LocalJobService(root, engines);
  }

  /**
   * Checks each take of {@code manifest} and plans its frames, as submitting a job does, without
   * recording anything: the engine {@code auto} resolves to, the frames, or why a take is refused.
   */
  public List<PlannedTake> plan(BatchManifest manifest) {
    return new JobPlanner(engines).plan(manifest, new JobPaths(manifest.outputRoot()));
  }

  /** The engines, for {@code render-range}, which renders without a store. */
  public EngineSelector engines() {
    return engines;
  }
}
