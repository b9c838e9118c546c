package org.daxstore.check;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.daxstore.NoSuchDaxFileException;
import org.daxstore.format.Superblock;
import org.daxstore.fs.InodeRecord;

/**
 * What a container holds, read as the offline fsck reads it ({@link Fsck#inspect}): for the
 * tool's {@code info}, {@code ls} and {@code stat} of a store that another process has open.
 * Read without the lock when a running store holds it ({@link #inUse}): that store may change
 * what is read meanwhile, so the files and counts are a snapshot that may be moving, and a
 * problem the check saw may be such a moment rather than damage.
 *
 * @param report     what the check found; {@link FsckReport.Status#UNUSABLE} if the image could not be read as a container
 * @param superblock the superblock in effect, or null if the report is unusable
 * @param files      the valid in-use inode records, sorted by name
 * @param inUse      true if a running store held the lock, so the image was read without it
 */
public record StoreSnapshot(FsckReport report, Superblock superblock, List<InodeRecord> files, boolean inUse) {
    public StoreSnapshot {
        files = files.stream().sorted(Comparator.comparing(InodeRecord::name)).toList();
    }

    /** The container read. */
    public Path image() {
        return report.image();
    }

    /** True if the image was read as a container: the superblock, files and counts mean something. */
    public boolean usable() {
        return report.status() != FsckReport.Status.UNUSABLE;
    }

    /** The names of the files, sorted. */
    public List<String> names() {
        return files.stream().map(InodeRecord::name).toList();
    }

    /**
     * The record of the file named {@code name}.
     *
     * @throws NoSuchDaxFileException if the snapshot holds no such file
     */
    public InodeRecord file(String name) {
        for (InodeRecord file : files) {
            if (file.name().equals(name)) {
                return file;
            }
        }
        throw new NoSuchDaxFileException(image() + ": no file named '" + name + "' in the snapshot");
    }
}
