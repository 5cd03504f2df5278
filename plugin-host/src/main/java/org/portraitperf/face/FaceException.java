package org.portraitperf.face;

import org.portraitperf.PortraitPerfException;

/** Face analysis that cannot give an answer: no face in a portrait, a face too small to fit. */
public final class FaceException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public FaceException(String input, String problem) {
    super(input, problem, null);
  }
}
