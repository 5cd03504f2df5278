package org.portraitperf.installer;

import org.portraitperf.PortraitPerfException;

/**
 * A failure of installing, removing, checking or packaging that the user can act on: a missing or
 * wrong distribution, a folder that cannot be written, a damaged installation, a tool that is not
 * there. It names the file or tool and what is wrong with it.
 */
public final class InstallerException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public InstallerException(String subject, String problem) {
    super(subject, problem, null);
  }

  public InstallerException(String subject, String problem, Throwable cause) {
    super(subject, problem, cause);
  }
}
