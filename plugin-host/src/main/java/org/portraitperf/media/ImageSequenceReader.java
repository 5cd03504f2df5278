package org.portraitperf.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Numbered stills played as a clip at {@link MediaLimits#IMAGE_SEQUENCE_RATE}; a single still is
 * a one-frame sequence. Every picture must have the first one's size. Each frame is decoded when
 * asked for, so a long sequence costs no more memory than one picture.
 */
final class ImageSequenceReader implements VideoReader {

  private static final Set<String> STILL_EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp");
  /** Like FFmpeg's image2 demuxer, a pattern may start at any number from 0 to 4. */
  private static final int FIRST_INDEX_SEARCH = 5;

  private final String source;
  private final List<Path> files;
  private final VideoInfo info;
  /** Frame 0, decoded at open for the info, handed out by the first next(). */
  private DecodedFrame first;
  private int nextIndex;

  private ImageSequenceReader(String source, List<Path> files) {
    this.source = source;
    this.files = files;
    Images.Still still = Images.readStill(files.get(0), 0, 0);
    this.first = still.frame();
    RgbImage image = first.image();
    Rational rate = MediaLimits.IMAGE_SEQUENCE_RATE;
    this.info = new VideoInfo(source, image.width(), image.height(), still.codedWidth(),
        still.codedHeight(), rate, files.size(), false, rate.periodsToMicros(files.size()),
        still.codec(), still.pixelFormat(), still.orientation().clockwise(), Rational.of(1),
        still.range(), still.matrix(), false, still.hasAlpha());
  }

  static boolean isStillImageName(Path path) {
    Path name = path.getFileName();
    if (name == null) {
      return false;
    }
    String text = name.toString();
    int dot = text.lastIndexOf('.');
    return dot > 0 && STILL_EXTENSIONS.contains(text.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  static ImageSequenceReader ofStill(Path path) {
    Ffmpeg.requireNonEmptyFile(path);
    return new ImageSequenceReader(path.toString(), List.of(path));
  }

  static ImageSequenceReader ofDirectory(Path directory) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing
          .filter(p -> Files.isRegularFile(p) && isStillImageName(p))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new MediaException(directory.toString(), "cannot list the directory: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new MediaException(directory.toString(), "no images in the directory (expected PNG,"
          + " JPEG, TIFF, BMP or WebP files, found none)");
    }
    return new ImageSequenceReader(directory.toString(), files);
  }

  /** Expands a printf pattern such as {@code f_%04d.png} from its first number until a gap. */
  static ImageSequenceReader ofPattern(Path pattern) {
    String text = pattern.getFileName().toString();
    Path dir = pattern.toAbsolutePath().getParent();
    int start = -1;
    for (int i = 0; i < FIRST_INDEX_SEARCH && start < 0; i++) {
      if (Files.isRegularFile(dir.resolve(format(pattern, text, i)))) {
        start = i;
      }
    }
    if (start < 0) {
      throw new MediaException(pattern.toString(), "no such file: no image matches the pattern"
          + " (expected e.g. " + format(pattern, text, 0) + " or " + format(pattern, text, 1) + ")");
    }
    List<Path> files = new ArrayList<>();
    for (int i = start; ; i++) {
      Path file = dir.resolve(format(pattern, text, i));
      if (!Files.isRegularFile(file)) {
        break;
      }
      files.add(file);
    }
    return new ImageSequenceReader(pattern.toString(), List.copyOf(files));
  }

  private static String format(Path pattern, String text, int number) {
    try {
      return String.format(Locale.ROOT, text, number);
    } catch (IllegalFormatException e) {
      throw new MediaException(pattern.toString(), "not a usable sequence pattern (expected one"
          + " integer field such as %04d, found " + text + ")");
    }
  }

  @Override
  public VideoInfo info() {
    return info;
  }

  @Override
  public DecodedFrame next() {
    if (nextIndex >= files.size()) {
      return null;
    }
    int index = nextIndex++;
    if (index == 0 && first != null) {
      DecodedFrame frame = first;
      first = null; // hand it out once, then let it be collected
      return frame;
    }
    Path file = files.get(index);
    DecodedFrame frame = Images.readStill(file, index,
        info.frameRate().periodsToMicros(index)).frame();
    RgbImage image = frame.image();
    if (image.width() != info.width() || image.height() != info.height()) {
      throw new MediaException(file.toString(), "image size differs within the sequence " + source
          + " (expected " + info.width() + "x" + info.height() + ", found " + image.width() + "x"
          + image.height() + ")");
    }
    return frame;
  }

  @Override
  public void seekToFrame(int index) {
    if (index < 0 || index >= files.size()) {
      throw new MediaException(source, "frame " + index + " is outside the sequence (expected 0.."
          + (files.size() - 1) + ")");
    }
    nextIndex = index;
  }

  @Override
  public void close() {
    first = null;
  }
}
