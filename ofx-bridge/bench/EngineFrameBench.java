// The in-process side of the bridge benchmark (java -cp portrait-performance.jar EngineFrameBench.java
// PORTRAIT FRAMES_DIR COUNT): the engine's per-frame cost (tracking the driving frame + rendering it)
// on the same PAM frames, portrait and settings the bridge bench sends through the sidecar, with
// no sidecar, no socket and no pixel transfer. Two passes over fresh sessions; the second is reported.
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.EngineModule;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Session;
import org.portraitperf.face.FaceModule;
import org.portraitperf.media.Images;
import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbImage;
import org.portraitperf.models.ModelsModule;

public class EngineFrameBench {
  public static void main(String[] args) throws IOException {
    Path portrait = Path.of(args[0]);
    Path frames = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    RgbImage[] driving = new RgbImage[count];
    for (int i = 0; i < count; i++) {
      driving[i] = readPam(frames.resolve(String.format("%05d.pam", i)));
    }
    Injector injector = Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule());
    EngineSelector.Choice engine = injector.getInstance(EngineSelector.class).choose(EngineSelector.AUTO);
    EngineSettings d = EngineSettings.DEFAULTS;
    EngineSettings settings = new EngineSettings(d.reference(), d.motion(), d.gains(), d.strength(), d.detail(),
        d.smoothing(), d.feather(), d.colourMatch(), d.face(), EngineSettings.OutputLayout.FIT_DRIVING);
    RgbImage still = Images.read(portrait);
    double[] times = new double[count];
    for (int pass = 0; pass < 2; pass++) {
      try (Session session = engine.engine().open(still, portrait.toString(), source(driving), settings)) {
        for (int i = 0; i < count; i++) {
          long start = System.nanoTime();
          session.render(i);
          times[i] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    System.out.printf("in-process %s, %dx%d, %d frames: median %.1f ms/frame, min %.1f ms%n", engine.name(),
        driving[0].width(), driving[0].height(), count, sorted[count / 2], sorted[0]);
  }

  private static DrivingSource source(RgbImage[] frames) {
    return new DrivingSource() {
      public String name() { return "bench frames"; }
      public int frameCount() { return frames.length; }
      public Rational frameRate() { return new Rational(25, 1); }
      public RgbImage frame(int index) { return frames[index]; }
      public void close() {}
    };
  }

  private static RgbImage readPam(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      int width = 0;
      int height = 0;
      for (String line = readLine(in); !line.equals("ENDHDR"); line = readLine(in)) {
        String[] words = line.split(" ");
        if (words[0].equals("WIDTH")) width = Integer.parseInt(words[1]);
        if (words[0].equals("HEIGHT")) height = Integer.parseInt(words[1]);
      }
      byte[] pixels = new byte[width * height * 3];
      in.readFully(pixels);
      return new RgbImage(width, height, pixels);
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }
}
