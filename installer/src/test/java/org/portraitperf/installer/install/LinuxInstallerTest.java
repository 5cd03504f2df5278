package org.portraitperf.installer.install;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Os;

/** The Linux layout, installed for real on this machine's file system under a scratch root. */
class LinuxInstallerTest extends InstallerContractTest {
  @TempDir Path scratch;
  @TempDir Path fixtures;

  @Override
  protected Machine machine() throws IOException {
    Path root = Files.createDirectories(scratch.resolve("root"));
    Environment env = new Environment(FileSystems.getDefault(), Map.of(), Path.of("/home/ana"), 1000, Optional.empty());
    return new Machine(Os.LINUX, env, Root.at(root), fixtures, root, name -> true);
  }
}
