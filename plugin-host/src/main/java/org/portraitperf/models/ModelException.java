package org.portraitperf.models;

import org.portraitperf.PortraitPerfException;

/** A model that is missing, fails its checksum, or cannot be fetched. */
public final class ModelException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public ModelException(String model, String problem) {
    super(model, problem, null);
  }

  public ModelException(String model, String problem, Throwable cause) {
    super(model, problem, cause);
  }
}
