package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.daxstore.format.Layout;
import org.daxstore.harness.crash.CrashEnumeration;
import org.daxstore.harness.crash.KillCampaign;
import org.daxstore.harness.exercise.Fsx;
import org.daxstore.harness.exercise.Stress;
import org.daxstore.harness.exercise.fuzz.FuzzResult;
import org.daxstore.harness.exercise.fuzz.ImageFuzzer;
import org.daxstore.media.ForwardingMedium;
import org.daxstore.media.Medium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Every inconsistent case a campaign reports comes with the command that replays it, and the
 * command does. Each campaign runs once with a fault injected into that run alone (a damaged
 * image or container, a medium that lies), so it reports failures; the replay command of the
 * first is parsed by the tool's own option parser into the options it would run, and run again
 * with the same fault: it must report the same case.
 */
class ReplayCommandTest {
    private static final Pattern REPLAY = Pattern.compile("(?:\\[replay: |replay: )(?:daxstore|scripts/fsx\\.sh) ?(\\S*) ([^\\]\\n(]*)");

    private Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "replay-");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Both superblocks of a crash image wiped, so that it does not open; only in images whose
     * journal record is past transaction 60, which the aged store's history (40 operations and
     * the base files) reaches and the fresh store's does not. So every image of the aged
     * workload fails, those drawn at random among the unpersisted lines included, and no image of
     * the run's first workload (fresh) does.
     */
    private static final Consumer<Path> LATE_IMAGES_WIPED = image -> {
        if (readLong(image, Layout.JOURNAL_OFFSET + org.daxstore.format.JournalFormat.SEQUENCE_AT) > 60) {
            overwrite(image, Layout.PRIMARY_SUPERBLOCK, new byte[512]);
            overwrite(image, Layout.SECONDARY_SUPERBLOCK, new byte[512]);
        }
    };

    @Test
    void aCrashImageReplaysFromItsWorkloadNumber() {
        CrashTestCommand campaign = parse(new CrashTestCommand(), "--seed", "42", "--skip-catalogue", "--sequences", "2",
                "--images", "0", "--pairs", "2", "--sampled-pairs", "2", "--larger-subsets", "2");
        List<Long> judged = new ArrayList<>();
        CrashEnumeration.Result broken = CrashEnumeration.run(campaign.enumerationOptions(dir, 42)
                .withImageFault(recording(judged).andThen(LATE_IMAGES_WIPED)), images -> { });
        assertTrue(broken.inconsistent() > 0, "the wiped images went unnoticed: " + broken.summary());
        String first = broken.failures().get(0);
        // Of the run's second workload (random sequence 1, seed 42 + 2, aged): its replay runs it
        // first, so its images must follow from its number alone, not from where it came in the run.
        assertTrue(first.startsWith("random sequence (seed 44) on an aged store"), first);

        CrashTestCommand replay = parse(new CrashTestCommand(), replayArguments(first, "crash-test"));
        List<Long> replayed = new ArrayList<>();
        CrashEnumeration.Result again = CrashEnumeration.run(replay.enumerationOptions(dir, replay.seed)
                .withImageFault(recording(replayed).andThen(LATE_IMAGES_WIPED)), images -> { });
        assertEquals(1, again.workloads(), "the replay runs one workload");
        // Every image the workload judged in the campaign (the last it ran), in the same order, pairs
        // of lines drawn at random included; the same failures, and as many.
        assertEquals(judged.subList(judged.size() - replayed.size(), judged.size()), replayed,
                "the replay judges the images the campaign judged");
        String command = first.substring(first.indexOf(" [replay: "));
        List<String> ofThatWorkload = broken.failures().stream().filter(f -> f.endsWith(command)).toList();
        assertEquals(ofThatWorkload, again.failures().subList(0, ofThatWorkload.size()));
        assertEquals(broken.inconsistent(), again.inconsistent());
    }

    /**
     * Records a checksum of each image (past the superblocks, whose UUID each format draws at
     * random) into {@code into}, and changes nothing.
     */
    private static Consumer<Path> recording(List<Long> into) {
        return image -> {
            try {
                byte[] bytes = Files.readAllBytes(image);
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(bytes, (int) Layout.JOURNAL_OFFSET, bytes.length - (int) Math.min(bytes.length, Layout.JOURNAL_OFFSET));
                into.add(bytes.length < Layout.JOURNAL_OFFSET ? -bytes.length : crc.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void aKillRoundReplaysFromItsIndex() {
        // A container cut short by a block after the child was killed: the store no longer opens.
        Consumer<Path> cutShort = container -> truncate(container, 4096);
        CrashTestCommand campaign = parse(new CrashTestCommand(), "--seed", "7", "--kills", "4", "--kill-ops", "20",
                "--images", "0", "--sequences", "0", "--skip-catalogue", "--fuzz", "0");
        KillCampaign.Result broken = KillCampaign.run(campaign.killOptions(dir, 7).withContainerFault(cutShort), done -> { });
        assertTrue(broken.inconsistent() > 0, "the cut containers went unnoticed: " + broken.summary());
        // A round after the first: its replay runs it alone, so its plan must follow from its index.
        String first = broken.failures().stream().filter(f -> !f.startsWith("round 0 ")).findFirst()
                .orElseThrow(() -> new AssertionError("only round 0 failed: " + broken.failures()));
        Matcher round = Pattern.compile("^(round \\d+ \\(seed -?\\d+, planned kill \\d+ us after 'done -?\\d+'\\)), killed after"
                + " 'done -?\\d+': (.*?)(;| \\[)").matcher(first);
        assertTrue(round.find(), first);

        CrashTestCommand replay = parse(new CrashTestCommand(), replayArguments(first, "crash-test"));
        KillCampaign.Result again = KillCampaign.run(replay.killOptions(dir, replay.seed).withContainerFault(cutShort),
                done -> { });
        assertEquals(1, again.rounds());
        assertEquals(1, again.inconsistent(), "the replayed round: " + again.failures());
        String replayed = again.failures().get(0);
        // The kill lands wherever the child is after the round's delay: the same round and plan, the same verdict.
        assertTrue(replayed.startsWith(round.group(1) + ", killed after"), replayed);
        assertTrue(replayed.contains(round.group(2)), replayed);
        assertEquals(first.substring(first.indexOf(" [replay: ")), replayed.substring(replayed.indexOf(" [replay: ")));
    }

    @Test
    void aFuzzedImageReplaysFromItsIndex() {
        // The image changes under the checker: fsck saw it whole, then both superblocks lose their magic.
        Consumer<Path> swapped = image -> {
            overwrite(image, Layout.PRIMARY_SUPERBLOCK, new byte[8]);
            overwrite(image, Layout.SECONDARY_SUPERBLOCK, new byte[8]);
        };
        FuzzResult broken = ImageFuzzer.run(5, 0, 40, dir, done -> { }, swapped);
        assertFalse(broken.failures().isEmpty(), "the swapped images went unnoticed: " + broken.summary());
        String first = broken.failures().get(0);

        FuzzCommand replay = parse(new FuzzCommand(), replayArguments(first, "fuzz"));
        FuzzResult again = ImageFuzzer.run(replay.seed, replay.first, replay.images, dir, done -> { }, swapped);
        assertEquals(List.of(first), again.failures());
    }

    /**
     * A medium that maps the second data block of {@code layout} onto the first, as a bad page
     * table would: two blocks that the allocator gives out, to one file or two, share bytes.
     */
    private static UnaryOperator<Medium> aliasing(Layout layout) {
        long first = layout.blockOffset(layout.firstDataBlock());
        long block = layout.blockSize();
        return medium -> new ForwardingMedium(medium) {
            @Override
            public long address(long offset) {
                return super.address(offset >= first + block && offset < first + 2 * block ? offset - block : offset);
            }
        };
    }

    @Test
    void anFsxMismatchReplaysFromItsSeedAndOptions() {
        FsxCommand campaign = parse(new FsxCommand(), "--seed", "3", "--ops", "200000", "--capacity", "8m",
                "--max-file-size", "256k", "--files", "6", "--dir", dir.toString());
        UnaryOperator<Medium> aliased = aliasing(org.daxstore.format.Layout.forOptions(8 << 20, 4096, 1024));
        Fsx.Result broken = Fsx.run(campaign.options(3), aliased, done -> { });
        assertNotNull(broken.failureReport(), "the aliased blocks went unnoticed in " + broken.operations() + " ops");

        FsxCommand replay = parse(new FsxCommand(), replayArguments(broken.failureReport(), ""));
        Fsx.Result again = Fsx.run(replay.options(replay.seed), aliased, done -> { });
        // Messages name the container, which lies in a run directory of its own each time.
        assertEquals(withoutRunDirectory(firstLine(broken.failureReport())),
                withoutRunDirectory(firstLine(again.failureReport())));
        assertEquals(broken.operations(), again.operations());
    }

    @Test
    void aStressViolationReplaysFromItsSeedAndOptions() throws Exception {
        StressCommand campaign = parse(new StressCommand(), "--seed", "11", "--seconds", "1", "--dir", dir.toString());
        // The stress's store: 4 MiB, 4 files and 8 inodes to spare (Stress.run).
        UnaryOperator<Medium> aliased = aliasing(org.daxstore.format.Layout.forOptions(4 << 20, 4096, 12));
        Stress.Result broken = Stress.run(campaign.options(11), aliased, done -> { });
        assertTrue(broken.violations() > 0, "the aliased blocks went unnoticed");

        StressCommand replay = parse(new StressCommand(), replayArguments(broken.report(), "stress"));
        assertEquals(campaign.options(11), replay.options(replay.seed), "the replay runs with the same options");
        Stress.Result again = Stress.run(replay.options(replay.seed), aliased, done -> { });
        assertTrue(again.violations() > 0, "the replay found no violation");
    }

    /** The arguments of the first replay command in {@code report}, which must be of {@code command}. */
    private String[] replayArguments(String report, String command) {
        Matcher replay = REPLAY.matcher(report);
        assertTrue(replay.find(), "no replay command in: " + report);
        String[] words = (replay.group(1) + " " + replay.group(2)).strip().split(" +");
        if (!command.isEmpty()) {
            assertEquals(command, words[0], report);
            words = Arrays.copyOfRange(words, 1, words.length);
        }
        // The replay runs in this test's directory, as the original did.
        String[] withDir = Arrays.copyOf(words, words.length + 2);
        withDir[words.length] = "--dir";
        withDir[words.length + 1] = dir.toString();
        return Arrays.asList(words).contains("--dir") ? words : withDir;
    }

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** {@code text} with fsx's run directory ({@code daxstore-fsx-<pid>-<random>}) in any path made the same. */
    private static String withoutRunDirectory(String text) {
        return text.replaceAll("daxstore-fsx-\\d+-\\d+", "daxstore-fsx-RUN");
    }

    private static void overwrite(Path file, long offset, byte[] bytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() >= offset + bytes.length) {
                channel.write(ByteBuffer.wrap(bytes), offset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long readLong(Path file, long offset) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.read(buffer, offset);
            return buffer.getLong(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void truncate(Path file, long by) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() > 2 * by) {
                channel.truncate(channel.size() - by);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
