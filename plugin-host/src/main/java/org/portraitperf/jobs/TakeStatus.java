package org.portraitperf.jobs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One take of a job as the store knows it.
 *
 * @param index position in the manifest, 0-based
 * @param first first driving frame of the take, or -1 when it was refused before planning
 * @param last last driving frame (inclusive), or -1
 * @param framesDone frames rendered so far (finished ranges plus progress of the ones in flight)
 * @param reason why it failed, or null
 */
public record TakeStatus(int index, String name, TakeState state, int first, int last, int framesDone,
    Path output, String reason) {
  public TakeStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(output, "output");
  }

  public int framesTotal() {
    return first < 0 ? 0 : last - first + 1;
  }
}
