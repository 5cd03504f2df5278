package org.portraitperf.jobs.farm;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Checks a job spec against this project's declaration of cjsl 1.15 ({@code cjsl-1.15.dtd} beside
 * this class) with the JDK's validating parser, as Cuebot does with its own before it launches
 * anything: a spec that fails here would fail there.
 */
public final class CueSpecDtd {
  static final String RESOURCE = "cjsl-" + CueSpec.VERSION + ".dtd";

  private CueSpecDtd() {}

  /**
   * @throws FarmException naming the line and what is wrong, when the spec does not validate
   */
  public static void validate(String spec) {
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setValidating(true);
      factory.setNamespaceAware(false);
      XMLReader reader = factory.newSAXParser().getXMLReader();
      reader.setEntityResolver((publicId, systemId) -> {
        if (!CueSpec.SYSTEM_ID.equals(systemId)) {
          // Nothing is fetched: the one DTD a spec may name is the one carried here.
          throw new SAXException("the spec refers to '" + systemId + "', expected the DTD " + CueSpec.SYSTEM_ID);
        }
        InputStream dtd = CueSpecDtd.class.getResourceAsStream(RESOURCE);
        if (dtd == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the build");
        }
        InputSource source = new InputSource(dtd);
        source.setSystemId(systemId);
        return source;
      });
      reader.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // Warnings (a duplicate declaration, say) do not fail a launch.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      reader.parse(new InputSource(new StringReader(spec)));
    } catch (SAXParseException e) {
      throw new FarmException("job spec", "does not validate against cjsl-" + CueSpec.VERSION + " (line "
          + e.getLineNumber() + "): " + e.getMessage(), e);
    } catch (SAXException e) {
      throw new FarmException("job spec", "does not validate against cjsl-" + CueSpec.VERSION + ": " + e.getMessage(), e);
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException("the JDK's validating XML parser cannot be used", e);
    }
  }
}
