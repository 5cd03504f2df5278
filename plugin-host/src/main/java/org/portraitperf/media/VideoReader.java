package org.portraitperf.media;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Frames of a video file, an image sequence or a single still, one at a time. Never holds more
 * than the frame being converted, so memory is flat in clip length. Not thread-safe: one reader
 * per thread (open several readers for parallel access).
 */
public interface VideoReader extends AutoCloseable {

  /**
   * Opens {@code path}: a directory of PNG/JPEG/TIFF/BMP/WebP files (taken in name order), a printf
   * pattern such as {@code frames/f_%04d.png}, a single still image (a one-frame source) or a video
   * file in any container and codec this FFmpeg build decodes.
   *
   * @throws MediaException when the input is missing, empty, unreadable or too large
   */
  static VideoReader open(Path path) {
    if (path.getFileName() != null && path.getFileName().toString().contains("%")) {
      return ImageSequenceReader.ofPattern(path);
    }
    if (Files.isDirectory(path)) {
      return ImageSequenceReader.ofDirectory(path);
    }
    if (ImageSequenceReader.isStillImageName(path)) {
      return ImageSequenceReader.ofStill(path);
    }
    return FileVideoReader.open(path);
  }

  VideoInfo info();

  /**
   * The next frame, or null after the last one.
   *
   * @throws MediaException when the source turns out corrupt or truncated; frames returned before
   *     stay valid
   */
  DecodedFrame next();

  /**
   * Positions the reader so that the next {@link #next()} returns frame {@code index} exactly
   * (seeks to the key frame before it, then decodes forward).
   *
   * @throws MediaException when the index lies outside the source
   */
  void seekToFrame(int index);

  @Override
  void close();
}
