package org.portraitperf.jobs;

import org.portraitperf.PortraitPerfException;

/**
 * A batch manifest, or one of its takes, that cannot be used: unreadable, not matching the schema,
 * or naming files and outputs that break the job's rules.
 */
public final class ManifestException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public ManifestException(String subject, String problem) {
    super(subject, problem, null);
  }

  public ManifestException(String subject, String problem, Throwable cause) {
    super(subject, problem, cause);
  }
}
