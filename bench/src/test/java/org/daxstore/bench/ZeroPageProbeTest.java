package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.StatFs;
import org.junit.jupiter.api.Test;

/**
 * The kernel behaviour FAULT-PATH.md's decision on optimistic loads cites, on the tmpfs of the
 * benchmark directory: if a kernel changes it, the decision's numbers and safety argument are
 * to be redone.
 */
class ZeroPageProbeTest {
    private static final int PAGE = ZeroPageRemapBench.PAGE;

    @Test
    void coversCostTwoMappingsEachReadZerosAllocateNothingAndMergeBackWhenUncovered() throws Exception {
        assumeTrue(LibC.isAvailable(), "needs the native bridge: " + LibC.unavailableReason());
        Path dir = Path.of(System.getProperty("daxstore.bench.dir", "/dev/shm"));
        StatFs fs = LibC.statfs(dir.toString());
        assumeTrue(fs.type() == LibC.TMPFS_MAGIC, dir + " is not tmpfs");

        int pages = 64;
        ZeroPageProbe.Facts facts = ZeroPageProbe.facts(pages);

        assertEquals(facts.mapsBefore() + 2 * pages, facts.mapsCovered(), "each scattered cover splits the mapping: " + facts);
        assertEquals(facts.mapsBefore(), facts.mapsUncovered(), "uncovered pages merge back into one mapping: " + facts);
        assertEquals(facts.allocatedBacked() - (long) pages * PAGE, facts.allocatedPunched(), facts.toString());
        assertTrue(facts.coveredLoadsReadZero(), facts.toString());
        assertEquals(facts.allocatedPunched(), facts.allocatedAfterCoveredLoads(), "a load from a cover allocated: " + facts);
        assertTrue(facts.strayLoadReadZero(), facts.toString());
        assertEquals(facts.allocatedPunched() - PAGE, facts.allocatedStrayPunched(), facts.toString());
        assertEquals(facts.allocatedStrayPunched() + PAGE, facts.allocatedAfterStrayLoad(),
                "a load from a punched page that is still mapped re-allocates it (the hazard): " + facts);
    }
}
