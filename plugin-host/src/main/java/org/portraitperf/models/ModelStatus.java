package org.portraitperf.models;

import java.nio.file.Path;

/** What {@code models verify} found for one file. */
public record ModelStatus(ModelFile file, Path path, State state, String detail) {

  public enum State {
    VERIFIED,
    MISSING,
    CHECKSUM_MISMATCH
  }

  public boolean ok() {
    return state == State.VERIFIED;
  }
}
