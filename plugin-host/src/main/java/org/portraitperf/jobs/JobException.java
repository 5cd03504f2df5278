package org.portraitperf.jobs;

import org.portraitperf.PortraitPerfException;

/** A job that cannot be acted on as asked: unknown, already being run, or its store unusable. */
public final class JobException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public JobException(String subject, String problem) {
    super(subject, problem, null);
  }

  public JobException(String subject, String problem, Throwable cause) {
    super(subject, problem, cause);
  }
}
