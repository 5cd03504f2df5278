package org.portraitperf.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of files and streams, streamed so that a 100 MB model never sits in memory. Public for
 * the provenance records of generated media, which name their inputs by the same hash, and for the
 * installer's record of installed files.
 */
public final class Checksums {
  private Checksums() {}

  /** The file's SHA-256, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return copyHashing(in, OutputStream.nullOutputStream());
    }
  }

  /**
   * Copies {@code in} to {@code out} and returns the SHA-256 of what passed, lower-case hex.
   * Leaves {@code in} open: it may be one entry of an archive that holds more. Public for the
   * installer, which records the hash of every file it copies in the same pass.
   */
  public static String copyHashing(InputStream in, OutputStream out) throws IOException {
    MessageDigest digest = newDigest();
    copyHashing(in, out, digest);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Copies {@code in} to {@code out}, feeding what passes into {@code digest}, which stays open for more. */
  static void copyHashing(InputStream in, OutputStream out, MessageDigest digest) throws IOException {
    new DigestInputStream(in, digest).transferTo(out);
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships SHA-256", e);
    }
  }
}
