package org.portraitperf.media;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.portraitperf.testing.Canvas;
import org.portraitperf.testing.ImageQuality;
import org.portraitperf.testing.TestMedia;

/**
 * What writing a 1080p H.264 take costs per frame, colour conversion included, for each x264
 * preset: the frames of {@code lp_d3.mp4} enlarged onto a 1920×1080 canvas, held in memory as
 * RGBA and written with {@link VideoWriter#writeColour} as {@code pp animate} writes them. Prints
 * the writing thread's CPU time, the whole process's (the encoder's own threads included), the
 * output size and the decoded take's mean PSNR against the frames written.
 *
 * <p>Run: {@code scripts/bench media.EncodeBench [frames] [preset...]}.
 */
public final class EncodeBench {

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 120;
    List<String> presets = args.length > 1 ? List.of(args).subList(1, args.length)
        : List.of("veryfast", "superfast", "ultrafast");
    List<RgbaImage> frames = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(TestMedia.driving("lp_d3.mp4"))) {
      for (DecodedFrame f = reader.next(); f != null && frames.size() < count; f = reader.next()) {
        RgbImage canvas = Canvas.centred(f.image(), 1920, 1080);
        frames.add(RgbaImage.of(canvas, new GrayImage(1920, 1080, new byte[1920 * 1080])));
      }
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Path out = Files.createTempDirectory("pp-encode-bench").resolve("take.mp4");
    for (String preset : presets) {
      for (int round = 0; round < 2; round++) { // the first round warms up
        long process = os.getProcessCpuTime();
        long thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (VideoWriter writer = VideoWriter.open(out, VideoWriter.Options.of(VideoWriter.Format.H264_MP4,
            new Rational(25, 1)).withQuality(VideoWriter.Options.DEFAULT_CRF, preset))) {
          for (RgbaImage frame : frames) {
            writer.writeColour(frame);
          }
        }
        if (round == 1) {
          System.out.printf(Locale.ROOT, "RESULT encode 1080p x264 %s CRF %d: writer thread %.1f ms/frame,"
              + " process %.1f ms/frame CPU, wall %.1f ms/frame, %d kB, PSNR %.2f dB%n", preset,
              VideoWriter.Options.DEFAULT_CRF,
              (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread) / 1e6 / frames.size(),
              (os.getProcessCpuTime() - process) / 1e6 / frames.size(),
              (System.nanoTime() - start) / 1e6 / frames.size(), Files.size(out) / 1024, meanPsnr(out, frames));
        }
      }
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(out.getParent());
  }

  /** What the encoding costs in picture quality: the decoded take against the frames written. */
  private static double meanPsnr(Path take, List<RgbaImage> frames) {
    double sum = 0;
    try (VideoReader reader = VideoReader.open(take)) {
      for (RgbaImage frame : frames) {
        sum += ImageQuality.psnr(frame.rgb(), reader.next().image());
      }
    }
    return sum / frames.size();
  }
}
