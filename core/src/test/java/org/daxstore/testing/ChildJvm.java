package org.daxstore.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a child JVM, for what a process decides once:
 * whether the native bridge or libpmem loads, what {@code PMEM_IS_PMEM_FORCE} says, which medium
 * property is set. The child inherits this JVM's medium property unless the caller sets one.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    public record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code main} with the system properties {@code properties} ("name=value"), the extra
     * environment {@code environment}, and {@code args}; fails the test if it runs over
     * {@code timeoutSeconds}.
     */
    public static Result run(Class<?> main, List<String> properties, Map<String, String> environment,
                             long timeoutSeconds, String... args) throws Exception {
        return run(List.of(), main, properties, environment, timeoutSeconds, args);
    }

    /** As {@link #run(Class, List, Map, long, String...)}, with JVM options first (such as {@code -Xmx64m}). */
    public static Result run(List<String> jvmOptions, Class<?> main, List<String> properties, Map<String, String> environment,
                             long timeoutSeconds, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dchronicle.analytics.disable=true"));
        String medium = System.getProperty("daxstore.medium");
        if (medium != null && properties.stream().noneMatch(p -> p.startsWith("daxstore.medium="))) {
            command.add("-Ddaxstore.medium=" + medium);
        }
        properties.forEach(p -> command.add("-D" + p));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(timeoutSeconds, TimeUnit.SECONDS), "the child JVM did not finish: " + output);
        return new Result(process.exitValue(), output);
    }
}
