package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * fsx on a directory whose file system fills up: the kernel oracle's files cannot grow, which is
 * the directory's fault and not a mismatch of the store's, so the tool says so in one line and
 * counts no mismatch.
 */
class FsxFullDirectoryTest {
    @Test
    void aFullFileSystemUnderTheKernelOracleIsAnEnvironmentErrorNotAMismatch() throws Exception {
        try (SmallTmpfs tmpfs = SmallTmpfs.mount("8m"); CliSession cli = new CliSession("fsx-full-")) {
            Files.write(tmpfs.resolve("fill"), new byte[7000 * 1024]);
            int status = cli.run("fsx", "--ops", "3000", "--seed", "9", "--capacity", "4m", "--oracle", "kernel",
                    "--dir", tmpfs.path().toString());
            assertEquals(1, status, cli.out() + cli.err());
            assertEquals(1, cli.err().lines().count(), cli.err());
            assertTrue(cli.err().startsWith("daxstore: " + tmpfs.path() + ": the file system under --dir is full"), cli.err());
            assertTrue(!cli.out().contains("mismatches"), cli.out());
        }
    }
}
