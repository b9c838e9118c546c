package org.daxstore.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Group;

/**
 * Which benchmarks a run selected, by JMH's own rule: a benchmark runs if its name
 * ({@code org.daxstore.bench.FaultPathBench.viewLoad}; a {@code @Group}'s method goes by its
 * group's name) matches an include regex somewhere ({@code Matcher.find}) and no exclude one. The
 * report leaves out a row none of whose sides was selected (a run of {@code bench.sh FaultPath}
 * has no seqtex rows), and shows a row with only one side selected as not measured, naming the
 * side left out. It is decided from the selection rather than the results so that a selected
 * benchmark that failed still shows as n/a.
 */
final class RowSelection {
    /** Every benchmark: the suite's default. */
    static final RowSelection ALL = new RowSelection(List.of(), List.of());

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    /** No includes selects everything, as JMH does. */
    RowSelection(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(Pattern::compile).toList();
        this.excludes = excludes.stream().map(Pattern::compile).toList();
    }

    /** True if the run selected at least one side of {@code target}. */
    boolean covers(RatioTarget target) {
        return selects(target.bench(), target.numerator())
                || (!target.isAbsolute() && selects(target.bench(), target.denominator()));
    }

    /** True if the run selected {@code method} (a benchmark method, or one of a group) of {@code bench}. */
    boolean selects(String bench, String method) {
        String name = jmhName(bench, method);
        return (includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(name).find()))
                && excludes.stream().noneMatch(p -> p.matcher(name).find());
    }

    /** The name JMH knows {@code method} of {@code bench} by: its group's for a method of a {@code @Group}. */
    static String jmhName(String bench, String method) {
        String prefix = RowSelection.class.getPackageName() + "." + bench + ".";
        try {
            Class<?> type = Class.forName(prefix.substring(0, prefix.length() - 1));
            return prefix + Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(method))
                    .map(RowSelection::group).filter(g -> !g.isEmpty()).findFirst().orElse(method);
        } catch (ClassNotFoundException e) {
            return prefix + method;
        }
    }

    /** The {@code @Group} {@code method} belongs to, {@code ""} if none. */
    static String group(Method method) {
        Group group = method.getAnnotation(Group.class);
        return group == null ? "" : group.value();
    }
}
