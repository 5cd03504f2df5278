package org.portraitperf.engine;

import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbPixels;

/**
 * The driving performance as a session reads it: any frame, in any order. Hosts render out of
 * order, so a session must be able to go back to earlier frames (to the reference frame, or to
 * rebuild its tracking history) without the caller's help.
 */
public interface DrivingSource extends AutoCloseable {

  /** How the user named the clip (a path, a host clip name), for errors. */
  String name();

  int frameCount();

  Rational frameRate();

  /** Frame {@code index}, 0-based; cheapest when called with consecutive indices. */
  RgbPixels frame(int index);

  @Override
  void close();
}
