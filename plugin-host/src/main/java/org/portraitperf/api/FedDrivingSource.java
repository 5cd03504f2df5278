package org.portraitperf.api;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.proto.v1.IndexedFrame;

/**
 * A driving clip only the host can read: its frames arrive with the calls. The engine's tracking
 * makes frame t depend on frames 0..t, so when the engine asks for a frame nobody sent, this source
 * fails the call with DRIVING_FRAME_NEEDED naming the frame; the client sends it and calls again.
 * Frames already tracked are never asked for again, except the picture of a face held through a
 * gap, once per gap; so in-order rendering costs one frame per call and out-of-order rendering
 * stays exactly as consistent as reading a file.
 *
 * <p>Frames sent through shared memory in the engine's own layout are not copied: the call that
 * sent one reads it where it lies ({@link LentPixels}) and lets go of it when it ends. A call reading
 * a frame another call is still lent gets a copy, since the other may end first. Frames sent any
 * other way are decoded into images of the sidecar's own.
 *
 * <p>Memory: the decoded frames of the calls in flight, plus the last {@link ApiLimits#FED_FRAMES_KEPT}
 * decoded frames no call uses any more. Thread-safe.
 */
final class FedDrivingSource implements DrivingSource {
  private final String name;
  private final int frameCount;
  private final Rational frameRate;
  private final SharedMemory sharedMemory;

  /** Frames the calls in flight sent, per index: each call's own, released when that call ends. */
  private final Map<Integer, List<Sent>> inFlight = new HashMap<>();
  /** Recently sent decoded frames no call uses any more, least recently used first. */
  private final LinkedHashMap<Integer, RgbImage> kept = new LinkedHashMap<>(16, 0.75f, true);
  private int width;
  private int height;

  /** A frame one call sent: lent pixels are read only on the thread of the call they were lent to. */
  private record Sent(int index, Thread call, RgbPixels pixels) {}

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
   * Reads and holds the frames a call sent, for as long as the call runs; the call's own thread
   * reads and closes them.
   *
   * @return closing it lets go of them
   * @throws ApiError INVALID_ARGUMENT for a frame outside the clip, malformed, or of another size
   */
  Delivery deliver(List<IndexedFrame> frames) {
    Map<Integer, RgbPixels> read = new LinkedHashMap<>();
    for (IndexedFrame frame : frames) {
      int index = frame.getIndex();
      if (index >= frameCount) {
        throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_FRAME, name + ": driving frame " + index
            + " is outside the clip (0.." + (frameCount - 1) + ")");
      }
      String what = name + " driving frame " + index;
      read.put(index, FrameCodec.readRgb(frame.getFrame(), sharedMemory.pixelsOf(frame.getFrame(), what), what));
    }
    List<Sent> sent = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<Integer, RgbPixels> entry : read.entrySet()) {
        requireSize(entry.getKey(), entry.getValue());
      }
      for (Map.Entry<Integer, RgbPixels> entry : read.entrySet()) {
        Sent frame = new Sent(entry.getKey(), Thread.currentThread(), entry.getValue());
        inFlight.computeIfAbsent(frame.index(), index -> new ArrayList<>()).add(frame);
        kept.remove(frame.index());
        sent.add(frame);
      }
    }
    return new Delivery(sent);
  }

  /** The frames of one call; closing lets go of them, keeping a few decoded ones. */
  final class Delivery implements AutoCloseable {
    private final List<Sent> frames;

    private Delivery(List<Sent> frames) {
      this.frames = frames;
    }

    @Override
    public void close() {
      synchronized (FedDrivingSource.this) {
        for (Sent frame : frames) {
          List<Sent> calls = inFlight.get(frame.index());
          // None when the session closed while this call ran.
          if (calls != null && calls.remove(frame) && calls.isEmpty()) {
            inFlight.remove(frame.index());
          }
          if (frame.pixels() instanceof LentPixels lent) {
            lent.release();
          } else {
            kept.put(frame.index(), frame.pixels().toImage());
          }
        }
        while (kept.size() > ApiLimits.FED_FRAMES_KEPT) {
          kept.remove(kept.keySet().iterator().next());
        }
      }
    }
  }

  /** Every frame of a clip has the size of the first one sent, as in a video file. */
  private void requireSize(int index, RgbPixels image) {
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
  public synchronized RgbPixels frame(int index) {
    List<Sent> sent = inFlight.get(index);
    if (sent != null) {
      for (Sent frame : sent) {
        if (frame.call() == Thread.currentThread() || !(frame.pixels() instanceof LentPixels)) {
          return frame.pixels();
        }
      }
      // Lent to another call, which may end and let the client overwrite it while this one reads.
      return sent.get(0).pixels().toImage();
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
    inFlight.clear();
    kept.clear();
  }
}
