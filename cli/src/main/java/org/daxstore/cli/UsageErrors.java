package org.daxstore.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error as one line on standard error, {@code daxstore: <what> (see 'daxstore CMD
 * --help')}, and exit status 2. picocli's own report follows its message with the command's whole
 * usage text, a dozen lines or more that bury the one saying what was wrong; the pointer names
 * the command that refused, so the usage is one command away. A mistyped option or command gets
 * picocli's nearest matches in the same line.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine refusing = error.getCommandLine();
        PrintWriter err = refusing.getErr();
        err.println("daxstore: " + DisplayNames.line(error.getMessage() + suggestions(error))
                + " (see '" + refusing.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return refusing.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String suggestions(ParameterException error) {
        if (!(error instanceof UnmatchedArgumentException unmatched)) {
            return "";
        }
        List<String> near = unmatched.getSuggestions();
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }
}
