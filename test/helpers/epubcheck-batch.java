/*
 * EPUBCheck over several EPUBs in one JVM: for each pair of arguments (an EPUB, a file to
 * write its JSON report to), what `java -jar epubcheck book.epub --json report.json` does,
 * through the same EpubChecker class. Starting the JVM and compiling EPUBCheck's schemas costs
 * more than checking one of our editions, and a warm JVM pays it once. Java runs this file
 * as it is (java -cp <epubcheck jar> epubcheck-batch.java ...): nothing to compile first.
 * Used by test/helpers/validators.ts.
 */
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubcheckBatch {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      new EpubChecker().run(new String[] {args[i], "--json", args[i + 1]});
    }
  }
}
