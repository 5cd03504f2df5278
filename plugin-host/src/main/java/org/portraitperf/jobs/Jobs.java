package org.portraitperf.jobs;

import com.google.inject.Inject;
import java.nio.file.Path;
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

  /** The engines, for {@code render-range}, which renders without a store. */
  public EngineSelector engines() {
    return engines;
  }
}
