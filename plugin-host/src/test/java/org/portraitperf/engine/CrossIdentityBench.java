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
 * Every test portrait driven by a talking clip and a head-motion clip; prints the correlation of
 * the output's acting with the driving's. Run: {@code scripts/bench engine.CrossIdentityBench
 * [engine [stride [portrait-part [clip-part]]]]}: the recorded figures use stride 1 and every pair;
 * a larger stride and a part of a portrait's or clip's file name give a quick look at a subset.
 */
public final class CrossIdentityBench {
  private static final List<String> CLIPS = List.of("lp_d12.mp4", "lp_d3.mp4");

  public static void main(String[] args) {
    String engine = args.length > 0 ? args[0] : "warp";
    int stride = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String portraitPart = args.length > 2 ? args[2] : "";
    String clipPart = args.length > 3 ? args[3] : "";
    var injector = Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule());
    try (FaceAnalyzer faces = injector.getInstance(FaceAnalyzer.class)) {
      EngineSelector engines = injector.getInstance(EngineSelector.class);
      System.out.println("| portrait | clip | frames | mouth r | eyes r | yaw r | pitch r |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (Path portrait : TestMedia.all("portraits")) {
        for (String clip : CLIPS) {
          if (!portrait.getFileName().toString().contains(portraitPart) || !clip.contains(clipPart)) {
            continue;
          }
          CrossIdentity.Score s = CrossIdentity.run(engines, faces, engine, "portraits/" + portrait.getFileName(),
              TestMedia.driving(clip), Integer.MAX_VALUE, stride);
          System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f |%n", portrait.getFileName(), clip,
              s.frames(), s.mouth(), s.eyes(), s.yaw(), s.pitch());
        }
      }
    }
  }
}
