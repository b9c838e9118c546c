package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code daxstore workload}'s refusals: each a usage error, status 2, one line
 * {@code daxstore: <option>...} on standard error, nothing on standard output, and nothing left
 * in the directory the run was pointed at.
 */
class WorkloadOptionsTest {
    @Test
    void badBlockSizesAreRefused() throws Exception {
        refused("--bs: 3000 is not a power of two from 64 to 2m", "--bs", "3000");
        refused("--bs: 32 is outside the accepted range, 64 to 2097152", "--bs", "32");
        refused("--bs: 4194304 is outside the accepted range", "--bs", "4m");
        refused("Invalid value for option '--bs': 'lots' is not a size", "--bs", "lots");
        refused("--sweep: 'bs=64k,x': 'x' is not a size", "--sweep", "bs=64k,x");
        refused("--bs: 3k is not a power of two", "--sweep", "bs=4k,3k");
        refused("--size: 4k is smaller than the block size 64k (--bs)", "--bs", "64k", "--size", "4k");
    }

    @Test
    void aMixOutOfRangeOrWithoutRandrwIsRefused() throws Exception {
        refused("--mix: 101 is outside the accepted range, 0 to 100", "--rw", "randrw", "--mix", "101");
        refused("--mix: -1 is outside the accepted range, 0 to 100", "--rw", "randrw", "--mix", "-1");
        refused("--mix applies to --rw randrw only (--rw write is all writes)", "--rw", "write", "--mix", "50");
        refused("--rw: 'randomread' is not one of read, write, randread, randwrite, randrw", "--rw", "randomread");
    }

    @Test
    void zeroThreadsAreRefused() throws Exception {
        refused("--threads: 0 is outside the accepted range, 1 to 1024", "--threads", "0");
        refused("--threads: 0 is outside the accepted range, 1 to 1024", "--sweep", "threads=1,0");
    }

    @Test
    void timeAndOpsBothOrNeitherAreRefused() throws Exception {
        refused("--time and --ops both given", "--time", "1s", "--ops", "10");
        refusedWithoutTime("give --time or --ops: how long each job runs");
        refused("Invalid value for option '--time': 'soon' is not a duration", "--time", "soon");
        refused("--time: too short, at least 1ms", "--time", "0");
        refused("--ops: 0 is outside the accepted range", "--ops", "0");
    }

    @Test
    void aDeviceThatIsNoFileOrDeviceDaxIsRefused() throws Exception {
        refused("--device /dev/null: a character device that is not a device DAX node", "--device", "/dev/null");
        try (CliSession cli = new CliSession("workload-options-")) {
            assertRefused(cli, "--device " + cli.dir() + ": a directory", "--time", "1s", "--device", cli.dir().toString());
            Path someonesFile = Files.writeString(cli.dir().resolve("data"), "keep me");
            assertRefused(cli, "--device " + someonesFile + ": exists; the run formats a container of its own there",
                    "--time", "1s", "--device", someonesFile.toString());
            assertEquals("keep me", Files.readString(someonesFile));
            assertRefused(cli, "--dir and --device both given", "--time", "1s", "--device", cli.dir().resolve("new").toString(),
                    "--dir", cli.dir().toString());
        }
    }

    @Test
    void aDirectoryThatRefusesFilesIsRefused() throws Exception {
        // Root writes anywhere a mode allows, so take file systems that refuse new files to everyone.
        refused("--dir /sys: cannot create files there (Operation not permitted)", "--dir", "/sys");
        refused("--dir /proc: cannot create files there (the file system refuses new files)", "--dir", "/proc");
        refused("--dir /no/such/directory: no such directory", "--dir", "/no/such/directory");
        refused("--dir /etc/hostname: not a directory", "--dir", "/etc/hostname");
    }

    @Test
    void otherBadValuesAreRefused() throws Exception {
        refused("--persist: 'sometimes' is not none, each or batch:N", "--persist", "sometimes");
        refused("--persist: 'batch:0': N of batch:N is a whole number from 1 to 1048576", "--persist", "batch:0");
        refused("--access: 'mmap' is not one of view, scope, positional", "--access", "mmap");
        refused("--baselines: 'raw' is given twice", "--baselines", "raw,raw");
        refused("--sweep: 'depth=4': give threads=N,N,... and bs=SIZE,SIZE,..., each once", "--sweep", "depth=4");
        refused("--sweep threads=... and --threads both given", "--sweep", "threads=1,2", "--threads", "2");
        refused("--block-size: 1048575 is not a power of two from 4k to 2m", "--block-size", "1048575");
        refused("--block-size: 4194304 is outside the accepted range, 4096 to 2097152", "--block-size", "4m");
        refused("Unknown option: '--iodepth=4'", "--iodepth=4");
    }

    /** Refused with a time given, in a fresh directory, which the refusal leaves empty. */
    private static void refused(String start, String... args) throws Exception {
        try (CliSession cli = new CliSession("workload-options-")) {
            List<String> all = new ArrayList<>(List.of(args));
            if (!all.contains("--time") && !all.contains("--ops")) {
                all.addAll(List.of("--time", "1s"));
            }
            if (!all.contains("--dir") && !all.contains("--device")) {
                all.addAll(List.of("--dir", cli.dir().toString()));
            }
            assertRefused(cli, start, all.toArray(String[]::new));
        }
    }

    private static void refusedWithoutTime(String start) throws Exception {
        try (CliSession cli = new CliSession("workload-options-")) {
            assertRefused(cli, start, "--dir", cli.dir().toString());
        }
    }

    private static void assertRefused(CliSession cli, String start, String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("workload"), Stream.of(args)).toArray(String[]::new);
        List<String> before = list(cli.dir());
        int status = cli.run(command);
        String where = String.join(" ", command) + ": " + cli.err();
        assertEquals(2, status, where);
        assertTrue(cli.err().startsWith("daxstore: " + start), where);
        assertEquals(1, cli.err().lines().count(), where);
        assertEquals("", cli.out(), where);
        assertEquals(before, list(cli.dir()), "the refusal left files behind: " + where);
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
