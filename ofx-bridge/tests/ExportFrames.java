// Test helper, run with the sidecar's jar on the class path (java -cp portrait-performance.jar ExportFrames.java):
// decodes the first COUNT frames of any input the project reads (video, image sequence, still) with the
// project's own decoder and writes them as PAM files (RGB, or RGB_ALPHA when the input has alpha),
// OUT/00000.pam, OUT/00001.pam, ... so the C++ test host reads exactly the pixels the engine sees.
// With WIDTH HEIGHT, each frame is centred on a black canvas of that size (benchmark frames).
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;

public class ExportFrames {
  public static void main(String[] args) throws IOException {
    if (args.length != 3 && args.length != 5) {
      System.err.println("usage: ExportFrames INPUT OUT_DIR COUNT [WIDTH HEIGHT]");
      System.exit(2);
    }
    Path out = Files.createDirectories(Path.of(args[1]));
    int count = Integer.parseInt(args[2]);
    try (VideoReader reader = VideoReader.open(Path.of(args[0]))) {
      for (int i = 0; i < count; i++) {
        DecodedFrame frame = reader.next();
        if (frame == null) {
          System.err.println(args[0] + ": only " + i + " frames, " + count + " asked");
          System.exit(1);
        }
        if (args.length == 5) {
          frame = onCanvas(frame, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
        write(frame, out.resolve(String.format("%05d.pam", i)));
      }
    }
  }

  private static DecodedFrame onCanvas(DecodedFrame frame, int width, int height) {
    RgbImage image = frame.image();
    RgbImage canvas = RgbImage.blank(width, height);
    int left = (width - image.width()) / 2;
    int top = (height - image.height()) / 2;
    for (int y = 0; y < image.height(); y++) {
      System.arraycopy(image.pixels(), y * image.width() * 3, canvas.pixels(), ((top + y) * width + left) * 3,
          image.width() * 3);
    }
    return new DecodedFrame(frame.index(), frame.timestampMicros(), canvas, null);
  }

  private static void write(DecodedFrame frame, Path file) throws IOException {
    int w = frame.image().width();
    int h = frame.image().height();
    byte[] rgb = frame.image().pixels();
    byte[] alpha = frame.alphaPlane().map(a -> a.pixels()).orElse(null);
    int depth = alpha == null ? 3 : 4;
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
      o.write(("P7\nWIDTH " + w + "\nHEIGHT " + h + "\nDEPTH " + depth + "\nMAXVAL 255\nTUPLTYPE "
          + (depth == 3 ? "RGB" : "RGB_ALPHA") + "\nENDHDR\n").getBytes(StandardCharsets.US_ASCII));
      for (int p = 0; p < w * h; p++) {
        o.write(rgb, p * 3, 3);
        if (alpha != null) {
          o.write(alpha[p]);
        }
      }
    }
  }
}
