package org.portraitperf.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import org.junit.jupiter.api.Test;
import org.portraitperf.face.FaceModule;
import org.portraitperf.models.ModelsModule;

/** The production wiring: engines register themselves and auto says what it picked. Loads no model. */
class EngineSelectorTest {
  private final EngineSelector engines =
      Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule()).getInstance(EngineSelector.class);

  @Test
  void choose_warp_givesTheWarpEngine() {
    EngineSelector.Choice choice = engines.choose("warp");
    assertEquals("warp", choice.name());
    assertEquals("warp", choice.engine().info().name());
  }

  @Test
  void choose_auto_withoutNeuralPack_picksWarpAndSaysWhy() {
    EngineSelector.Choice choice = engines.choose(EngineSelector.AUTO);
    assertEquals("warp", choice.name());
    assertTrue(choice.reason().contains("neural is not ready (no verified LivePortrait model pack"), choice.reason());
  }

  @Test
  void choose_neural_givesTheNeuralEngine() {
    EngineSelector.Choice choice = engines.choose("neural");
    assertEquals("neural", choice.engine().info().name());
  }

  @Test
  void choose_unknownName_isRefusedListingTheNames() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> engines.choose("magic"));
    assertTrue(error.getMessage().contains("auto, neural, warp"), error.getMessage());
  }
}
