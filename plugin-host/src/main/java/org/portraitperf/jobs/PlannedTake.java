package org.portraitperf.jobs;

import java.util.Objects;

/**
 * A take as checked and planned at submission: the engine {@code auto} resolved to, and the driving
 * frames to render; or, when it broke a rule, why it was refused.
 *
 * @param engine the engine that renders every range of the take ({@code auto} already resolved)
 * @param first first driving frame, or -1 when refused
 * @param last last driving frame (inclusive), or -1 when refused
 * @param reason why the take was refused (naming the file and the problem), or null
 */
public record PlannedTake(TakeSpec spec, String engine, int first, int last, String reason) {
  public PlannedTake {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(engine, "engine");
  }

  public boolean refused() {
    return reason != null;
  }

  /** Frames the take renders; 0 when refused. */
  public int frames() {
    return refused() ? 0 : last - first + 1;
  }
}
