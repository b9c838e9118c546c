package org.daxstore;

import java.util.List;

import org.daxstore.fs.RuleReport;

/**
 * What {@link DaxStore#check()} found: every broken rule of the format, each naming the structure
 * and where it is, and the counts the check gathered on the way. Immutable.
 */
public final class CheckReport {
    private final List<String> problems;
    private final int files;
    private final long usedBlocks;
    private final long freeBlocks;

    private CheckReport(List<String> problems, int files, long usedBlocks, long freeBlocks) {
        this.problems = List.copyOf(problems);
        this.files = files;
        this.usedBlocks = usedBlocks;
        this.freeBlocks = freeBlocks;
    }

    /** The public face of the internal report: the same findings, no internal type. */
    static CheckReport of(RuleReport report) {
        return new CheckReport(report.problems(), report.files(), report.usedBlocks(), report.freeBlocks());
    }

    /**
     * Whether the check found nothing wrong.
     *
     * @return true if no rule is broken
     */
    public boolean isConsistent() {
        return problems.isEmpty();
    }

    /**
     * The broken rules.
     *
     * @return one line per broken rule, unmodifiable; empty if the store is consistent
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * The live files the check saw.
     *
     * @return how many files the store holds
     */
    public int files() {
        return files;
    }

    /**
     * The data blocks files own.
     *
     * @return blocks holding file data or block-map nodes
     */
    public long usedBlocks() {
        return usedBlocks;
    }

    /**
     * The data blocks the bitmap marks free.
     *
     * @return free data blocks
     */
    public long freeBlocks() {
        return freeBlocks;
    }

    /**
     * The counts, then each problem on a line of its own.
     *
     * @return the report as text
     */
    @Override
    public String toString() {
        return RuleReport.describe(problems, files, usedBlocks, freeBlocks);
    }
}
