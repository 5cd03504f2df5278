package org.portraitperf.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.proto.v1.Channels;
import org.portraitperf.proto.v1.Depth;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.FrameFormat;
import org.portraitperf.proto.v1.Origin;

class FrameCodecTest {
  /** 3x2, every sample different, alpha 0, partial and full. */
  private static RgbaImage sample() {
    byte[] pixels = new byte[3 * 2 * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 11);
    }
    int[] alphas = {255, 128, 0, 255, 64, 255};
    for (int p = 0; p < alphas.length; p++) {
      pixels[p * 4 + 3] = (byte) alphas[p];
    }
    return new RgbaImage(3, 2, pixels);
  }

  private static FrameFormat format(Channels channels, Depth depth, Origin origin, boolean premultiplied) {
    return FrameFormat.newBuilder().setChannels(channels).setDepth(depth).setOrigin(origin)
        .setPremultiplied(premultiplied).build();
  }

  @Test
  void roundTrip_straightFormats_giveBackTheSamePixels() {
    RgbaImage image = sample();
    for (Depth depth : new Depth[] {Depth.DEPTH_U8, Depth.DEPTH_U16, Depth.DEPTH_F32}) {
      for (Origin origin : new Origin[] {Origin.ORIGIN_TOP_LEFT, Origin.ORIGIN_BOTTOM_LEFT}) {
        Frame frame = FrameCodec.encode(image, format(Channels.CHANNELS_RGBA, depth, origin, false));
        assertArrayEquals(image.pixels(), FrameCodec.decode(frame, "test").pixels(), depth + " " + origin);
      }
    }
  }

  @Test
  void encode_bottomLeftOrigin_putsTheBottomRowFirst() {
    Frame frame = FrameCodec.encode(sample(), format(Channels.CHANNELS_RGBA, Depth.DEPTH_U8, Origin.ORIGIN_BOTTOM_LEFT, false));

    byte[] bytes = frame.getPixels().toByteArray();
    assertEquals(sample().pixels()[12], bytes[0], "first byte is the bottom row's first sample");
  }

  @Test
  void roundTrip_premultiplied_keepsOpaqueColourAndClearsTransparent() {
    RgbaImage image = sample();
    Frame frame = FrameCodec.encode(image, format(Channels.CHANNELS_RGBA, Depth.DEPTH_F32, Origin.ORIGIN_TOP_LEFT, true));
    RgbaImage back = FrameCodec.decode(frame, "test");

    assertEquals(image.pixels()[0], back.pixels()[0], "opaque pixel unchanged");
    assertEquals(0, back.pixels()[8], "fully transparent pixel has no colour left");
    assertEquals(image.pixels()[4] & 0xff, back.pixels()[4] & 0xff, 2.0, "half-transparent colour recovered to rounding");
  }

  @Test
  void decodeRgb_everyFormat_givesTheColourOfTheRgbaDecode() {
    RgbaImage image = sample();
    for (Channels channels : new Channels[] {Channels.CHANNELS_RGB, Channels.CHANNELS_RGBA}) {
      for (Depth depth : new Depth[] {Depth.DEPTH_U8, Depth.DEPTH_U16, Depth.DEPTH_F32}) {
        for (Origin origin : new Origin[] {Origin.ORIGIN_TOP_LEFT, Origin.ORIGIN_BOTTOM_LEFT}) {
          Frame frame = FrameCodec.encode(image, format(channels, depth, origin, false));

          assertArrayEquals(FrameCodec.decode(frame, "test").rgb().pixels(), FrameCodec.decodeRgb(frame, "test").pixels(),
              channels + " " + depth + " " + origin);
        }
      }
    }
  }

  @Test
  void decodeRgb_paddedBottomUpRgba_dropsPaddingAndAlpha() {
    byte[] padded = new byte[12 * 2];
    for (int i = 0; i < 8; i++) {
      padded[i] = (byte) (10 + i);
      padded[12 + i] = (byte) (20 + i);
    }
    Frame frame = Frame.newBuilder().setWidth(2).setHeight(2).setRowStride(12).setPixels(ByteString.copyFrom(padded))
        .setFormat(format(Channels.CHANNELS_RGBA, Depth.DEPTH_U8, Origin.ORIGIN_BOTTOM_LEFT, false)).build();

    assertArrayEquals(new byte[] {20, 21, 22, 24, 25, 26, 10, 11, 12, 14, 15, 16},
        FrameCodec.decodeRgb(frame, "test").pixels());
  }

  @Test
  void decode_paddedRowsOfRgb_readsEachRowAndMakesItOpaque() {
    byte[] padded = new byte[8 * 2];
    for (int i = 0; i < 6; i++) {
      padded[i] = (byte) (10 + i);
      padded[8 + i] = (byte) (20 + i);
    }
    Frame frame = Frame.newBuilder().setWidth(2).setHeight(2).setRowStride(8).setPixels(ByteString.copyFrom(padded))
        .setFormat(format(Channels.CHANNELS_RGB, Depth.DEPTH_U8, Origin.ORIGIN_TOP_LEFT, false)).build();

    RgbaImage image = FrameCodec.decode(frame, "test");

    assertArrayEquals(new byte[] {10, 11, 12, -1, 13, 14, 15, -1, 20, 21, 22, -1, 23, 24, 25, -1}, image.pixels());
  }

  @Test
  void decode_inconsistentGeometry_failsInvalidArgumentNamingTheProblem() {
    FrameFormat rgba8 = format(Channels.CHANNELS_RGBA, Depth.DEPTH_U8, Origin.ORIGIN_TOP_LEFT, false);
    Frame[] broken = {
        Frame.newBuilder().setWidth(4).setHeight(2).setRowStride(8).setFormat(rgba8).setPixels(ByteString.copyFrom(new byte[16])).build(),
        Frame.newBuilder().setWidth(2).setHeight(2).setRowStride(8).setFormat(rgba8).setPixels(ByteString.copyFrom(new byte[10])).build(),
        Frame.newBuilder().setWidth(7681).setHeight(4321).setRowStride(4 * 7681).setFormat(rgba8).build(),
        Frame.newBuilder().setWidth(2).setHeight(2).setRowStride(8).setPixels(ByteString.copyFrom(new byte[16])).build(),
    };
    String[] expected = {"row stride 8 is shorter", "pixels hold 10 bytes", "frame size 7681x4321", "channels CHANNELS_UNSPECIFIED"};

    for (int i = 0; i < broken.length; i++) {
      int which = i;
      ApiError error = assertThrows(ApiError.class, () -> FrameCodec.decode(broken[which], "driving frame 3"));
      assertEquals(Status.Code.INVALID_ARGUMENT, error.code());
      assertTrue(error.getMessage().startsWith("driving frame 3: " + expected[i]), error.getMessage());
    }
  }
}
