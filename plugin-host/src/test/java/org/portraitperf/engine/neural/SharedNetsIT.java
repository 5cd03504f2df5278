package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.models.InstalledPack;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.ModelPacks;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.PackProgress;
import org.portraitperf.testing.LivePortraitTestPack;

/** Networks shared between sessions, loaded by real ONNX Runtime from a generated pack. */
class SharedNetsIT {
  private static final float[] BLACK = new float[3 * LivePortraitNets.INPUT_SIDE * LivePortraitNets.INPUT_SIDE];

  @TempDir Path dir;
  private InstalledPack pack;
  private final SharedNets shared = new SharedNets();

  @BeforeEach
  void installGeneratedPack() throws IOException {
    LivePortraitTestPack generated = LivePortraitTestPack.write(dir.resolve("published"));
    ModelPacks packs = com.google.inject.Guice.createInjector(binder -> binder.bind(ModelStore.class)
        .toInstance(new ModelStore(dir.resolve("models")))).getInstance(ModelPacks.class);
    packs.install(generated.manifest("test-liveportrait", URI.create("https://unreachable.invalid/")),
        Optional.of(generated.folder()), PackProgress.SILENT);
    pack = packs.verified(LivePortraitTestPack.FORMAT).orElseThrow();
  }

  @Test
  void acquire_twoSessionsOfOnePack_shareOneLoad() {
    try (SharedNets.Lease first = shared.acquire(pack, false);
        SharedNets.Lease second = shared.acquire(pack, false)) {
      assertSame(first.nets(), second.nets());
    }
  }

  @Test
  void acquire_afterTheLastSessionClosed_findsTheNetworksStillLoaded() {
    SharedNets.Lease first = shared.acquire(pack, false);
    LivePortraitNets nets = first.nets();
    first.close();
    first.close();

    try (SharedNets.Lease again = shared.acquire(pack, false)) {
      assertSame(nets, again.nets());
      assertDoesNotThrow(() -> again.nets().motion(BLACK));
    }
  }

  @Test
  void acquire_anotherPack_releasesIdleNetworksButNotHeldOnes() throws IOException {
    InstalledPack copy = new InstalledPack(pack.manifest(), copyOf(pack, dir.resolve("copy")));
    SharedNets.Lease held = shared.acquire(pack, false);
    try (SharedNets.Lease other = shared.acquire(copy, false)) {
      assertNotSame(held.nets(), other.nets());
      assertDoesNotThrow(() -> held.nets().motion(BLACK), "a held pack stays loaded");
    }
    held.close();
    LivePortraitNets idle = held.nets();

    try (SharedNets.Lease cpuOnly = shared.acquire(pack, true)) {
      assertNotSame(idle, cpuOnly.nets(), "another device choice loads its own networks");
      assertThrows(IllegalStateException.class, () -> idle.motion(BLACK), "idle networks were released");
    }
  }

  @Test
  void acquire_packThatFailsToLoad_keepsNothingAndLeavesOthersWorking() throws IOException {
    Path broken = copyOf(pack, dir.resolve("broken"));
    LivePortraitTestPack.writeMotionWithShortKeypoints(broken.resolve("motion_extractor.onnx"));

    assertThrows(ModelException.class, () -> shared.acquire(new InstalledPack(pack.manifest(), broken), false));
    try (SharedNets.Lease good = shared.acquire(pack, false)) {
      assertDoesNotThrow(() -> good.nets().motion(BLACK));
    }
  }

  private static Path copyOf(InstalledPack pack, Path folder) throws IOException {
    Files.createDirectories(folder);
    for (var file : pack.manifest().files()) {
      Files.copy(pack.folder().resolve(file.name()), folder.resolve(file.name()));
    }
    return folder;
  }
}
