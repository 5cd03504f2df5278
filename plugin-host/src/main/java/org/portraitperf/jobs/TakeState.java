package org.portraitperf.jobs;

import java.util.Locale;

/** Where a take stands; the last three are final. */
public enum TakeState {
  /** Ranges are waiting for a worker. */
  PENDING,
  /** At least one range is being rendered. */
  RENDERING,
  /** Every range exists; the output is being put together. */
  ASSEMBLING,
  /** The output and its provenance record are in place. */
  DONE,
  /** Given up, with a reason; other takes go on. */
  FAILED,
  /** Stopped by {@code batch cancel}. */
  CANCELLED;

  public boolean terminal() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  /** The name stored and shown: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TakeState ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
