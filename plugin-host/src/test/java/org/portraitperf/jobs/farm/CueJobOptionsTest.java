package org.portraitperf.jobs.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values Cuebot would refuse or quietly change are refused when the options are made. */
class CueJobOptionsTest {
  private static final Path PP = Path.of("/opt/portrait-performance/bin/pp");

  private static CueJobOptions options(String show, String shot, String user, double cores, int gpus,
      MemorySize gpuMemory, List<String> tags, Map<String, String> env, Path launcher) {
    return new CueJobOptions(show, shot, user, null, null, null, null, cores, MemorySize.parse("8g"), gpus, gpuMemory,
        tags, "shell", env, launcher);
  }

  private static String refusal(Runnable make) {
    return assertThrows(IllegalArgumentException.class, make::run).getMessage();
  }

  @Test
  void new_shotWithDashesAndCapitals_isConformedAsCuebotWould() {
    assertEquals("sc_12_tk3", options("testing", "SC-12-tk3", "artist", 4, 0, null, List.of(), Map.of(), PP).shot());
  }

  @Test
  void new_root_isRefused() {
    assertTrue(refusal(() -> options("testing", "sc12", "root", 4, 0, null, List.of(), Map.of(), PP))
        .contains("Cuebot refuses jobs launched as root"));
  }

  @Test
  void new_shortShow_isRefusedNamingTheRule() {
    assertTrue(refusal(() -> options("tv", "sc12", "artist", 4, 0, null, List.of(), Map.of(), PP))
        .startsWith("--show 'tv' must be 3 or more"));
  }

  @Test
  void new_coresBeyondCuebotsLimit_isRefused() {
    assertTrue(refusal(() -> options("testing", "sc12", "artist", 32, 0, null, List.of(), Map.of(), PP))
        .contains("between 0.1 and 24"));
    assertEquals(1, options("testing", "sc12", "artist", 0.5, 0, null, List.of(), Map.of(), PP).threads());
    assertEquals(3, options("testing", "sc12", "artist", 3.7, 0, null, List.of(), Map.of(), PP).threads());
  }

  @Test
  void new_gpusOrGpuMemoryAlone_setsTheOther() {
    CueJobOptions gpus = options("testing", "sc12", "artist", 4, 2, null, List.of(), Map.of(), PP);
    CueJobOptions memory = options("testing", "sc12", "artist", 4, 0, MemorySize.parse("4g"), List.of(), Map.of(), PP);

    assertEquals(MemorySize.parse("1g"), gpus.gpuMemory());
    assertEquals(1, memory.gpus());
  }

  @Test
  void new_tags_loseSpacesAndShortOnesAreRefused() {
    assertEquals(List.of("general", "gpu_a100"),
        options("testing", "sc12", "artist", 4, 0, null, List.of(" general", "gpu_ a100"), Map.of(), PP).tags());
    assertTrue(refusal(() -> options("testing", "sc12", "artist", 4, 0, null, List.of("ab"), Map.of(), PP))
        .startsWith("--tag 'ab'"));
  }

  @Test
  void new_badVariableOrRelativeLauncher_isRefused() {
    assertTrue(refusal(() -> options("testing", "sc12", "artist", 4, 0, null, List.of(), Map.of("PP-X", "1"), PP))
        .startsWith("--env PP-X"));
    assertTrue(refusal(() -> options("testing", "sc12", "artist", 4, 0, null, List.of(), Map.of(), Path.of("bin/pp")))
        .contains("absolute path on the farm hosts"));
  }

  @Test
  void memorySize_formsCuebotReads_andAFractionalGigabyteIsRefused() {
    assertEquals("8g", MemorySize.parse("8g").specText());
    assertEquals("8g", MemorySize.parse("8").specText(), "a bare number is gigabytes, as Cuebot reads it");
    assertEquals("1536m", MemorySize.parse("1536m").specText());
    assertEquals("2g", MemorySize.parse("2048M").specText());
    assertTrue(refusal(() -> MemorySize.parse("1.5g")).contains("write megabytes, e.g. 1536m"));
    assertTrue(refusal(() -> MemorySize.parse("lots")).contains("expected e.g. 8g or 1536m"));
  }

  @Test
  void farmAddress_hostPortForms() {
    assertEquals(new FarmAddress("cuebot.example", 8443), FarmAddress.parse("cuebot.example", 8443));
    assertEquals(new FarmAddress("10.0.0.5", 9000), FarmAddress.parse("10.0.0.5:9000", 8443));
    assertEquals(new FarmAddress("::1", 8443), FarmAddress.parse("[::1]", 8443));
    assertEquals("[::1]:9000", FarmAddress.parse("[::1]:9000", 8443).toString());
    assertTrue(refusal(() -> FarmAddress.parse("cuebot:port", 8443)).contains("port 'port' is not a number"));
    assertTrue(refusal(() -> FarmAddress.parse("::1", 8443)).contains("[ADDRESS]:PORT"));
    assertTrue(refusal(() -> FarmAddress.parse("cuebot:70000", 8443)).contains("is not a TCP port"));
  }
}
