package org.portraitperf.jobs;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.Session;
import org.portraitperf.engine.VideoDrivingSource;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
import org.portraitperf.media.VideoWriter;
import org.portraitperf.media.VideoWriter.Format;

/**
 * One portrait driven by one clip, from the inputs on disk to rendered frames: the render path that
 * {@code animate}, batch ranges and {@code render-range} share, so that they produce the same pixels
 * from the same settings. Open it, {@link #start} the engine's session, then {@link #render} any
 * frame ranges, from one thread or several.
 */
public final class TakeRender implements AutoCloseable {
  /** Frames rendering at once per thread: enough to keep every thread busy while one is written. */
  static final int FRAMES_IN_FLIGHT = 2;

  private final EngineSelector.Choice choice;
  private final Path portraitPath;
  private final Path drivingPath;
  private final RgbImage portrait;
  private final VideoDrivingSource source;
  private Session session;
  private Provenance provenance;

  private TakeRender(EngineSelector.Choice choice, Path portraitPath, Path drivingPath, RgbImage portrait,
      VideoDrivingSource source) {
    this.choice = choice;
    this.portraitPath = portraitPath;
    this.drivingPath = drivingPath;
    this.portrait = portrait;
    this.source = source;
  }

  /** Receives rendered frames in frame order. */
  @FunctionalInterface
  public interface FrameSink {
    void accept(int index, RgbaImage frame);
  }

  /**
   * Reads the portrait, opens the driving clip and resolves the engine; no analysis yet.
   *
   * @throws org.portraitperf.media.MediaException when an input is missing, corrupt or too large
   * @throws IllegalArgumentException when {@code engine} names no engine
   */
  public static TakeRender open(EngineSelector engines, String engine, Path portrait, Path driving) {
    return open(engines.choose(engine), portrait, driving);
  }

  /** As {@link #open(EngineSelector, String, Path, Path)}, with the engine already chosen. */
  public static TakeRender open(EngineSelector.Choice choice, Path portrait, Path driving) {
    RgbImage image = Images.read(portrait);
    return new TakeRender(choice, portrait, driving, image, VideoDrivingSource.of(VideoReader.open(driving)));
  }

  public EngineSelector.Choice engine() {
    return choice;
  }

  public VideoInfo driving() {
    return source.info();
  }

  public int frameCount() {
    return source.frameCount();
  }

  public RgbImage portrait() {
    return portrait;
  }

  /** The driving clip's frames, for callers that show them beside the result. */
  public VideoDrivingSource source() {
    return source;
  }

  /** The label and record for outputs of this take; hashes both inputs on first use. */
  public synchronized Provenance provenance() {
    if (provenance == null) {
      provenance = Provenance.of(choice.name(), portraitPath, drivingPath);
    }
    return provenance;
  }

  /**
   * Opens the engine's session: analyses the portrait and prepares the clip's tracking. Once per
   * take; later calls return the same session.
   *
   * @throws org.portraitperf.PortraitPerfException when the portrait has no face or a model is missing
   */
  public synchronized Session start(EngineSettings settings) {
    if (session == null) {
      session = choice.engine().open(portrait, portraitPath.toString(), source, settings);
    }
    return session;
  }

  /**
   * Renders frames {@code from..last} (inclusive) into {@code sink}, in order. Frames are independent,
   * so up to {@link #FRAMES_IN_FLIGHT} per thread render at once on a pool of {@code threads}; the
   * bound keeps memory flat however long the range.
   *
   * @param cancelled polled between frames; when it answers true the render stops with a
   *     {@link CancellationException}
   */
  public void render(int from, int last, int threads, FrameSink sink, BooleanSupplier cancelled) {
    Session running;
    synchronized (this) {
      if (session == null) {
        throw new IllegalStateException("start the session before rendering");
      }
      running = session;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Deque<Future<RgbaImage>> inFlight = new ArrayDeque<>();
    try {
      int next = from;
      for (int t = from; t <= last; t++) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("cancelled at frame " + t);
        }
        while (next <= last && inFlight.size() < FRAMES_IN_FLIGHT * threads) {
          int index = next++;
          inFlight.add(pool.submit(() -> running.render(index)));
        }
        sink.accept(t, await(inFlight.removeFirst()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs {@code frames}, which writes into {@code writer}, then finishes the output; when
   * {@code frames} throws, the output is abandoned instead, so nothing appears under its name.
   */
  public static void fill(VideoWriter writer, Runnable frames) {
    boolean finished = false;
    try {
      frames.run();
      finished = true;
    } finally {
      if (finished) {
        writer.close();
      } else {
        writer.abort();
      }
    }
  }

  /**
   * Writes a rendered frame as its layout asks: with alpha for the face layer, else its colour,
   * with even sides for H.264.
   */
  public static void write(VideoWriter writer, Format format, OutputLayout layout, RgbaImage frame) {
    if (layout == OutputLayout.FACE_LAYER) {
      writer.write(frame);
    } else if (format == Format.H264_MP4 && (frame.width() % 2 != 0 || frame.height() % 2 != 0)) {
      writer.write(evenSided(frame.rgb()));
    } else {
      writer.writeColour(frame);
    }
  }

  /** H.264 4:2:0 needs even sides: an odd one gets its last column or row repeated once. */
  public static RgbImage evenSided(RgbImage image) {
    int width = image.width() + image.width() % 2;
    int height = image.height() + image.height() % 2;
    if (width == image.width() && height == image.height()) {
      return image;
    }
    byte[] out = new byte[width * height * 3];
    int srcRow = image.width() * 3;
    for (int y = 0; y < height; y++) {
      int dst = y * width * 3;
      System.arraycopy(image.pixels(), Math.min(y, image.height() - 1) * srcRow, out, dst, srcRow);
      if (width > image.width()) {
        System.arraycopy(out, dst + srcRow - 3, out, dst + srcRow, 3);
      }
    }
    return new RgbImage(width, height, out);
  }

  /** The rendered frame; a failure inside the render surfaces as itself, not wrapped. */
  private static RgbaImage await(Future<RgbaImage> frame) {
    try {
      return frame.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("rendering failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while rendering");
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (session != null) {
        session.close();
      }
    } finally {
      source.close();
    }
  }
}
