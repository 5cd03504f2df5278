package org.portraitperf.media;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.stream.Stream;
import org.portraitperf.AtomicFiles;

/**
 * Numbered PNG files in a directory that appears, complete, only on {@link #close()}: frames go
 * to a hidden sibling directory that is renamed into place at the end.
 */
final class PngSequenceWriter implements VideoWriter {

  private static final String DEFAULT_PATTERN = "%06d.png";

  private final Path directory;
  private final String pattern;
  private final Path temp;
  private PngEncoder encoder;
  private boolean encoderAlpha;
  private int width;
  private int height;
  private long frames;
  private boolean finished;

  private PngSequenceWriter(Path directory, String pattern, Path temp) {
    this.directory = directory;
    this.pattern = pattern;
    this.temp = temp;
  }

  static PngSequenceWriter open(Path target, Options options) {
    if (options.audioSource() != null) {
      throw new MediaException(target.toString(), "a PNG sequence cannot carry audio (expected no"
          + " audio source, found " + options.audioSource() + ")");
    }
    boolean isPattern = target.getFileName() != null && target.getFileName().toString().contains("%");
    Path directory = (isPattern ? target.toAbsolutePath().getParent() : target.toAbsolutePath());
    String pattern = isPattern ? target.getFileName().toString() : DEFAULT_PATTERN;
    try {
      String.format(Locale.ROOT, pattern, 0);
    } catch (IllegalFormatException e) {
      throw new MediaException(target.toString(), "not a usable sequence pattern (expected one"
          + " integer field such as %04d, found " + pattern + ")");
    }
    if (Files.exists(directory) && !isEmptyDirectory(directory)) {
      throw new MediaException(directory.toString(), "output directory already exists and is not"
          + " empty (expected a new or empty directory)");
    }
    Path parent = directory.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new MediaException(directory.toString(), "the parent directory does not exist");
    }
    Path temp = AtomicFiles.temporaryBeside(directory);
    try {
      Files.createDirectory(temp);
    } catch (IOException e) {
      throw new MediaException(directory.toString(), "cannot create a directory beside it: "
          + e.getMessage(), e);
    }
    return new PngSequenceWriter(directory, pattern, temp);
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void write(RgbImage frame) {
    append(frame.width(), frame.height(), false, frame.pixels());
  }

  @Override
  public void write(RgbaImage frame) {
    append(frame.width(), frame.height(), true, frame.pixels());
  }

  private void append(int frameWidth, int frameHeight, boolean alpha, byte[] pixels) {
    if (finished) {
      throw new IllegalStateException(directory + ": writer already closed or aborted");
    }
    try {
      if (frames == 0) {
        width = frameWidth;
        height = frameHeight;
      } else if (frameWidth != width || frameHeight != height) {
        throw new MediaException(directory.toString(), "frame " + frames + " changes size (expected "
            + width + "x" + height + ", found " + frameWidth + "x" + frameHeight + ")");
      }
      if (encoder == null || encoderAlpha != alpha) {
        if (encoder != null) {
          encoder.close();
        }
        encoder = new PngEncoder(directory.toString(), width, height, alpha);
        encoderAlpha = alpha;
      }
      Path file = temp.resolve(String.format(Locale.ROOT, pattern, frames));
      Files.write(file, encoder.encode(pixels));
      frames++;
    } catch (IOException e) {
      abort();
      throw new MediaException(directory.toString(), "cannot write frame " + frames + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
  }

  @Override
  public long framesWritten() {
    return frames;
  }

  @Override
  public void abort() {
    release();
    AtomicFiles.discard(temp);
  }

  private void release() {
    finished = true;
    if (encoder != null) {
      encoder.close();
      encoder = null;
    }
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    if (frames == 0) {
      abort();
      throw new MediaException(directory.toString(), "no frames were written (expected at least 1)");
    }
    release();
    try {
      AtomicFiles.commit(temp, directory);
    } catch (DirectoryNotEmptyException e) {
      AtomicFiles.discard(temp);
      throw new MediaException(directory.toString(), "output directory was filled by someone else"
          + " while writing (expected it new or empty)", e);
    } catch (IOException e) {
      AtomicFiles.discard(temp);
      throw new MediaException(directory.toString(), "cannot move the finished sequence into place: "
          + e.getMessage(), e);
    }
  }
}
