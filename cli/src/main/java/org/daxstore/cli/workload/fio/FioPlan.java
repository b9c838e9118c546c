package org.daxstore.cli.workload.fio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.daxstore.cli.workload.Location;
import org.daxstore.nativebridge.Pmem;
import org.daxstore.nativebridge.PmemMapping;

/**
 * Which fio jobs a run gets, and a line for each one it does not get, saying why: no fio on the
 * PATH, a device DAX container (fio's file would have nowhere to go), an engine this fio lacks,
 * or {@code libpmem} on a directory that is not persistent memory.
 *
 * @param tool    the fio to run, or empty for none
 * @param engines the engines to run it with, in order
 * @param notes   what is skipped and why, one line each
 */
public record FioPlan(Optional<FioTool> tool, List<String> engines, List<String> notes) {
    /** fio's engines beside the Java jobs: the mapping, positional I/O, then libpmem where it applies. */
    static final List<String> ENGINES = List.of("mmap", "psync", "libpmem");
    static final String PMEM_FORCE = "PMEM_IS_PMEM_FORCE";

    public FioPlan {
        engines = List.copyOf(engines);
        notes = List.copyOf(notes);
    }

    /**
     * The plan for a run at {@code location}.
     *
     * @param environment the variables that decide: {@code PATH} (where fio is) and {@code PMEM_IS_PMEM_FORCE}
     * @param location    where the run's files go
     * @return the plan
     * @throws InterruptedException if this thread is interrupted while fio answers
     */
    public static FioPlan of(Map<String, String> environment, Location location) throws InterruptedException {
        if (location.isDeviceDax()) {
            return none("fio rows skipped: the container is a device DAX, which leaves fio no file system for its file"
                    + " (fio's dev-dax engine would overwrite the store)");
        }
        Optional<FioTool> found = FioTool.find(environment);
        if (found.isEmpty()) {
            return none("fio rows skipped: no fio on the PATH (on Debian or Ubuntu: apt-get install fio)");
        }
        FioTool fio = found.get();
        List<String> engines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String engine : ENGINES) {
            String whyNot = !fio.supports(engine) ? fio.version() + " has no " + engine + " engine"
                    : engine.equals("libpmem") ? whyNotPmem(environment, location) : null;
            if (whyNot == null) {
                engines.add(engine);
            } else {
                notes.add("fio " + engine + " skipped: " + whyNot);
            }
        }
        return new FioPlan(found, engines, notes);
    }

    /** No fio at all, and why. */
    public static FioPlan none(String why) {
        return new FioPlan(Optional.empty(), List.of(), List.of(why));
    }

    /**
     * Why libpmem's engine does not fit here, or null if it does: libpmem must say that a
     * mapping of a file in the directory is persistent memory, unless {@code PMEM_IS_PMEM_FORCE=1}
     * asks for it anyway (as the tests of the flush path do on tmpfs; nothing is durable then).
     */
    static String whyNotPmem(Map<String, String> environment, Location location) {
        if ("1".equals(environment.get(PMEM_FORCE))) {
            return null;
        }
        if (!Pmem.isAvailable()) {
            return "libpmem is not available here (" + Pmem.unavailableReason() + ")";
        }
        Path probe = location.file("pmem-probe");
        try (PmemMapping mapping = Pmem.mapFile(probe, 4096, Pmem.FILE_CREATE, 0600)) {
            return mapping.isPmem() ? null : "pmem_is_pmem is 0 in " + location.directory() + " (not persistent memory;"
                    + " " + PMEM_FORCE + "=1 runs it anyway)";
        } catch (RuntimeException e) {
            return "cannot ask libpmem about " + location.directory() + ": " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // inside the run's directory, which goes at the end of the run
            }
        }
    }
}
