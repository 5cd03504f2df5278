package org.portraitperf.engine;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.models.ModelsModule;
import org.portraitperf.testing.TestMedia;

/**
 * Self-reenactment on every test clip: the engine against the static portrait, PSNR and SSIM.
 * Run: {@code scripts/bench engine.QualityBench [engine [divisor [step [clip,clip...]]]]}; the
 * recorded figures use the defaults (warp, full resolution, every second frame, every clip), the
 * rest is for quick iteration on a subset.
 */
public final class QualityBench {
  public static void main(String[] args) {
    String engine = args.length > 0 ? args[0] : "warp";
    int divisor = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int step = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<String> only = args.length > 3 ? List.of(args[3].split(",")) : List.of();
    var injector = Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule());
    try (FaceAnalyzer faces = injector.getInstance(FaceAnalyzer.class)) {
      EngineSelector engines = injector.getInstance(EngineSelector.class);
      System.out.println("| clip | frames | engine PSNR | static PSNR | gain | engine SSIM | static SSIM |");
      System.out.println("|---|---|---|---|---|---|---|");
      double gain = 0;
      int clips = 0;
      for (Path clip : TestMedia.all("driving")) {
        if (!only.isEmpty() && !only.contains(clip.getFileName().toString())) {
          continue;
        }
        SelfReenactment.Score s = SelfReenactment.run(engines, engine, clip, divisor, step, Integer.MAX_VALUE);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f dB | %.2f dB | %+.2f dB | %.4f | %.4f |%n", s.clip(), s.frames(),
            s.enginePsnr(), s.baselinePsnr(), s.psnrGain(), s.engineSsim(), s.baselineSsim());
        gain += s.psnrGain();
        clips++;
      }
      System.out.printf(Locale.ROOT, "RESULT mean PSNR gain over the static portrait: %+.2f dB over %d clips%n", gain / clips, clips);
    }
  }
}
