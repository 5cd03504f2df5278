package org.portraitperf.api;

import org.portraitperf.PortraitPerfException;

/**
 * The sidecar cannot start, cannot be reached, or refused a call: socket in use, token unreadable,
 * address refused, or the error a remote call came back with (its subject and problem as the sidecar
 * worded them).
 */
public final class SidecarException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public SidecarException(String subject, String problem) {
    super(subject, problem, null);
  }
}
