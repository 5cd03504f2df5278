package org.portraitperf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.SharedRegion;

class SharedMemoryTest {
  @TempDir Path temp;

  private static SharedRegion region(String file, long offset, long length) {
    return SharedRegion.newBuilder().setFile(file).setOffset(offset).setLength(length).build();
  }

  private static Frame sharedFrame(SharedRegion region) {
    return Frame.newBuilder().setShared(region).build();
  }

  private SharedMemory opened(Path folder) {
    SharedMemory memory = new SharedMemory();
    memory.open(folder);
    return memory;
  }

  @Test
  void open_newFolder_isMadePrivateAndOffered() throws Exception {
    Path folder = temp.resolve("frames");
    SharedMemory memory = opened(folder);

    assertEquals(folder, memory.folder().orElseThrow());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
  }

  @Test
  void pixelsOf_regionOfAFile_readsItsBytes_andAWrittenAnswerLandsInTheFile() throws Exception {
    Path folder = temp.resolve("frames");
    SharedMemory memory = opened(folder);
    Files.write(folder.resolve("1-a.frames"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    ByteBuffer pixels = memory.pixelsOf(sharedFrame(region("1-a.frames", 2, 3)), "driving frame 0");
    assertEquals(3, pixels.remaining());
    assertEquals(3, pixels.get(0));
    assertEquals(5, pixels.get(2));

    memory.writable(region("1-a.frames", 6, 2), "answer").put(0, (byte) 42);
    assertEquals(42, Files.readAllBytes(folder.resolve("1-a.frames"))[6]);
  }

  @Test
  void pixelsOf_fileReplacedUnderTheSameName_readsTheNewFile() throws Exception {
    Path folder = temp.resolve("frames");
    SharedMemory memory = opened(folder);
    Path file = folder.resolve("1-a.frames");
    Files.write(file, new byte[] {1, 1, 1, 1});
    assertEquals(1, memory.pixelsOf(sharedFrame(region("1-a.frames", 0, 4)), "frame").get(0));

    Files.delete(file);
    Files.write(file, new byte[] {9, 9, 9, 9, 9, 9});
    assertEquals(9, memory.pixelsOf(sharedFrame(region("1-a.frames", 0, 6)), "frame").get(0));
  }

  @Test
  void pixelsOf_namesOutsideTheFolderLinksAndBadRegions_areRefusedNamingTheInput() throws Exception {
    Path folder = temp.resolve("frames");
    SharedMemory memory = opened(folder);
    Files.write(temp.resolve("secret"), new byte[16]);
    Files.write(folder.resolve("1-a.frames"), new byte[16]);
    Files.createSymbolicLink(folder.resolve("1-link.frames"), temp.resolve("secret"));
    Files.createDirectory(folder.resolve("1-dir"));

    for (SharedRegion bad : new SharedRegion[] {region("../secret", 0, 4), region("..", 0, 4),
        region("sub/1-a.frames", 0, 4), region("1-link.frames", 0, 4), region("1-dir", 0, 4),
        region("1-missing.frames", 0, 4), region("1-a.frames", 8, 9), region("1-a.frames", -1, 4)}) {
      ApiError error = assertThrows(ApiError.class, () -> memory.pixelsOf(sharedFrame(bad), "driving frame 7"));
      assertEquals(Statuses.SHARED_MEMORY, error.reason(), bad.toString());
      assertTrue(error.getMessage().startsWith("driving frame 7: "), error.getMessage());
    }
  }

  @Test
  void pixelsOf_sidecarWithoutSharedMemory_refusesRegions_butReadsMessagePixels() {
    SharedMemory memory = new SharedMemory();

    assertFalse(memory.folder().isPresent());
    assertEquals(Statuses.SHARED_MEMORY,
        assertThrows(ApiError.class, () -> memory.pixelsOf(sharedFrame(region("1-a", 0, 1)), "frame")).reason());
    assertEquals(3, memory.pixelsOf(Frame.newBuilder()
        .setPixels(com.google.protobuf.ByteString.copyFrom(new byte[3])).build(), "frame").remaining());
  }

  @Test
  void folderFor_socketInARamFolder_isAFolderNamedAfterTheSocket() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"), "needs a RAM file system");
    // As /tmp is on many systems: a shared RAM folder, which may hold a "frames" folder of the user's own.
    Path shared = Files.createTempDirectory(shm, "pp-test");
    try {
      assertEquals(shared.resolve("pp.sock.frames"), SharedMemory.folderFor(shared.resolve("pp.sock")));
    } finally {
      Files.delete(shared);
    }
  }

  @Test
  void removeOrphans_filesOfStoppedProcesses_areRemoved_othersKept() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Path folder = temp.resolve("frames");
    Files.createDirectories(folder);
    Path orphan = Files.write(folder.resolve(finished.pid() + "-ofx-1.frames"), new byte[4]);
    Path live = Files.write(folder.resolve(ProcessHandle.current().pid() + "-cli-1.frames"), new byte[4]);
    Path other = Files.write(folder.resolve("notes.txt"), new byte[4]);
    Path numbered = Files.write(folder.resolve(finished.pid() + "-shot.png"), new byte[4]);

    SharedMemory memory = opened(folder);

    assertFalse(Files.exists(orphan), "removed when the folder is opened");
    assertTrue(Files.exists(live));
    assertTrue(Files.exists(other));
    assertTrue(Files.exists(numbered), "a file not named as a client names its frames is never removed");
    assertEquals(0, memory.removeOrphans());
  }
}
