package org.daxstore.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.FileStat;
import org.daxstore.StoreExistsException;
import org.daxstore.StoreInfo;
import org.daxstore.StoreLockedException;
import org.daxstore.StoreOptions;
import org.daxstore.check.StoreSnapshot;
import org.daxstore.format.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The commands that work on a store's files and metadata. */
final class StoreCommands {
    private StoreCommands() {
    }

    /** Sizes for people: the exact byte count, then the same in a binary unit once it reaches 1 KiB. */
    static String human(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        String unit = "B";
        for (int i = 0; i < units.length && value >= 1024; i++) {
            value /= 1024;
            unit = units[i];
        }
        return unit.equals("B") ? Long.toString(bytes) : String.format("%d (%.1f %s)", bytes, value, unit);
    }

    /**
     * Formats a new store. An existing non-empty file is refused without {@code --force}, because
     * {@link DaxStore#open(Path, StoreOptions)} would otherwise just open it and ignore the options.
     */
    @Command(name = "format", mixinStandardHelpOptions = true, description = "Create a new, empty store.")
    static final class Format implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "The container file.") Path path;
        @Range(min = "1", max = "1125899906842624") @Option(names = "--capacity", required = true, converter = SizeConverter.class,
                description = "Container size, e.g. 64m or 1g.") long capacity;
        @Range(min = "4096", max = "2097152") @Option(names = "--block-size", converter = SizeConverter.Int.class, defaultValue = "4k",
                description = "A power of two from 4k (default) to 2m.") int blockSize;
        @Range(min = "1", max = "16777216") @Option(names = "--max-files", defaultValue = "1024",
                description = "Size of the inode table (default ${DEFAULT-VALUE}).") int maxFiles;
        @Option(names = "--force", description = "Replace an existing file.") boolean force;
        @Mixin StoreAccess access;

        @Override
        public Integer call() throws Exception {
            StoreOptions options = StoreOptions.capacity(capacity).withBlockSize(blockSize).withMaxFiles(maxFiles)
                    .withMedium(access.choice());
            try (DaxStore store = force ? DaxStore.format(path, options) : createNew(path, options)) {
                StoreInfo info = store.info();
                spec.commandLine().getOut().printf("formatted %s: %s, %d data blocks of %d bytes, up to %d files%n",
                        DisplayNames.path(path), human(info.capacity()), info.dataBlocks(), info.blockSize(), info.maxFiles());
            }
            return 0;
        }

        private static DaxStore createNew(Path path, StoreOptions options) {
            try {
                return DaxStore.create(path, options);
            } catch (StoreExistsException e) {
                throw new IllegalArgumentException(path + " exists; use --force to replace it", e);
            }
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a store and the medium it runs on.")
    static final class Info implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "The container file.") Path path;
        @Option(names = "--json", description = "One JSON object (README, \"JSON output\").") boolean json;
        @Mixin StoreAccess access;

        @Override
        public Integer call() {
            StoreInfo info;
            try (DaxStore store = access.open(path)) {
                info = store.info();
            } catch (StoreLockedException refused) {
                return printSnapshot(InUseSnapshot.of(path, refused));
            }
            var out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, "daxstore info", fields -> JsonOutput.info(fields, info));
                return 0;
            }
            out.println("path:                " + DisplayNames.path(info.path()));
            out.println("uuid:                " + info.uuid());
            out.println("medium:              " + DisplayNames.line(info.medium()));
            out.println("medium kind:         " + JsonOutput.lowerCase(info.mediumInfo().kind()) + ", persist: "
                    + JsonOutput.lowerCase(info.mediumInfo().persistence()));
            out.println("access sections:     " + info.accessOrdering());
            out.println("capacity:            " + human(info.capacity()));
            out.println("block size:          " + human(info.blockSize()));
            out.println("data blocks:         " + info.dataBlocks());
            out.println("free blocks:         " + info.freeBlocks());
            out.println("max files:           " + info.maxFiles());
            out.println("files:               " + info.files());
            out.println("container allocated: " + (info.containerAllocatedBytes() < 0 ? "unknown"
                    : human(info.containerAllocatedBytes())));
            return 0;
        }

        /** What a snapshot of a store in use elsewhere can say: no medium (this process mapped none), the layout and counts. */
        private int printSnapshot(StoreSnapshot snapshot) {
            var out = spec.commandLine().getOut();
            Layout layout = snapshot.superblock().layout();
            if (json) {
                JsonOutput.print(out, "daxstore info", fields -> {
                    fields.writeStringField("path", snapshot.image().toString());
                    fields.writeStringField("uuid", snapshot.superblock().uuid().toString());
                    fields.writeNumberField("capacity_bytes", layout.containerSize());
                    fields.writeNumberField("block_size_bytes", layout.blockSize());
                    fields.writeNumberField("data_blocks", layout.dataBlockCount());
                    fields.writeNumberField("free_blocks", snapshot.report().freeBlocks());
                    fields.writeNumberField("max_files", layout.inodeCount());
                    fields.writeNumberField("files", snapshot.files().size());
                    InUseSnapshot.fields(fields, snapshot);
                });
                return 0;
            }
            out.println("snapshot:            " + InUseSnapshot.what(snapshot));
            out.println("path:                " + DisplayNames.path(snapshot.image()));
            out.println("uuid:                " + snapshot.superblock().uuid());
            out.println("capacity:            " + human(layout.containerSize()));
            out.println("block size:          " + human(layout.blockSize()));
            out.println("data blocks:         " + layout.dataBlockCount());
            out.println("free blocks:         " + snapshot.report().freeBlocks());
            out.println("max files:           " + layout.inodeCount());
            out.println("files:               " + snapshot.files().size());
            InUseSnapshot.printProblems(out, snapshot);
            return 0;
        }
    }

    /** Names print escaped ({@link DisplayNames}): a newline in a name must not make one file look like two. */
    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "List the files of a store (control characters in names shown as \\uXXXX, a backslash as \\\\).")
    static final class Ls implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "The container file.") Path path;
        @Option(names = "-l", description = "Long listing, under a header: size, allocated bytes, inode, modification time.")
        boolean longListing;
        @Option(names = "--json", description = "One JSON object with every file's stat (README, \"JSON output\").")
        boolean json;
        @Mixin StoreAccess access;

        @Override
        public Integer call() {
            try (DaxStore store = access.open(path)) {
                return list(store.list(), store::stat, null);
            } catch (StoreLockedException refused) {
                StoreSnapshot snapshot = InUseSnapshot.of(path, refused);
                if (!json) {
                    InUseSnapshot.print(spec.commandLine().getErr(), "daxstore: note: " + DisplayNames.path(path) + ": ", snapshot);
                }
                return list(snapshot.names(), name -> InUseSnapshot.stat(snapshot, name), snapshot);
            }
        }

        /** Lists {@code names}, stated by {@code stat}; {@code snapshot} if they come from one, else null. */
        private int list(List<String> names, Function<String, FileStat> stat, StoreSnapshot snapshot) {
            var out = spec.commandLine().getOut();
            if (json) {
                List<FileStat> stats = names.stream().map(stat).toList();
                JsonOutput.print(out, "daxstore ls", fields -> {
                    JsonOutput.files(fields, stats);
                    if (snapshot != null) {
                        InUseSnapshot.fields(fields, snapshot);
                    }
                });
                return 0;
            }
            if (longListing) {
                out.printf(LONG_LISTING, "size", "allocated", "inode", "modified", "name");
            }
            for (String name : names) {
                if (longListing) {
                    FileStat file = stat.apply(name);
                    out.printf(LONG_LISTING, file.size(), file.allocatedBytes(), file.inode(),
                            Instant.ofEpochMilli(file.modifiedMillis()), DisplayNames.escape(name));
                } else {
                    out.println(DisplayNames.escape(name));
                }
            }
            return 0;
        }

        /** The columns of {@code ls -l}, its header's included. */
        private static final String LONG_LISTING = "%14s %14s %8s %-24s %s%n";
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete files.")
    static final class Rm implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1..*", arity = "1..*", description = "File names.") List<String> names;
        @Mixin StoreAccess access;

        @Override
        public Integer call() {
            try (DaxStore store = access.open(path)) {
                names.forEach(store::delete);
            }
            return 0;
        }
    }

    @Command(name = "truncate", mixinStandardHelpOptions = true, description = "Set a file's size.")
    static final class Truncate implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1", description = "File name.") String name;
        @Range(min = "0", max = "70368744177664") @Parameters(index = "2", converter = SizeConverter.class, description = "New size, e.g. 1m.") long size;
        @Mixin StoreAccess access;

        @Override
        public Integer call() {
            try (DaxStore store = access.open(path); DaxFile file = store.openFile(name)) {
                file.truncate(size);
            }
            return 0;
        }
    }

    @Command(name = "punch", mixinStandardHelpOptions = true, description = "Punch a hole: the range reads as zeros, whole blocks are freed.")
    static final class Punch implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1", description = "File name.") String name;
        @Range(min = "0", max = "70368744177664") @Parameters(index = "2", converter = SizeConverter.class, description = "Offset.") long offset;
        @Range(min = "0", max = "70368744177664") @Parameters(index = "3", converter = SizeConverter.class, description = "Length.") long length;
        @Mixin StoreAccess access;

        @Override
        public Integer call() {
            try (DaxStore store = access.open(path); DaxFile file = store.openFile(name)) {
                file.punchHole(offset, length);
            }
            return 0;
        }
    }
}
