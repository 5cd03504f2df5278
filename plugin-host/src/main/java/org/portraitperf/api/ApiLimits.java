package org.portraitperf.api;

import java.time.Duration;
import org.portraitperf.media.MediaLimits;

/** What the sidecar accepts, named once; GetInfo reports these so clients can refuse early. */
final class ApiLimits {
  private ApiLimits() {}

  /**
   * The largest message either way: one 8K RGBA float frame (7680 x 4320 x 4 channels x 4 bytes,
   * 506 MiB) plus 1 MiB for the rest of the message. Anything bigger cannot be a valid frame.
   */
  static final int MAX_MESSAGE_BYTES = (int) (MediaLimits.MAX_ENGINE_AREA * 4 * 4 + (1 << 20));

  /**
   * HTTP/2 flow-control window of each end, four 1080p RGBA frames: measured on an idle 2-core
   * machine, it took a 1080p round trip's overhead over the engine from 85–142 ms to 50 ms.
   */
  static final int FLOW_CONTROL_WINDOW = 32 << 20;

  /** Open sessions at once; each holds a portrait, its analysis and a driving clip's tracking. */
  static final int MAX_SESSIONS = 32;

  /** Analysed portraits kept for reuse. */
  static final int MAX_PORTRAITS = 16;

  /** Driving frames a fed session keeps beyond those its calls in flight are using. */
  static final int FED_FRAMES_KEPT = 4;

  /** A session nobody has used for this long is closed and its memory released. */
  static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(10);

  /** Largest encoded portrait file accepted. */
  static final int MAX_PORTRAIT_BYTES = 256 << 20;
}
