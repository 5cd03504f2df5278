package org.portraitperf.engine;

import org.portraitperf.media.RgbaImage;

/**
 * One portrait driven by one clip. Frame t is a pure function of the settings, the portrait and
 * the driving frames up to t (and the reference frame): rendering t alone gives the same pixels
 * as rendering 0..t in order. Safe to call from several threads.
 */
public interface Session extends AutoCloseable {

  /**
   * The output frame for driving frame {@code index}, laid out as the settings ask; alpha is
   * opaque except in the face-layer layout.
   */
  RgbaImage render(int index);

  /** Output frame size, fixed for the session. */
  int width();

  int height();

  @Override
  void close();
}
