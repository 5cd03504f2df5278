package org.portraitperf.cli;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.portraitperf.media.Images;
import org.portraitperf.media.VideoReader;
import org.portraitperf.testing.Canvas;
import org.portraitperf.testing.TestMedia;

/**
 * End-to-end speed of {@code pp animate} at 1080p, the way a user runs it: {@code lp_s42.jpg}
 * enlarged onto a 1920×1080 canvas (written to the temporary directory) performs {@code lp_d3.mp4}
 * (354 frames) into an H.264 file. Each round is one whole command in this JVM (injector, model
 * load, portrait analysis, decode, tracking, render, encode), so only the first round pays for
 * JVM start-up and JIT warm-up; the fps is frames over the command's wall time, and the CPU time
 * per frame (every thread of the process, the native encoder's included) bounds the fps an idle
 * machine can reach: cores × 1000 / (ms a frame).
 *
 * <p>Run: {@code scripts/bench cli.AnimateBench [rounds] [extra animate options...]}, e.g.
 * {@code scripts/bench cli.AnimateBench 3 --encoder-preset ultrafast}.
 */
public final class AnimateBench {
  private static final String CLIP = "lp_d3.mp4";

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> extra = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path portrait = tmp.resolve("pp-bench-portrait-1080p.png");
    Images.write(portrait, Canvas.centred(TestMedia.image("portraits/lp_s42.jpg"), 1920, 1080));
    Path driving = TestMedia.driving(CLIP);
    Path out = tmp.resolve("pp-bench-take.mp4");
    long frames;
    try (VideoReader reader = VideoReader.open(driving)) {
      frames = reader.info().frameCount();
    }
    List<String> command = new ArrayList<>(List.of("animate", "--portrait", portrait.toString(),
        "--driving", driving.toString(), "--out", out.toString()));
    command.addAll(extra);
    System.out.println("command: pp " + String.join(" ", command));
    System.out.printf(Locale.ROOT, "cores: %d%n", Runtime.getRuntime().availableProcessors());
    // CPU time per frame is the figure that survives a busy machine; wall-clock fps needs an idle one.
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double best = 0;
    for (int round = 1; round <= rounds; round++) {
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      CommandRun run = CommandRun.of(command.toArray(String[]::new));
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6 / frames;
      if (run.code() != ExitCodes.OK) {
        throw new IllegalStateException("animate failed (" + run.code() + "): " + run.err());
      }
      double fps = frames / seconds;
      best = Math.max(best, fps);
      System.out.printf(Locale.ROOT, "round %d: %d frames in %.2f s, %.1f fps; %.1f ms of CPU a frame (all threads,"
          + " native encoder included)%n", round, frames, seconds, fps, cpuMs);
    }
    System.out.printf(Locale.ROOT, "RESULT animate 1080p end to end: best %.1f fps over %d rounds%n", best, rounds);
  }
}
