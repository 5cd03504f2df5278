package org.portraitperf.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.cli.ExitCodes;

/** Bad input to pp-setup: one line naming the input, the documented exit code, no stack trace. */
class SetupCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertOneLine(Run run, int code, String named) {
    assertEquals(code, run.code(), run.err());
    String[] lines = run.err().strip().split("\n");
    assertEquals(1, lines.length, run.err());
    assertTrue(lines[0].startsWith("error: ") && lines[0].contains(named), lines[0]);
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void verify_nothingInstalled_namesTheRecordItLookedFor() {
    assertOneLine(run("verify", "--root", dir.toString()), ExitCodes.BAD_INPUT,
        dir.resolve("opt/portrait-performance/install-record.json").toString());
  }

  @Test
  void install_fromAFolderThatIsNoDistribution_namesIt() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("downloads"));
    assertOneLine(run("install", "--from", folder.toString(), "--root", dir.resolve("root").toString()),
        ExitCodes.BAD_INPUT, folder + ": is not a Portrait Performance distribution");
  }

  @Test
  void install_packWithoutModels_usageError() {
    assertOneLine(run("install", "--without-models", "--with-pack", "liveportrait-onnx-human"), ExitCodes.USAGE,
        "--with-pack");
  }

  @Test
  void install_twoPluginFolders_usageError() {
    assertOneLine(run("uninstall", "--ofx-dir", dir.toString(), "--ofx-plugin-path"), ExitCodes.USAGE, "not both");
  }

  @Test
  void clearHostCaches_noneRememberThePlugin_saysSo() {
    Run run = run("clear-host-caches", "--root", dir.toString(), "--yes");
    assertEquals(ExitCodes.OK, run.code(), run.err());
    assertTrue(run.out().contains("no host plug-in cache remembers Portrait Performance"), run.out());
  }

  @Test
  void unknownOption_usageError() {
    assertEquals(ExitCodes.USAGE, run("install", "--frobnicate").code());
  }
}
