package org.daxstore.nativebridge;

import java.nio.file.Path;

/**
 * Run by {@link PmemChildTest} in a child JVM, because libpmem reads its environment and the bridge
 * decides whether it loads once per process. Prints one {@code key=value} line per finding.
 *
 * <p>Arguments: a file to map, or none.
 */
public final class PmemChild {
    private PmemChild() {
    }

    public static void main(String[] args) {
        System.out.println("available=" + Pmem.isAvailable());
        System.out.println("reason=" + Pmem.unavailableReason());
        if (!Pmem.isAvailable()) {
            try {
                Pmem.persist(0, 0);
                System.out.println("persist=returned");
            } catch (NativeUnavailableException e) {
                System.out.println("persist=" + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return;
        }
        if (args.length > 0) {
            try (PmemMapping mapping = Pmem.mapFile(Path.of(args[0]))) {
                System.out.println("mapping.isPmem=" + mapping.isPmem());
                System.out.println("pmem_is_pmem=" + Pmem.isPmem(mapping.address(), mapping.length()));
            }
        }
    }
}
