package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.daxstore.nativebridge.Pmem;
import org.daxstore.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * {@code persist} and {@code PersistBatch.persist} racing {@code DaxStore.close()} or
 * {@code delete} on another thread never crash the JVM: they check the store and the file
 * inside their access section, so close and delete wait for them, or they are refused. Issue 11
 * found persist reading the block map of a closed store from unmapped memory (SIGSEGV); the
 * batch checked before entering its section, so a close could finish in between.
 *
 * <p>Seeded rounds ({@link PersistRacingClose}) run in a child JVM, so that a crash fails this
 * test instead of killing the test run: on the automatic medium, and where libpmem loads on the
 * pmem medium with {@code PMEM_IS_PMEM_FORCE=1}, whose persist flushes every cache line of the
 * range. {@code -Ddaxstore.race.seed=S -Ddaxstore.race.rounds=N} replay or lengthen a run.
 */
class PersistRacingCloseTest {
    private static final long SEED = Long.getLong("daxstore.race.seed", 20261201L);
    private static final int ROUNDS = Integer.getInteger("daxstore.race.rounds", 300);

    @Test
    void persistingRacingCloseAndDeleteIsRefusedAndNeverCrashes() throws Exception {
        race(List.of(), Map.of());
    }

    @Test
    void persistingWithCacheLineFlushesRacingCloseAndDeleteIsRefusedAndNeverCrashes() throws Exception {
        assumeTrue(Pmem.isAvailable(), "libpmem is unavailable: " + Pmem.unavailableReason());
        race(List.of("daxstore.medium=pmem"), Map.of("PMEM_IS_PMEM_FORCE", "1"));
    }

    /** Runs the rounds in a directory of their own, deleted afterwards: a crashed child leaves its container. */
    private static void race(List<String> properties, Map<String, String> environment) throws Exception {
        Path dir = Files.createTempDirectory(TempStores.newContainerPath("race-").getParent(), "persist-race-");
        try {
            ChildJvm.Result result = ChildJvm.run(PersistRacingClose.class, properties, environment, 600,
                    Long.toString(SEED), Integer.toString(ROUNDS), dir.toString());
            String replay = " (replay: -Ddaxstore.race.seed=" + SEED + " -Ddaxstore.race.rounds=" + ROUNDS + ")";
            assertEquals(0, result.exitCode(), "the child JVM failed or crashed" + replay + ":\n" + result.output());
            assertTrue(result.output().contains("ok: " + ROUNDS + " rounds"), result.output() + replay);
        } finally {
            try (Stream<Path> left = Files.list(dir)) {
                left.forEach(TempStores::delete);
            }
            Files.delete(dir);
        }
    }
}
