package org.daxstore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.daxstore.DaxStoreException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code daxstore} tool. Each subcommand opens the container, does one thing and closes it,
 * so the container lock is held only while a command runs.
 *
 * <p>Errors print as one line, {@code daxstore: <message>}, with exit status 1: the store's
 * exceptions already say what and where, and a stack trace would bury that. {@code --debug}
 * (anywhere on the command line) or {@code DAXSTORE_DEBUG=1} adds the trace. Usage errors are one
 * line too, with a pointer to the command's {@code --help} and exit status 2 ({@link UsageErrors});
 * so is a closed standard stream that put or get needs ({@link StandardStreams}).
 */
@Command(name = "daxstore", mixinStandardHelpOptions = true, version = "daxstore 0.1.0",
        description = "A file store inside one container file on persistent memory or tmpfs.",
        subcommands = {StoreCommands.Format.class, StoreCommands.Info.class, StoreCommands.Ls.class,
                FileCommands.Stat.class, DataCommands.Put.class, DataCommands.Get.class, FileCommands.Mv.class,
                StoreCommands.Rm.class, StoreCommands.Truncate.class, StoreCommands.Punch.class, CheckCommand.class,
                FsckCommand.class, FsxCommand.class, FuzzCommand.class,
                StressCommand.class, CrashTestCommand.class, WorkloadCommand.class,
                CompletionCommand.class})
public final class DaxstoreCli implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error (or set DAXSTORE_DEBUG=1).")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(commandLine(), StandardOutput.descriptor(), args));
    }

    /**
     * Runs {@code args} with {@code stdout} as the commands' standard output; a write error
     * there fails the command (status 1, or its own if it failed) with one line on standard error.
     */
    static int run(CommandLine commandLine, StandardOutput stdout, String[] args) {
        PrintWriter out = stdout.writer();
        commandLine.setOut(out);
        int status = commandLine.execute(args);
        out.flush();
        String failure = stdout.failure();
        if (failure != null) {
            PrintWriter err = commandLine.getErr();
            err.println("daxstore: " + failure);
            err.flush();
            return status == 0 ? 1 : status;
        }
        return status;
    }

    /** The configured command line, for {@link #main} and for tests. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DaxstoreCli());
        commandLine.setExecutionStrategy(parsed -> {
            ArgumentDecoding.check(parsed);
            RangeCheck.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setParameterExceptionHandler(new UsageErrors());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((error, command, parseResult) -> {
            PrintWriter err = command.getErr();
            err.println("daxstore: " + message(error));
            if (debug(parseResult)) {
                error.printStackTrace(err);
            }
            err.flush();
            return error instanceof StandardStreams.ClosedException ? CommandLine.ExitCode.USAGE : 1;
        });
        return commandLine;
    }

    /** {@code daxstore} alone: a usage error, so the user sees the list of commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command");
    }

    /** One line for the user: the store's own message, or what the JDK's terse I/O errors mean. */
    static String message(Throwable error) {
        String text;
        if (error instanceof FileSystemException e && e.getReason() == null) {
            text = e.getFile() + ": " + reason(e);
        } else if (error instanceof UncheckedIOException e && e.getCause().getMessage() != null) {
            text = e.getCause().getMessage();
        } else if ((error instanceof DaxStoreException || error instanceof IllegalArgumentException
                || error instanceof IOException) && error.getMessage() != null) {
            text = error.getMessage();
        } else {
            text = "unexpected " + error;
        }
        // a report's problems are indented lines (fs.RuleReport): one line here, each after a "; "
        return DisplayNames.line(text.replace(System.lineSeparator() + "  ", "; "));
    }

    /** What a JDK file-system error without a reason of its own means, in words. */
    static String reason(FileSystemException e) {
        return e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "file exists"
                : e instanceof DirectoryNotEmptyException ? "directory not empty"
                : e.getClass().getSimpleName();
    }

    /** The option is inherited, so it may have matched on the top command or on the subcommand. */
    private static boolean debug(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return "1".equals(System.getenv("DAXSTORE_DEBUG"));
    }
}
