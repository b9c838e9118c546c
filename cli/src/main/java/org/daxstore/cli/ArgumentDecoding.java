package org.daxstore.cli;

import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses, before the command runs, an argument that did not decode in the locale's encoding.
 * The JVM turns each byte sequence of {@code argv} that is invalid in {@code sun.jnu.encoding}
 * into U+FFFD, so {@code $'\xff\xfe'} and {@code $'\xfe\xff'} both arrive as two U+FFFD, and
 * under {@code LC_ALL=C} so do {@code café} and {@code cafè}: two names would be one, and a put
 * of the second silently replaced the first (a path would name another file just as well). The
 * tool cannot get the bytes back, so it refuses; a name holding U+FFFD itself cannot be given on
 * the command line either (in Java it can).
 */
final class ArgumentDecoding {
    private static final char REPLACEMENT = '\uFFFD';

    private ArgumentDecoding() {
    }

    /** Checks every argument as given, options and parameters alike. */
    static void check(ParseResult parsed) {
        java.util.List<String> args = parsed.originalArgs();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).indexOf(REPLACEMENT) >= 0) {
                throw new ParameterException(parsed.commandSpec().commandLine(), "argument " + (i + 1) + " ('"
                        + DisplayNames.escape(args.get(i)) + "') does not decode in this locale's encoding ("
                        + System.getProperty("sun.jnu.encoding") + "): its undecodable bytes arrived as U+FFFD, so"
                        + " different names would be one; run the tool in a UTF-8 locale (LC_ALL=C.UTF-8) with"
                        + " names that are UTF-8");
            }
        }
    }
}
