package org.portraitperf.api;

import io.grpc.Status;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbImage;
import org.portraitperf.proto.v1.IndexedFrame;

/**
 * A driving clip only the host can read: its frames arrive with the calls. The engine's tracking
 * makes frame t depend on frames 0..t, so when the engine asks for a frame nobody sent, this source
 * fails the call with DRIVING_FRAME_NEEDED naming the frame; the client sends it and calls again.
 * Frames already tracked are never asked for again, so in-order rendering costs one frame per call
 * and out-of-order rendering stays exactly as consistent as reading a file.
 *
 * <p>Memory: the frames of the calls in flight, held until each call ends, plus the last
 * {@link ApiLimits#FED_FRAMES_KEPT} others (the engine re-reads a frame whose face it holds
 * through a gap). Thread-safe.
 */
final class FedDrivingSource implements DrivingSource {
  private final String name;
  private final int frameCount;
  private final Rational frameRate;
  private final SharedMemory sharedMemory;

  /** Frames pinned by calls in flight, with how many calls pin each. */
  private final Map<Integer, Pinned> pinned = new HashMap<>();
  /** Recently sent frames no call pins any more, least recently used first. */
  private final LinkedHashMap<Integer, RgbImage> kept = new LinkedHashMap<>(16, 0.75f, true);
  private int width;
  private int height;

  private static final class Pinned {
    final RgbImage image;
    int calls;

    Pinned(RgbImage image) {
      this.image = image;
    }
  }

  FedDrivingSource(String name, int frameCount, Rational frameRate, SharedMemory sharedMemory) {
    if (frameCount <= 0) {
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT,
          name + ": a fed clip needs frame_count, the number of frames in the host's clip");
    }
    this.name = name;
    this.frameCount = frameCount;
    this.frameRate = frameRate;
    this.sharedMemory = sharedMemory;
  }

  /**
   * Decodes and pins the frames a call sent, for as long as the call runs.
   *
   * @return closing it unpins them
   * @throws ApiError INVALID_ARGUMENT for a frame outside the clip, malformed, or of another size
   */
  Delivery deliver(List<IndexedFrame> frames) {
    Map<Integer, RgbImage> decoded = new LinkedHashMap<>();
    for (IndexedFrame frame : frames) {
      int index = frame.getIndex();
      if (index >= frameCount) {
        throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_FRAME, name + ": driving frame " + index
            + " is outside the clip (0.." + (frameCount - 1) + ")");
      }
      String what = name + " driving frame " + index;
      decoded.put(index, FrameCodec.decodeRgb(frame.getFrame(), sharedMemory.pixelsOf(frame.getFrame(), what), what));
    }
    synchronized (this) {
      for (Map.Entry<Integer, RgbImage> entry : decoded.entrySet()) {
        requireSize(entry.getKey(), entry.getValue());
      }
      for (Map.Entry<Integer, RgbImage> entry : decoded.entrySet()) {
        pinned.computeIfAbsent(entry.getKey(), index -> new Pinned(entry.getValue())).calls++;
        kept.remove(entry.getKey());
      }
    }
    return new Delivery(List.copyOf(decoded.keySet()));
  }

  /** The frames of one call; closing releases them to the small keep-list. */
  final class Delivery implements AutoCloseable {
    private final List<Integer> indices;

    private Delivery(List<Integer> indices) {
      this.indices = indices;
    }

    @Override
    public void close() {
      synchronized (FedDrivingSource.this) {
        for (int index : indices) {
          Pinned entry = pinned.get(index);
          if (--entry.calls == 0) {
            pinned.remove(index);
            kept.put(index, entry.image);
          }
        }
        while (kept.size() > ApiLimits.FED_FRAMES_KEPT) {
          kept.remove(kept.keySet().iterator().next());
        }
      }
    }
  }

  /** Every frame of a clip has the size of the first one sent, as in a video file. */
  private void requireSize(int index, RgbImage image) {
    if (width == 0) {
      width = image.width();
      height = image.height();
    } else if (image.width() != width || image.height() != height) {
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_FRAME, name + ": driving frame " + index + " is "
          + image.width() + "x" + image.height() + ", expected " + width + "x" + height + " like the frames before it");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int frameCount() {
    return frameCount;
  }

  @Override
  public Rational frameRate() {
    return frameRate;
  }

  @Override
  public synchronized RgbImage frame(int index) {
    Pinned entry = pinned.get(index);
    if (entry != null) {
      return entry.image;
    }
    RgbImage image = kept.get(index);
    if (image == null) {
      throw new ApiError(Status.Code.FAILED_PRECONDITION, Statuses.DRIVING_FRAME_NEEDED, name + ": driving frame "
          + index + " is needed and was not sent (tracking runs through every frame in order); send it in"
          + " driving_frames and call again", Map.of("frame", Integer.toString(index)));
    }
    return image;
  }

  @Override
  public synchronized void close() {
    pinned.clear();
    kept.clear();
  }
}
