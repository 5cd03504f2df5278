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

/** The Windows layout, on a Windows file system fixture (drive letters, backslashes, no POSIX modes). */
class WindowsInstallerTest extends InstallerContractTest {
  private FileSystem fs;

  @Override
  protected Machine machine() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.windows());
    Files.createDirectories(fs.getPath("C:\\Users\\ana\\AppData\\Roaming"));
    Environment env = new Environment(fs, Map.of(
        "CommonProgramFiles", "C:\\Program Files\\Common Files", "ProgramFiles", "C:\\Program Files",
        "APPDATA", "C:\\Users\\ana\\AppData\\Roaming", "LOCALAPPDATA", "C:\\Users\\ana\\AppData\\Local"),
        fs.getPath("C:\\Users\\ana"), -1, Optional.empty());
    return new Machine(Os.WINDOWS, env, Root.system(), Files.createDirectories(fs.getPath("C:\\fixtures")),
        fs.getPath("C:\\"), name -> !name.startsWith("fixtures"));
  }

  @AfterEach
  void closeFileSystem() throws IOException {
    fs.close();
  }
}
