package org.portraitperf.jobs.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files farm hosts can see, and how they spell them. */
class FarmPathsTest {
  @TempDir Path dir;

  @Test
  void onFarm_longestMappingWins_andUnmappedStorageKeepsItsName() throws IOException {
    Path projects = Files.createDirectories(dir.resolve("projects"));
    Path plates = Files.createDirectories(projects.resolve("plates"));
    FarmPaths paths = new FarmPaths(List.of(projects), List.of(
        FarmPaths.Mapping.parse(projects + "=/mnt/projects"), FarmPaths.Mapping.parse(plates + "=/mnt/plates")));

    assertEquals(Path.of("/mnt/projects/sc12/out.mov"), paths.onFarm(projects.resolve("sc12/out.mov")));
    assertEquals(Path.of("/mnt/plates/a.mov"), paths.onFarm(plates.resolve("a.mov")));
    assertEquals(Path.of("/mnt/projects"), paths.onFarm(projects));
    assertEquals(dir.toRealPath().resolve("other/x"), paths.onFarm(dir.resolve("other/x")));
  }

  @Test
  void requireVisible_linkIntoTheStorage_countsAsTheStorage() throws IOException {
    Path projects = Files.createDirectories(dir.resolve("projects"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), projects);
    FarmPaths paths = new FarmPaths(List.of(projects), List.of());

    paths.requireVisible(link.resolve("sc12/out.mov"), "take sc12 output");
    FarmException outside = assertThrows(FarmException.class,
        () -> paths.requireVisible(dir.resolve("home/portrait.png"), "take sc12 portrait"));

    assertTrue(outside.getMessage().startsWith("take sc12 portrait " + dir.resolve("home/portrait.png")
        + ": lies outside the farm roots"), outside.getMessage());
  }

  @Test
  void new_noRoots_isRefusedNamingTheFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FarmPaths(List.of(), List.of())).getMessage()
        .contains("--farm-root"));
  }

  @Test
  void mapping_relativeTargetOrNoEquals_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> FarmPaths.Mapping.parse("/Volumes/p=mnt/p"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FarmPaths.Mapping.parse("/Volumes/p"))
        .getMessage().contains("LOCAL=FARM"));
  }

  @Test
  void problemWith_missingOrWritableRoot() throws IOException {
    assertTrue(FarmPaths.problemWith(dir.resolve("none")).orElseThrow().contains("does not exist"));
    assertTrue(FarmPaths.problemWith(dir).isEmpty());
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count(), "the probe file is removed");
    }
  }
}
