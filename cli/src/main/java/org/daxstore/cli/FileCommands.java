package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.daxstore.DaxStore;
import org.daxstore.FileStat;
import org.daxstore.StoreLockedException;
import org.daxstore.check.StoreSnapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The commands about one file of a store: what it is ({@code stat}) and its name ({@code mv}). */
final class FileCommands {
    private FileCommands() {
    }

    /**
     * Prints what the store holds about each file named, in the order named; a missing one fails
     * the command before anything is printed, so the output is never a partial list.
     */
    @Command(name = "stat", mixinStandardHelpOptions = true,
            description = "Show files' size, allocated bytes, inode, generation and times.")
    static final class Stat implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1..*", arity = "1..*", description = "File names.") List<String> names;
        @Option(names = "--json", description = "One JSON object with a \"files\" array (README, \"JSON output\").")
        boolean json;
        @Mixin StoreAccess access;

        @Override
        public Integer call() {
            List<FileStat> stats;
            StoreSnapshot snapshot = null;
            try (DaxStore store = access.open(path)) {
                stats = names.stream().map(store::stat).toList();
            } catch (StoreLockedException refused) {
                StoreSnapshot read = InUseSnapshot.of(path, refused);
                stats = names.stream().map(name -> InUseSnapshot.stat(read, name)).toList();
                snapshot = read;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                StoreSnapshot from = snapshot;
                List<FileStat> found = stats;
                JsonOutput.print(out, "daxstore stat", fields -> {
                    JsonOutput.files(fields, found);
                    if (from != null) {
                        InUseSnapshot.fields(fields, from);
                    }
                });
                return 0;
            }
            if (snapshot != null) {
                InUseSnapshot.print(spec.commandLine().getErr(), "daxstore: note: " + DisplayNames.path(path) + ": ", snapshot);
            }
            for (int i = 0; i < stats.size(); i++) {
                FileStat stat = stats.get(i);
                if (i > 0) {
                    out.println();
                }
                out.println("name:       " + DisplayNames.escape(stat.name()));
                out.println("size:       " + StoreCommands.human(stat.size()));
                out.println("allocated:  " + StoreCommands.human(stat.allocatedBytes()));
                out.println("inode:      " + stat.inode());
                out.println("generation: " + stat.generation());
                out.println("created:    " + Instant.ofEpochMilli(stat.createdMillis()));
                out.println("modified:   " + Instant.ofEpochMilli(stat.modifiedMillis()));
            }
            out.flush();
            return 0;
        }
    }

    /** Renames a file: refused if the new name is taken, unless {@code --replace} (atomic, as rename(2)). */
    @Command(name = "mv", mixinStandardHelpOptions = true,
            description = "Rename a file; an existing target is refused unless --replace.")
    static final class Mv implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1", description = "The file's name.") String from;
        @Parameters(index = "2", description = "Its new name.") String to;
        @Option(names = "--replace", description = "Replace a file named TO, atomically: after a crash there are"
                + " both files as they were, or the renamed one alone.")
        boolean replace;
        @Mixin StoreAccess access;

        @Override
        public Integer call() {
            try (DaxStore store = access.open(path)) {
                if (replace) {
                    store.renameReplacing(from, to);
                } else {
                    store.rename(from, to);
                }
            }
            return 0;
        }
    }
}
