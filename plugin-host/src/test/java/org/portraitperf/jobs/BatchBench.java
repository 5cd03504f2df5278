package org.portraitperf.jobs;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.portraitperf.AtomicFiles;
import org.portraitperf.engine.EngineModule;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.media.Images;
import org.portraitperf.media.Resampling;
import org.portraitperf.media.RgbImage;
import org.portraitperf.models.ModelsModule;
import org.portraitperf.testing.TestMedia;

/**
 * Batch throughput: a 10-take job at 1080p rendered with 1 and with 2 workers, as takes per hour.
 * Each take is {@code lp_s9.jpg} enlarged 1.5x to 1080x1920 (a vertical 1080p frame, the same pixel
 * count as 1920x1080) driven by a different stretch of {@code lp_d12.mp4} (with its audio), H.264
 * output, ranges of half a take. Submission, range rendering, assembly and provenance are all
 * timed; a one-take job first warms the JIT up.
 *
 * <p>{@code scripts/bench jobs.BatchBench [frames per take] [rounds]}, defaults 24 and 1.
 */
public final class BatchBench {
  private static final int TAKES = 10;

  private BatchBench() {}

  public static void main(String[] args) throws IOException {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path dir = Files.createTempDirectory("pp-batch-bench");
    RgbImage small = TestMedia.image("portraits/lp_s9.jpg");
    Path portrait = dir.resolve("portrait-1080x1920.png");
    Images.write(portrait, Resampling.resize(small, small.width() * 3 / 2, small.height() * 3 / 2));
    Injector injector = Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule());
    try (FaceAnalyzer faces = injector.getInstance(FaceAnalyzer.class)) {
      Jobs jobs = new Jobs(injector.getInstance(EngineSelector.class));
      time(jobs, dir.resolve("warm-up"), portrait, 1, frames, 1);
      List<String> results = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        // Alternating the order spreads drifting machine load over both figures.
        int[] order = round % 2 == 0 ? new int[] {1, 2} : new int[] {2, 1};
        for (int workers : order) {
          String load = loadAverage();
          double seconds = time(jobs, dir.resolve("r" + round + "-w" + workers), portrait, TAKES, frames, workers);
          results.add(String.format(Locale.ROOT, "RESULT workers %d: %d takes x %d frames at 1080x1920 in %.1f s"
              + " = %.0f takes/hour (%.2f fps); load average before %s", workers, TAKES, frames, seconds,
              TAKES * 3600 / seconds, TAKES * frames / seconds, load));
          System.out.println(results.get(results.size() - 1));
        }
      }
      System.out.println(String.join("\n", results));
    } finally {
      AtomicFiles.discard(dir);
    }
  }

  private static double time(Jobs jobs, Path root, Path portrait, int takes, int frames, int workers)
      throws IOException {
    Files.createDirectories(root);
    StringBuilder manifest = new StringBuilder("version: 1\nrangeSize: " + Math.max(1, frames / 2)
        + "\ndefaults: {engine: warp}\ntakes:\n");
    for (int i = 0; i < takes; i++) {
      int in = i * 12;
      manifest.append(String.format(Locale.ROOT, "  - {name: t%02d, portrait: %s, driving: %s, in: %d, out: %d,"
          + " output: t%02d.mp4}%n", i, portrait, TestMedia.driving("lp_d12.mp4"), in, in + frames - 1, i));
    }
    Path file = Files.writeString(root.resolve("batch.yaml"), manifest);
    long start = System.nanoTime();
    try (JobService service = jobs.open(root)) {
      JobStatus status = service.run(service.submit(BatchManifest.read(file)), workers, JobListener.NONE);
      if (status.count(TakeState.DONE) != takes) {
        throw new IllegalStateException("not every take was rendered: " + status);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
