package org.portraitperf.engine;

import java.nio.ByteBuffer;
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

  /**
   * Frame {@code index} as {@link #render} lays it out, written into {@code target} from its
   * position on (which does not move): 8-bit straight RGBA, top row first, tight rows of
   * {@code width() * 4} bytes. Engines override it to make their last pass write there, so a caller
   * whose buffer another process reads (the sidecar's answer in shared memory) copies nothing.
   *
   * @throws IllegalArgumentException when the target has less room than the frame
   */
  default void renderInto(int index, ByteBuffer target) {
    render(index).copyTo(target);
  }

  /** Output frame size, fixed for the session. */
  int width();

  int height();

  @Override
  void close();
}
