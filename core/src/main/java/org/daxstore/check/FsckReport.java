package org.daxstore.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the offline {@link Fsck} found in a container file.
 *
 * @param image        the container file checked
 * @param status       the verdict, which is also the exit status of {@code daxstore fsck}
 * @param problems     one line per broken rule (or, when unusable, the reason), naming where:
 *                     file offsets, inode numbers, block numbers, file names
 * @param notes        what was found that breaks no rule: the journal's state, an unclean
 *                     shutdown, a replay the next open will make
 * @param files        valid in-use inodes
 * @param usedBlocks   data blocks reached from the files' block maps (data and map nodes)
 * @param freeBlocks   data blocks the bitmap marks free
 * @param pendingWords words of the journal record that the next open would change (0 when the
 *                     store was closed cleanly or the record is already applied)
 */
public record FsckReport(Path image, Status status, List<String> problems, List<String> notes, int files,
                         long usedBlocks, long freeBlocks, long pendingWords) {

    /** The verdict; {@link #exitCode} is the command's exit status. */
    public enum Status {
        /** Every rule holds (after the pending journal replay, if there is one): 0. */
        CLEAN(0),
        /** A container whose contents break a rule: 1. */
        INCONSISTENT(1),
        /** Not checkable: not a container, both superblocks damaged, locked by a running store, an I/O error: 2. */
        UNUSABLE(2);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public FsckReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    static FsckReport unusable(Path image, String reason) {
        return new FsckReport(image, Status.UNUSABLE, List.of(reason), List.of(), 0, 0, 0, 0);
    }

    public int exitCode() {
        return status.exitCode();
    }

    /** One line: the verdict and the counts, or the reason the image could not be checked. */
    public String summary() {
        return image + ": " + verdict();
    }

    /** The summary without the image's name: {@code clean: 2 files, ...}. */
    String verdict() {
        return switch (status) {
            case CLEAN -> "clean: " + counts();
            case INCONSISTENT -> "inconsistent: " + problems.size() + " problem(s); " + counts();
            case UNUSABLE -> "unusable: " + problems.get(0);
        };
    }

    private String counts() {
        return files + " files, " + usedBlocks + " blocks used, " + freeBlocks + " free"
                + (pendingWords > 0 ? ", " + pendingWords + " words of journal replay pending" : "");
    }

    /** The notes, the problems and the summary, a line each (what {@link #toString} joins). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        notes.forEach(note -> lines.add("note: " + note));
        if (status != Status.UNUSABLE) {
            problems.forEach(problem -> lines.add("problem: " + problem));
        }
        lines.add("fsck: " + summary());
        return lines;
    }

    /** The notes, the problems and the summary, one per line. */
    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines());
    }
}
