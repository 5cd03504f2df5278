package org.portraitperf.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line run the way {@code pp} runs it, with its exit code and both outputs captured. */
record CommandRun(int code, String out, String err) {

  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CommandRun(code, out.toString(), err.toString());
  }
}
