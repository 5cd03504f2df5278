package org.portraitperf.engine;

import com.google.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves the {@code engine} control to an engine: a registered name as asked, or {@code auto},
 * which takes the first ready engine in {@link #AUTO_PREFERENCE} and says why. Engines register
 * themselves in the map (see {@link EngineModule}); this class decides at run time, from each
 * engine's own readiness, so modules stay free of conditions.
 */
public final class EngineSelector {
  public static final String AUTO = "auto";

  /** Best first: the neural engine when its pack is installed, else the embedded warp. */
  static final List<String> AUTO_PREFERENCE = List.of("neural", "warp");

  private final Map<String, AnimationEngine> engines;

  @Inject
  EngineSelector(Map<String, AnimationEngine> engines) {
    this.engines = engines;
  }

  /**
   * @param name the engine chosen
   * @param engine the engine itself
   * @param reason one line for users: why this engine
   */
  public record Choice(String name, AnimationEngine engine, String reason) {}

  /**
   * The engine for a value of the {@code engine} control.
   *
   * @throws IllegalArgumentException for a name that is neither {@code auto} nor registered
   */
  public Choice choose(String requested) {
    if (!requested.equals(AUTO)) {
      AnimationEngine engine = engines.get(requested);
      if (engine == null) {
        throw new IllegalArgumentException(Controls.ENGINE + " '" + requested + "' is not one of: " + names());
      }
      return new Choice(requested, engine, "as asked");
    }
    StringBuilder passedOver = new StringBuilder();
    for (String name : AUTO_PREFERENCE) {
      AnimationEngine engine = engines.get(name);
      if (engine == null) {
        passedOver.append(name).append(" is not part of this build; ");
      } else if (!engine.info().ready()) {
        passedOver.append(name).append(" is not ready (").append(engine.info().description()).append("); ");
      } else {
        return new Choice(name, engine, "auto: " + passedOver + "picked " + name + ", " + engine.info().description());
      }
    }
    // Nothing is ready: the embedded engine fails at open with the model that is missing.
    String fallback = AUTO_PREFERENCE.get(AUTO_PREFERENCE.size() - 1);
    return new Choice(fallback, engines.get(fallback), "auto: " + passedOver + "falling back to " + fallback);
  }

  /** Every registered engine's state, by name, for {@code doctor}. */
  public List<EngineInfo> infos() {
    return new TreeSet<>(engines.keySet()).stream().map(name -> engines.get(name).info()).toList();
  }

  /** The values the control accepts, for messages and help. */
  public String names() {
    TreeSet<String> names = new TreeSet<>(engines.keySet());
    return AUTO + ", " + String.join(", ", names);
  }
}
