package org.daxstore.cli;

import java.io.PrintWriter;

import org.daxstore.DaxStoreException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code daxstore} tool. Each subcommand opens the container, does one thing and closes it.
 * Errors daxstore raises on purpose print as one line, {@code daxstore: <message>}, with exit
 * status 1; {@code --debug} or {@code DAXSTORE_DEBUG=1} adds the stack trace.
 */
@Command(name = "daxstore", mixinStandardHelpOptions = true, version = "daxstore 0.1.0",
        description = "A file store inside one container file on persistent memory or tmpfs.",
        subcommands = {StoreCommands.Format.class, StoreCommands.Info.class, StoreCommands.Ls.class,
                DataCommands.Put.class, DataCommands.Get.class, StoreCommands.Rm.class,
                StoreCommands.Truncate.class, StoreCommands.Punch.class, FsxCommand.class})
public final class DaxstoreCli {
    @CommandLine.Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DaxstoreCli());
        commandLine.setExecutionExceptionHandler((error, command, parseResult) -> {
            PrintWriter err = command.getErr();
            if (error instanceof DaxStoreException || error instanceof IllegalArgumentException
                    || error instanceof java.io.IOException) {
                err.println("daxstore: " + error.getMessage());
            } else {
                err.println("daxstore: unexpected " + error);
            }
            if (parseResult.hasMatchedOption("--debug") || "1".equals(System.getenv("DAXSTORE_DEBUG"))) {
                error.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return commandLine;
    }
}
