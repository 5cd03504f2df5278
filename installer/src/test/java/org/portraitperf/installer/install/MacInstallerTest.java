package org.portraitperf.installer.install;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Os;

/** The macOS layout, on a macOS-like file system fixture (case-insensitive names, POSIX modes). */
class MacInstallerTest extends InstallerContractTest {
  private FileSystem fs;

  @Override
  protected Machine machine() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.osX());
    Files.createDirectories(fs.getPath("/Users/ana"));
    Environment env = new Environment(fs, Map.of(), fs.getPath("/Users/ana"), 501, Optional.empty());
    return new Machine(Os.MACOS, env, Root.system(), Files.createDirectories(fs.getPath("/fixtures")), fs.getPath("/"),
        name -> !name.startsWith("fixtures"));
  }

  @AfterEach
  void closeFileSystem() throws IOException {
    fs.close();
  }
}
