package org.daxstore.cli.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a Java job measures: daxstore through one kind of access ({@code --access}), or one of
 * the baselines on a plain file beside the container ({@code --baselines}). fio's jobs are not
 * here: fio runs them ({@code org.daxstore.cli.workload.fio}).
 */
public enum JobKind {
    VIEW("view", "daxstore view", true),
    SCOPE("scope", "daxstore scope", true),
    POSITIONAL("positional", "daxstore positional", true),
    RAW("raw", "raw mmap", false),
    BUFFER("buffer", "MappedByteBuffer", false),
    CHANNEL("channel", "FileChannel", false);

    private final String option;
    private final String jobName;
    private final boolean daxstore;

    JobKind(String option, String jobName, boolean daxstore) {
        this.option = option;
        this.jobName = jobName;
        this.daxstore = daxstore;
    }

    /** The word for it in {@code --access} or {@code --baselines}. */
    public String option() {
        return option;
    }

    /** Its name in the table, the JSON and the charts. */
    public String jobName() {
        return jobName;
    }

    /** Whether it runs on the daxstore file (else on a plain file of its own). */
    public boolean isDaxstore() {
        return daxstore;
    }

    /**
     * The kinds a comma-separated list names, in its order.
     *
     * @param option   the option being read ({@code --access} or {@code --baselines}), for messages
     * @param text     the list; {@code none} for an empty one where {@code daxstore} is false
     * @param daxstore whether the list is of daxstore accesses or of baselines
     * @return the kinds, each once
     * @throws UsageException if a word names no kind of that group, or one is repeated
     */
    public static List<JobKind> list(String option, String text, boolean daxstore) {
        List<JobKind> kinds = new ArrayList<>();
        if (text.equals("none")) {
            return kinds;
        }
        for (String word : text.split(",", -1)) {
            JobKind kind = Stream.of(values()).filter(k -> k.daxstore == daxstore && k.option.equals(word)).findFirst()
                    .orElseThrow(() -> new UsageException(option + ": '" + word + "' is not one of " + names(daxstore)));
            if (kinds.contains(kind)) {
                throw new UsageException(option + ": '" + word + "' is given twice");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    private static String names(boolean daxstore) {
        String names = Stream.of(values()).filter(k -> k.daxstore == daxstore).map(JobKind::option)
                .collect(Collectors.joining(", "));
        return daxstore ? names : names + " (or none)";
    }
}
