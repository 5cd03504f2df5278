package org.portraitperf;

/**
 * A failure the user can act on: it names what was wrong ({@link #subject()}, a file, a model, a
 * setting) and what is wrong with it ({@link #problem()}). Each concern throws its own subclass;
 * only the edges (command line, gRPC) turn it into an exit code or a status.
 */
public abstract class PortraitPerfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String problem;

  protected PortraitPerfException(String subject, String problem, Throwable cause) {
    super(subject + ": " + problem, cause);
    this.subject = subject;
    this.problem = problem;
  }

  /** The input, model or setting at fault, as the user named it. */
  public String subject() {
    return subject;
  }

  /** What is wrong with it, phrased so the user knows what to change. */
  public String problem() {
    return problem;
  }
}
