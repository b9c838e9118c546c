package org.daxstore.harness.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.harness.crash.Operation.Kind;
import org.junit.jupiter.api.Test;

/**
 * Crash-state enumeration in the default build: every single and paired operation on a fresh
 * and an aged store, and a few seeded random sequences, each image recovered and judged
 * ({@link CrashEnumeration} states the method and the oracle). Pairs are sampled above 8
 * unpersisted lines per fence here to keep the build short (about 21,000 images in about 30 s
 * on the project's 2-core machine); {@code scripts/crash-test.sh} runs every pair up to 64 lines.
 */
class CrashEnumerationTest {
    private static final long SEED = 20261126L;

    @Test
    void everySingleAndPairedOperationRecoversToTheStateBeforeOrAfterIt() throws IOException {
        Path dir = Scratch.directory("crash-");
        CrashEnumeration.Result result = CrashEnumeration.run(CrashEnumeration.Options.defaults(dir, SEED)
                .withSampling(8, 8, 2).withRandomSequences(0), images -> { });
        Files.deleteIfExists(dir);
        System.out.println(result.summary());
        assertEquals(0, result.inconsistent(), String.join("\n", result.failures()));
        assertTrue(result.images() >= 10_000, "only " + result.images() + " images");
        assertEquals(1 + 2 * (Catalogue.KINDS.size() + Catalogue.KINDS.size() * Catalogue.KINDS.size()),
                result.workloads());
        for (Kind kind : Kind.values()) {
            assertTrue(result.imagesByKind().getOrDefault(kind.label(), 0L) > (kind == Kind.FORMAT ? 5 : 100),
                    kind.label() + ": " + result.imagesByKind());
        }
    }

    @Test
    void seededRandomSequencesRecoverToTheStateBeforeOrAfterEachOperation() throws IOException {
        Path dir = Scratch.directory("crash-");
        CrashEnumeration.Result result = CrashEnumeration.run(CrashEnumeration.Options.defaults(dir, SEED)
                .withCatalogue(false).withSampling(8, 8, 2).withRandomSequences(6), images -> { });
        Files.deleteIfExists(dir);
        System.out.println(result.summary());
        assertEquals(0, result.inconsistent(), String.join("\n", result.failures()));
        assertEquals(6, result.workloads());
        assertTrue(result.images() > 500, "only " + result.images() + " images");
    }
}
