package org.daxstore.harness.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

import org.daxstore.CheckReport;
import org.daxstore.CorruptStoreException;
import org.daxstore.DaxStore;

/**
 * Recovers one crash image as a user would and judges the result. The image is written to a
 * file and opened with {@link DaxStore#open(Path)}, which replays the journal and checks the
 * store before it returns; then {@link DaxStore#check()} runs, the {@link Oracle} compares the
 * store with the model, the store is closed and the offline fsck runs ({@link OfflineCheck}).
 *
 * <p>Recovery must be idempotent (a crash during or right after recovery is a crash like any
 * other): the container as the first open left it (before close, so not marked clean) is
 * written to a second file and opened again, and its bytes after that second recovery must
 * equal the first's, superblock included.
 *
 * <p>Not thread-safe; one instance owns two files in {@code dir}.
 */
final class ImageCheck implements AutoCloseable {
    private final Path image;
    private final Path again;
    private final Consumer<Path> fault;
    /** Reused: at a megabyte per image, fresh arrays would keep the collector busy. */
    private byte[] recovered = new byte[0];
    private byte[] twice = new byte[0];

    ImageCheck(Path dir) {
        this(dir, image -> { });
    }

    /** Judges images in {@code dir}; {@code fault} is applied to each image's file before it is opened (a test's injected fault). */
    ImageCheck(Path dir, Consumer<Path> fault) {
        this.image = dir.resolve("image.dax");
        this.again = dir.resolve("again.dax");
        this.fault = fault;
    }

    /**
     * Judges {@code bytes} as the container a crash left inside an operation that took the model
     * from {@code before} to {@code after}. {@code before} is null inside format: then opening
     * may also fail as "no store" ({@link CorruptStoreException} or its subclass
     * {@link org.daxstore.NotAContainerException}).
     *
     * @return null if the outcome is allowed; otherwise what is wrong
     */
    String judge(byte[] bytes, StoreModel before, StoreModel after, Operation.DataRange range) {
        write(image, bytes);
        fault.accept(image);
        DaxStore store;
        try {
            store = DaxStore.open(image);
        } catch (CorruptStoreException e) {
            return before == null ? null : "recovery failed: " + e;
        } catch (RuntimeException e) {
            return "opening the image failed: " + describe(e);
        }
        try (store) {
            CheckReport report = store.check();
            if (!report.isConsistent()) {
                return "DaxStore.check() after recovery: " + report;
            }
            String verdict = Oracle.judge(store, before == null ? after : before, after, range);
            if (verdict != null) {
                return verdict;
            }
            recovered = read(image, recovered);
        } catch (RuntimeException e) {
            return "reading the recovered store failed: " + describe(e);
        }
        String fsck = OfflineCheck.problems(image);
        if (fsck != null) {
            return "fsck of the recovered, closed image: " + fsck;
        }
        return recoveredAgain();
    }

    private String recoveredAgain() {
        write(again, recovered);
        try (DaxStore store = DaxStore.open(again)) {
            CheckReport report = store.check();
            if (!report.isConsistent()) {
                return "DaxStore.check() after recovering the recovered image again: " + report;
            }
            twice = read(again, twice);
            long at = Arrays.mismatch(recovered, twice);
            return at < 0 ? null : "recovery is not idempotent: recovering the recovered image again changes byte " + at;
        } catch (RuntimeException e) {
            return "recovering the recovered image again failed: " + describe(e);
        }
    }

    private static String describe(RuntimeException e) {
        return e + " at " + Arrays.toString(Arrays.copyOf(e.getStackTrace(), Math.min(4, e.getStackTrace().length)));
    }

    private static void write(Path path, byte[] bytes) {
        // Overwrite in place rather than truncate first: tmpfs keeps the pages, and a campaign
        // writes thousands of images of one size.
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.truncate(bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes, in {@code into} if it has the file's length. */
    private static byte[] read(Path path, byte[] into) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] bytes = into.length == channel.size() ? into : new byte[Math.toIntExact(channel.size())];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
                continue;
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(image);
            Files.deleteIfExists(again);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
