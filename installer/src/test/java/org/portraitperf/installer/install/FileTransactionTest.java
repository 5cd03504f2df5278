package org.portraitperf.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.testing.TreeSnapshot;

/** All files in place or none: a failure part way through the renames puts back what was there. */
class FileTransactionTest {
  @TempDir Path root;

  private static PlannedFile text(Path target, String text) {
    return new PlannedFile(target, new PlannedFile.FromBytes(text.getBytes(StandardCharsets.UTF_8)), false, Optional.empty());
  }

  @Test
  void commit_failsPartWay_everyReplacedFileRestoredAndNewFilesAndFoldersGone() throws IOException {
    Path app = Files.createDirectories(root.resolve("app"));
    Files.writeString(app.resolve("a.txt"), "old a");
    Files.writeString(app.resolve("b.txt"), "old b");
    Map<String, String> before = TreeSnapshot.of(root);
    FileTransaction transaction = new FileTransaction(Root.system());
    transaction.put(text(app.resolve("a.txt"), "new a"));
    transaction.put(text(app.resolve("new/c.txt"), "new c"));
    transaction.put(text(app.resolve("b.txt"), "new b"));
    // The last staged temporary disappears before the renames reach it (a full disk, another process).
    try (Stream<Path> hidden = Files.list(app)) {
      for (Path temp : hidden.filter(p -> p.getFileName().toString().startsWith(".b.txt.")).toList()) {
        Files.delete(temp);
      }
    }

    InstallerException error = assertThrows(InstallerException.class, transaction::commit);

    assertTrue(error.getMessage().contains("b.txt") && error.getMessage().contains("restored"), error.getMessage());
    assertEquals(before, TreeSnapshot.of(root));
  }

  @Test
  void commit_thenFinish_newContentAndNoHiddenLeftovers() throws IOException {
    Path app = Files.createDirectories(root.resolve("app"));
    Files.writeString(app.resolve("a.txt"), "old a");
    FileTransaction transaction = new FileTransaction(Root.system());
    transaction.put(text(app.resolve("a.txt"), "new a"));
    transaction.put(text(app.resolve("same.txt"), "same"));

    transaction.commit();
    transaction.finish();

    assertEquals("new a", Files.readString(app.resolve("a.txt")));
    try (Stream<Path> entries = Files.list(app)) {
      assertEquals(List.of("a.txt", "same.txt"), entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void put_sameContentAlreadyInPlace_notRewritten() throws IOException {
    Path file = Files.writeString(Files.createDirectories(root.resolve("app")).resolve("a.txt"), "kept");
    FileTransaction.setMode(file, false);
    FileTransaction transaction = new FileTransaction(Root.system());

    transaction.put(text(file, "kept"));

    assertEquals(0, transaction.changedCount());
  }

  @Test
  void root_placesPosixAndWindowsPaths() {
    Root scratch = Root.at(Path.of("/tmp/r"));
    assertEquals(Path.of("/tmp/r/opt/portrait-performance"), scratch.place(Path.of("/opt/portrait-performance")));
    assertEquals(Path.of("/tmp/r"), scratch.place(Path.of("/")));
    assertEquals(Path.of("/opt/x"), Root.system().place(Path.of("/opt/x")));
  }

  @Test
  void root_windowsDriveBecomesAFolder() throws IOException {
    try (var fs = com.google.common.jimfs.Jimfs.newFileSystem(com.google.common.jimfs.Configuration.windows())) {
      Root scratch = Root.at(fs.getPath("D:\\stage"));
      assertEquals(fs.getPath("D:\\stage\\C\\Program Files\\Portrait Performance"),
          scratch.place(fs.getPath("C:\\Program Files\\Portrait Performance")));
    }
  }
}
