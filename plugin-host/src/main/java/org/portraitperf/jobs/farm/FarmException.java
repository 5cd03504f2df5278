package org.portraitperf.jobs.farm;

import org.portraitperf.PortraitPerfException;

/**
 * A render farm job that cannot be made or followed: a spec that does not validate, a path farm
 * hosts cannot see, a farm scheduler that cannot be reached or refused the request (its own words
 * kept, with a hint on what to do).
 */
public final class FarmException extends PortraitPerfException {
  private static final long serialVersionUID = 1L;

  public FarmException(String subject, String problem) {
    super(subject, problem, null);
  }

  public FarmException(String subject, String problem, Throwable cause) {
    super(subject, problem, cause);
  }
}
