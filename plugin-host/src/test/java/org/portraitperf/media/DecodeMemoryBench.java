package org.portraitperf.media;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.portraitperf.media.VideoWriter.Format;
import org.portraitperf.media.VideoWriter.Options;

/**
 * Decodes a 10-minute 1080p H.264 clip end to end and prints decode speed and peak heap, to show
 * that memory stays flat in clip length. Run it with a small heap, e.g. {@code -Xmx512m}; the
 * clip is generated once (ultrafast preset, a moving pattern) and reused from the temp dir.
 *
 * <p>Arguments (optional): minutes (default 10), clip directory (default java.io.tmpdir).
 */
public final class DecodeMemoryBench {

  private static final int WIDTH = 1920;
  private static final int HEIGHT = 1080;
  private static final int FPS = 25;
  private static final double MIB = 1024.0 * 1024.0;

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
    Path clip = dir.resolve("pp-bench-1080p-" + minutes + "min.mp4");
    if (!Files.exists(clip)) {
      generate(clip, minutes * 60 * FPS);
    }
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long start = System.nanoTime();
    long frames = 0;
    long checksum = 0;
    try (VideoReader reader = VideoReader.open(clip)) {
      VideoInfo info = reader.info();
      System.out.printf("clip: %s, %dx%d, %s fps, %d frames, %.1f s%n", clip, info.width(),
          info.height(), info.frameRate(), info.frameCount(), info.durationMicros() / 1e6);
      for (DecodedFrame f = reader.next(); f != null; f = reader.next()) {
        checksum += f.image().pixels()[(int) (frames % 1000) * 3] & 0xff; // touch the pixels
        frames++;
        if (frames % (FPS * 60) == 0) {
          System.out.printf("  %6d frames, heap used now %5.1f MiB%n", frames, usedMib());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.stop();
    long poolPeaks = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        poolPeaks += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("decoded %d frames in %.1f s: %.1f fps (checksum %d)%n", frames, seconds,
        frames / seconds, checksum);
    System.out.printf("max heap (-Xmx): %.0f MiB%n", Runtime.getRuntime().maxMemory() / MIB);
    System.out.printf("peak heap used, sampled every 10 ms: %.1f MiB%n", sampler.maxUsed() / MIB);
    System.out.printf("sum of heap pools' peak usage (upper bound): %.1f MiB%n", poolPeaks / MIB);
  }

  private static double usedMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
  }

  /** A bright bar and a gradient sliding across: cheap to draw, never a static picture. */
  private static void generate(Path clip, int frames) {
    System.out.printf("generating %s (%d frames)...%n", clip, frames);
    long start = System.nanoTime();
    // One wide texture; each frame is a window into it, so drawing is a row copy.
    int textureWidth = WIDTH * 2;
    byte[] texture = new byte[textureWidth * 3];
    for (int x = 0; x < textureWidth; x++) {
      texture[x * 3] = (byte) (x * 255 / textureWidth);
      texture[x * 3 + 1] = (byte) ((x / 40) % 2 == 0 ? 200 : 60);
      texture[x * 3 + 2] = (byte) (255 - x * 255 / textureWidth);
    }
    Options options = Options.of(Format.H264_MP4, Rational.of(FPS)).withQuality(28, "ultrafast");
    try (VideoWriter writer = VideoWriter.open(clip, options)) {
      byte[] pixels = new byte[WIDTH * HEIGHT * 3];
      for (int i = 0; i < frames; i++) {
        int shift = (i * 7) % WIDTH;
        for (int y = 0; y < HEIGHT; y++) {
          int offset = (shift + y / 4) % WIDTH;
          System.arraycopy(texture, offset * 3, pixels, y * WIDTH * 3, WIDTH * 3);
        }
        writer.write(new RgbImage(WIDTH, HEIGHT, pixels));
      }
    }
    System.out.printf("generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** Polls heap usage on a daemon thread; MemoryMXBean has no peak of its own. */
  private static final class HeapSampler {
    private final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::run, "heap-sampler");

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    long maxUsed() {
      return max.get();
    }

    private void run() {
      var memory = ManagementFactory.getMemoryMXBean();
      while (running) {
        max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
