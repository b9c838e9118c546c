package org.daxstore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.daxstore.FileStat;
import org.daxstore.StoreLockedException;
import org.daxstore.check.Fsck;
import org.daxstore.check.StoreSnapshot;
import org.daxstore.fs.InodeRecord;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code info}, {@code ls} and {@code stat} of a store that another process has open: its open
 * is refused ({@link StoreLockedException}), so the commands read the image as fsck does
 * ({@link Fsck#inspect}), without the lock, and say so. What they print is then a snapshot that
 * may be changing while it is read, and a problem the check saw may be such a moment.
 */
final class InUseSnapshot {
    private InUseSnapshot() {
    }

    /**
     * The snapshot of the store at {@code path}, whose open was {@code refused}.
     *
     * @throws StoreLockedException {@code refused}'s message and why the image cannot be read
     *     either (a store open in this JVM, a damaged superblock, an I/O error)
     */
    static StoreSnapshot of(Path path, StoreLockedException refused) {
        StoreSnapshot snapshot = Fsck.inspect(path);
        if (!snapshot.usable()) {
            throw new StoreLockedException(refused.getMessage() + "; nor can it be read as a snapshot: "
                    + String.join("; ", snapshot.report().problems()), refused);
        }
        return snapshot;
    }

    /**
     * The stat of the file named {@code name} in the snapshot, as {@code DaxFile.stat} gives it.
     *
     * @throws org.daxstore.NoSuchDaxFileException if the snapshot holds no such file
     */
    static FileStat stat(StoreSnapshot snapshot, String name) {
        InodeRecord file = snapshot.file(name);
        return new FileStat(file.name(), file.inode(), file.generation(), file.size(),
                file.allocatedBlocks() * snapshot.superblock().layout().blockSize(), file.createdMillis(), file.modifiedMillis());
    }

    /** What the snapshot is, in one line. */
    static String what(StoreSnapshot snapshot) {
        return snapshot.inUse() ? "in use by another process: read without its lock, a snapshot that may be changing"
                : "locked by another process when it was opened, but by no running store now (a reader such as fsck,"
                        + " or a store that has closed meanwhile): read as fsck reads it, under a shared lock, so not changing";
    }

    /** The snapshot's line and the problems its check saw, one a line, for a command's text output. */
    static void print(PrintWriter out, String label, StoreSnapshot snapshot) {
        out.println(label + what(snapshot));
        printProblems(out, snapshot);
        out.flush();
    }

    /**
     * The problems the snapshot's check saw, one a line: "seen while in use:" if it was read
     * without the lock (a moment of a moving store, maybe), "found:" if under the shared lock.
     */
    static void printProblems(PrintWriter out, StoreSnapshot snapshot) {
        String label = snapshot.inUse() ? "seen while in use:   " : "found:               ";
        for (String problem : snapshot.report().problems()) {
            out.println(label + DisplayNames.line(problem));
        }
    }

    /** The snapshot's fields of a JSON object: {@code snapshot} and {@code problems_seen}. */
    static void fields(JsonGenerator json, StoreSnapshot snapshot) throws IOException {
        json.writeStringField("snapshot", what(snapshot));
        json.writeArrayFieldStart("problems_seen");
        for (String problem : snapshot.report().problems()) {
            json.writeString(problem);
        }
        json.writeEndArray();
    }
}
