package org.daxstore.cli;

import java.nio.file.Path;

import org.daxstore.DaxStore;
import org.daxstore.MediumChoice;

import picocli.CommandLine.Option;

/**
 * What every command that opens a store shares (a picocli mixin): which medium maps the
 * container. Without {@code --medium} the {@value MediumChoice#PROPERTY} system property decides,
 * as for any daxstore application, and {@code auto} when it is unset.
 */
final class StoreAccess {
    @Option(names = "--medium", paramLabel = "MEDIUM",
            description = "The medium that maps the container: auto (libpmem when it loads, else mapped), pmem"
                    + " (libpmem, refused without it) or mapped (FileChannel.map); default: the daxstore.medium"
                    + " system property, else auto.")
    MediumChoice medium;

    /** Opens the existing store at {@code path} on the chosen medium. */
    DaxStore open(Path path) {
        return medium == null ? DaxStore.open(path) : DaxStore.open(path, medium);
    }

    /** The medium chosen: the option's, else the system property's. */
    MediumChoice choice() {
        return medium == null ? MediumChoice.fromSystemProperty() : medium;
    }
}
