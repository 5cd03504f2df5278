package org.portraitperf.installer.install;

/** The user's answer to a question that changes something outside the installation (a host's cache). */
@FunctionalInterface
public interface Consent {
  /** True only when the user said yes. */
  boolean granted(String question);
}
