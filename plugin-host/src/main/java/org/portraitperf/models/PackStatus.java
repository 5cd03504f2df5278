package org.portraitperf.models;

/**
 * What is known about one model pack on this machine.
 *
 * @param id the pack
 * @param title one line for users
 * @param licence the weights' terms
 * @param state how far it is installed
 * @param detail one line: why it is in that state
 */
public record PackStatus(String id, String title, String licence, State state, String detail) {

  public enum State {
    /** Every file present and checked; engines may use it. */
    VERIFIED,
    /** Never installed (or removed). */
    NOT_INSTALLED,
    /** Installed in part, or changed since its check: unusable until installed or verified again. */
    NOT_VERIFIED
  }

  public boolean usable() {
    return state == State.VERIFIED;
  }
}
