package org.daxstore.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.StoreOptions;
import org.junit.jupiter.api.Test;

/**
 * The exerciser in the default test run: 100,000 operations over 4 KiB blocks, and a shorter
 * run over 2 MiB blocks. The seeds are fixed so that a failure here replays with
 * {@code scripts/fsx.sh --seed ...}; the standalone script takes random seeds.
 */
class FsxTest {
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void hundredThousandOperationsAgreeWithTheModel() {
        Fsx.Result result = Fsx.run(Fsx.Options.defaults(DIR, 20261126L, 100_000), done -> { });
        assertNull(result.failureReport(), result.failureReport());
        assertEquals(100_000, result.operations());
        assertEquals(0, result.mismatches());
    }

    @Test
    void hugeBlocksAgreeWithTheModel() {
        Fsx.Options options = Fsx.Options.defaults(DIR, 7L, 5_000)
                .withBlockSize(StoreOptions.HUGE_BLOCK_SIZE).withCapacity(256L << 20).withMaxFileSize(6L << 20);
        Fsx.Result result = Fsx.run(options, done -> { });
        assertNull(result.failureReport(), result.failureReport());
        assertEquals(0, result.mismatches());
    }
}
