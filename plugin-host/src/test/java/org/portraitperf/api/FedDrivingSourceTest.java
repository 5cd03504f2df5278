package org.portraitperf.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.proto.v1.Channels;
import org.portraitperf.proto.v1.Depth;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.FrameFormat;
import org.portraitperf.proto.v1.IndexedFrame;
import org.portraitperf.proto.v1.Origin;
import org.portraitperf.proto.v1.SharedRegion;

class FedDrivingSourceTest {
  private static final int WIDTH = 4;
  private static final int HEIGHT = 3;
  private static final int BYTES = WIDTH * HEIGHT * 3;
  /** The layout the bridge sends: the engine's own, so a frame in shared memory is read where it lies. */
  private static final FrameFormat BRIDGE_LAYOUT = FrameFormat.newBuilder().setChannels(Channels.CHANNELS_RGB)
      .setDepth(Depth.DEPTH_U8).setOrigin(Origin.ORIGIN_TOP_LEFT).build();

  @TempDir Path temp;
  private Path file;
  private FedDrivingSource source;

  @BeforeEach
  void open() {
    Path folder = temp.resolve("frames");
    SharedMemory memory = new SharedMemory();
    memory.open(folder);
    file = folder.resolve("1-a.frames");
    source = new FedDrivingSource("host clip", 10, Rational.of(25), memory);
  }

  private static byte[] pattern(int seed) {
    byte[] pixels = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      pixels[i] = (byte) (seed + 7 * i);
    }
    return pixels;
  }

  private IndexedFrame inSharedMemory(int index, FrameFormat format) {
    Frame frame = Frame.newBuilder().setWidth(WIDTH).setHeight(HEIGHT).setRowStride(WIDTH * 3).setFormat(format)
        .setShared(SharedRegion.newBuilder().setFile(file.getFileName().toString()).setLength(BYTES)).build();
    return IndexedFrame.newBuilder().setIndex(index).setFrame(frame).build();
  }

  private static byte[] read(RgbPixels pixels) {
    byte[] out = new byte[BYTES];
    pixels.read(0, out, 0, BYTES);
    return out;
  }

  @Test
  void frame_sentInSharedMemoryInTheEngineLayout_isReadWhereItLies_thenCutOffWhenTheCallEnds() throws Exception {
    Files.write(file, pattern(1));
    RgbPixels lent;
    try (FedDrivingSource.Delivery call = source.deliver(List.of(inSharedMemory(3, BRIDGE_LAYOUT)))) {
      lent = source.frame(3);
      assertArrayEquals(pattern(1), read(lent));
      assertEquals(pattern(1)[5] & 0xff, lent.at(5));

      // No copy: what the client's file holds is what the engine reads.
      Files.write(file, pattern(2));
      assertArrayEquals(pattern(2), read(lent));
    }

    // After the call the client may overwrite the region: a late read fails instead of reading it,
    // and the frame is not kept.
    assertThrows(NullPointerException.class, () -> lent.at(0));
    ApiError needed = assertThrows(ApiError.class, () -> source.frame(3));
    assertEquals(Statuses.DRIVING_FRAME_NEEDED, needed.reason());
    assertEquals("3", needed.details().get("frame"));
  }

  @Test
  void frame_lentToAnotherCall_isReadFromACopyOfItsOwn() throws Exception {
    Files.write(file, pattern(1));
    try (FedDrivingSource.Delivery call = source.deliver(List.of(inSharedMemory(3, BRIDGE_LAYOUT)))) {
      RgbPixels elsewhere = CompletableFuture.supplyAsync(() -> source.frame(3)).get();

      assertInstanceOf(RgbImage.class, elsewhere, "the other call may end while this one reads");
      Files.write(file, pattern(2));
      assertArrayEquals(pattern(1), read(elsewhere));
    }
  }

  @Test
  void frame_sentInAnotherLayout_isDecodedAndKeptAfterTheCall() throws Exception {
    Files.write(file, pattern(1));
    FrameFormat bottomUp = BRIDGE_LAYOUT.toBuilder().setOrigin(Origin.ORIGIN_BOTTOM_LEFT).build();
    RgbPixels decoded;
    try (FedDrivingSource.Delivery call = source.deliver(List.of(inSharedMemory(3, bottomUp)))) {
      decoded = source.frame(3);
    }
    Files.write(file, pattern(2));

    assertSame(decoded, source.frame(3));
    byte[] expected = pattern(1);
    byte[] firstRow = new byte[WIDTH * 3];
    decoded.read(0, firstRow, 0, firstRow.length);
    assertArrayEquals(Arrays.copyOfRange(expected, (HEIGHT - 1) * WIDTH * 3, BYTES), firstRow,
        "bottom row first in the file, top row first in the engine");
  }

  @Test
  void frame_sentInTheMessage_isKeptAfterTheCall() {
    Frame frame = Frame.newBuilder().setWidth(WIDTH).setHeight(HEIGHT).setRowStride(WIDTH * 3).setFormat(BRIDGE_LAYOUT)
        .setPixels(ByteString.copyFrom(pattern(1))).build();
    try (FedDrivingSource.Delivery call = source.deliver(List.of(IndexedFrame.newBuilder().setIndex(3).setFrame(frame).build()))) {
      assertArrayEquals(pattern(1), read(source.frame(3)));
    }

    assertArrayEquals(pattern(1), read(source.frame(3)));
  }
}
