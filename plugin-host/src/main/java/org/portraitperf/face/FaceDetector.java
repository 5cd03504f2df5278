package org.portraitperf.face;

import java.util.List;
import org.portraitperf.media.RgbPixels;

/** Finds faces in a whole picture. Slow compared with tracking: run it only when a face is lost. */
public interface FaceDetector extends AutoCloseable {

  /** Every face found, most confident first; empty when there is none. */
  List<Detection> detect(RgbPixels image);

  @Override
  void close();
}
