package org.portraitperf.engine;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.models.ModelsModule;
import org.portraitperf.testing.TestMedia;

/**
 * Every test portrait driven by a talking clip and a head-motion clip; prints the correlation of
 * the output's acting with the driving's. Run: {@code scripts/bench engine.CrossIdentityBench
 * [--head-still] [engine [stride [portrait-part [clip-part]]]]}: the recorded figures use stride 1
 * and every pair; a larger stride and a part of a portrait's or clip's file name give a quick look
 * at a subset.
 *
 * <p>{@code --head-still} renders with the head-pose gain at 0, so the portrait's head keeps its
 * pose: a diagnostic. The landmark model's eye and mouth readings change with the head's pose (a
 * face turned away shows a narrower eye, so a larger aspect), and a portrait that starts turned
 * turns through other angles than its driver; held still, the correlations show how well the
 * openness itself is carried over.
 */
public final class CrossIdentityBench {
  private static final List<String> CLIPS = List.of("lp_d12.mp4", "lp_d3.mp4");

  public static void main(String[] arguments) {
    boolean headStill = arguments.length > 0 && arguments[0].equals("--head-still");
    String[] args = headStill ? Arrays.copyOfRange(arguments, 1, arguments.length) : arguments;
    EngineSettings settings = headStill ? headStill(EngineSettings.DEFAULTS) : EngineSettings.DEFAULTS;
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
              TestMedia.driving(clip), Integer.MAX_VALUE, stride, settings);
          System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f |%n", portrait.getFileName(), clip,
              s.frames(), s.mouth(), s.eyes(), s.yaw(), s.pitch());
        }
      }
    }
  }

  private static EngineSettings headStill(EngineSettings s) {
    EngineSettings.RegionGains g = s.gains();
    return new EngineSettings(s.reference(), s.motion(), new EngineSettings.RegionGains(0, g.expression(), g.eyes(), g.lips()),
        s.strength(), s.detail(), s.smoothing(), s.feather(), s.colourMatch(), s.face(), s.layout());
  }
}
