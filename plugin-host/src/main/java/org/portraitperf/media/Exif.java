package org.portraitperf.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the one EXIF field that changes how a JPEG must be shown: Orientation (tag 0x0112 in
 * IFD0). Cameras store pictures sideways and set this tag; ignoring it hands the face layer a
 * rotated portrait. Anything unexpected means "no orientation", never an error: EXIF is advisory.
 */
final class Exif {

  private static final int ORIENTATION_TAG = 0x0112;
  /** APP1 must come before the image data, and a segment is at most 64 KiB; read no further. */
  private static final int HEADER_BYTES = 1 << 17;

  private Exif() {}

  /** The Orientation tag of a JPEG file (1..8), or 1 when absent or unreadable. */
  static int jpegOrientation(Path path) {
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(HEADER_BYTES);
    } catch (IOException e) {
      return 1;
    }
    if (head.length < 4 || (head[0] & 0xff) != 0xFF || (head[1] & 0xff) != 0xD8) {
      return 1;
    }
    int pos = 2;
    while (pos + 4 <= head.length && (head[pos] & 0xff) == 0xFF) {
      int marker = head[pos + 1] & 0xff;
      int length = ((head[pos + 2] & 0xff) << 8) | (head[pos + 3] & 0xff);
      if (marker == 0xDA || length < 2) { // start of scan: no metadata after this point
        return 1;
      }
      int payload = pos + 4;
      if (marker == 0xE1 && payload + 6 <= head.length && isExifHeader(head, payload)) {
        return orientationInTiff(head, payload + 6, Math.min(head.length, pos + 2 + length));
      }
      pos += 2 + length;
    }
    return 1;
  }

  private static boolean isExifHeader(byte[] b, int at) {
    return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f'
        && b[at + 4] == 0 && b[at + 5] == 0;
  }

  private static int orientationInTiff(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return 1;
    }
    boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
    if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
      return 1;
    }
    long ifd = tiff + read32(b, tiff + 4, little);
    if (ifd + 2 > end) {
      return 1;
    }
    int entries = read16(b, (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + i * 12;
      if (entry + 12 > end) {
        return 1;
      }
      if (read16(b, entry, little) == ORIENTATION_TAG) {
        int value = read16(b, entry + 8, little); // a SHORT sits left-aligned in the value field
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int read16(byte[] b, int at, boolean little) {
    int a = b[at] & 0xff;
    int c = b[at + 1] & 0xff;
    return little ? (c << 8) | a : (a << 8) | c;
  }

  private static long read32(byte[] b, int at, boolean little) {
    long hi = read16(b, little ? at + 2 : at, little);
    long lo = read16(b, little ? at : at + 2, little);
    return (hi << 16) | lo;
  }
}
