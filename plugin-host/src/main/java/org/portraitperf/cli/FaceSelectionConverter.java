package org.portraitperf.cli;

import org.portraitperf.face.FaceSelection;
import picocli.CommandLine;

/** Parses {@code --face} values; picocli shows the parse error as a usage error. */
final class FaceSelectionConverter implements CommandLine.ITypeConverter<FaceSelection> {
  @Override
  public FaceSelection convert(String value) {
    try {
      return FaceSelection.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
