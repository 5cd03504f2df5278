package org.portraitperf.media;

import org.portraitperf.PortraitPerfException;

/** An image or video that cannot be read or written: missing, corrupt, unsupported, too large. */
public final class MediaException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public MediaException(String input, String problem) {
    super(input, problem, null);
  }

  public MediaException(String input, String problem, Throwable cause) {
    super(input, problem, cause);
  }
}
