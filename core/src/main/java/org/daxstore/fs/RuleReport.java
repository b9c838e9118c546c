package org.daxstore.fs;

import java.util.List;

/**
 * What a check of the format's rules found ({@link ImageRules}; the online and offline checks of
 * {@code check} and, in the public package, {@code CheckReport} built from it): every broken rule, each naming the structure and where it is, plus the
 * counts it gathered on the way.
 *
 * @param problems    one line per broken rule; empty if the store is consistent
 * @param files       live files
 * @param usedBlocks  data blocks owned by files (data and block-map nodes)
 * @param freeBlocks  data blocks marked free in the bitmap
 */
public record RuleReport(List<String> problems, int files, long usedBlocks, long freeBlocks) {
    public boolean isConsistent() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return describe(problems, files, usedBlocks, freeBlocks);
    }

    /** The counts, then each problem on a line of its own: the text of this and of the public {@code CheckReport}. */
    public static String describe(List<String> problems, int files, long usedBlocks, long freeBlocks) {
        StringBuilder text = new StringBuilder();
        text.append(files).append(" files, ").append(usedBlocks).append(" blocks used, ")
                .append(freeBlocks).append(" free: ")
                .append(problems.isEmpty() ? "consistent" : problems.size() + " problem(s)");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }
}
