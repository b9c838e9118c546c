package org.daxstore.cli.workload.fio;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fio on the PATH, with its version and the I/O engines it was built with
 * ({@code fio --enghelp}): Debian's fio has {@code mmap}, {@code psync} and {@code libpmem}, but
 * a fio built without libpmem lacks the last.
 */
public final class FioTool {
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(30);

    private final Path executable;
    private final String version;
    private final Set<String> engines;

    FioTool(Path executable, String version, Set<String> engines) {
        this.executable = executable;
        this.version = version;
        this.engines = Set.copyOf(engines);
    }

    /**
     * The first {@code fio} on the {@code PATH} of {@code environment} that runs.
     *
     * @param environment the variables to look in (the process's own, or a test's)
     * @return the tool, or empty if there is none
     * @throws InterruptedException if this thread is interrupted while fio answers
     */
    public static Optional<FioTool> find(Map<String, String> environment) throws InterruptedException {
        String path = environment.getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "fio");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                FioProcess version = FioProcess.run(List.of(candidate.toString(), "--version"), PROBE_LIMIT);
                FioProcess help = FioProcess.run(List.of(candidate.toString(), "--enghelp"), PROBE_LIMIT);
                if (version.status() == 0) {
                    return Optional.of(new FioTool(candidate, version.out().strip(), engines(help.out())));
                }
            }
        }
        return Optional.empty();
    }

    /** The engine names {@code fio --enghelp} lists, one a line after its heading. */
    static Set<String> engines(String enghelp) {
        return Stream.of(enghelp.split("\n")).skip(1).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.toSet());
    }

    public Path executable() {
        return executable;
    }

    /** What {@code fio --version} says, e.g. {@code fio-3.33}. */
    public String version() {
        return version;
    }

    /** Whether this fio has the engine. */
    public boolean supports(String engine) {
        return engines.contains(engine);
    }
}
